import { describe, expect, it } from 'vitest';
import { loadGazetteer } from './gazetteer.js';
import { loadNameModel } from './model.js';
import { createNameRecognizer } from './name-recognizer.js';
import { ordinaryWordLanguage, trimOrdinaryWords } from './ordinary-words.js';
import { createNameTagger, type TaggedSpan } from './tagger.js';
import { tokenize } from './tokenize.js';
import { loadFrequentWords } from './word-lists.js';

const gazetteer = loadGazetteer();
const frequentWords = loadFrequentWords();
const TYPE = { PERSON: 0, LOCATION: 1, ORGANIZATION: 2 } as const;

/** What is left of the span written as `spanText` in `text` (as if the tagger had found it), as strings. */
function trim(text: string, lang: string | undefined, spanText: string, type: keyof typeof TYPE = 'PERSON'): string[] {
  const start = text.indexOf(spanText);
  if (start < 0) throw new Error('span text not in text');
  const span: TaggedSpan = { start, end: start + spanText.length, typeIndex: TYPE[type], score: 0.9 };
  return trimOrdinaryWords(text, lang, [span], tokenize(text), gazetteer).map((s) => text.slice(s.start, s.end));
}

describe('ordinaryWordLanguage', () => {
  it.each<[string | undefined, string | undefined]>([
    ['de', 'de'],
    ['de-AT', 'de'],
    ['pt_BR', 'pt'],
    ['NL', 'nl'],
    ['es', 'es'],
    ['en', undefined],
    ['en-DE', undefined],
    ['ca', undefined],
    [undefined, undefined],
  ])('%s', (lang, expected) => {
    expect(ordinaryWordLanguage(lang)).toBe(expected);
  });
});

type TrimCase = [string, string | undefined, string, keyof typeof TYPE, string[]];
const TRIM_CASES: readonly TrimCase[] = [
  // the language's list: greetings, adverbs, function words at the start of a sentence
  ['Danke für die vielen Glückwünsche', 'de', 'Danke', 'PERSON', []],
  ['Merci pour tous vos messages', 'fr', 'Merci', 'PERSON', []],
  ['Vandaag was een mooie dag', 'nl', 'Vandaag', 'PERSON', []],
  ['Merci Julien pour les photos', 'fr', 'Merci Julien', 'PERSON', ['Julien']],
  ['Gracias Marta por todo', 'es', 'Gracias Marta', 'PERSON', ['Marta']],
  // a list word at the start of a sentence that a name list holds too, before a name, is a given name
  ['Mayo García es nuestra nueva compañera', 'es', 'Mayo García', 'PERSON', ['Mayo García']],
  ['Mei Lin komt morgen naar kantoor', 'nl', 'Mei Lin', 'PERSON', ['Mei Lin']],
  // ... but a word the name lists hold as a given or family name stays, even a German noun or a function word
  ['Unser Kollege Koch hat die Präsentation', 'de', 'Koch', 'PERSON', ['Koch']],
  ['Heute mit Müller gesprochen', 'de', 'Müller', 'PERSON', ['Müller']],
  ['Merci pour tous vos messages', 'fr', 'tous vos', 'PERSON', ['vos']],
  // German nouns: a noun suffix, or an article or contracted preposition before the word
  ['Wir suchen Verstärkung ab sofort', 'de', 'Verstärkung', 'PERSON', []],
  ['Heute war ein toller Tag im Büro', 'de', 'Büro', 'PERSON', []],
  ['Dann sind die Kunden zufrieden', 'de', 'Kunden', 'PERSON', []],
  ['Unsere neue Ausstellung öffnet', 'de', 'Unsere neue Ausstellung', 'PERSON', []],
  // (a capitalised word in no list after an article stays: German writes given names so too)
  [
    'Verstärkung im Vertrieb. Bewerbungen gerne per Nachricht',
    'de',
    'Verstärkung im Vertrieb. Bewerbungen',
    'PERSON',
    ['Vertrieb'],
  ],
  ['Die Heike kommt heute später', 'de', 'Heike', 'PERSON', ['Heike']],
  ['Ich bin der Detlef und neu hier', 'de', 'Detlef', 'PERSON', ['Detlef']],
  ['Kennt ihr den Reuter aus der IT', 'de', 'Reuter', 'PERSON', ['Reuter']],
  ['Bis bald, eure Swantje', 'de', 'eure Swantje', 'PERSON', ['Swantje']],
  // ... not a family name with a noun's ending, nor a name after "an" or after English "am"
  ['Gestern kam Hartung vorbei', 'de', 'Hartung', 'PERSON', ['Hartung']],
  ['Grüße an Oyelaran', 'de', 'Oyelaran', 'PERSON', ['Oyelaran']],
  ['Hi, I am Oyelaran from the team', 'de', 'Oyelaran', 'PERSON', ['Oyelaran']],
  // lower-case words no name list holds; lower-case names stay
  ['het project is eindelijk klaar', 'nl', 'eindelijk klaar', 'PERSON', []],
  // ... but alone, a lower-case word may be a name the lists lack
  ['Danke uwe für die Hilfe', 'de', 'uwe', 'PERSON', ['uwe']],
  ['grazie mille stefanuccio', 'it', 'stefanuccio', 'PERSON', ['stefanuccio']],
  ['Oggi è stata una bella giornata', 'it', 'bella giornata', 'PERSON', ['bella']],
  ['met joost dekker aan de telefoon', 'nl', 'joost dekker', 'PERSON', ['joost dekker']],
  ['cc okafor per favore', 'it', 'okafor', 'PERSON', ['okafor']],
  // edges only: a word inside a name stays
  ['Sono con Martina De Luca oggi', 'it', 'Martina De Luca', 'PERSON', ['Martina De Luca']],
  ['Grazie a Sara Ricci il progetto', 'it', 'Sara Ricci il', 'PERSON', ['Sara Ricci']],
  // a capitalised list word inside a sentence, or opening a place at the start of one, joins the name
  ['Vivo en Nuevo León desde 2010', 'es', 'Nuevo León', 'LOCATION', ['Nuevo León']],
  ['Buenos Aires es enorme', 'es', 'Buenos Aires', 'LOCATION', ['Buenos Aires']],
  ['Ingreso en el Hospital 12 de Octubre', 'es', 'Hospital 12 de Octubre', 'ORGANIZATION', ['Hospital 12 de Octubre']],
  ['Grüße an das Team Müller', 'de', 'Team Müller', 'PERSON', ['Team Müller']],
  ['Our new office is at Im Bruch 98a', 'de', 'Im Bruch', 'LOCATION', ['Im Bruch']],
  ['Wir sitzen jetzt An der Feldgasse 70', 'de', 'An der Feldgasse', 'LOCATION', ['An der Feldgasse']],
  ['Im Büro war es ruhig', 'de', 'Im Büro', 'PERSON', []],
  // before a house number, a span is part of a street
  ['Our new office is at Auf dem Herberg 52c', 'de', 'Herberg', 'ORGANIZATION', ['Herberg']],
  ['Wir sind An der Evangelischen Kirche 74a', 'de', 'der Evangelischen', 'PERSON', ['der Evangelischen']],
  // (a small number after a noun reads as one too: the span stays)
  ['Wir haben die Kunden 2 Stunden lang beraten', 'de', 'Kunden', 'PERSON', ['Kunden']],
  ['Wir haben die Kunden zwei Stunden lang beraten', 'de', 'Kunden', 'PERSON', []],
  ['Das Team ist großartig', 'de', 'Team', 'PERSON', []],
  // a place or an organization is kept whole, or dropped when nothing of it is left
  ['Ingreso en el Hospital 12 de octubre', 'es', 'Hospital 12 de octubre', 'ORGANIZATION', ['Hospital 12 de octubre']],
  ['Danke, das Team ist großartig', 'de', 'das Team', 'LOCATION', []],
  ['Il progetto è pronto in ufficio', 'it', 'ufficio', 'LOCATION', []],
  // particles alone are no name
  ['Bedankt aan de collega', 'nl', 'de', 'PERSON', []],
  // punctuation comes off only with a word
  ['Gespräch mit J. Müller.', 'de', 'J. Müller.', 'PERSON', ['J. Müller.']],
  // English and untagged records, and other languages, are left as the tagger found them
  ['Danke für die vielen Glückwünsche', 'en', 'Danke', 'PERSON', ['Danke']],
  ['Danke für die vielen Glückwünsche', undefined, 'Danke', 'PERSON', ['Danke']],
  ['Moltes gràcies per tot', 'ca', 'Moltes', 'PERSON', ['Moltes']],
];

// With the languages' commonest words (word-lists.ts).
const FREQUENT_CASES: readonly [string, string, string, keyof typeof TYPE, string[]][] = [
  // a common word that a name list holds too (a family name) stays, unless German puts an article before it
  ['Ich habe gestern mit Gärtner gesprochen', 'de', 'Gärtner', 'PERSON', ['Gärtner']],
  ['Heute gehen wir ins Kino', 'de', 'Kino', 'PERSON', []],
  ['Socorro llega mañana', 'es', 'Socorro', 'PERSON', ['Socorro']],
  ['Prins belde gisteren', 'nl', 'Prins', 'PERSON', ['Prins']],
  // the dot of a title ends no sentence
  ['Ayer vino el Sr. Casado a casa', 'es', 'Casado', 'PERSON', ['Casado']],
  ['Die Mitarbeiter im Lager haben Überstunden gemacht', 'de', 'Mitarbeiter im Lager', 'PERSON', []],
  ['Gestern war ich mit Tobias im Kino', 'de', 'Tobias im Kino', 'PERSON', ['Tobias']],
  ['Ich suche eine neue Stelle', 'de', 'Stelle', 'PERSON', []],
  // German weekdays and months, which name lists hold too: alone the day or the month, next to a name part of it
  ['Im Kindergarten gibt es ab Montag wieder Essen', 'de', 'Montag', 'PERSON', []],
  ['Im August fahren wir weg', 'de', 'August', 'PERSON', []],
  ['Treffen mit Mai Nguyen am Montag', 'de', 'Mai Nguyen', 'PERSON', ['Mai Nguyen']],
  ['Unser Kollege Koch hat die Präsentation', 'de', 'Koch', 'PERSON', ['Koch']],
  ['Danke an Uwe für die Hilfe', 'de', 'Uwe', 'PERSON', ['Uwe']],
  ['Ci vediamo a Milano', 'it', 'vediamo a Milano', 'PERSON', ['Milano']],
  ['Luego vino Pedro a casa', 'es', 'Luego', 'PERSON', []],
  // a capitalised word inside a sentence joins a name in the languages that write common words in lower case
  ['Hablé con Pedro Blanco ayer', 'es', 'Pedro Blanco', 'PERSON', ['Pedro Blanco']],
  // a place keeps a common word ("Fortaleza": fortress)
  ['Vivo en Fortaleza desde 2010', 'es', 'Fortaleza', 'LOCATION', ['Fortaleza']],
];

describe('trimOrdinaryWords', () => {
  it.each(TRIM_CASES)('%s (%s: %s)', (text, lang, spanText, type, expected) => {
    expect(trim(text, lang, spanText, type)).toEqual(expected);
  });

  // With the tagger's words, what is known of a word is kept by its id (while the tagger's generation lasts): the
  // same answers on every case, read twice, through a cache small enough to turn its generations over many times.
  it.each([0, 8, 50_000])('gives the same with the word ids of a tagger with a cache of %i words', (cacheSize) => {
    const tagger = createNameTagger(loadNameModel(), gazetteer, { cacheSize });
    for (let round = 0; round < 2; round++) {
      for (const [text, lang, spanText, type, expected] of TRIM_CASES) {
        tagger.tag(text);
        const words = tagger.words(text);
        if (words === undefined) throw new Error('no words');
        const start = text.indexOf(spanText);
        const span: TaggedSpan = { start, end: start + spanText.length, typeIndex: TYPE[type], score: 0.9 };
        const left = trimOrdinaryWords(text, lang, [span], words, gazetteer).map((s) => text.slice(s.start, s.end));
        expect(left, text).toEqual(expected);
      }
    }
  });

  // With the languages' commonest words (word-lists.ts): ordinary at a person's edges, never in a place, never a
  // word a name list holds
  it.each(FREQUENT_CASES)('%s (%s: %s, with the commonest words)', (text, lang, spanText, type, expected) => {
    const start = text.indexOf(spanText);
    const span: TaggedSpan = { start, end: start + spanText.length, typeIndex: TYPE[type], score: 0.9 };
    const spans = trimOrdinaryWords(text, lang, [span], tokenize(text), gazetteer, () => frequentWords);
    expect(spans.map((s) => text.slice(s.start, s.end))).toEqual(expected);
  });

  // ... and through the word ids, whose memo keeps the answers with the lists apart from those without them
  it.each([0, 8, 50_000])('gives the same with the commonest words and the ids of a %i-word cache', (cacheSize) => {
    const tagger = createNameTagger(loadNameModel(), gazetteer, { cacheSize });
    for (let round = 0; round < 2; round++) {
      for (const [text, lang, spanText, type, expected] of [...FREQUENT_CASES, ...TRIM_CASES]) {
        tagger.tag(text);
        const words = tagger.words(text);
        if (words === undefined) throw new Error('no words');
        const start = text.indexOf(spanText);
        const span: TaggedSpan = { start, end: start + spanText.length, typeIndex: TYPE[type], score: 0.9 };
        const frequent = FREQUENT_CASES.some((c) => c[0] === text) ? () => frequentWords : undefined;
        const left = trimOrdinaryWords(text, lang, [span], words, gazetteer, frequent);
        expect(
          left.map((s) => text.slice(s.start, s.end)),
          text,
        ).toEqual(expected);
      }
    }
  });

  it('returns the same array when nothing changes', () => {
    const text = 'Herzlichen Glückwunsch an Thomas Müller';
    const spans: TaggedSpan[] = [{ start: 26, end: 39, typeIndex: 0, score: 0.9 }];
    expect(trimOrdinaryWords(text, 'de', spans, tokenize(text), gazetteer)).toBe(spans);
  });
});

// Through the recognizer: members' posts without names lose no ordinary word, and names in posts stay found.
describe('name recognizer in German, French, Italian, Dutch, Portuguese and Spanish posts', () => {
  const recognizer = createNameRecognizer();
  const found = (text: string, lang: string): string[] =>
    recognizer.analyze({ text, lang }).map((s) => text.slice(s.start, s.end));

  it.each<[string, string, string[]]>([
    ['de', 'Heute war ein toller Tag im Büro, das Projekt ist endlich fertig und die Kunden sind zufrieden.', []],
    ['de', 'Wir suchen ab sofort Verstärkung im Vertrieb. Bewerbungen gerne per Nachricht!', ['Vertrieb']],
    ['de', 'Danke für die vielen Glückwünsche zum Jubiläum, das Team ist großartig.', []],
    // (places and organizations are kept whole when a word of them is not ordinary; "Mitarbeiter", one of German's
    // commonest words, is no person)
    ['de', 'Die Ergebnisse der Umfrage sind da, die Zufriedenheit der Mitarbeiter ist gestiegen.', ['der Umfrage']],
    ['de', 'Gestern war ich mit Lena und Tobias im Kino.', ['Lena', 'Tobias']],
    // ("an" is in a name list, as a Vietnamese given name: it stays with the name, as the tagger found it)
    ['de', 'Vielen Dank an Jürgen für die Unterstützung beim Umzug.', ['an Jürgen']],
    ['it', 'Grazie a Giulia, ci vediamo a Milano.', ['Giulia', 'Milano']],
    // ("die" is in a name list: next to a name it stays with it, as the tagger found it)
    ['de', 'Die Heike kommt heute später ins Büro.', ['Die Heike']],
    ['de', 'Bis bald, eure Ulrike', ['Ulrike']],
    ['de', 'Ich habe mit dem Hartmut telefoniert.', ['Hartmut']],
    ['fr', 'Merci pour tous vos messages, la conférence était géniale et le public très curieux.', ['vos']],
    ['fr', 'Pourquoi est-ce si difficile de trouver un logement abordable ?', []],
    ['it', 'Oggi è stata una bella giornata in ufficio, il progetto è finalmente pronto.', ['bella']],
    ['nl', 'Vandaag was een mooie dag op kantoor, het project is eindelijk klaar.', []],
    ['nl', 'Waarom is het zo moeilijk om een betaalbare woning te vinden?', []],
    ['pt', 'Hoje foi um ótimo dia na empresa, o projeto finalmente ficou pronto.', []],
    ['pt', 'Alguém conhece um bom restaurante perto da estação?', []],
    ['es', '¿Alguien conoce un buen restaurante cerca de la estación?', []],
  ])('%s: %s', (lang, text, expected) => {
    expect(found(text, lang)).toEqual(expected);
  });

  it.each<[string, string, string[]]>([
    ['de', 'Herzlichen Glückwunsch an Thomas Müller zur Beförderung!', ['Thomas Müller']],
    ['de', 'Becker und Wagner sind ab Montag im Urlaub.', ['Becker', 'Wagner']],
    ['de', 'Unser Kollege Koch hat die Präsentation übernommen.', ['Koch']],
    ['de', 'Danke an Herrn Fischer für die schnelle Hilfe beim Umzug.', ['Fischer']],
    ['de', 'Heute hatte ich ein tolles Gespräch mit Frau Schneider über die Zukunft.', ['Schneider']],
    ['de', 'mit sven schneider und tim koch am projekt gearbeitet.', ['sven schneider', 'tim koch']],
    ['fr', 'avec jean dupont au téléphone ce matin.', ['jean dupont']],
    ['it', 'Ringrazio Martina De Luca e Stefano Costa per il sostegno.', ['Martina De Luca', 'Stefano Costa']],
    ['nl', 'Bedankt Jan de Vries voor je hulp.', ['Jan de Vries']],
    ['pt', 'Obrigado João Silva pela ajuda.', ['João Silva']],
    ['es', 'Hola Hugo, ¿vienes mañana?', ['Hugo']],
  ])('%s: %s', (lang, text, names) => {
    const spans = found(text, lang).join(' | ');
    for (const name of names) expect(spans).toContain(name);
  });
});
