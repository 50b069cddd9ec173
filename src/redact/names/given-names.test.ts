import { describe, expect, it } from 'vitest';
import { GAZ, loadGazetteer } from './gazetteer.js';
import { LISTED_GIVEN_NAMES, listedGivenNames } from './given-names.js';
import { loadNameModel } from './model.js';
import { createNameRecognizer } from './name-recognizer.js';
import { createNameTagger } from './tagger.js';
import { tokenize } from './tokenize.js';
import { loadFrequentWords } from './word-lists.js';

const gazetteer = loadGazetteer();
const german = loadFrequentWords().get('de') ?? new Set<string>();
const english = (folded: string) => (gazetteer.flags(folded) & (GAZ.COMMON | GAZ.DICTIONARY)) !== 0;

const CASES: readonly [string, 'de' | 'en', string[]][] = [
  ['Heute hatte ich ein Gespräch mit Dietmar über das Projekt', 'de', ['Dietmar']],
  ['Gerlinde und Hartmut haben uns eingeladen', 'de', ['Gerlinde', 'Hartmut']],
  ['Liebe Grüße von Swantje und Jörg', 'de', ['Swantje', 'Jörg']],
  ['Gratulation an Kevin-Pascal zum Examen', 'de', ['Kevin-Pascal']],
  ['lunch with Hans-Jürgen and Uwe today', 'en', ['Hans-Jürgen', 'Uwe']],
  ['Groetjes van Lieve en Wim uit Gent', 'de', ['Lieve', 'Wim']],
  // in capitals, an acronym or a place
  ['Tratamiento con BEP en BODØ', 'de', []],
  // written in lower case, or a common word of the record's language: not by this rule
  ['danke dietmar', 'de', []],
  ['Der Wolf und die Heide', 'de', []],
  ['Till next time, stay safe', 'en', []],
  // hyphenated words that are not all given names
  ['Ein Anti-Aging-Produkt und ein Check-in', 'de', []],
  ['Tom-Tom navigation', 'en', []],
];
const commonWordOf = (lang: 'de' | 'en') => (lang === 'de' ? (folded: string) => german.has(folded) : english);

describe('listedGivenNames', () => {
  it.each(CASES)('%s (%s)', (text, lang, expected) => {
    const names = listedGivenNames(text, tokenize(text), gazetteer, commonWordOf(lang));
    expect(names.map((n) => text.slice(n.start, n.end))).toEqual(expected);
  });

  // With the tagger's words, what is learnt of a word is kept by its id while the tagger's generation lasts.
  it.each([0, 8, 50_000])('finds the same with the word ids of a tagger with a cache of %i words', (cacheSize) => {
    const tagger = createNameTagger(loadNameModel(), gazetteer, { cacheSize });
    for (let round = 0; round < 2; round++) {
      for (const [text, lang, expected] of CASES) {
        tagger.tag(text);
        const words = tagger.words(text);
        if (words === undefined) throw new Error('no words');
        const names = listedGivenNames(text, words, gazetteer, commonWordOf(lang));
        expect(
          names.map((n) => text.slice(n.start, n.end)),
          text,
        ).toEqual(expected);
      }
    }
  });

  it('holds German and Dutch given names the other lists lack, folded', () => {
    for (const name of ['uwe', 'hartmut', 'gerlinde', 'swantje', 'holger', 'jurgen', 'wim', 'joop', 'truus']) {
      expect(LISTED_GIVEN_NAMES.has(name)).toBe(true);
    }
  });
});

describe('name recognizer with the German given names', () => {
  const recognizer = createNameRecognizer();
  const found = (text: string, lang: string) =>
    recognizer.analyze({ text, lang }).map((s) => text.slice(s.start, s.end));

  it.each<[string, string, string]>([
    ['de', 'Heute hatte ich ein Gespräch mit Dietmar über das neue Projekt.', 'Dietmar'],
    ['de', 'Gratulation an Kevin-Pascal zum bestandenen Examen!', 'Kevin-Pascal'],
    ['de', 'Ich bin der Uwe aus Köln.', 'Uwe'],
  ])('%s: %s', (lang, text, name) => {
    expect(found(text, lang).join(' | ')).toContain(name);
  });
});
