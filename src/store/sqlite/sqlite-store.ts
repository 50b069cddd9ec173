// The SQLite adapter: one file through better-sqlite3, in WAL mode, with synchronous=FULL so a commit is on disk
// when its promise resolves (NORMAL in WAL mode may lose the last commits on power loss).

import BetterSqlite3 from 'better-sqlite3';
import { Kysely, type SqliteDatabase, SqliteDialect } from 'kysely';
import { createKyselyStore, type StoreAdapter } from '../kysely-store.js';
import { migrateToLatest } from '../migrations/migrations.js';
import type { ConsentEventsTable, Database, SchemaTypes } from '../schema.js';
import type { Store } from '../store.js';

/** The slice of better-sqlite3 this adapter uses: Kysely's statement interface plus pragmas. */
export interface SqliteConnection extends SqliteDatabase {
  pragma(source: string, options?: { readonly simple?: boolean }): unknown;
}

export interface SqliteStoreOptions {
  /** Path of the database file (created if missing). */
  readonly file: string;
  /** How long a writer waits for another process's lock before failing, in ms. */
  readonly busyTimeoutMs?: number;
  /** Opens the driver; a seam for tests. */
  readonly connect?: (file: string) => SqliteConnection;
}

const CONSENT_COLUMNS = [
  'seq',
  'id',
  'member_id',
  'purpose',
  'status',
  'method',
  'notice_version',
  'jurisdiction',
  'valid_from',
  'recorded_at',
  'actor',
  'request_id',
  'supersedes',
] as const satisfies readonly (keyof ConsentEventsTable)[];

const SQLITE_TYPES: SchemaTypes = Object.freeze({ json: 'text', bigInteger: 'integer' });

/** Opens (and migrates) a SQLite store in one file. */
export async function openSqliteStore(options: SqliteStoreOptions): Promise<Store> {
  const connection = (options.connect ?? ((file: string) => new BetterSqlite3(file)))(options.file);
  connection.pragma('journal_mode = WAL');
  connection.pragma('synchronous = FULL');
  connection.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000))}`);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: connection }) });
  try {
    await migrateToLatest(db, SQLITE_TYPES);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  const insertConsent = connection.prepare(
    `insert into consent_events (${CONSENT_COLUMNS.join(', ')}) values (${CONSENT_COLUMNS.map(() => '?').join(', ')})`,
  );
  const adapter: StoreAdapter = {
    capabilities: Object.freeze({ dialect: 'sqlite', concurrentWriters: false, maxBatchRows: 2000 }),
    location: options.file,
    maxParameters: 32766,
    // Takes the write lock at BEGIN, so a transaction never fails half-way on a lock upgrade; it also makes the
    // ledger lock below unnecessary.
    beginStatement: 'begin immediate',
    lockLedger: async () => {},
    // Only ever called by the shared store inside its open transaction on this same (single) connection.
    insertConsentRows: async (_db, rows) => {
      for (const r of rows) {
        insertConsent.run([
          r.seq,
          r.id,
          r.member_id,
          r.purpose,
          r.status,
          r.method,
          r.notice_version ?? null,
          r.jurisdiction ?? null,
          r.valid_from,
          r.recorded_at,
          r.actor,
          r.request_id ?? null,
          r.supersedes ?? null,
        ]);
      }
    },
    close: () => db.destroy(),
  };
  return createKyselyStore(db, adapter);
}
