// The hash-chained audit log: every state change appends an entry whose hash covers the previous hash and the
// entry itself, and verification walks the chain (and the consent events it vouches for) to the first break.

import { createHash } from 'node:crypto';
import type { AuditEntry, AuditEntryInput, Store } from '../store/store.js';
import { canonicalJson } from './canonical-json.js';
import { ConsentDigest, type ConsentRange } from './consent-digest.js';

/** The prevHash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** sha256(prevHash + canonicalJson(entry without hash)). */
export function auditHash(entry: Omit<AuditEntry, 'hash'>): string {
  const body: Omit<AuditEntry, 'hash'> = {
    seq: entry.seq,
    at: entry.at,
    actor: entry.actor,
    action: entry.action,
    subject: entry.subject,
    payload: entry.payload,
    prevHash: entry.prevHash,
  };
  return createHash('sha256')
    .update(entry.prevHash + canonicalJson(body))
    .digest('hex');
}

/**
 * Appends an entry to the chain. Call it with the transaction that makes the change it records, so the change and
 * its entry commit together.
 *
 * @example await store.transaction(async (tx) => { await tx.savePolicy(p); await appendAudit(tx, { ... }); });
 */
export async function appendAudit(store: Store, input: AuditEntryInput): Promise<AuditEntry> {
  const [entry] = await appendAuditEntries(store, [input]);
  if (!entry) throw new Error('audit: no entry appended');
  return entry;
}

/**
 * Appends several entries, in order, with one read of the chain's head and one write (a group of consent changes
 * recorded together). Same rule as `appendAudit`: call it with the transaction that makes the changes.
 */
export async function appendAuditEntries(
  store: Store,
  inputs: readonly AuditEntryInput[],
): Promise<readonly AuditEntry[]> {
  if (inputs.length === 0) return [];
  return store.transaction(async (tx) => {
    let last = await tx.lastAuditEntry();
    const entries: AuditEntry[] = [];
    for (const input of inputs) {
      last = chained(last, input);
      entries.push(last);
    }
    await tx.appendAuditEntries(entries);
    return entries;
  });
}

/** The entry that follows `last` (or starts the chain). */
function chained(last: AuditEntry | undefined, input: AuditEntryInput): AuditEntry {
  // Round-trip the payload through JSON so the hash covers exactly what the store keeps.
  const payload = JSON.parse(JSON.stringify(input.payload ?? {})) as Record<string, unknown>;
  const unsigned: Omit<AuditEntry, 'hash'> = {
    seq: (last?.seq ?? 0) + 1,
    at: input.at,
    actor: input.actor,
    action: input.action,
    subject: input.subject,
    payload,
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  return { ...unsigned, hash: auditHash(unsigned) };
}

export interface AuditVerification {
  readonly ok: boolean;
  readonly entries: number;
  /** Hash of the last entry, or null for an empty log. */
  readonly head: string | null;
  readonly firstBroken?: { readonly seq: number; readonly reason: string };
}

/** Reads the `consent` range of a payload, if the entry vouches for consent events. */
export function consentRangeOf(entry: AuditEntry): ConsentRange | undefined {
  const range = entry.payload.consent as Partial<ConsentRange> | undefined;
  if (typeof range !== 'object' || range === null) return undefined;
  const { firstSeq, lastSeq, count, digest } = range;
  if (typeof firstSeq !== 'number' || typeof lastSeq !== 'number' || typeof count !== 'number') return undefined;
  if (typeof digest !== 'string') return undefined;
  return { firstSeq, lastSeq, count, digest };
}

/**
 * Recomputes every link of the chain in batches, and the digest of the consent events each consent entry covers.
 * Reports the first broken entry: a sequence gap, a prev-link mismatch, a hash mismatch, consent events that no
 * longer match their digest, or consent events no entry covers.
 */
export async function verifyAudit(store: Store, options: { batchSize?: number } = {}): Promise<AuditVerification> {
  const batchSize = options.batchSize ?? 1000;
  let entries = 0;
  let prev: AuditEntry | undefined;
  let coveredUpTo = 0;
  const broken = (seq: number, reason: string): AuditVerification => ({
    ok: false,
    entries,
    head: prev?.hash ?? null,
    firstBroken: { seq, reason },
  });

  for await (const batch of store.scanAudit({ batchSize })) {
    for (const entry of batch) {
      const expectedSeq = (prev?.seq ?? 0) + 1;
      if (entry.seq !== expectedSeq) {
        return broken(entry.seq, `sequence gap: expected entry ${expectedSeq}, found ${entry.seq}`);
      }
      const expectedPrev = prev?.hash ?? GENESIS_HASH;
      if (entry.prevHash !== expectedPrev) {
        return broken(entry.seq, 'previous-hash link does not match the hash of the entry before it');
      }
      const { hash, ...unsigned } = entry;
      if (auditHash(unsigned) !== hash) {
        return broken(entry.seq, 'hash mismatch: the entry was changed after it was written');
      }
      const range = consentRangeOf(entry);
      if (range !== undefined) {
        if (range.firstSeq !== coveredUpTo + 1) {
          return broken(
            entry.seq,
            `consent events ${coveredUpTo + 1}..${range.firstSeq - 1} are not covered by any audit entry`,
          );
        }
        const digest = new ConsentDigest();
        for await (const events of store.scanConsentEvents({
          afterSeq: range.firstSeq - 1,
          upToSeq: range.lastSeq,
          batchSize,
        })) {
          digest.add(events);
        }
        const actual = digest.finish();
        if (actual === undefined || actual.count !== range.count || actual.digest !== range.digest) {
          return broken(
            entry.seq,
            `consent events ${range.firstSeq}..${range.lastSeq} do not match their recorded digest (changed, removed or inserted)`,
          );
        }
        coveredUpTo = range.lastSeq;
      }
      prev = entry;
      entries += 1;
    }
  }
  const headSeq = await store.consentHeadSeq();
  if (headSeq > coveredUpTo) {
    return {
      ok: false,
      entries,
      head: prev?.hash ?? null,
      firstBroken: {
        seq: (prev?.seq ?? 0) + 1,
        reason: `consent events ${coveredUpTo + 1}..${headSeq} are not covered by any audit entry`,
      },
    };
  }
  return { ok: true, entries, head: prev?.hash ?? null };
}
