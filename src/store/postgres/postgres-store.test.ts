// Runs the Store contract against a real PostgreSQL in a fresh schema per store (ASSENT_TEST_DATABASE_URL);
// skipped with a reason when the variable is unset, and failing on CI where it must be set.

import { Kysely } from 'kysely';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../migrations/migrations.js';
import type { Database } from '../schema.js';
import { describeStoreContract, sampleEvent, sampleMember } from '../store.contract.js';
import type { Store } from '../store.js';
import { openFreshSchemaPostgresStore, TEST_DATABASE_URL_ENV, testDatabaseUrl } from '../testing.js';
import { openPostgresStore, redactDatabaseUrl, sharedAfterCall } from './postgres-store.js';
import { CurrentSchemaPostgresDialect } from './scoped-introspector.js';

const url = testDatabaseUrl();
const skipReason = url === undefined ? `${TEST_DATABASE_URL_ENV} is not set` : undefined;
if (skipReason !== undefined) console.warn(`PostgreSQL store suites skipped: ${skipReason}`);

describeStoreContract('postgres', () => openFreshSchemaPostgresStore(url ?? ''), skipReason);

describe('PostgreSQL store', () => {
  it.each([
    ['postgres://user:secret@db.example:5432/assent', 'postgres://user@db.example:5432/assent'],
    ['postgres://user@db.example/assent', 'postgres://user@db.example/assent'],
    ['not a url', '(unparsable database URL)'],
  ])('prints %s as %s', (input, expected) => {
    expect(redactDatabaseUrl(input)).toBe(expected);
  });

  it('shares a change-token read among concurrent calls, never one that started before the call', async () => {
    const started: Array<(value: number) => void> = [];
    const read = sharedAfterCall(() => new Promise<number>((resolve) => started.push(resolve)));
    const settle = () => new Promise((resolve) => setImmediate(resolve));
    const first = read();
    const second = read();
    const third = read();
    expect(started).toHaveLength(1);
    started[0]?.(1);
    await settle();
    // The calls made while read 1 was in flight share read 2, which started after read 1 ended.
    expect(started).toHaveLength(2);
    const fourth = read();
    started[1]?.(2);
    await settle();
    expect(started).toHaveLength(3);
    started[2]?.(3);
    expect([await first, await second, await third, await fourth]).toEqual([1, 2, 2, 3]);
    const failing = sharedAfterCall(() => Promise.reject(new Error('down')));
    await expect(Promise.all([failing(), failing()])).rejects.toThrow('down');
  });

  it('refuses a schema name that is not an identifier', async () => {
    await expect(openPostgresStore({ url: 'postgres://127.0.0.1/none', schema: 'x"; drop' })).rejects.toThrow(
      /schema: expected a SQL identifier/,
    );
  });

  it.skipIf(url === undefined)('migrates a schema once and keeps data across reopen', async () => {
    const schema = `assent_test_reopen_${process.pid}_${Date.now().toString(36)}`;
    const first = await openPostgresStore({ url: url ?? '', schema });
    try {
      await first.upsertMembers([sampleMember('m1')]);
      expect(first.capabilities.concurrentWriters).toBe(true);
    } finally {
      await first.close();
    }
    const second = await openPostgresStore({ url: url ?? '', schema });
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      expect(await second.getMember('m1')).toEqual(sampleMember('m1'));
      const result = await client.query(`select name from "${schema}".assent_migrations order by name`);
      expect(result.rows.map((r: { name: string }) => r.name)).toEqual([
        '0001-initial',
        '0002-postgres-change-counter',
      ]);
    } finally {
      await second.close();
      await client.query(`drop schema if exists "${schema}" cascade`);
      await client.end();
    }
  });

  it.skipIf(url === undefined)('opens while other schemas in the database are created and dropped', async () => {
    // Parallel test runs share one database; migrating one schema must not trip over another being dropped.
    const churn = new pg.Client({ connectionString: url });
    await churn.connect();
    let stop = false;
    const churning = (async () => {
      for (let i = 0; !stop; i++) {
        const name = `assent_test_churn_${process.pid}_${i}`;
        await churn.query(`create schema "${name}"; create table "${name}".t (a int, b text)`);
        await churn.query(`drop schema "${name}" cascade`);
      }
    })();
    try {
      for (let i = 0; i < 8; i++) {
        const store = await openFreshSchemaPostgresStore(url ?? '');
        await store.close();
      }
    } finally {
      stop = true;
      await churning;
      await churn.end();
    }
  });

  it.skipIf(url === undefined)('changes its change token for a commit by another connection', async () => {
    const schema = `assent_test_token_${process.pid}_${Date.now().toString(36)}`;
    const server = await openPostgresStore({ url: url ?? '', schema });
    const other = await openPostgresStore({ url: url ?? '', schema });
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await server.upsertMembers([sampleMember('m1')]);
      const before = await server.changeToken();
      await other.appendConsentEvents([sampleEvent('e1', 'm1')]);
      const afterStore = await server.changeToken();
      expect(afterStore).not.toBe(before);
      await client.query(`update "${schema}".members set country = 'FR' where id = 'm1'`);
      expect(await server.changeToken()).not.toBe(afterStore);
    } finally {
      await other.close();
      await server.close();
      await client.query(`drop schema if exists "${schema}" cascade`);
      await client.end();
    }
  });

  describe.skipIf(url === undefined)('change token', () => {
    let schema = '';
    let store: Store;
    let client: pg.Client;
    const run = (text: string) => client.query(text);

    beforeEach(async () => {
      schema = `assent_test_ctoken_${process.pid}_${Date.now().toString(36)}`;
      store = await openPostgresStore({ url: url ?? '', schema, maxConnections: 4 });
      client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
      await client.connect();
      await store.upsertMembers([sampleMember('m1')]);
    });

    afterEach(async () => {
      await store.close();
      await run(`drop schema if exists "${schema}" cascade`);
      await run(`drop schema if exists "${schema}_other" cascade`);
      await client.end();
    });

    it('stays put for commits to other schemas and to tables that are not Assent’s', async () => {
      // The old token (pg_current_snapshot) moved with each of these commits.
      await run(`create schema "${schema}_other"`);
      await run(`create table "${schema}_other".members (id text primary key)`);
      await run(`create table "${schema}".not_assent (id text primary key)`);
      const before = await store.changeToken();
      await run(`insert into "${schema}_other".members values ('m1')`);
      await run(`update "${schema}_other".members set id = 'm2'`);
      await run(`insert into "${schema}".not_assent values ('x')`);
      await run(`truncate "${schema}_other".members`);
      expect(await store.changeToken()).toBe(before);
    });

    it('moves with every kind of write to every Assent table, by any client, and only once committed', async () => {
      const tables = (
        await run(`select tablename from pg_tables where schemaname = '${schema}'
          and tablename not in ('assent_changes', 'assent_change_marks', 'assent_migrations', 'assent_migrations_lock')
          order by tablename`)
      ).rows.map((r: { tablename: string }) => r.tablename);
      expect(tables).toContain('consent_events');
      const tokens = new Set([await store.changeToken()]);
      const expectMoved = async (what: string) => {
        const token = await store.changeToken();
        expect(tokens.has(token), what).toBe(false);
        tokens.add(token);
      };
      // A table added by a later migration without the trigger fails here.
      for (const table of tables) {
        await run(`truncate "${schema}".${table}`);
        await expectMoved(`truncate ${table}`);
      }
      await store.upsertMembers([sampleMember('m1')]);
      await expectMoved('upsert');
      await run(`update "${schema}".members set country = 'FR'`);
      await expectMoved('update');
      await run(`delete from "${schema}".members`);
      await expectMoved('delete');
      // An update that matches no row still counts (a spurious change, never a missed one).
      await run(`update "${schema}".members set country = 'FR' where false`);
      await expectMoved('empty update');
    });

    it('stays put for rolled-back transactions and savepoints', async () => {
      const before = await store.changeToken();
      await run('begin');
      await run(`update members set country = 'FR'`);
      await run('rollback');
      expect(await store.changeToken()).toBe(before);
      await run('begin');
      await run('savepoint s');
      await run(`insert into policies values ('p', 'n', 's', 'd', 'l', 0)`);
      await run('rollback to savepoint s');
      await run('commit');
      expect(await store.changeToken()).toBe(before);
      await expect(
        store.transaction(async (tx) => {
          await tx.upsertMembers([sampleMember('m2')]);
          throw new Error('refused');
        }),
      ).rejects.toThrow('refused');
      expect(await store.changeToken()).toBe(before);
      // A write after a rolled-back savepoint in the same transaction counts.
      await run('begin');
      await run('savepoint s');
      await run(`update members set country = 'FR'`);
      await run('rollback to savepoint s');
      await run(`update members set country = 'DE'`);
      await run('commit');
      expect(await store.changeToken()).not.toBe(before);
    });

    it('shows a transaction its own writes, and others only once it commits', async () => {
      const before = await store.changeToken();
      let inside: string[] = [];
      await store.transaction(async (tx) => {
        inside = [await tx.changeToken()];
        await tx.upsertMembers([sampleMember('m2')]);
        inside.push(await tx.changeToken());
        await tx.appendConsentEvents([sampleEvent('e1', 'm2')]);
        inside.push(await tx.changeToken());
        expect(await store.changeToken(), 'another connection, before the commit').toBe(before);
      });
      const after = await store.changeToken();
      expect(inside[0]).toBe(before);
      expect(inside[1]).not.toBe(before);
      expect(inside[2]).not.toBe(before);
      expect(after).not.toBe(before);
    });

    it('lets writers run while another transaction holds uncommitted changes', async () => {
      // The counter row is locked only while a transaction commits: an open import does not stall the ledger.
      const before = await store.changeToken();
      await run('begin');
      await run(
        `insert into members (id, age_signals, account_state, names, created_at) values ('m9', '[]', 'active', '[]', 'now')`,
      );
      await store.appendConsentEvents([sampleEvent('e1', 'm1')]);
      const meanwhile = await store.changeToken();
      expect(meanwhile).not.toBe(before);
      await run('commit');
      const after = await store.changeToken();
      expect(after).not.toBe(meanwhile);
      expect(await store.getMember('m9')).toBeDefined();
    });

    it('is added to a database created before it', async () => {
      await store.close();
      await run(`drop schema "${schema}" cascade`);
      const pool = new pg.Pool({ connectionString: url, options: `-c search_path=${schema}`, max: 1 });
      await pool.query(`create schema "${schema}"`);
      const old = new Kysely<Database>({ dialect: new CurrentSchemaPostgresDialect({ pool }) });
      await migrateToLatest(old, { json: 'jsonb', bigInteger: 'bigint' }, { migrationTableSchema: schema });
      await old.destroy();
      store = await openPostgresStore({ url: url ?? '', schema });
      const before = await store.changeToken();
      await run(
        `insert into members (id, age_signals, account_state, names, created_at) values ('m9', '[]', 'active', '[]', 'now')`,
      );
      expect(await store.changeToken()).not.toBe(before);
    });
  });
});
