// Runs the Store contract against a real PostgreSQL in a fresh schema per store (ASSENT_TEST_DATABASE_URL);
// skipped with a reason when the variable is unset, and failing on CI where it must be set.

import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { describeStoreContract, sampleEvent, sampleMember } from '../store.contract.js';
import { openFreshSchemaPostgresStore, TEST_DATABASE_URL_ENV, testDatabaseUrl } from '../testing.js';
import { openPostgresStore, redactDatabaseUrl } from './postgres-store.js';

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
      expect(result.rows.map((r: { name: string }) => r.name)).toEqual(['0001-initial']);
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
});
