// Test helper for every module: the stores to run a suite against — a temp-file SQLite store always, and a
// fresh-schema PostgreSQL store when ASSENT_TEST_DATABASE_URL is set (dropped again on close).

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openPostgresStore } from './postgres/postgres-store.js';
import { openSqliteStore } from './sqlite/sqlite-store.js';
import type { Store } from './store.js';

export interface TestStoreFactory {
  readonly name: string;
  open(): Promise<Store>;
  /** Set when this store cannot run here; tests should `describe.skip` with it as the reason. */
  readonly skipReason?: string;
}

export const TEST_DATABASE_URL_ENV = 'ASSENT_TEST_DATABASE_URL';

/** Where the PostgreSQL test store is, or undefined; throws when it is missing on CI, where it must run. */
export function testDatabaseUrl(): string | undefined {
  const url = process.env[TEST_DATABASE_URL_ENV];
  if (url !== undefined && url.trim() !== '') return url;
  if (process.env.CI === 'true') {
    throw new Error(`${TEST_DATABASE_URL_ENV} is not set, but CI=true: the PostgreSQL suites must run on CI`);
  }
  return undefined;
}

/** A temp-file SQLite store whose directory is removed on close. */
export async function openTempSqliteStore(): Promise<Store> {
  const dir = mkdtempSync(join(tmpdir(), 'assent-test-'));
  const store = await openSqliteStore({ file: join(dir, 'assent.db') });
  return withCleanup(store, async () => rmSync(dir, { recursive: true, force: true }));
}

/** A PostgreSQL store in a fresh schema, dropped on close. */
export async function openFreshSchemaPostgresStore(url: string): Promise<Store> {
  const schema = `assent_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const store = await openPostgresStore({ url, schema, maxConnections: 4 });
  return withCleanup(store, async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`drop schema if exists "${schema}" cascade`);
    } finally {
      await client.end();
    }
  });
}

/**
 * The stores a suite should run against.
 *
 * @example
 * for (const factory of openTestStores()) {
 *   describe.skipIf(factory.skipReason !== undefined)(`ledger on ${factory.name}`, () => { ... });
 * }
 */
export function openTestStores(): Array<{ name: string; open(): Promise<Store>; skipReason?: string }> {
  const url = testDatabaseUrl();
  return [
    { name: 'sqlite', open: openTempSqliteStore },
    url === undefined
      ? {
          name: 'postgres',
          open: () => Promise.reject(new Error(`${TEST_DATABASE_URL_ENV} is not set`)),
          skipReason: `set ${TEST_DATABASE_URL_ENV}=postgres://postgres@127.0.0.1:5432/test to run against PostgreSQL`,
        }
      : { name: 'postgres', open: () => openFreshSchemaPostgresStore(url) },
  ];
}

function withCleanup(store: Store, cleanup: () => Promise<void>): Store {
  const close = store.close.bind(store);
  return Object.assign(Object.create(store) as Store, {
    close: async () => {
      await close();
      await cleanup();
    },
  });
}
