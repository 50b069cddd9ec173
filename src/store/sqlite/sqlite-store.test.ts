// Runs the Store contract against a real SQLite file, plus what only a file-backed store can show.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { describeStoreContract, sampleEvent, sampleMember } from '../store.contract.js';
import { openTempSqliteStore } from '../testing.js';
import { openSqliteStore } from './sqlite-store.js';

describeStoreContract('sqlite', openTempSqliteStore);

describe('SQLite file store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'assent-sqlite-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs migrations once, records them, and keeps data across reopen', async () => {
    const file = join(dir, 'reopen.db');
    const first = await openSqliteStore({ file });
    await first.upsertMembers([sampleMember('m1')]);
    await first.close();
    const second = await openSqliteStore({ file });
    expect(await second.getMember('m1')).toEqual(sampleMember('m1'));
    await second.close();
    const raw = new BetterSqlite3(file, { readonly: true });
    try {
      const names = raw.prepare('select name from assent_migrations order by name').all() as { name: string }[];
      expect(names.map((n) => n.name)).toEqual(['0001-initial']);
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      raw.close();
    }
  });

  it('rolls a failed migration back whole, so the next open can run it again', async () => {
    // A table the first migration creates last, already there: the migration fails after creating the others. A
    // process killed at the same point must leave the same nothing behind.
    const file = join(dir, 'half-migrated.db');
    const raw = new BetterSqlite3(file);
    raw.exec('create table api_tokens (x integer)');
    raw.close();
    await expect(openSqliteStore({ file })).rejects.toThrow(/migration 0001-initial failed/);
    const after = new BetterSqlite3(file);
    const tables = (after.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[])
      .map((t) => t.name)
      .filter((name) => !name.startsWith('assent_migrations'));
    expect(tables).toEqual(['api_tokens']);
    after.exec('drop table api_tokens');
    after.close();
    const store = await openSqliteStore({ file });
    await store.upsertMembers([sampleMember('m1')]);
    expect(await store.getMember('m1')).toEqual(sampleMember('m1'));
    await store.close();
  });

  it('defers only the flush of a deferred-flush transaction and restores synchronous=FULL after it', async () => {
    const file = join(dir, 'deferred.db');
    let raw: BetterSqlite3.Database | undefined;
    const store = await openSqliteStore({
      file,
      connect: (path) => {
        raw = new BetterSqlite3(path);
        return raw;
      },
    });
    try {
      const seen: unknown[] = [];
      const { durable } = await store.transactionWithDeferredFlush(async (tx) => {
        seen.push(raw?.pragma('synchronous', { simple: true }));
        await tx.upsertMembers([sampleMember('m1')]);
      });
      expect(seen).toEqual([1]); // NORMAL inside
      expect(raw?.pragma('synchronous', { simple: true })).toBe(2); // FULL again for everything else
      await durable;
      await expect(
        store.transactionWithDeferredFlush(async () => {
          throw new Error('no');
        }),
      ).rejects.toThrow('no');
      expect(raw?.pragma('synchronous', { simple: true })).toBe(2);
    } finally {
      await store.close();
    }
  });

  it('commits a deferred-flush transaction on a database without a file (no WAL to flush)', async () => {
    const store = await openSqliteStore({ file: ':memory:' });
    try {
      const { result, durable } = await store.transactionWithDeferredFlush(async (tx) => {
        await tx.upsertMembers([sampleMember('m1')]);
        return 'done';
      });
      expect(result).toBe('done');
      await expect(durable).resolves.toBeUndefined();
      expect(await store.getMember('m1')).toEqual(sampleMember('m1'));
    } finally {
      await store.close();
    }
  });

  it('keeps its change token across reads and changes it for a commit by another connection', async () => {
    const file = join(dir, 'tokens.db');
    const server = await openSqliteStore({ file });
    const cli = await openSqliteStore({ file });
    try {
      await server.upsertMembers([sampleMember('m1')]);
      const before = await server.changeToken();
      await server.getMember('m1');
      await server.consentEventsFor('m1');
      expect(await server.changeToken()).toBe(before);
      await cli.appendConsentEvents([sampleEvent('e1', 'm1')]);
      const afterForeign = await server.changeToken();
      expect(afterForeign).not.toBe(before);
      expect(await server.changeToken()).toBe(afterForeign);
      // A raw connection that is not an Assent store at all.
      const raw = new BetterSqlite3(file);
      try {
        raw.prepare("update members set country = 'FR' where id = 'm1'").run();
      } finally {
        raw.close();
      }
      expect(await server.changeToken()).not.toBe(afterForeign);
    } finally {
      await cli.close();
      await server.close();
    }
  });
});
