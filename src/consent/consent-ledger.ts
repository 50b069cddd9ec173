// The consent ledger service: records choices idempotently (event and audit entry in one transaction), answers
// "state valid at T as known at S", lists history, imports JSONL consent history and exports consent records.

import { randomFillSync } from 'node:crypto';
import { appendAudit, appendAuditEntries } from '../audit/audit-log.js';
import { ConsentDigest } from '../audit/consent-digest.js';
import {
  CONSENT_METHODS,
  CONSENT_STATUSES,
  type ConsentEvent,
  type ConsentEventInput,
  type ConsentMethod,
  type ConsentState,
  type ConsentStatus,
  isPurpose,
  parseJurisdiction,
  purposeLineage,
  STATUS_ALIASES,
} from '../domain/index.js';
import { describeFound, FieldReader, parseIsoTimestamp } from '../store/import/fields.js';
import type { ImportReport } from '../store/import/jsonl-reader.js';
import { runJsonlImport } from '../store/import/run-import.js';
import type { AuditEntryInput, Store } from '../store/store.js';
import { type ConsentRecord, toConsentRecord } from './consent-records.js';
import { ConsentError } from './errors.js';
import { resolveState } from './resolve-state.js';

/**
 * A UUID version 7 (RFC 9562): 48 bits of Unix milliseconds, then random bits. Time-ordered ids keep the id index
 * append-mostly, which matters when millions of events are imported.
 */
export function uuidV7(now: number = Date.now()): string {
  if (poolOffset + 10 > RANDOM_POOL.length) {
    randomFillSync(RANDOM_POOL);
    poolOffset = 0;
  }
  const hex = RANDOM_POOL.toString('hex', poolOffset, poolOffset + 10);
  poolOffset += 10;
  const time = now.toString(16).padStart(12, '0').slice(-12);
  const variant = ((Number.parseInt(hex.slice(3, 4), 16) & 0x3) | 0x8).toString(16);
  return `${time.slice(0, 8)}-${time.slice(8)}-7${hex.slice(0, 3)}-${variant}${hex.slice(4, 7)}-${hex.slice(8, 20)}`;
}

// Random bits drawn in bulk: one system call per 409 ids instead of one per id.
const RANDOM_POOL = Buffer.alloc(4096);
let poolOffset = RANDOM_POOL.length;

export interface ConsentLedgerOptions {
  /** The system clock (recordedAt, default knownAt). */
  readonly clock?: () => Date;
  /** Event ids (default: random UUIDs). */
  readonly idGenerator?: () => string;
}

export interface StateQuery {
  /** Valid time. */
  readonly asOf: string;
  /** System time: what the ledger knew then (default: now). */
  readonly knownAt?: string;
  /** The state when no event applies, derived by the caller from the policy (opt_out → ConsentGiven, ...). */
  readonly defaultStatus: ConsentStatus;
}

export interface ConsentImportOptions {
  /** Write nothing unless every line is valid. */
  readonly strict?: boolean;
  readonly actor: string;
  /** Lines validated and written per batch. */
  readonly chunkSize?: number;
}

export interface ExportOptions {
  /** Only this member's records. */
  readonly memberId?: string;
  readonly batchSize?: number;
}

/** One change of a group, with the actor to record when its input names none (see `ConsentLedger.recordMany`). */
export interface ConsentChange {
  readonly input: ConsentEventInput;
  readonly actor: string;
}

/** What became of one change of a group (see `ConsentLedger.recordMany`). */
export type RecordOutcome =
  | { readonly ok: true; readonly event: ConsentEvent; readonly created: boolean }
  | { readonly ok: false; readonly error: unknown };

export interface ConsentLedger {
  /** Records a choice; the same request id and payload returns the first event with `created: false`. */
  record(input: ConsentEventInput, actor: string): Promise<{ event: ConsentEvent; created: boolean }>;
  /**
   * Records several choices, in order, as `record` would one after the other, but with a few statements for the
   * whole group instead of a dozen per change (servers group the changes that arrive together). A refused change
   * (invalid, unknown member or event, a request id reused for another choice) is an outcome of its own and does not
   * stop the others. Call it inside a transaction (the consent writer's group): an error of the store then rejects the
   * whole call and the caller's transaction, so nothing of the group is written.
   */
  recordMany(
    changes: readonly { readonly input: ConsentEventInput; readonly actor: string }[],
  ): Promise<RecordOutcome[]>;
  /** The member's state for a purpose, valid at `asOf` as known at `knownAt`. */
  stateAsOf(memberId: string, purpose: string, query: StateQuery): Promise<ConsentState>;
  /** Every event of the member, in ledger order. */
  history(memberId: string): Promise<readonly ConsentEvent[]>;
  /** Imports consent history from JSONL (see `parseConsentLine`); valid lines in one transaction. */
  importJsonl(path: string, options: ConsentImportOptions): Promise<ImportReport>;
  /** Every event (or one member's) as a consent record, in ledger order. */
  exportRecords(options?: ExportOptions): AsyncIterable<ConsentRecord>;
}

/** A validated consent line or record input, before it gets an id and seq. */
interface ConsentDraft {
  readonly memberId: string;
  readonly purpose: string;
  readonly status: ConsentStatus;
  readonly method: ConsentMethod;
  readonly validFrom: string | null;
  readonly recordedAt: string | null;
  readonly noticeVersion: string | null;
  readonly jurisdiction: string | null;
  readonly requestId: string | null;
  readonly supersedes: string | null;
}

function invalid(field: string, message: string): ConsentError {
  return new ConsentError('ASSENT_ERR_CONSENT_INVALID_INPUT', `${field}: ${message}`, { field });
}

/** Validates what `record` was given; throws INVALID_INPUT naming the first bad field. */
function validateInput(input: ConsentEventInput): ConsentDraft {
  if (typeof input.memberId !== 'string' || input.memberId.trim() === '') {
    throw invalid('memberId', `expected a member id, found ${describeFound(input.memberId)}`);
  }
  if (!isPurpose(input.purpose)) {
    throw invalid(
      'purpose',
      `expected a purpose such as train_ai_system.generative, found ${describeFound(input.purpose)}`,
    );
  }
  if (!(CONSENT_STATUSES as readonly string[]).includes(input.status)) {
    throw invalid('status', `expected a DPV consent status such as ConsentGiven, found ${describeFound(input.status)}`);
  }
  if (!(CONSENT_METHODS as readonly string[]).includes(input.method)) {
    throw invalid('method', `expected one of ${CONSENT_METHODS.join(', ')}, found ${describeFound(input.method)}`);
  }
  let validFrom: string | null = null;
  if (input.validFrom !== undefined) {
    validFrom = parseIsoTimestamp(input.validFrom) ?? null;
    if (validFrom === null) {
      throw invalid('validFrom', `expected an ISO 8601 timestamp, found ${describeFound(input.validFrom)}`);
    }
  }
  let jurisdiction: string | null = null;
  if (input.jurisdiction !== undefined && input.jurisdiction !== null) {
    const parsed = parseJurisdiction(input.jurisdiction);
    if (!parsed) {
      throw invalid(
        'jurisdiction',
        `expected an ISO 3166-1 alpha-2 code such as US or US-CA, found ${describeFound(input.jurisdiction)}`,
      );
    }
    jurisdiction = parsed.subdivision ?? parsed.country;
  }
  return {
    memberId: input.memberId,
    purpose: input.purpose,
    status: input.status,
    method: input.method,
    validFrom,
    recordedAt: null,
    noticeVersion: input.noticeVersion ?? null,
    jurisdiction,
    requestId: input.requestId ?? null,
    supersedes: input.supersedes ?? null,
  };
}

/** True when a repeated request asks for what the stored event already says. Unspecified optionals match. */
function sameChoice(draft: ConsentDraft, event: Omit<ConsentEvent, 'seq'>): boolean {
  return (
    draft.memberId === event.memberId &&
    draft.purpose === event.purpose &&
    draft.status === event.status &&
    draft.method === event.method &&
    (draft.validFrom === null || draft.validFrom === event.validFrom) &&
    (draft.jurisdiction === null || draft.jurisdiction === event.jurisdiction) &&
    draft.noticeVersion === event.noticeVersion &&
    draft.supersedes === event.supersedes
  );
}

function sameDraft(a: ConsentDraft, b: ConsentDraft): boolean {
  return (Object.keys(a) as (keyof ConsentDraft)[]).every((key) => a[key] === b[key]);
}

/**
 * The event to append for a validated draft: jurisdiction defaults to the member's country, recorded time to `now`
 * (imports may give an earlier one), and valid time to the recorded time.
 */
function eventFromDraft(
  draft: ConsentDraft,
  id: string,
  country: string | null,
  actor: string,
  now: string,
): Omit<ConsentEvent, 'seq'> {
  const recordedAt = draft.recordedAt ?? now;
  return {
    id,
    memberId: draft.memberId,
    purpose: draft.purpose,
    status: draft.status,
    method: draft.method,
    noticeVersion: draft.noticeVersion,
    jurisdiction: draft.jurisdiction ?? country,
    validFrom: draft.validFrom ?? recordedAt,
    recordedAt,
    actor,
    requestId: draft.requestId,
    supersedes: draft.supersedes,
  };
}

/** Whether `earlier`, the event `draft` supersedes, exists and belongs to the same member and purpose (or a parent). */
function supersedesOwn(draft: ConsentDraft, earlier: Omit<ConsentEvent, 'seq'> | undefined): boolean {
  return (
    earlier !== undefined &&
    earlier.memberId === draft.memberId &&
    purposeLineage(draft.purpose).includes(earlier.purpose)
  );
}

function unknownMember(memberId: string): ConsentError {
  return new ConsentError('ASSENT_ERR_CONSENT_UNKNOWN_MEMBER', `member ${memberId}: not in the member directory`, {
    memberId,
  });
}

function unknownSupersedes(draft: ConsentDraft): ConsentError {
  return new ConsentError(
    'ASSENT_ERR_CONSENT_UNKNOWN_EVENT',
    `supersedes: event ${draft.supersedes} does not exist for member ${draft.memberId} and this purpose`,
    { supersedes: draft.supersedes },
  );
}

/** The audit entry that vouches for a recorded event. */
function recordedEntry(event: ConsentEvent, actor: string, now: string): AuditEntryInput {
  return {
    at: now,
    actor,
    action: 'consent.recorded',
    subject: event.memberId,
    payload: {
      eventId: event.id,
      purpose: event.purpose,
      status: event.status,
      method: event.method,
      consent: new ConsentDigest().add([event]).finish() ?? null,
    },
  };
}

function conflict(requestId: string): ConsentError {
  return new ConsentError(
    'ASSENT_ERR_CONSENT_IDEMPOTENCY_CONFLICT',
    `request id ${requestId}: already used for a different choice`,
    { requestId },
  );
}

/**
 * Parses one consent line: `member_id, purpose, status ("given" | "withdrawn" | DPV name), method?, valid_from?,
 * recorded_at?, notice_version?, jurisdiction?, request_id?, supersedes?`.
 */
export function parseConsentLine(record: Readonly<Record<string, unknown>>, now: string) {
  const r = new FieldReader(record);
  const memberId = r.id('member_id');
  const purposeRaw = r.raw('purpose');
  const purpose = isPurpose(purposeRaw)
    ? purposeRaw
    : r.fail('purpose', 'a purpose such as train_ai_system.generative', purposeRaw);
  const status = r.oneOf('status', CONSENT_STATUSES, STATUS_ALIASES);
  const method = r.has('method') ? r.oneOf('method', CONSENT_METHODS) : 'import';
  const recordedAt = r.has('recorded_at') ? r.timestamp('recorded_at') : now;
  if (recordedAt !== undefined && recordedAt > now)
    r.fail('recorded_at', 'a time not after the import', r.raw('recorded_at'));
  const validFrom = r.has('valid_from') ? r.timestamp('valid_from') : recordedAt;
  const noticeVersion = r.optionalId('notice_version');
  const jurisdiction = r.jurisdiction('jurisdiction');
  const requestId = r.optionalId('request_id');
  const supersedes = r.optionalId('supersedes');
  if (r.issues.length > 0) return { ok: false as const, issues: r.issues };
  const draft: ConsentDraft = {
    memberId: memberId ?? '',
    purpose: purpose ?? '',
    status: status ?? 'ConsentUnknown',
    method: method ?? 'import',
    validFrom: validFrom ?? null,
    recordedAt: recordedAt ?? null,
    noticeVersion: noticeVersion ?? null,
    jurisdiction: jurisdiction ?? null,
    requestId: requestId ?? null,
    supersedes: supersedes ?? null,
  };
  return { ok: true as const, value: draft };
}

/**
 * Creates the ledger over a store.
 *
 * @example
 * const ledger = createConsentLedger(store);
 * await ledger.record({ memberId: 'm1', purpose: 'train_ai_system.generative', status: 'ConsentWithdrawn',
 *   method: 'toggle' }, 'member:m1');
 */
export function createConsentLedger(store: Store, options: ConsentLedgerOptions = {}): ConsentLedger {
  const clock = options.clock ?? (() => new Date());
  const nextId = options.idGenerator ?? uuidV7;

  async function recordOnce(draft: ConsentDraft, actor: string, now: string) {
    return store.transaction(async (tx) => {
      if (draft.requestId !== null) {
        const existing = await tx.consentEventByRequestId(draft.requestId);
        if (existing) {
          if (!sameChoice(draft, existing)) throw conflict(draft.requestId);
          return { event: existing, created: false };
        }
      }
      const member = await tx.getMember(draft.memberId);
      if (!member) throw unknownMember(draft.memberId);
      if (draft.supersedes !== null && !supersedesOwn(draft, await tx.consentEventById(draft.supersedes))) {
        throw unknownSupersedes(draft);
      }
      const [event] = await tx.appendConsentEvents([eventFromDraft(draft, nextId(), member.country, actor, now)]);
      if (!event) throw new Error('consent ledger: the store returned no event for an append');
      await appendAudit(tx, recordedEntry(event, actor, now));
      return { event, created: true };
    });
  }

  async function record(input: ConsentEventInput, actor: string) {
    const draft = validateInput(input);
    const who = input.actor ?? actor;
    const now = clock().toISOString();
    try {
      return await recordOnce(draft, who, now);
    } catch (error) {
      // Two requests with the same id raced: the loser hit the unique index. Answer as the repeat it is.
      if (draft.requestId === null || error instanceof ConsentError) throw error;
      const winner = await store.consentEventByRequestId(draft.requestId);
      if (!winner) throw error;
      if (!sameChoice(draft, winner)) throw conflict(draft.requestId);
      return { event: winner, created: false };
    }
  }

  /** `recordMany`'s one pass: reads for the whole group, then one append of events and one of audit entries. */
  async function recordGroup(
    drafts: readonly (ConsentDraft | undefined)[],
    changes: readonly ConsentChange[],
    outcomes: RecordOutcome[],
  ): Promise<void> {
    await store.transaction(async (tx) => {
      const requestIds: string[] = [];
      const memberIds: string[] = [];
      for (const draft of drafts) {
        if (!draft) continue;
        if (draft.requestId !== null) requestIds.push(draft.requestId);
        memberIds.push(draft.memberId);
      }
      const stored = requestIds.length > 0 ? await tx.consentEventsByRequestIds(requestIds) : new Map();
      const countries = await tx.memberCountries(memberIds);
      // Events of this group, before the store gives them their seq: a later change of the group can repeat an
      // earlier one's request id or supersede its event.
      const created: { index: number; event: Omit<ConsentEvent, 'seq'>; actor: string; now: string }[] = [];
      const createdByRequest = new Map<string, number>();
      const createdById = new Map<string, number>();
      const repeats: { index: number; of: number }[] = [];
      for (let i = 0; i < drafts.length; i++) {
        const draft = drafts[i];
        const change = changes[i];
        if (!draft || !change) continue;
        if (draft.requestId !== null) {
          const existing = stored.get(draft.requestId);
          const inGroup = createdByRequest.get(draft.requestId);
          const earlier = existing ?? (inGroup === undefined ? undefined : created[inGroup]?.event);
          if (earlier) {
            if (!sameChoice(draft, earlier)) outcomes[i] = { ok: false, error: conflict(draft.requestId) };
            else if (existing) outcomes[i] = { ok: true, event: existing, created: false };
            else repeats.push({ index: i, of: inGroup as number });
            continue;
          }
        }
        const country = countries.get(draft.memberId);
        if (country === undefined) {
          outcomes[i] = { ok: false, error: unknownMember(draft.memberId) };
          continue;
        }
        if (draft.supersedes !== null) {
          const inGroup = createdById.get(draft.supersedes);
          const earlier = inGroup === undefined ? await tx.consentEventById(draft.supersedes) : created[inGroup]?.event;
          if (!supersedesOwn(draft, earlier)) {
            outcomes[i] = { ok: false, error: unknownSupersedes(draft) };
            continue;
          }
        }
        const actor = change.input.actor ?? change.actor;
        const now = clock().toISOString();
        const event = eventFromDraft(draft, nextId(), country, actor, now);
        if (draft.requestId !== null) createdByRequest.set(draft.requestId, created.length);
        createdById.set(event.id, created.length);
        created.push({ index: i, event, actor, now });
      }
      const events = await tx.appendConsentEvents(created.map((c) => c.event));
      if (events.length !== created.length) throw new Error('consent ledger: the store returned too few events');
      await appendAuditEntries(
        tx,
        created.map((c, k) => recordedEntry(events[k] as ConsentEvent, c.actor, c.now)),
      );
      created.forEach((c, k) => {
        outcomes[c.index] = { ok: true, event: events[k] as ConsentEvent, created: true };
      });
      for (const { index, of } of repeats) {
        outcomes[index] = { ok: true, event: events[of] as ConsentEvent, created: false };
      }
    });
  }

  return {
    record,

    async recordMany(changes) {
      const outcomes: RecordOutcome[] = [];
      const drafts = changes.map((change, i) => {
        try {
          return validateInput(change.input);
        } catch (error) {
          outcomes[i] = { ok: false, error };
          return undefined;
        }
      });
      try {
        await recordGroup(drafts, changes, outcomes);
      } catch {
        // The group's savepoint was rolled back (another writer took one of its request ids first, say): record the
        // changes one at a time, each with `record`'s own answer to that race. A broken transaction fails here too.
        for (let i = 0; i < changes.length; i++) {
          const change = changes[i];
          if (!drafts[i] || !change) continue;
          try {
            outcomes[i] = { ok: true, ...(await record(change.input, change.actor)) };
          } catch (failure) {
            if (!(failure instanceof ConsentError)) throw failure;
            outcomes[i] = { ok: false, error: failure };
          }
        }
      }
      return outcomes;
    },

    async stateAsOf(memberId, purpose, query) {
      if (!isPurpose(purpose)) {
        throw invalid(
          'purpose',
          `expected a purpose such as train_ai_system.generative, found ${describeFound(purpose)}`,
        );
      }
      const asOf = parseIsoTimestamp(query.asOf);
      if (asOf === undefined)
        throw invalid('asOf', `expected an ISO 8601 timestamp, found ${describeFound(query.asOf)}`);
      const knownAt = query.knownAt === undefined ? clock().toISOString() : parseIsoTimestamp(query.knownAt);
      if (knownAt === undefined) {
        throw invalid('knownAt', `expected an ISO 8601 timestamp, found ${describeFound(query.knownAt)}`);
      }
      const events = await store.consentEventsFor(memberId, purposeLineage(purpose));
      return resolveState(events, purpose, asOf, knownAt, query.defaultStatus, memberId);
    },

    history(memberId) {
      return store.consentEventsFor(memberId);
    },

    importJsonl(path, importOptions) {
      return importConsent(store, path, importOptions, clock().toISOString(), nextId);
    },

    async *exportRecords(exportOptions = {}) {
      if (exportOptions.memberId !== undefined) {
        for (const event of await store.consentEventsFor(exportOptions.memberId)) yield toConsentRecord(event);
        return;
      }
      for await (const batch of store.scanConsentEvents({ batchSize: exportOptions.batchSize ?? 1000 })) {
        for (const event of batch) yield toConsentRecord(event);
      }
    },
  };
}

function importConsent(
  store: Store,
  path: string,
  options: ConsentImportOptions,
  now: string,
  nextId: () => string,
): Promise<ImportReport> {
  const range = new ConsentDigest();
  let duplicates = 0;
  // Request ids seen earlier in this file, with the choice they carried.
  const seenRequests = new Map<string, ConsentDraft>();

  return runJsonlImport<ConsentDraft>(store, path, {
    strict: options.strict ?? false,
    chunkSize: options.chunkSize ?? 5000,
    parse: (record) => parseConsentLine(record, now),
    duplicates: () => duplicates,
    async write({ tx, issues, refusing }, chunk) {
      const countries = await tx.memberCountries(chunk.map((c) => c.value.memberId));
      const accepted: Omit<ConsentEvent, 'seq'>[] = [];
      for (const { line, value: draft } of chunk) {
        const country = countries.get(draft.memberId);
        if (country === undefined) {
          issues.add(line, 'member_id', `expected a member in the directory, found ${describeFound(draft.memberId)}`);
          continue;
        }
        if (draft.requestId !== null) {
          const inFile = seenRequests.get(draft.requestId);
          const stored = inFile === undefined ? await tx.consentEventByRequestId(draft.requestId) : undefined;
          if (inFile !== undefined || stored !== undefined) {
            const same =
              inFile !== undefined ? sameDraft(draft, inFile) : stored !== undefined && sameChoice(draft, stored);
            if (same) duplicates += 1;
            else
              issues.add(
                line,
                'request_id',
                `expected a new request id or the same choice as before, found ${describeFound(draft.requestId)} already used for a different choice`,
              );
            continue;
          }
          seenRequests.set(draft.requestId, draft);
        }
        if (draft.supersedes !== null) {
          if (!supersedesOwn(draft, await tx.consentEventById(draft.supersedes))) {
            issues.add(
              line,
              'supersedes',
              `expected the id of an earlier event of this member and purpose, found ${describeFound(draft.supersedes)}`,
            );
            continue;
          }
        }
        if (refusing()) continue;
        accepted.push(eventFromDraft(draft, nextId(), country, options.actor, now));
      }
      if (refusing()) return 0;
      const stored = await tx.appendConsentEvents(accepted);
      range.add(stored);
      return stored.length;
    },
    async audit(tx, { imported, rejected, fileSha256 }) {
      const covered = range.finish();
      if (covered === undefined) return;
      await appendAudit(tx, {
        at: now,
        actor: options.actor,
        action: 'consent.imported',
        subject: null,
        payload: { count: imported, rejected, duplicates, fileSha256, consent: covered },
      });
    },
  });
}
