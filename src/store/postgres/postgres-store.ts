// The PostgreSQL adapter: a `pg` pool, optionally confined to one schema (search_path), so several test runs or
// tenants share a database without colliding. Several processes may write; the ledger lock serialises appenders.

import { Kysely, type PostgresPool, sql } from 'kysely';
import pg from 'pg';
import type { ConsentEvent } from '../../domain/index.js';
import { createKyselyStore, type StoreAdapter } from '../kysely-store.js';
import { migrateToLatest } from '../migrations/migrations.js';
import type { Database, SchemaTypes } from '../schema.js';
import type { Store } from '../store.js';
import { CurrentSchemaPostgresDialect } from './scoped-introspector.js';

/** The slice of a `pg` Pool this adapter uses: Kysely's pool interface plus a one-off query. */
export interface PostgresConnectionPool extends PostgresPool {
  query(text: string): Promise<unknown>;
}

export interface PostgresStoreOptions {
  /** `postgres://user:password@host:port/db`. */
  readonly url: string;
  /** Schema to use (created if missing); default `public`. */
  readonly schema?: string;
  /** Pool size. */
  readonly maxConnections?: number;
  /** Opens the pool; a seam for tests. */
  readonly connect?: (config: { connectionString: string; options?: string; max: number }) => PostgresConnectionPool;
}

const UNNEST_BATCH = 20_000;
const POSTGRES_TYPES: SchemaTypes = Object.freeze({ json: 'jsonb', bigInteger: 'bigint' });
const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/** The URL without its password, safe to print. */
export function redactDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password === '') return url;
    parsed.password = '';
    return parsed.toString();
  } catch {
    return '(unparsable database URL)';
  }
}

async function readChangeToken(conn: Kysely<Database>): Promise<string> {
  const result = await sql<{ token: string }>`select c.xid::text
      || coalesce((select '+' || m.xid::text from assent_change_marks m
        where m.xid = pg_current_xact_id_if_assigned() limit 1), '') as token
    from assent_changes c`.execute(conn);
  return result.rows[0]?.token ?? '';
}

/**
 * Concurrent calls share one query, and each gets a result read after it was called: a call made while a query is
 * in flight waits for the next one (shared by every call made meanwhile), which starts when the first ends. Under
 * load, one round trip serves many requests, and none gets a token older than itself.
 */
export function sharedAfterCall<T>(read: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | undefined;
  let queued: Promise<T> | undefined;
  const start = (): Promise<T> => {
    const current = read().finally(() => {
      if (running === current) running = undefined;
    });
    running = current;
    return current;
  };
  return () => {
    if (running === undefined) return start();
    if (queued === undefined) {
      queued = running
        .catch(() => undefined)
        .then(() => {
          queued = undefined;
          return start();
        });
    }
    return queued;
  };
}

/** Opens (and migrates) a PostgreSQL store. */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<Store> {
  const schema = options.schema;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new Error(`schema: expected a SQL identifier (letters, digits, underscore), found "${schema}"`);
  }
  const config = {
    connectionString: options.url,
    max: options.maxConnections ?? 8,
    ...(schema !== undefined ? { options: `-c search_path=${schema}` } : {}),
  };
  const pool = (options.connect ?? ((c) => new pg.Pool(c)))(config);
  if (schema !== undefined) {
    try {
      await pool.query(`create schema if not exists "${schema}"`);
    } catch (error) {
      await pool.end();
      throw error;
    }
  }
  const db = new Kysely<Database>({ dialect: new CurrentSchemaPostgresDialect({ pool }) });
  try {
    const current = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
    const migrationTableSchema = current.rows[0]?.schema ?? 'public';
    await migrateToLatest(db, POSTGRES_TYPES, { migrationTableSchema, dialect: 'postgres' });
  } catch (error) {
    await db.destroy();
    throw error;
  }
  const sharedToken = sharedAfterCall(() => readChangeToken(db));
  const location = `${redactDatabaseUrl(options.url)}${schema !== undefined ? ` (schema ${schema})` : ''}`;
  const adapter: StoreAdapter = {
    capabilities: Object.freeze({ dialect: 'postgres', concurrentWriters: true, maxBatchRows: 2000 }),
    location,
    maxParameters: 65535,
    beginStatement: 'begin',
    // A transaction-scoped advisory lock per schema: appenders to the consent ledger and the audit chain queue up,
    // so seq numbers are gap-free and in commit order, and the chain never forks.
    lockLedger: async (conn) => {
      await sql`select pg_advisory_xact_lock(hashtext('assent.ledger.' || current_schema()))`.execute(conn);
    },
    // Thirteen array parameters per statement instead of thirteen per row: fewer, smaller statements to parse.
    insertConsentEvents: async (conn, events) => {
      for (let i = 0; i < events.length; i += UNNEST_BATCH) {
        const batch = events.slice(i, i + UNNEST_BATCH);
        const column = <K extends keyof ConsentEvent>(key: K) => batch.map((e) => e[key]);
        await sql`insert into consent_events (seq, id, member_id, purpose, status, method, notice_version, jurisdiction,
            valid_from, recorded_at, actor, request_id, supersedes)
          select * from unnest(${column('seq')}::bigint[], ${column('id')}::text[], ${column('memberId')}::text[],
            ${column('purpose')}::text[], ${column('status')}::text[], ${column('method')}::text[],
            ${column('noticeVersion')}::text[], ${column('jurisdiction')}::text[], ${column('validFrom')}::text[],
            ${column('recordedAt')}::text[], ${column('actor')}::text[], ${column('requestId')}::text[],
            ${column('supersedes')}::text[])`.execute(conn);
      }
    },
    // The id of the last transaction that committed a change to this schema's tables (migration 0002): it moves
    // with those commits only, not with writes elsewhere on the server. Inside a transaction that has written, the
    // pending mark adds its own id, so the token differs from the one read before its writes.
    changeToken: (conn) => (conn === db ? sharedToken() : readChangeToken(conn)),
    close: () => db.destroy(),
  };
  return createKyselyStore(db, adapter);
}
