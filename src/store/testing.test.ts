// The test-store helper: skips PostgreSQL with a reason locally, and refuses to skip it on CI.

import { afterEach, describe, expect, it } from 'vitest';
import { openTestStores, TEST_DATABASE_URL_ENV, testDatabaseUrl } from './testing.js';

describe('test stores', () => {
  const saved = { url: process.env[TEST_DATABASE_URL_ENV], ci: process.env.CI };
  afterEach(() => {
    for (const [key, value] of [
      [TEST_DATABASE_URL_ENV, saved.url],
      ['CI', saved.ci],
    ] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  it('skips PostgreSQL with a reason when the URL is unset outside CI', () => {
    delete process.env[TEST_DATABASE_URL_ENV];
    delete process.env.CI;
    const stores = openTestStores();
    expect(stores.map((s) => s.name)).toEqual(['sqlite', 'postgres']);
    expect(stores[0]?.skipReason).toBeUndefined();
    expect(stores[1]?.skipReason).toContain(TEST_DATABASE_URL_ENV);
  });

  it('fails loudly on CI when the URL is unset', () => {
    delete process.env[TEST_DATABASE_URL_ENV];
    process.env.CI = 'true';
    expect(() => testDatabaseUrl()).toThrow(/CI=true/);
  });

  it('offers PostgreSQL when the URL is set', () => {
    process.env[TEST_DATABASE_URL_ENV] = 'postgres://postgres@127.0.0.1:5432/test';
    expect(openTestStores()[1]?.skipReason).toBeUndefined();
  });

  it('gives a working, empty SQLite store', async () => {
    const sqlite = openTestStores()[0];
    const store = await sqlite?.open();
    expect(await store?.countMembers()).toBe(0);
    await store?.close();
  });
});
