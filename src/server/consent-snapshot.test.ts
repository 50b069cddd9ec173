// The API's in-process snapshot and group commit against real databases: a write through another connection (the
// CLI, a second server) is seen at once, the server's own grouped writes are durable, audited and visible, and a
// refused change in a group leaves the others standing.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyAudit } from '../audit/index.js';
import { ConsentError, createConsentLedger } from '../consent/index.js';
import { openPostgresStore } from '../store/postgres/postgres-store.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { sampleEvent, sampleMember } from '../store/store.contract.js';
import type { Store } from '../store/store.js';
import { TEST_DATABASE_URL_ENV, testDatabaseUrl } from '../store/testing.js';
import { createApp } from './app.js';
import { ConsentSnapshot } from './consent-snapshot.js';
import { createConsentWriter } from './consent-writer.js';
import { createApiToken } from './tokens.js';

const GEN = 'train_ai_system.generative';

/** Two stores over one database: the server's and another process's (here another connection). */
interface Pair {
  readonly server: Store;
  readonly other: Store;
  close(): Promise<void>;
}

const url = testDatabaseUrl();
const DATABASES: { name: string; open?: () => Promise<Pair>; skip?: string }[] = [
  {
    name: 'sqlite file',
    open: async () => {
      const dir = mkdtempSync(join(tmpdir(), 'assent-snapshot-'));
      const file = join(dir, 'assent.db');
      const server = await openSqliteStore({ file });
      const other = await openSqliteStore({ file });
      return {
        server,
        other,
        close: async () => {
          await other.close();
          await server.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  },
  url === undefined
    ? { name: 'postgres', skip: `${TEST_DATABASE_URL_ENV} is not set` }
    : {
        name: 'postgres',
        open: async () => {
          const schema = `assent_test_snap_${process.pid}_${Date.now().toString(36)}`;
          const server = await openPostgresStore({ url, schema, maxConnections: 4 });
          const other = await openPostgresStore({ url, schema, maxConnections: 2 });
          return {
            server,
            other,
            close: async () => {
              await other.close();
              await server.close();
              const client = new pg.Client({ connectionString: url });
              await client.connect();
              await client.query(`drop schema if exists "${schema}" cascade`);
              await client.end();
            },
          };
        },
      },
];

for (const database of DATABASES) {
  describe.skipIf(database.skip !== undefined)(`API snapshot and group commit on ${database.name}`, () => {
    let pair: Pair;
    afterEach(async () => {
      await pair?.close();
    });

    async function open(): Promise<Pair> {
      if (!database.open) throw new Error(database.skip);
      pair = await database.open();
      await pair.server.upsertMembers([sampleMember('m1'), sampleMember('m2'), sampleMember('m3')]);
      return pair;
    }

    it('goes stale on a write through another connection and reloads with it', async () => {
      const { server, other } = await open();
      const snapshot = new ConsentSnapshot({ store: server });
      await snapshot.ready();
      const view = await snapshot.current();
      expect(view?.member('m1')?.member.country).toBe('US-CA');
      expect(view?.events('m1')).toEqual([]);

      await other.appendConsentEvents([sampleEvent('e1', 'm1', { status: 'ConsentWithdrawn' })]);
      expect(await snapshot.current()).toBeUndefined();
      await snapshot.ready();
      expect((await snapshot.current())?.events('m1').map((e) => e.id)).toEqual(['e1']);

      await other.upsertMembers([sampleMember('m2', { accountState: 'deleted' })]);
      expect(await snapshot.current()).toBeUndefined();
      await snapshot.ready();
      expect((await snapshot.current())?.member('m2')?.member.accountState).toBe('deleted');
      await snapshot.close();
    });

    it('answers HTTP checks with a change another connection committed a moment before', async () => {
      const { server, other } = await open();
      const { secret } = await createApiToken(server, { name: 't', scopes: ['admin'] });
      const snapshot = new ConsentSnapshot({ store: server });
      await snapshot.ready();
      const app = await createApp({ store: server, mode: 'production', logger: false, builds: false, snapshot });
      const auth = { authorization: `Bearer ${secret}` };
      try {
        const get = async () =>
          (await app.inject({ method: 'GET', url: `/v1/members/m1/consent/${GEN}`, headers: auth })).json();
        const check = async () =>
          (
            await app.inject({
              method: 'POST',
              url: '/v1/consent/check',
              headers: auth,
              payload: { purpose: GEN, member_ids: ['m1', 'm3', 'nobody'] },
            })
          ).json();
        expect(await get()).toMatchObject({ status: 'given', source: 'default' });
        expect((await check()).results[0]).toMatchObject({ member_id: 'm1', allowed: true, source: 'default' });

        // Another process records a withdrawal and deactivates m3; the very next answers show both.
        const now = new Date(Date.now() - 1000).toISOString();
        await other.appendConsentEvents([
          sampleEvent('cli-1', 'm1', { status: 'ConsentWithdrawn', validFrom: now, recordedAt: now }),
        ]);
        await other.upsertMembers([sampleMember('m3', { accountState: 'deactivated' })]);
        expect(await get()).toMatchObject({ status: 'withdrawn', source: 'explicit', decision: { allowed: false } });
        const results = (await check()).results;
        expect(results).toEqual([
          { member_id: 'm1', allowed: false, reason: 'opted_out', status: 'withdrawn', source: 'explicit' },
          { member_id: 'm3', allowed: false, reason: 'account_deactivated', status: 'given', source: 'default' },
          { member_id: 'nobody', allowed: false, reason: 'unknown_member', status: 'unknown', source: 'default' },
        ]);

        // This server's own change is visible in its answer and in the next check.
        const put = await app.inject({
          method: 'PUT',
          url: `/v1/members/m1/consent/${GEN}`,
          headers: { ...auth, 'idempotency-key': 'k1' },
          payload: { status: 'given' },
        });
        expect(put.statusCode).toBe(201);
        expect(put.json()).toMatchObject({ status: 'given', source: 'explicit' });
        expect((await check()).results[0]).toMatchObject({ member_id: 'm1', allowed: true, status: 'given' });
      } finally {
        await app.close();
      }
    });

    it('keeps writing groups while earlier ones are in flight: every change stored once, the chain intact', async () => {
      const { server } = await open();
      const writer = createConsentWriter({
        store: server,
        maxBatch: 3,
        recordOn: (tx, changes) => createConsentLedger(tx).recordMany(changes),
      });
      const pending: Promise<unknown>[] = [];
      for (let wave = 0; wave < 4; wave++) {
        for (let i = 0; i < 5; i++) {
          const memberId = ['m1', 'm2', 'm3'][(wave + i) % 3] ?? 'm1';
          pending.push(
            writer.record(
              {
                memberId,
                purpose: GEN,
                status: i % 2 ? 'ConsentGiven' : 'ConsentWithdrawn',
                method: 'api',
                requestId: `w${wave}-${i}`,
              },
              'token:t',
            ),
          );
        }
        await new Promise((done) => setImmediate(done));
      }
      const results = await Promise.all(pending);
      await writer.drain();
      expect(results.every((r) => (r as { created: boolean }).created)).toBe(true);
      const events = [];
      for await (const batch of server.scanConsentEvents()) events.push(...batch);
      expect(events.map((e) => e.requestId).sort()).toEqual(
        Array.from({ length: 20 }, (_, k) => `w${Math.floor(k / 5)}-${k % 5}`).sort(),
      );
      expect(events.map((e) => e.seq)).toEqual(Array.from({ length: 20 }, (_, k) => k + 1));
      expect(await verifyAudit(server)).toMatchObject({ ok: true, entries: 20 });
    });

    it('group-commits concurrent changes: each durable and audited, refusals isolated, answered after commit', async () => {
      const { server } = await open();
      let transactions = 0;
      const counting: Store = Object.assign(Object.create(server) as Store, {
        transaction: <T>(work: (tx: Store) => Promise<T>) => {
          transactions += 1;
          return server.transaction(work);
        },
      });
      const snapshot = new ConsentSnapshot({ store: server });
      await snapshot.ready();
      const committed: number[] = [];
      const writer = createConsentWriter({
        store: counting,
        recordOn: (tx, changes) => createConsentLedger(tx).recordMany(changes),
        onCommitted: (tokens, events) => {
          committed.push(events.length);
          if (tokens) snapshot.applyOwnWrite(tokens.before, tokens.after, events);
        },
      });
      const change = (memberId: string, requestId: string, status: 'ConsentGiven' | 'ConsentWithdrawn') =>
        writer.record({ memberId, purpose: GEN, status, method: 'api', requestId }, 'token:t');
      const outcomes = await Promise.allSettled([
        ...Array.from({ length: 12 }, (_, i) => change(i % 2 ? 'm1' : 'm2', `r${i}`, 'ConsentWithdrawn')),
        change('m3', 'r0', 'ConsentWithdrawn'), // same request id, another member: a conflict
        change('ghost', 'r-ghost', 'ConsentGiven'), // not in the directory
        change('m3', 'r1', 'ConsentWithdrawn'), // conflict with r1 (m1)
        change('m2', 'r0', 'ConsentWithdrawn'), // an exact repeat of r0: the first event, not created
      ]);
      await writer.drain();
      expect(outcomes.slice(0, 12).every((o) => o.status === 'fulfilled' && o.value.created)).toBe(true);
      for (const i of [12, 13, 14]) {
        const outcome = outcomes[i];
        expect(outcome?.status).toBe('rejected');
        expect((outcome as PromiseRejectedResult).reason).toBeInstanceOf(ConsentError);
      }
      expect(outcomes[15]).toMatchObject({ status: 'fulfilled', value: { created: false } });
      expect(transactions).toBeLessThan(16);
      expect(committed.reduce((a, b) => a + b, 0)).toBe(12);

      expect(await server.consentEventsFor('m3')).toEqual([]);
      expect(await server.consentEventsFor('m1')).toHaveLength(6);
      const audit = await verifyAudit(server);
      expect(audit).toMatchObject({ ok: true, entries: 12 });

      // The snapshot either moved forward with the writes (one writer at a time) or went stale; never wrong.
      const view = await snapshot.current();
      if (view) expect(view.events('m1')).toHaveLength(6);
      await snapshot.ready();
      expect((await snapshot.current())?.events('m2')).toHaveLength(6);
      await snapshot.close();
    });
  });
}
