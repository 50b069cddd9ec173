import { describe, expect, it } from 'vitest';
import { loadGazetteer } from './gazetteer.js';
import { createNameRecognizer } from './name-recognizer.js';
import {
  formatPlaceNames,
  loadPlaceNames,
  PLACE_MAGNITUDE,
  type PlaceLookups,
  parsePlaceNames,
  placeCues,
  placeKey,
  placeLanguages,
  STARTS_NAME,
} from './place-cues.js';
import { tokenize } from './tokenize.js';
import { loadFrequentWords } from './word-lists.js';

const lookups: PlaceLookups = {
  gazetteer: loadGazetteer(),
  placeNames: () => loadPlaceNames(),
  frequentWords: (language) => loadFrequentWords().get(language),
};

// [text, record language, places the rule reports]
const CASES: readonly [string, string | undefined, string[]][] = [
  // after a place preposition of the record's language
  ['Ich komme aus Köln und wohne jetzt in Leipzig.', 'de', ['Köln', 'Leipzig']],
  ['Wir fahren morgen nach Zwickau', 'de', ['Zwickau']],
  ['Groeten uit Gent', 'nl', ['Gent']],
  ['We verhuizen volgende maand naar Zwolle.', 'nl', ['Zwolle']],
  ['Je vis à Lyon depuis dix ans', 'fr', ['Lyon']],
  // "Olinda" is a given name too, and "estudo" no verb of living: left to the tagger
  ['Moro em Recife e estudo em Olinda.', 'pt', ['Recife']],
  ['Moramos em Olinda', 'pt', ['Olinda']],
  ['Vivo en Santa Cruz desde 2010', 'es', ['Santa Cruz']],
  ['Eu moro no Rio de Janeiro', 'pt', ['Rio de Janeiro']],
  ['Nächste Woche in Frankfurt am Main', 'de', ['Frankfurt am Main']],
  ['Abito a Lecco, poi vado a Firenze e a Bergamo.', 'it', ['Lecco', 'Firenze', 'Bergamo']],
  // "roma" is one of Italian's commonest words and no city of 100,000 in the list (GeoNames writes "Rome"): left to
  // the tagger
  ['Abito a Roma', 'it', []],
  // a word the language also uses otherwise ("essen": to eat) only after a verb of living or coming
  ['Ich wohne in Essen', 'de', ['Essen']],
  ['Was gibt es nach Essen', 'de', []],
  ['Vivimos en Paz y leben in Frieden', 'es', []],
  ['Moro em Natal', 'pt', ['Natal']],
  ['No Natal vamos para a praia', 'pt', []],
  ['born in May, moved in June', 'en', []],
  ['Just moved to Leeds from Aberdeen', 'en', ['Leeds', 'Aberdeen']],
  ['ICH WOHNE IN LEIPZIG', 'de', ['LEIPZIG']],
  // a dictionary word in English only for a city of 100,000 or more
  ['I grew up near Reading', 'en', ['Reading']],
  ['took the train to Bath', 'en', []],
  ['went to Nice for a week', 'en', []],
  // a given name needs a verb of living or coming before the preposition
  ['Je vis à Paris', 'fr', ['Paris']],
  ['une photo de Paris', 'fr', []],
  ['Gracias a Lucía y a Pedro, saludos de María', 'es', []],
  ['Vivo en Victoria', 'es', ['Victoria']],
  ['I sent it to Victoria', 'en', []],
  // a particle between a given and a family name
  ['O livro de João da Silva', 'pt', []],
  ['Ana de Souza chegou', 'pt', []],
  ['Soy de Logroño', 'es', ['Logroño']],
  ['Je suis né à Tours', 'fr', ['Tours']],
  ['un tour à Tours', 'fr', []],
  // German nouns after a preposition, and other capitalised words that are no places
  ['Alles in Ordnung, ich bin im Büro und gehe dann nach Hause.', 'de', []],
  ['In Zukunft bitte aus Versehen nichts löschen', 'de', []],
  ['Das war in Gedanken, nach Feierabend', 'de', []],
  ['We zijn in Gesprek met de klant, naar School', 'nl', []],
  ['Je suis en Retard, à Demain', 'fr', []],
  ['Estoy en Casa, hablamos de Trabajo', 'es', []],
  ['Vado a Casa', 'it', []],
  ['Estou em Casa, falo de Trabalho', 'pt', []],
  ['I work in IT and talk to HR', 'en', []],
  ['I am in Love with this', 'en', []],
  ['Welcome to Hope', 'en', []],
  // family names and product names after a preposition
  ['Fui a la casa de García', 'es', []],
  ['síndrome de Down y test de Coombs', 'es', []],
  ['I did it in Excel and sent it to Teams', 'en', []],
  ['Ich habe das in Excel gemacht und nach Word kopiert', 'de', []],
  ['Réunion à Midi avec le service de Marketing', 'fr', []],
  // a preposition written with a capital or in capitals
  ['In Leipzig wohne ich', 'de', ['Leipzig']],
  ['Je pars À Lyon', 'fr', ['Lyon']],
  // English written in a record of another language; products and models; the Portuguese article "a"
  ['Got any suggestions for a Battlefield 1 video? From a United fan', 'es', []],
  ['winning a Nokia 5800', 'it', []],
  ['A Toyota lançou um carro e a Petrobras também', 'pt', []],
  ['Vou para Lisboa e depois para Braga', 'pt', ['Lisboa', 'Braga']],
  // lower-case, at the start, or not after a preposition
  ['ich komme aus köln', 'de', []],
  ['Leipzig ist schön', 'de', []],
  ['Treffen mit Paris morgen', 'de', []],
  // the preposition and the name on different lines, or apart
  ['Ich komme aus\nKöln', 'de', []],
  ['Ich komme aus, Köln', 'de', []],
  // French "a" is the verb "has" without its accent; a language without prepositions here reads none
  ['Il a Lyon dans le coeur', 'fr', []],
  ['Jag bor i Malmö', 'sv', []],
  // without a language tag, every language's prepositions
  ['Saludos desde Zaragoza', undefined, ['Zaragoza']],
];

describe('placeCues', () => {
  it.each(CASES)('%s (%s)', (text, lang, expected) => {
    const places = placeCues(text, tokenize(text), lang, lookups);
    expect(places.map((p) => text.slice(p.start, p.end))).toEqual(expected);
  });

  it('reports through the name recognizer as LOCATION, never over a span of the tagger', () => {
    const recognizer = createNameRecognizer();
    for (const [text, lang, expected] of CASES) {
      const spans = recognizer.analyze({ text, ...(lang === undefined ? {} : { lang }) }, { explain: true });
      const tagger = spans.filter((s) => s.explanation?.note?.startsWith('averaged-perceptron') === true);
      const rule = spans.filter((s) => s.explanation?.note === 'a listed city or place after a place preposition');
      for (const span of rule) {
        expect(span.type).toBe('LOCATION');
        expect(span.score).toBeGreaterThanOrEqual(0.5);
        expect(expected).toContain(text.slice(span.start, span.end));
        expect(tagger.some((t) => t.start < span.end && t.end > span.start)).toBe(false);
      }
    }
    const text = 'We verhuizen volgende maand naar Zwolle.';
    const spans = recognizer.analyze({ text, lang: 'nl' });
    expect(spans.map((s) => [text.slice(s.start, s.end), s.type])).toContainEqual(['Zwolle', 'LOCATION']);
  });

  // With the tagger's words, what is learnt of a word is kept by its id while the tagger's generation lasts.
  it.each([0, 8, 50_000])('finds the same with the word ids of a tagger with a cache of %i words', (cacheSize) => {
    const recognizer = createNameRecognizer({ cacheSize });
    for (let round = 0; round < 2; round++) {
      for (const [text, lang, expected] of CASES) {
        recognizer.analyze({ text });
        const words = recognizer.wordsOf(text);
        expect(words).toBeDefined();
        if (words === undefined) continue;
        expect(placeCues(text, words, lang, lookups).map((p) => text.slice(p.start, p.end))).toEqual(expected);
      }
    }
  });
});

describe('place names', () => {
  it.each([
    ['Leipzig', 'leipzig'],
    ['Rio de Janeiro', 'rio de janeiro'],
    ['Saint-Étienne', 'saint-etienne'],
    ['Frankfurt am Main', 'frankfurt am main'],
    ['Villa General Belgrano Sur', undefined],
    ['St. Louis', undefined],
    ['Paris  Nord', undefined],
    ['', undefined],
  ])('placeKey(%j) is %j', (name, key) => {
    expect(placeKey(name)).toBe(key);
  });

  it('writes the order of magnitude of the largest place, and marks the first words of longer names', () => {
    const text = formatPlaceNames(
      new Map([
        ['zwolle', 111_805],
        ['gent', 231_493],
        ['olinda', 1_000],
        ['rio de janeiro', 6_023_699],
        ['santa cruz', 27_775],
        ['santa', 9_000],
      ]),
    );
    expect(text).toBe('gent\t5\nolinda\t3\nrio\t16\nrio de janeiro\t6\nsanta\t19\nsanta cruz\t4\nzwolle\t5\n');
    const names = parsePlaceNames(text);
    expect(
      ['gent', 'olinda', 'rio', 'rio de janeiro', 'santa', 'zwolle', 'janeiro'].map((k) => names.flags(k)),
    ).toEqual([5, 3, STARTS_NAME, 6, STARTS_NAME | 3, 5, 0]);
  });

  it.each([
    ['gent 5\n', 1],
    ['gent\t5\nzwolle\t\n', 2],
    ['gent\t55\n', 1],
    ['gent\t0\n', 1],
    ['\t5\n', 1],
  ])('names the line of a malformed entry (%j)', (text, line) => {
    expect(() => parsePlaceNames(text)).toThrow(`place-names.tsv.gz line ${line}: expected "name<TAB>entry"`);
  });

  it('holds the towns of 1,000 inhabitants or more that the gazetteer lacks', () => {
    const names = loadPlaceNames();
    expect(names.size).toBeGreaterThan(80_000);
    expect(names.flags('zwolle') & PLACE_MAGNITUDE).toBe(5);
    expect(names.flags('recife') & PLACE_MAGNITUDE).toBe(6);
    expect(names.flags('gent') & PLACE_MAGNITUDE).toBe(5);
    expect(names.flags('rio de janeiro') & PLACE_MAGNITUDE).toBe(6);
    expect(names.flags('rio') & STARTS_NAME).toBe(STARTS_NAME);
    expect(names.flags('ordnung')).toBe(0);
  });

  it.each([
    ['de', 2],
    ['de-AT', 2],
    ['pt_BR', 64],
    ['sv', 0],
    [undefined, 127],
  ])('reads the prepositions of %j', (lang, bits) => {
    expect(placeLanguages(lang)).toBe(bits);
  });
});
