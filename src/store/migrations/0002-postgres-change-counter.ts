// Migration 0002 (PostgreSQL only): the change token's source. `assent_changes` holds one row, the id of the last
// transaction that committed a change to Assent's tables in this schema; the store's `changeToken` reads it.
//
// Every Assent table gets a statement-level trigger (insert, update, delete, truncate), so no code path and no other
// client can write without it. The trigger only notes the change: the first time in a transaction it inserts a row
// into `assent_change_marks`, whose deferred constraint trigger updates `assent_changes` at commit and deletes the
// mark. The new row version commits with the data, so the token moves exactly when the data becomes visible, and a
// rolled-back transaction (or savepoint) leaves it alone. Bumping at commit rather than at the first write keeps the
// row lock (which serialises the bumps) to the commit itself: a long import does not stall consent changes until
// it ends, nor deadlock with them on the ledger lock. A sequence would not do: it is not transactional.
//
// The functions name tables through `tg_table_schema`, so writes by a client with another search_path (or to a
// renamed schema) count too. A table added by a later migration must get the trigger with `noteChangesOn`; the
// PostgreSQL store test checks that every table of a fresh schema has it. Triggers do not fire for writes made with
// `session_replication_role = replica` (logical replication apply) unless enabled as ALWAYS.

import { type Kysely, sql } from 'kysely';

/** The tables of migration 0001: everything Assent stores. */
const TABLES = [
  'members',
  'content',
  'consent_events',
  'audit_log',
  'policies',
  'builds',
  'build_members',
  'models',
  'model_builds',
  'api_tokens',
] as const;

/** Adds the change-noting trigger to `table` (in the current schema). */
export async function noteChangesOn(db: Kysely<unknown>, table: string): Promise<void> {
  await sql`create trigger assent_note_change after insert or update or delete or truncate on ${sql.table(table)}
    for each statement execute function assent_note_change()`.execute(db);
}

/** Creates the counter, the marks, their functions and triggers, and the trigger on every existing table. */
export async function up0002(db: Kysely<unknown>): Promise<void> {
  await sql`create table assent_changes (
    one boolean primary key default true check (one),
    xid xid8 not null
  )`.execute(db);
  await sql`insert into assent_changes (xid) values (pg_current_xact_id())`.execute(db);
  // Marks are deleted at commit, so the table holds only dead rows until vacuumed: the index keeps the lookups of one
  // transaction's mark (the delete, the token read) from scanning them.
  await sql`create table assent_change_marks (xid xid8 not null default pg_current_xact_id())`.execute(db);
  await sql`create index assent_change_marks_xid_idx on assent_change_marks (xid)`.execute(db);

  // The transaction-local setting makes every statement after the first in a transaction a cheap no-op; it reverts
  // with a rolled-back savepoint, as the mark does. It names the schema, for transactions that write to several.
  await sql`create function assent_note_change() returns trigger language plpgsql as $$
    begin
      if current_setting('assent.change_noted', true) is distinct from tg_table_schema then
        execute format('insert into %I.assent_change_marks default values', tg_table_schema);
        perform set_config('assent.change_noted', tg_table_schema, true);
      end if;
      return null;
    end $$`.execute(db);
  await sql`create function assent_count_change() returns trigger language plpgsql as $$
    begin
      execute format('update %I.assent_changes set xid = pg_current_xact_id() where xid <> pg_current_xact_id()',
        tg_table_schema);
      execute format('delete from %I.assent_change_marks where xid = pg_current_xact_id()', tg_table_schema);
      return null;
    end $$`.execute(db);
  await sql`create constraint trigger assent_count_change after insert on assent_change_marks
    deferrable initially deferred for each row execute function assent_count_change()`.execute(db);

  for (const table of TABLES) await noteChangesOn(db, table);
}
