// Versioned migrations, run on open through Kysely's Migrator and recorded in `assent_migrations`. A new version
// is one file plus one line in `MIGRATIONS`; reopening an up-to-date database runs nothing.

import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import type { Database, SchemaTypes } from '../schema.js';
import { up0001 } from './0001-initial.js';
import { up0002 } from './0002-postgres-change-counter.js';

type MigrationStep = (db: Kysely<unknown>, types: SchemaTypes) => Promise<void>;

/**
 * Every schema version in order, with the one dialect it is for when it is not for all. Names sort lexically, so
 * keep the zero-padded prefix; numbers are unique across dialects.
 */
const MIGRATIONS: readonly (readonly [string, MigrationStep, 'postgres'?])[] = Object.freeze([
  ['0001-initial', up0001],
  ['0002-postgres-change-counter', up0002, 'postgres'],
]);

export const MIGRATION_TABLE = 'assent_migrations';

function provider(types: SchemaTypes, dialect: string | undefined): MigrationProvider {
  return {
    async getMigrations() {
      const out: Record<string, Migration> = {};
      for (const [name, step, only] of MIGRATIONS) {
        if (only === undefined || only === dialect) out[name] = { up: (db: Kysely<unknown>) => step(db, types) };
      }
      return out;
    },
  };
}

/**
 * Brings the schema up to date; throws with the failing migration's name if one fails (its changes roll back
 * where the database supports transactional DDL).
 */
export async function migrateToLatest(
  db: Kysely<Database>,
  types: SchemaTypes,
  options: { readonly migrationTableSchema?: string; readonly dialect?: 'postgres' } = {},
): Promise<readonly string[]> {
  const migrator = new Migrator({
    db,
    provider: provider(types, options.dialect),
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: `${MIGRATION_TABLE}_lock`,
    // Where schemas exist, name ours: otherwise the migrator would see another schema's table and skip creating it.
    ...(options.migrationTableSchema !== undefined ? { migrationTableSchema: options.migrationTableSchema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
