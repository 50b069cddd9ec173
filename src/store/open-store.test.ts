// openStore's choice of database and data directory.

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from './open-store.js';
import { testDatabaseUrl } from './testing.js';

const dir = mkdtempSync(join(tmpdir(), 'assent-open-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('openStore', () => {
  it('creates the data directory and opens SQLite at <dataDir>/assent.db when no URL is set', async () => {
    const previous = process.env.ASSENT_DATABASE_URL;
    delete process.env.ASSENT_DATABASE_URL;
    try {
      const dataDir = join(dir, 'nested', 'data');
      const store = await openStore({ dataDir });
      expect(store.capabilities.dialect).toBe('sqlite');
      expect(store.location).toBe(join(dataDir, 'assent.db'));
      expect(existsSync(join(dataDir, 'assent.db'))).toBe(true);
      await store.close();
    } finally {
      if (previous !== undefined) process.env.ASSENT_DATABASE_URL = previous;
    }
  });

  const url = testDatabaseUrl();
  it.skipIf(url === undefined)('opens PostgreSQL when a URL is given, and never prints a password', async () => {
    const withPassword = (url ?? '').replace('postgres@', 'postgres:hunter2@');
    const schema = `assent_test_open_${process.pid}`;
    const store = await openStore({ databaseUrl: withPassword, schema });
    try {
      expect(store.capabilities.dialect).toBe('postgres');
      expect(store.location).not.toContain('hunter2');
      expect(store.location).toContain(`schema ${schema}`);
    } finally {
      await store.close();
      const { default: pg } = await import('pg');
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`drop schema if exists "${schema}" cascade`);
      await client.end();
    }
  });
});
