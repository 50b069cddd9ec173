// Given names the tagger may leave: German and Dutch names of members born from the 1930s to the 2000s, which the name
// lists lack (faker's lists hold mostly names given today: "Uwe", "Hartmut", "Gerlinde", "Swantje", "Wim", "Joop" were
// in none), and
// given names joined by a hyphen ("Kevin-Pascal", "Hans-Jürgen"). The tagger learnt from English and Spanish text and
// leaves many of them ("Gespräch mit Dietmar über das Projekt"); a capitalised word of the list is a name wherever it
// stands. The list is written for this project from general knowledge; the gazetteer is not changed (the tagger's
// features read it, so adding names there means retraining, which moved wnut17-dev PERSON recall 0.770 -> 0.757).

import { foldToken } from '../known/fold.js';
import { GAZ, type Gazetteer } from './gazetteer.js';
import type { TaggedWords } from './tagger.js';
import type { WordRanges } from './tokenize.js';

const GERMAN_GIVEN_NAMES_TEXT = `
Adalbert Adolf Albrecht Alfons Alfred Alois Anselm Anton Armin Arnd Arndt Arno Arnold Axel Bastian Benedikt
Bernd Bernhard Berthold Björn Bodo Burkhard Carsten Christoph Claus Conrad Cord Dankwart Detlef Detlev Dieter
Dietmar Dietrich Dirk Eberhard Eckart Eckhard Eckhart Edgar Egon Ekkehard Elmar Emil Engelbert Erhard Erich Erik
Erwin Ewald Falk Falko Ferdinand Florian Folker Frank Franz Friedbert Friedemann Friedhelm Friedrich Fritz
Gebhard Georg Gerald Gerd Gereon Gerhard Gerhart Gernot Gero Gert Gottfried Gotthard Gottlieb Götz Gregor Guido
Gunnar Gunter Günter Günther Gustav Hagen Hajo Hannes Hanno Hans Harald Hartmut Hartwig Hasso Hauke Heiko Heiner
Heino Heinrich Heinz Helge Hellmut Helmut Helmuth Hendrik Henning Herbert Heribert Hermann Holger Horst Hubert
Hubertus Ingo Ingolf Jens Joachim Jochen Jörg Jörn Josef Jupp Jürgen Kai Karl Karlheinz Karsten Kaspar Klaus
Knut Konrad Konstantin Kuno Kurt Lambert Lars Leberecht Leopold Lorenz Lothar Ludger Ludwig Lutz Malte Manfred
Marius Markus Matthias Maximilian Meinhard Michael Nikolaus Norbert Olaf Ortwin Oskar Oswald Otmar Ottmar Otto
Paul Peer Rainer Ralf Ralph Reiner Reinhard Reinhold Rolf Roland Rüdiger Rudolf Rupert Sebastian Siegbert
Siegfried Siegmund Sönke Steffen Stephan Sven Swen Theo Theodor Thilo Thorsten Till Tilo Tilman Timo Tobias
Torben Torsten Udo Ulf Ulrich Uwe Volker Volkmar Waldemar Walter Walther Werner Wieland Wilfried Willi Willy
Wilhelm Winfried Wolf Wolfgang Wolfram Adelheid Agathe Agnes Almut Alwine Andrea Anette Angelika Anja Anke
Anneliese Annegret Annelie Annemarie Annette Antje Astrid Babette Bärbel Beate Berit Berta Bettina Birgit Birte
Brigitte Brunhilde Carola Christa Christel Christiane Claudia Cornelia Dagmar Doris Dörte Dorothea Edeltraud
Edith Elfriede Elke Elisabeth Elsbeth Elvira Emma Erika Erna Friederike Frieda Frauke Gabriele Gaby Gerda
Gerlinde Gertrud Gertraud Gesa Gesine Gisela Greta Gudrun Gundula Hanna Hannelore Hedwig Heidemarie Heidi
Heidrun Heike Helga Helene Henrike Herta Hertha Hildegard Hiltrud Ilona Ilse Imke Ina Inge Ingeborg Ingrid Irene
Irmgard Irmtraud Iris Jutta Karin Karola Katharina Kathrin Katrin Kerstin Kirsten Klara Liesel Lieselotte Lore
Lotte Luise Magdalena Maike Manuela Mareike Maren Margarete Margit Margot Marianne Marion Marlene Marlies
Martina Mechthild Meike Monika Nadine Nicole Petra Regina Regine Renate Rita Rosemarie Roswitha Ruth Sabine
Sandra Sibylle Sieglinde Sigrid Silke Simone Sonja Stefanie Susanne Svenja Swantje Tanja Telse Theda Ulla Ulrike
Ursula Ute Uta Vera Veronika Waltraud Waltraut Wiebke Wilhelmine Wilma Wiltrud`;

const DUTCH_GIVEN_NAMES_TEXT = `
Aad Aaltje Annie Anneke Arie Berend Bep Cor Corrie Diny Dineke Dolf Douwe Durk Els Evert Femke Fenna Freek Frits
Geert Geertje Gerben Gerrit Gijs Greet Hanneke Harm Harrie Hein Hendrik Henk Hennie Hidde Hiltje Huub Ineke Jaap
Janneke Jannie Jantje Jelle Jeroen Joep Joke Joop Joost Joris Jos Jurre Kees Klaas Koen Lieke Lieve Lodewijk
Loes Luuk Maarten Marijke Marieke Marinus Marjan Marjolein Mieke Miep Nienke Pieter Renske Rienk Riet Ruud
Rutger Sanne Sjaak Sjoerd Sjors Siem Sietse Sietske Stijn Teun Tijmen Tineke Tjeerd Tjitske Toon Toos Trijntje
Truus Twan Wessel Wiebe Wietse Wijnand Willem Wim Wouter`;

/** The lists above, folded (foldToken). */
export const LISTED_GIVEN_NAMES: ReadonlySet<string> = new Set(
  `${GERMAN_GIVEN_NAMES_TEXT} ${DUTCH_GIVEN_NAMES_TEXT}`.trim().split(/\s+/).map(foldToken),
);

export const LISTED_NAME_SCORE = 0.6;

// A capital then a small letter: an acronym in capitals ("BEP", "BODØ") is no given name.
const CAPITAL = /^\p{Lu}\p{Ll}/u;

// Latin-1 letters without their marks, lower-cased ("É" -> "e"), as foldToken reads them; 0 where a unit is kept.
const LATIN1_BASE = new Uint16Array(256);
for (let code = 0xc0; code <= 0xff; code++) {
  const base = String.fromCharCode(code).normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  if (base.length === 1 && base.charCodeAt(0) < 128) LATIN1_BASE[code] = base.charCodeAt(0);
}

/**
 * FNV-1a of text[start, end) lower-cased and without Latin-1 marks, read without slicing: foldToken's hash for a word
 * of ASCII and Latin-1 letters; undefined for a word with another unit ("ø", "ß", "ł"), which is folded instead.
 */
function foldedHash(text: string, start: number, end: number): number | undefined {
  let hash = 0x811c9dc5;
  for (let i = start; i < end; i++) {
    let code = text.charCodeAt(i);
    if (code >= 65 && code <= 90) code += 32;
    else if (code >= 128) {
      if (code > 0xff || LATIN1_BASE[code] === 0) return undefined;
      code = LATIN1_BASE[code] as number;
    }
    hash = Math.imul(hash ^ code, 0x01000193);
  }
  return hash;
}

// The list's folded words as hashes: a word whose hash is not here is passed over without being sliced and folded,
// which is almost every capitalised word (the rule: ~3.9 -> ~1.5 ms per 10k generated posts). The list's words are
// ASCII once folded.
const FOLDED_HASHES: ReadonlySet<number> = new Set(
  [...LISTED_GIVEN_NAMES].map((name) => foldedHash(name, 0, name.length) as number),
);

/** Whether a folded word is a given name: in the list above, or a given name of the gazetteer that is no common word. */
function isGivenName(folded: string, gazetteer: Gazetteer): boolean {
  if (LISTED_GIVEN_NAMES.has(folded)) return true;
  const flags = gazetteer.flags(folded);
  return (flags & GAZ.FIRST) !== 0 && (flags & GAZ.COMMON) === 0;
}

/** Whether word text[start, end) is a listed given name, or given names joined by hyphens (see listedGivenNames). */
const NOT_A_NAME = 1;
const LISTED_NAME = 2;
const HYPHENATED_NAMES = 3;
function nameKind(text: string, start: number, end: number, gazetteer: Gazetteer): number {
  if (end - start < 3) return NOT_A_NAME;
  let hyphen = false;
  for (let k = start + 1; k < end && !hyphen; k++) hyphen = text.charCodeAt(k) === 45;
  if (!hyphen) {
    const hash = foldedHash(text, start, end);
    if (hash !== undefined && !FOLDED_HASHES.has(hash)) return NOT_A_NAME;
    const word = text.slice(start, end);
    return CAPITAL.test(word) && LISTED_GIVEN_NAMES.has(foldToken(word)) ? LISTED_NAME : NOT_A_NAME;
  }
  const word = text.slice(start, end);
  if (!CAPITAL.test(word)) return NOT_A_NAME;
  const parts = word.split('-');
  // Distinct names: a doubled word is a brand or a sound ("Tom-Tom").
  if (parts.length > 3 || new Set(parts.map((part) => part.toLowerCase())).size !== parts.length) return NOT_A_NAME;
  const given = (part: string) => part.length >= 2 && CAPITAL.test(part) && isGivenName(foldToken(part), gazetteer);
  return parts.every(given) ? HYPHENATED_NAMES : NOT_A_NAME;
}

/**
 * What nameKind said of each word id of one tagger's words (TaggedWords.ids), 0 until asked: while the generation
 * and the gazetteer stay the same, an id names one word as written. Kept per words object (one per tagger).
 */
interface KindMemo {
  generation: number;
  gazetteer: Gazetteer;
  kinds: Uint8Array;
}
const KIND_MEMOS = new WeakMap<object, KindMemo>();

/**
 * The words of `text` (the tagger's tokens) that are a listed given name written with a capital, unless the
 * record's language uses it as a common word (`commonWord`: "Wolf", "Heide" in German, "Till", "Iris" in English),
 * or given names joined by hyphens, each written with a capital ("Kevin-Pascal"), in text order. With the tagger's
 * words, what is learnt of a word is kept by its id.
 * @example listedGivenNames('Gespräch mit Dietmar über das Projekt', tokenize(...), gazetteer, common) // "Dietmar"
 */
export function listedGivenNames(
  text: string,
  words: WordRanges & Partial<Pick<TaggedWords, 'ids' | 'generation'>>,
  gazetteer: Gazetteer,
  commonWord: (folded: string) => boolean,
): { start: number; end: number }[] {
  const names: { start: number; end: number }[] = [];
  const { count, starts, ends, ids, generation } = words;
  let memo: KindMemo | undefined;
  if (ids !== undefined && generation !== undefined) {
    memo = KIND_MEMOS.get(words);
    if (memo === undefined || memo.generation !== generation || memo.gazetteer !== gazetteer) {
      memo = { generation, gazetteer, kinds: new Uint8Array(256) };
      KIND_MEMOS.set(words, memo);
    }
  }
  for (let i = 0; i < count; i++) {
    const start = starts[i] as number;
    const first = text.charCodeAt(start);
    // A capital: A-Z, or a letter outside ASCII (read by CAPITAL).
    if (first < 65 || (first > 90 && first < 128)) continue;
    const end = ends[i] as number;
    let kind: number;
    if (memo !== undefined) {
      const id = (ids as Int32Array)[i] as number;
      if (id >= memo.kinds.length) {
        const grown = new Uint8Array(Math.max(id + 1, memo.kinds.length * 2));
        grown.set(memo.kinds);
        memo.kinds = grown;
      }
      kind = memo.kinds[id] as number;
      if (kind === 0) {
        kind = nameKind(text, start, end, gazetteer);
        memo.kinds[id] = kind;
      }
    } else {
      kind = nameKind(text, start, end, gazetteer);
    }
    if (kind === HYPHENATED_NAMES || (kind === LISTED_NAME && !commonWord(foldToken(text.slice(start, end))))) {
      names.push({ start, end });
    }
  }
  return names;
}
