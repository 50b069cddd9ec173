// The tables as Kysely sees them. Shared by both adapters; column types that differ between databases (JSON,
// 64-bit integers) are chosen by the migration from the adapter's `SchemaTypes`, and read back through rows.ts.

import type { ColumnType } from 'kysely';

/** A JSON column: TEXT in SQLite, JSONB in PostgreSQL. Written as JSON text, read as text or a parsed value. */
export type JsonColumn = ColumnType<unknown, string, string>;
/** A 64-bit integer: a number from SQLite, a decimal string from PostgreSQL `bigint`. */
export type BigIntColumn = ColumnType<number | string, number, number>;

export interface MembersTable {
  id: string;
  country: string | null;
  birth_date: string | null;
  birth_year: number | null;
  age_signals: JsonColumn;
  language: string | null;
  account_state: string;
  names: JsonColumn;
  created_at: string;
}

export interface ContentTable {
  id: string;
  author_id: string;
  kind: string;
  visibility: string;
  text: string;
  created_at: string;
  language: string | null;
  deleted: number;
  signals: JsonColumn;
}

export interface ConsentEventsTable {
  seq: BigIntColumn;
  id: string;
  member_id: string;
  purpose: string;
  status: string;
  method: string;
  notice_version: string | null;
  jurisdiction: string | null;
  valid_from: string;
  recorded_at: string;
  actor: string;
  request_id: string | null;
  supersedes: string | null;
}

export interface AuditLogTable {
  seq: BigIntColumn;
  at: string;
  actor: string;
  action: string;
  subject: string | null;
  /** Canonical JSON text, kept byte for byte (TEXT in both databases) because the hash covers it. */
  payload: string;
  prev_hash: string;
  hash: string;
}

export interface PoliciesTable {
  id: string;
  name: string;
  sha256: string;
  document: string;
  loaded_at: string;
  active: number;
}

export interface BuildsTable {
  id: string;
  purpose: string;
  as_of: string;
  policy_version: string;
  state: string;
  started_at: string;
  published_at: string | null;
  location: string;
  progress_done: BigIntColumn;
  progress_total: ColumnType<number | string | null, number | null, number | null>;
  manifest: ColumnType<unknown, string | null, string | null>;
  error: string | null;
}

export interface BuildMembersTable {
  build_id: string;
  member_id: string;
  items: number;
}

export interface ModelsTable {
  id: string;
  name: string;
  version: string;
  registered_at: string;
  flagged_at: string | null;
  flag_reason: string | null;
}

export interface ModelBuildsTable {
  model_id: string;
  build_id: string;
  position: number;
}

export interface ApiTokensTable {
  id: string;
  name: string;
  secret_hash: string;
  scopes: JsonColumn;
  created_at: string;
  revoked_at: string | null;
}

export interface Database {
  members: MembersTable;
  content: ContentTable;
  consent_events: ConsentEventsTable;
  audit_log: AuditLogTable;
  policies: PoliciesTable;
  builds: BuildsTable;
  build_members: BuildMembersTable;
  models: ModelsTable;
  model_builds: ModelBuildsTable;
  api_tokens: ApiTokensTable;
}

/** Column types an adapter picks for the migrations; everything else is the same SQL. */
export interface SchemaTypes {
  /** `text` (SQLite) or `jsonb` (PostgreSQL). */
  readonly json: 'text' | 'jsonb';
  /** The type of 64-bit sequence keys: `integer` (SQLite rowid alias, 64-bit) or `bigint`. */
  readonly bigInteger: 'integer' | 'bigint';
}
