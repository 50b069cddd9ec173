// Migration 0001: the initial schema. Column types that differ between databases come from `SchemaTypes`.

import { type Kysely, sql } from 'kysely';
import type { SchemaTypes } from '../schema.js';

/** Creates every table and index of the first schema version. */
export async function up0001(db: Kysely<unknown>, types: SchemaTypes): Promise<void> {
  const json = sql.raw(types.json);
  const big = sql.raw(types.bigInteger);

  await db.schema
    .createTable('members')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('country', 'text')
    .addColumn('birth_date', 'text')
    .addColumn('birth_year', 'integer')
    .addColumn('age_signals', json, (c) => c.notNull())
    .addColumn('language', 'text')
    .addColumn('account_state', 'text', (c) => c.notNull())
    .addColumn('names', json, (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('content')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('author_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('language', 'text')
    .addColumn('deleted', 'integer', (c) => c.notNull())
    .addColumn('signals', json, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('content_author_idx').on('content').columns(['author_id', 'id']).execute();

  // Append-only. `seq` is assigned by the store under the ledger lock, so it is gap-free and in commit order.
  await db.schema
    .createTable('consent_events')
    .addColumn('seq', big, (c) => c.primaryKey())
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('member_id', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('notice_version', 'text')
    .addColumn('jurisdiction', 'text')
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('request_id', 'text')
    .addColumn('supersedes', 'text')
    .execute();
  await db.schema
    .createIndex('consent_events_member_purpose_seq_idx')
    .on('consent_events')
    .columns(['member_id', 'purpose', 'seq'])
    .execute();
  await db.schema
    .createIndex('consent_events_request_id_idx')
    .unique()
    .on('consent_events')
    .column('request_id')
    .where(sql.ref('request_id'), 'is not', null)
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('seq', big, (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject', 'text')
    // TEXT in both databases: the hash covers these exact bytes, and JSONB would normalise them.
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('policies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('document', 'text', (c) => c.notNull())
    .addColumn('loaded_at', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('builds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('as_of', 'text', (c) => c.notNull())
    .addColumn('policy_version', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .addColumn('location', 'text', (c) => c.notNull())
    .addColumn('progress_done', big, (c) => c.notNull())
    .addColumn('progress_total', big)
    .addColumn('manifest', json)
    .addColumn('error', 'text')
    .execute();

  // Compact lineage: one row per (build, member) with the number of items, never the items themselves.
  await db.schema
    .createTable('build_members')
    .addColumn('build_id', 'text', (c) => c.notNull())
    .addColumn('member_id', 'text', (c) => c.notNull())
    .addColumn('items', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('build_members_pk', ['build_id', 'member_id'])
    .execute();
  await db.schema.createIndex('build_members_member_idx').on('build_members').column('member_id').execute();

  await db.schema
    .createTable('models')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('registered_at', 'text', (c) => c.notNull())
    .addColumn('flagged_at', 'text')
    .addColumn('flag_reason', 'text')
    .execute();
  await db.schema
    .createTable('model_builds')
    .addColumn('model_id', 'text', (c) => c.notNull())
    .addColumn('build_id', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('model_builds_pk', ['model_id', 'build_id'])
    .execute();
  await db.schema.createIndex('model_builds_build_idx').on('model_builds').column('build_id').execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('secret_hash', 'text', (c) => c.notNull().unique())
    .addColumn('scopes', json, (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();
}
