import { describe, expect, it } from 'vitest';
import { rangeHash, SHORT_KEY_LENGTH, WordCache } from './word-cache.js';

const WIDTH = 4;

/** Looks `word` up as a range of a longer text, filling a new entry's vector with `fill`. */
function lookup(cache: WordCache, word: string, fill: number): { entry: number; missed: boolean } {
  const text = `  ${word} `;
  const entry = cache.lookup(text, 2, 2 + word.length, rangeHash(text, 2, 2 + word.length));
  const missed = cache.missed;
  if (missed) cache.vectors.fill(fill, entry * WIDTH, entry * WIDTH + WIDTH);
  return { entry, missed };
}

const vectorOf = (cache: WordCache, entry: number): number[] => [
  ...cache.vectors.subarray(entry * WIDTH, entry * WIDTH + WIDTH),
];

describe('WordCache', () => {
  it('finds a word by its range, compares characters, and keeps entry 0 as -0', () => {
    const cache = new WordCache(100, WIDTH);
    cache.begin();
    const a = lookup(cache, 'maria', 1);
    expect(a.missed).toBe(true);
    expect(lookup(cache, 'maria', 9)).toEqual({ entry: a.entry, missed: false });
    const b = lookup(cache, 'mario', 2);
    expect(b.missed).toBe(true);
    expect(b.entry).not.toBe(a.entry);
    expect(vectorOf(cache, a.entry)).toEqual([1, 1, 1, 1]);
    expect(vectorOf(cache, 0).every((x) => Object.is(x, -0))).toBe(true);
  });

  it('grows past its initial size and keeps every vector', () => {
    const cache = new WordCache(100_000, WIDTH);
    cache.begin();
    const entries = Array.from({ length: 5000 }, (_, i) => lookup(cache, `w${i}`, i).entry);
    for (let i = 0; i < 5000; i++) {
      expect(lookup(cache, `w${i}`, -1)).toEqual({ entry: entries[i], missed: false });
      expect(vectorOf(cache, entries[i] as number)[0]).toBe(i);
    }
  });

  // Thousands of long words in one text (a pasted blob) add unkeyed entries without slots; the next keyed word's
  // rehash must size its table for them all (it never ended once they outnumbered the doubled slots).
  it('takes a keyed word after thousands of unkeyed ones, and still finds the words before', () => {
    const cache = new WordCache(1_000_000, WIDTH);
    cache.begin();
    const before = lookup(cache, 'maria', 3);
    for (let i = 0; i < 10_000; i++) cache.unkeyed();
    const after = lookup(cache, 'hello', 5);
    expect(after.missed).toBe(true);
    expect(lookup(cache, 'maria', -1)).toEqual({ entry: before.entry, missed: false });
    expect(lookup(cache, 'hello', -1)).toEqual({ entry: after.entry, missed: false });
    expect(vectorOf(cache, after.entry)).toEqual([5, 5, 5, 5]);
  });

  it('turns generations over between texts and carries back the words still in use', () => {
    const cache = new WordCache(3, WIDTH);
    cache.begin();
    for (const [i, w] of ['a', 'b', 'c'].entries()) lookup(cache, w, i + 1);
    cache.begin(); // young is full: it becomes the old generation
    const b = lookup(cache, 'b', 99);
    expect(b.missed).toBe(false);
    expect(vectorOf(cache, b.entry)).toEqual([2, 2, 2, 2]);
    expect(lookup(cache, 'd', 4).missed).toBe(true);
    lookup(cache, 'e', 5);
    cache.begin(); // b, d, e are now old; a and c are gone
    expect(lookup(cache, 'a', 7).missed).toBe(true);
    expect(lookup(cache, 'd', 7).missed).toBe(false);
  });

  it('counts its turnovers: within a generation an entry names one word', () => {
    const cache = new WordCache(2, WIDTH);
    cache.begin();
    const a = lookup(cache, 'a', 1).entry;
    lookup(cache, 'b', 2);
    expect(lookup(cache, 'a', 3).entry).toBe(a);
    const before = cache.generation;
    cache.begin(); // young is full: turned over
    expect(cache.generation).toBe(before + 1);
    const c = lookup(cache, 'c', 4).entry;
    cache.begin(); // not full: same generation
    expect(cache.generation).toBe(before + 1);
    expect(lookup(cache, 'a', 5).entry).not.toBe(c);
  });

  it('with limit 0 remembers words within one text only; unkeyed entries are never found', () => {
    const cache = new WordCache(0, WIDTH);
    cache.begin();
    lookup(cache, 'x', 1);
    expect(lookup(cache, 'x', 2).missed).toBe(false);
    const unkeyed = cache.unkeyed();
    expect(unkeyed).toBeGreaterThan(0);
    cache.begin();
    expect(lookup(cache, 'x', 3).missed).toBe(true);
  });

  it('names short ASCII words exactly by a negative hash, so they are found without comparing characters', () => {
    // Every ASCII word of up to 2 characters and 20,000 random ones of 3-4: a hash shared by two of them would give
    // two words one entry.
    const words: string[] = [''];
    for (let a = 0; a < 128; a++) {
      words.push(String.fromCharCode(a));
      for (let b = 0; b < 128; b++) words.push(String.fromCharCode(a, b));
    }
    let seed = 11;
    const rand = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    for (let k = 0; k < 20_000; k++) {
      const length = 3 + rand(SHORT_KEY_LENGTH - 2);
      words.push(String.fromCharCode(...Array.from({ length }, () => rand(128))));
    }
    const unique = [...new Set(words)];
    const cache = new WordCache(1_000_000, WIDTH);
    cache.begin();
    const entries = unique.map((w, i) => lookup(cache, w, i));
    expect(entries.every((e) => e.missed)).toBe(true);
    expect(unique.every((w) => rangeHash(w, 0, w.length) < 0)).toBe(true);
    unique.forEach((w, i) => {
      expect(lookup(cache, w, -1)).toEqual({ entry: entries[i]?.entry, missed: false });
    });
    // Longer or non-ASCII words keep the compared hash.
    expect(rangeHash('maria', 0, 5)).toBeGreaterThanOrEqual(0);
    expect(rangeHash('né', 0, 2)).toBeGreaterThanOrEqual(0);
  });

  it('hashes a range as the whole string, its length included', () => {
    expect(rangeHash('xx maria yy', 3, 8)).toBe(rangeHash('maria', 0, 5));
    expect(rangeHash('ab', 0, 2)).not.toBe(rangeHash('ab\u0000', 0, 3));
    expect(rangeHash('', 0, 0)).toBe(rangeHash('x', 1, 1));
  });
});
