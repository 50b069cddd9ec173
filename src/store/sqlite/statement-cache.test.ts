import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { type SqliteConnection, withStatementCache } from './sqlite-store.js';

describe('withStatementCache', () => {
  const open = () => {
    const raw = new BetterSqlite3(':memory:') as unknown as SqliteConnection;
    raw.prepare('create table t (x integer)').run();
    raw.prepare('insert into t values (1), (2), (3)').run();
    return raw;
  };

  it('reuses the prepared statement for the same SQL text, not for another', () => {
    const db = withStatementCache(open());
    const a = db.prepare('select x from t order by x');
    expect(db.prepare('select x from t order by x')).toBe(a);
    expect(db.prepare('select x from t where x > 1')).not.toBe(a);
    db.close();
  });

  it('prepares a fresh statement while the cached one is iterating, so two readers never share one', () => {
    const db = withStatementCache(open());
    const sql = 'select x from t order by x';
    const outer = db.prepare(sql) as unknown as { iterate(): IterableIterator<{ x: number }> };
    const seen: number[][] = [];
    for (const row of outer.iterate()) {
      const inner = db.prepare(sql) as unknown as { all(): { x: number }[] };
      expect(inner).not.toBe(outer);
      seen.push([row.x, inner.all().length]);
    }
    expect(seen).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
    db.close();
  });

  it('evicts the oldest statement beyond its size', () => {
    const db = withStatementCache(open(), 2);
    const first = db.prepare('select 1');
    db.prepare('select 2');
    db.prepare('select 3');
    expect(db.prepare('select 1')).not.toBe(first);
    db.close();
  });
});
