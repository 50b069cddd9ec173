// The SQLite adapter: one file through better-sqlite3, in WAL mode, with synchronous=FULL so a commit is on disk
// when its promise resolves (NORMAL in WAL mode may lose the last commits on power loss).

import { type FileHandle, open } from 'node:fs/promises';
import BetterSqlite3 from 'better-sqlite3';
import {
  type DialectAdapter,
  Kysely,
  SqliteAdapter,
  type SqliteDatabase,
  SqliteDialect,
  type SqliteStatement,
} from 'kysely';
import { createKyselyStore, type StoreAdapter } from '../kysely-store.js';
import { migrateToLatest } from '../migrations/migrations.js';
import type { ConsentEventsTable, Database, SchemaTypes } from '../schema.js';
import type { Store } from '../store.js';

/** The slice of better-sqlite3 this adapter uses: Kysely's statement interface, positional `run`, and pragmas. */
export interface SqliteConnection extends SqliteDatabase {
  prepare(sql: string): SqliteStatement & {
    run(...parameters: unknown[]): unknown;
    raw(toggle?: boolean): { get(...parameters: unknown[]): unknown };
  };
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

/** How many distinct SQL texts keep a prepared statement; the store issues a few dozen shapes. */
const STATEMENT_CACHE_SIZE = 256;

/**
 * Kysely prepares every query anew; for the small point reads that the API and the builds issue thousands of times a
 * second, preparing costs as much as running. This wrapper reuses a prepared statement per SQL text, and prepares a
 * fresh one when the cached statement is still busy (an open iterator), so concurrent readers never share one.
 */
export function withStatementCache(connection: SqliteConnection, size = STATEMENT_CACHE_SIZE): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  return {
    prepare(sql: string): SqliteStatement {
      const hit = cache.get(sql);
      if (hit && !(hit as { busy?: boolean }).busy) return hit;
      const statement = connection.prepare(sql);
      if (!hit) {
        if (cache.size >= size) {
          const oldest = cache.keys().next().value;
          if (oldest !== undefined) cache.delete(oldest);
        }
        cache.set(sql, statement);
      }
      return statement;
    },
    close(): void {
      cache.clear();
      connection.close();
    },
  };
}

const SQLITE_TYPES: SchemaTypes = Object.freeze({ json: 'text', bigInteger: 'integer' });

/**
 * SQLite rolls back CREATE TABLE with the rest of a transaction, but Kysely's SqliteAdapter says it cannot, so its
 * migrator ran each migration outside one: a process killed half-way through the first migration left some tables
 * and no record of the migration, and every later open failed on "table members already exists". Saying so makes the
 * migrator run each migration and its record in one transaction.
 */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class TransactionalDdlSqliteDialect extends SqliteDialect {
  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}

/** Opens (and migrates) a SQLite store in one file. */
export async function openSqliteStore(options: SqliteStoreOptions): Promise<Store> {
  const connection = (options.connect ?? ((file: string) => new BetterSqlite3(file)))(options.file);
  // A database that cannot be in WAL mode (':memory:') has no file to flush: its commits are as durable as they get.
  const walMode = connection.pragma('journal_mode = WAL', { simple: true }) === 'wal';
  connection.pragma('synchronous = FULL');
  connection.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000))}`);
  const db = new Kysely<Database>({
    dialect: new TransactionalDdlSqliteDialect({ database: withStatementCache(connection) }),
  });
  try {
    await migrateToLatest(db, SQLITE_TYPES);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  const insertConsent = connection.prepare(
    `insert into consent_events (${CONSENT_COLUMNS.join(', ')}) values (${CONSENT_COLUMNS.map(() => '?').join(', ')})`,
  );
  let wal: Promise<FileHandle> | undefined;
  // data_version changes when another connection commits; total_changes() counts this connection's own row changes
  // (a rolled-back change still counts: a spurious change, never a missed one). Two plain statements: together
  // ~1.5 us a read where the table-valued `pragma_data_version` joined with total_changes() took ~2.4 us
  // (better-sqlite3 alone; through the store ~2.3 against ~2.55 us).
  const dataVersion = connection.prepare('pragma data_version').raw(true);
  const totalChanges = connection.prepare('select total_changes()').raw(true);
  const adapter: StoreAdapter = {
    capabilities: Object.freeze({ dialect: 'sqlite', concurrentWriters: false, maxBatchRows: 2000 }),
    location: options.file,
    maxParameters: 32766,
    // Takes the write lock at BEGIN, so a transaction never fails half-way on a lock upgrade; it also makes the
    // ledger lock below unnecessary.
    beginStatement: 'begin immediate',
    lockLedger: async () => {},
    // Only ever called by the shared store inside its open transaction on this same (single) connection.
    insertConsentEvents: async (_db, events) => {
      for (const e of events) {
        insertConsent.run(
          e.seq,
          e.id,
          e.memberId,
          e.purpose,
          e.status,
          e.method,
          e.noticeVersion,
          e.jurisdiction,
          e.validFrom,
          e.recordedAt,
          e.actor,
          e.requestId,
          e.supersedes,
        );
      }
    },
    // In WAL mode with synchronous=NORMAL a commit writes the WAL without flushing it; flushing the WAL file from the
    // thread pool afterwards makes exactly those commits durable without blocking the event loop meanwhile.
    deferredFlush: walMode
      ? {
          relax: () => connection.pragma('synchronous = NORMAL'),
          restore: () => connection.pragma('synchronous = FULL'),
          flush: async () => {
            wal ??= open(`${options.file}-wal`, 'r');
            let handle: FileHandle;
            try {
              handle = await wal;
            } catch {
              // No WAL file (nothing written yet): flush the database file itself, and look for the WAL again next
              // time.
              wal = undefined;
              const main = await open(options.file, 'r');
              try {
                await main.datasync();
              } finally {
                await main.close();
              }
              return;
            }
            await handle.datasync();
          },
        }
      : undefined,
    // Synchronous statements on the single connection, outside Kysely's queue: inside another caller's open
    // transaction they may count that transaction's uncommitted changes, which only makes the token change early.
    changeToken: async () => {
      const [version] = dataVersion.get() as [number];
      const [ownChanges] = totalChanges.get() as [number];
      return `${version}.${ownChanges}`;
    },
    close: async () => {
      await db.destroy();
      const handle = await wal?.catch(() => undefined);
      await handle?.close();
    },
  };
  return createKyselyStore(db, adapter);
}
