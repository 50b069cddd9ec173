// The audit chain on both stores: append, verify, and tampering done behind Assent's back with raw SQL — on an
// audit row and on a consent row — named by verification.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { createConsentLedger } from '../consent/consent-ledger.js';
import { openPostgresStore } from '../store/postgres/postgres-store.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { sampleMember } from '../store/store.contract.js';
import type { Store } from '../store/store.js';
import { testDatabaseUrl } from '../store/testing.js';
import { appendAudit, GENESIS_HASH, verifyAudit } from './audit-log.js';
import { canonicalJson } from './canonical-json.js';

describe('canonicalJson', () => {
  it.each([
    [{ b: 1, a: 2 }, '{"a":2,"b":1}'],
    [{ z: { y: [3, { d: null, c: 'x' }] } }, '{"z":{"y":[3,{"c":"x","d":null}]}}'],
    [{ a: undefined, b: 'é\n' }, '{"b":"é\\n"}'],
    [[undefined, 1], '[null,1]'],
    ['text', '"text"'],
    [null, 'null'],
    [new Date('2025-01-01T00:00:00Z'), '"2025-01-01T00:00:00.000Z"'],
  ])('serialises %j canonically', (value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
  });

  it('gives the same text whatever the key order', () => {
    expect(canonicalJson({ a: 1, b: { c: 2, d: 3 } })).toBe(canonicalJson({ b: { d: 3, c: 2 }, a: 1 }));
  });

  it('refuses values JSON cannot hold', () => {
    expect(() => canonicalJson({ n: 1n })).toThrow(/bigint/);
  });
});

/** A store plus a way to run raw SQL on its database behind its back. */
interface RawStore {
  readonly store: Store;
  exec(statement: string): Promise<void>;
  cleanup(): Promise<void>;
}

async function openSqliteRaw(): Promise<RawStore> {
  const dir = mkdtempSync(join(tmpdir(), 'assent-audit-'));
  const file = join(dir, 'assent.db');
  const store = await openSqliteStore({ file });
  return {
    store,
    exec: async (statement) => {
      const raw = new BetterSqlite3(file);
      try {
        raw.exec(statement);
      } finally {
        raw.close();
      }
    },
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function openPostgresRaw(url: string): Promise<RawStore> {
  const schema = `assent_test_audit_${process.pid}_${Date.now().toString(36)}`;
  const store = await openPostgresStore({ url, schema, maxConnections: 2 });
  const run = async (statement: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`set search_path to "${schema}"`);
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  return {
    store,
    exec: run,
    cleanup: async () => {
      await store.close();
      await run(`drop schema "${schema}" cascade`);
    },
  };
}

const url = testDatabaseUrl();
const variants: { name: string; open: () => Promise<RawStore>; skip?: string }[] = [
  { name: 'sqlite', open: openSqliteRaw },
  url === undefined
    ? { name: 'postgres', open: () => Promise.reject(new Error('no url')), skip: 'ASSENT_TEST_DATABASE_URL is not set' }
    : { name: 'postgres', open: () => openPostgresRaw(url) },
];

for (const variant of variants) {
  describe.skipIf(variant.skip !== undefined)(`audit chain on ${variant.name}`, () => {
    let raw: RawStore | undefined;
    afterEach(async () => {
      await raw?.cleanup();
      raw = undefined;
    });

    async function seeded(): Promise<RawStore> {
      raw = await variant.open();
      const { store } = raw;
      await store.upsertMembers([sampleMember('m1'), sampleMember('m2')]);
      const ledger = createConsentLedger(store, { clock: () => new Date('2025-06-01T00:00:00Z') });
      await appendAudit(store, {
        at: '2025-06-01T00:00:00.000Z',
        actor: 't',
        action: 'policy.loaded',
        subject: 'p1',
        payload: { v: 1 },
      });
      await ledger.record(
        { memberId: 'm1', purpose: 'train_ai_system.generative', status: 'ConsentWithdrawn', method: 'toggle' },
        't',
      );
      await ledger.record({ memberId: 'm2', purpose: 'train_ai_system', status: 'ConsentGiven', method: 'api' }, 't');
      return raw;
    }

    it('chains entries from the genesis hash and verifies an untouched log', async () => {
      const { store } = await seeded();
      const entries: { seq: number; prevHash: string; hash: string }[] = [];
      for await (const batch of store.scanAudit()) entries.push(...batch);
      expect(entries.map((e) => e.seq)).toEqual([1, 2, 3]);
      expect(entries[0]?.prevHash).toBe(GENESIS_HASH);
      expect(entries[1]?.prevHash).toBe(entries[0]?.hash);
      const result = await verifyAudit(store, { batchSize: 2 });
      expect(result).toEqual({ ok: true, entries: 3, head: entries[2]?.hash });
    });

    it('verifies an empty log', async () => {
      raw = await variant.open();
      expect(await verifyAudit(raw.store)).toEqual({ ok: true, entries: 0, head: null });
    });

    it.each([
      ['an edited payload', 'update audit_log set payload = \'{"v":2}\' where seq = 1', 1, /hash mismatch/],
      ['an edited actor', "update audit_log set actor = 'mallory' where seq = 2", 2, /hash mismatch/],
      ['a deleted entry', 'delete from audit_log where seq = 2', 3, /sequence gap/],
      ['a broken link', `update audit_log set prev_hash = '${'f'.repeat(64)}' where seq = 3`, 3, /previous-hash/],
    ])('names the entry after %s', async (_label, statement, seq, reason) => {
      const { store, exec } = await seeded();
      await exec(statement);
      const result = await verifyAudit(store);
      expect(result.ok).toBe(false);
      expect(result.firstBroken?.seq).toBe(seq);
      expect(result.firstBroken?.reason).toMatch(reason);
    });

    it('catches a consent event edited directly in the database, naming the audit entry that covers it', async () => {
      const { store, exec } = await seeded();
      await exec("update consent_events set status = 'ConsentGiven' where seq = 1");
      const result = await verifyAudit(store);
      expect(result.ok).toBe(false);
      expect(result.firstBroken).toEqual({
        seq: 2,
        reason: expect.stringMatching(/consent events 1\.\.1 do not match their recorded digest/),
      });
    });

    it('catches a consent event inserted without an audit entry', async () => {
      const { store, exec } = await seeded();
      await exec(
        "insert into consent_events (seq, id, member_id, purpose, status, method, valid_from, recorded_at, actor) values (3, 'forged', 'm1', 'train_ai_system', 'ConsentGiven', 'admin', '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z', 'x')",
      );
      const result = await verifyAudit(store);
      expect(result.ok).toBe(false);
      expect(result.firstBroken?.reason).toMatch(/consent events 3\.\.3 are not covered/);
    });
  });
}

describe.skipIf(url === undefined)('audit chain with concurrent writers (postgres)', () => {
  it('keeps seq gap-free and the chain unforked when two processes append at once', async () => {
    const schema = `assent_test_concurrent_${process.pid}_${Date.now().toString(36)}`;
    const a = await openPostgresStore({ url: url ?? '', schema, maxConnections: 4 });
    const b = await openPostgresStore({ url: url ?? '', schema, maxConnections: 4 });
    try {
      expect(a.capabilities.concurrentWriters).toBe(true);
      await a.upsertMembers([sampleMember('m1')]);
      const ledgers = [createConsentLedger(a), createConsentLedger(b)];
      await Promise.all(
        Array.from({ length: 24 }, (_, i) =>
          ledgers[i % 2]?.record(
            {
              memberId: 'm1',
              purpose: 'train_ai_system.generative',
              status: i % 3 === 0 ? 'ConsentGiven' : 'ConsentWithdrawn',
              method: 'api',
            },
            `writer-${i % 2}`,
          ),
        ),
      );
      const events = await a.consentEventsFor('m1');
      expect(events.map((e) => e.seq)).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
      expect(await verifyAudit(b)).toMatchObject({ ok: true, entries: 24 });

      // The same request sent to both writers at once: one records it, the other answers as a repeat.
      const request = {
        memberId: 'm1',
        purpose: 'train_ai_system',
        status: 'ConsentWithdrawn',
        method: 'api',
        requestId: 'race',
      } as const;
      const results = await Promise.all(ledgers.map((ledger) => ledger?.record(request, 'racer')));
      expect(results.map((r) => r?.created).sort()).toEqual([false, true]);
      expect(results[0]?.event.id).toBe(results[1]?.event.id);
      expect(await verifyAudit(a)).toMatchObject({ ok: true, entries: 25 });
    } finally {
      await a.close();
      await b.close();
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`drop schema if exists "${schema}" cascade`);
      await client.end();
    }
  });
});
