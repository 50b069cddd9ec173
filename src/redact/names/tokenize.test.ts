import { describe, expect, it } from 'vitest';
import { longWordEnd, tokenize } from './tokenize.js';
import { rangeHash } from './word-cache.js';

const words = (text: string): string[] => {
  const t = tokenize(text);
  return Array.from({ length: t.count }, (_, i) => text.slice(t.starts[i], t.ends[i]));
};

describe('longWordEnd', () => {
  // TOKEN, as tokenize.ts holds it: the reading longWordEnd must give where the regex engine runs out of stack.
  const TOKEN = /[\p{L}\p{M}\p{N}_\u200c\u200d]+(?:['’-][\p{L}\p{M}\p{N}_\u200c\u200d]+)*/uy;
  it.each(["O'Brien.", 'Jean-Luc,', 'शर्मा जी', '王小明，你好', 'a-', "x'-y", 'ab’cd-ef gh', 'دوست‌ها و', '𝓐𝓑c-d'])(
    'ends where TOKEN does in %j',
    (text) => {
      TOKEN.lastIndex = 0;
      expect(TOKEN.test(text)).toBe(true);
      expect(longWordEnd(text, 0)).toBe(TOKEN.lastIndex);
    },
  );

  it('skips nine million ideographic spaces', () => {
    const text = `${'\u3000'.repeat(9_000_000)}x`;
    const t = tokenize(text);
    expect([t.count, t.starts[0]]).toEqual([1, 9_000_000]);
  });

  it('tokenizes a word of ten million letters as one token, where the regex overflows its stack', () => {
    const text = `${'市'.repeat(10_000_000)} ok`;
    expect(() => {
      TOKEN.lastIndex = 0;
      TOKEN.test(text);
    }).toThrow(RangeError);
    const t = tokenize(text);
    expect([t.count, t.starts[0], t.ends[0]]).toEqual([2, 0, 10_000_000]);
  });
});

describe('tokenize', () => {
  it.each<[string, string[]]>([
    ["met O'Brien.", ['met', "O'Brien", '.']],
    ['Jean-Luc, cc @maria', ['Jean-Luc', ',', 'cc', '@', 'maria']],
    ['Dña. María José', ['Dña', '.', 'María', 'José']],
    ['x2 — 😀 ok', ['x2', '—', '😀', 'ok']],
    ['a--b', ['a', '-', '-', 'b']],
    ['', []],
    ['   \n ', []],
  ])('%j', (text, expected) => {
    expect(words(text)).toEqual(expected);
  });

  it('grows past its initial capacity and keeps offsets exact', () => {
    const text = Array.from({ length: 500 }, (_, i) => `w${i}`).join(' ');
    const t = tokenize(text);
    expect(t.count).toBe(500);
    expect(text.slice(t.starts[499], t.ends[499])).toBe('w499');
  });
});

describe('tokenize scanner', () => {
  it('gives exactly the tokens of a global regex scan, on random mixed-script strings', () => {
    const reference =
      /[\p{L}\p{M}\p{N}_\u200c\u200d]+(?:['’-][\p{L}\p{M}\p{N}_\u200c\u200d]+)*|[^\s\p{L}\p{M}\p{N}_]/gu;
    const alphabet = [..."aZ9_'’- \n\t\u00a0é\u0301—.\u2028\u3000ß\u00adx\x1f\x0b\ufeff٣\u200c\u200d", '😀', '\ud800'];
    let seed = 7;
    const rand = (): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 2 ** 32;
    };
    for (let round = 0; round < 20_000; round++) {
      let text = '';
      const n = Math.floor(rand() * 12);
      for (let j = 0; j < n; j++) text += alphabet[Math.floor(rand() * alphabet.length)];
      const expected = [...text.matchAll(reference)].map((m) => `${m.index}:${m.index + m[0].length}`);
      const t = tokenize(text);
      const actual = Array.from({ length: t.count }, (_, i) => `${t.starts[i]}:${t.ends[i]}`);
      expect(actual, JSON.stringify(text)).toEqual(expected);
      // The hash computed while scanning is the word cache's key hash of the token.
      const hashes = Array.from({ length: t.count }, (_, i) => t.hashes[i]);
      expect(hashes).toEqual(
        Array.from({ length: t.count }, (_, i) => rangeHash(text, t.starts[i] ?? 0, t.ends[i] ?? 0)),
      );
    }
  });
});
