import { describe, expect, it } from 'vitest';
import { foldToken } from '../known/fold.js';
import { formatFrequentWords, loadFrequentWords, loadWordLists, parseFrequentWords } from './word-lists.js';

describe('frequent words', () => {
  it('round-trips through the file format, sorted, given names marked', () => {
    const lists = {
      common: new Map([
        ['fr', new Set(['merci', 'bonjour', 'pierre'])],
        ['de', new Set(['kino'])],
      ]),
      ordinary: new Map([
        ['fr', new Set(['merci', 'bonjour'])],
        ['de', new Set(['kino'])],
      ]),
    };
    const text = formatFrequentWords(lists);
    expect(text).toBe('de\tkino\nfr\tbonjour\nfr\tmerci\nfr\tpierre\tname\n');
    expect(parseFrequentWords(text)).toEqual(lists);
  });

  it.each([
    ['de kino\n', 1],
    ['de\tkino\n\tmerci\n', 2],
    ['de\tkino\tx\n', 1],
    ['de\tkino\tname\tx\n', 1],
    ['de\t\n', 1],
  ])('names the line of a malformed entry (%j)', (text, line) => {
    expect(() => parseFrequentWords(text)).toThrow(`frequent-words.tsv.gz line ${line}: expected "language<TAB>word"`);
  });

  it('holds the six languages, common words in, given names marked', () => {
    const { common, ordinary } = loadWordLists();
    expect(loadFrequentWords()).toBe(ordinary);
    expect([...ordinary.keys()].sort()).toEqual(['de', 'es', 'fr', 'it', 'nl', 'pt']);
    for (const words of ordinary.values()) expect(words.size).toBeGreaterThan(5000);
    expect(ordinary.get('de')?.has('mitarbeiter')).toBe(true);
    expect(ordinary.get('it')?.has('vediamo')).toBe(true);
    // the language's own given names are common words, but not ordinary ones
    expect(common.get('nl')?.has('lieve')).toBe(true);
    expect(ordinary.get('nl')?.has('lieve')).toBe(false);
    expect(ordinary.get('es')?.has('pedro')).toBe(false);
    // every word is folded, as the gazetteer's keys are
    for (const words of common.values()) for (const w of words) expect(foldToken(w)).toBe(w);
  });
});
