// Chooses and opens the store from options and the environment: PostgreSQL when a database URL is given,
// otherwise SQLite in the data directory.

import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openPostgresStore } from './postgres/postgres-store.js';
import { openSqliteStore } from './sqlite/sqlite-store.js';
import type { Store } from './store.js';

export interface OpenStoreOptions {
  /** SQLite data directory; default `ASSENT_DATA_DIR` or `./assent-data` (created if missing). */
  readonly dataDir?: string;
  /** PostgreSQL URL; default `ASSENT_DATABASE_URL`. When set, PostgreSQL is used. */
  readonly databaseUrl?: string;
  /** PostgreSQL schema (search_path), e.g. one per test run. */
  readonly schema?: string;
}

/**
 * Opens the configured store and runs pending migrations.
 *
 * @example const store = await openStore({ dataDir: './assent-data' }); // SQLite at ./assent-data/assent.db
 */
export async function openStore(options: OpenStoreOptions = {}): Promise<Store> {
  const url = databaseUrlOf(options);
  if (url !== undefined) {
    return openPostgresStore({ url, ...(options.schema !== undefined ? { schema: options.schema } : {}) });
  }
  const dataDir = dataDirOf(options);
  mkdirSync(dataDir, { recursive: true });
  return openSqliteStore({ file: join(dataDir, SQLITE_FILE) });
}

/**
 * Whether the configured store already exists: always with PostgreSQL (the server holds it), with SQLite when its
 * file does. A caller that only reads can then skip opening (and so creating) an embedded store that is not there.
 */
export function storeExists(options: OpenStoreOptions = {}): boolean {
  return databaseUrlOf(options) !== undefined || existsSync(join(dataDirOf(options), SQLITE_FILE));
}

const SQLITE_FILE = 'assent.db';

function databaseUrlOf(options: OpenStoreOptions): string | undefined {
  return options.databaseUrl ?? nonEmpty(process.env.ASSENT_DATABASE_URL);
}

function dataDirOf(options: OpenStoreOptions): string {
  return resolve(options.dataDir ?? nonEmpty(process.env.ASSENT_DATA_DIR) ?? './assent-data');
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
