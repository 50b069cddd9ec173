import { describe, expect, it } from 'vitest';
import { foldToken } from '../known/fold.js';
import { formatFrequentWords, loadFrequentWords, parseFrequentWords } from './word-lists.js';

describe('frequent words', () => {
  it('round-trips through the file format, sorted', () => {
    const lists = new Map([
      ['fr', new Set(['merci', 'bonjour'])],
      ['de', new Set(['kino'])],
    ]);
    const text = formatFrequentWords(lists);
    expect(text).toBe('de\tkino\nfr\tbonjour\nfr\tmerci\n');
    expect(parseFrequentWords(text)).toEqual(lists);
  });

  it.each([
    ['de kino\n', 1],
    ['de\tkino\n\tmerci\n', 2],
    ['de\tkino\tx\n', 1],
    ['de\t\n', 1],
  ])('names the line of a malformed entry (%j)', (text, line) => {
    expect(() => parseFrequentWords(text)).toThrow(`frequent-words.tsv.gz line ${line}: expected "language<TAB>word"`);
  });

  it('holds the six languages, common words in, given names out', () => {
    const lists = loadFrequentWords();
    expect([...lists.keys()].sort()).toEqual(['de', 'es', 'fr', 'it', 'nl', 'pt']);
    for (const words of lists.values()) expect(words.size).toBeGreaterThan(5000);
    expect(lists.get('de')?.has('mitarbeiter')).toBe(true);
    expect(lists.get('it')?.has('vediamo')).toBe(true);
    // left out at build time: the language's own given names
    expect(lists.get('es')?.has('pedro')).toBe(false);
    expect(lists.get('de')?.has('lena')).toBe(false);
    // every word is folded, as the gazetteer's keys are
    for (const words of lists.values()) for (const w of words) expect(foldToken(w)).toBe(w);
  });
});
