// Places members name after a place preposition ("Ich komme aus Köln", "Groeten uit Gent", "Je vis à Lyon", "Moro em
// Recife"), which the tagger, trained on English tweets and Spanish clinical text, often leaves in other languages. A
// capitalised name of one to three words after a preposition of the record's language is a place when the world's
// list of cities and towns (the committed `place-names.tsv.gz`, built by `npm run data:places` from GeoNames) or the
// gazetteer's place flag holds it, unless the record's language uses the word as a common one or it is a given name
// that nothing but a weak preposition puts in a place ("de María", "a Lucía": a verb of living or coming before the
// preposition must say it is a place: "je vis à Paris").

import { foldToken } from '../known/fold.js';
import { primaryLanguage } from '../recognizer.js';
import { resolveDataDir } from './data-dir.js';
import { GAZ, type Gazetteer, loadTable, parseGazetteer } from './gazetteer.js';
import type { TaggedWords } from './tagger.js';
import { tokenize, type WordRanges } from './tokenize.js';

export const PLACE_NAMES_FILE = 'place-names.tsv.gz';
/** The score of a place found by this rule (above the default threshold, below the tagger's confident spans). */
export const PLACE_CUE_SCORE = 0.6;

/**
 * Folded place name (placeKey) -> its entry: the order of magnitude of the population of the largest place so named
 * (3 = 1,000+; 0 for a word that is no place alone), plus STARTS_NAME when the word begins a listed name of two or
 * three words; 0 for a name not listed. Held as the gazetteer's hashed table (typed arrays, no object per name: a Map
 * of the ~100k names cost the garbage collector's marking about 1 ms of CPU per 10k posts).
 */
export type PlaceNames = Gazetteer;
/** An entry's magnitude bits. */
export const PLACE_MAGNITUDE = 15;
/** An entry's bit for the first word of a listed name of two or three words. */
export const STARTS_NAME = 16;

/** The longest name read, in words ("Rio de Janeiro", "Frankfurt am Main"). */
const MAX_NAME_WORDS = 3;
/** A city of 100,000 or more: its name is a place even where the name is a common or a family name ("Reading"). */
const NOTABLE_MAGNITUDE = 5;
/** Shorter words are abbreviations ("Dr", "St"). */
const MIN_WORD = 3;
/** A word written in capitals this short is an acronym ("in IT", "to HR"), not read as a place. */
const MAX_ACRONYM = 3;

/**
 * The key of a place name: its words as the tagger's tokenizer splits them, folded, joined by one space; undefined
 * for a name of more than three words or with anything but words between single spaces ("Paris 15e", "St. Louis").
 * @example placeKey('Rio de Janeiro') === 'rio de janeiro'; placeKey('Saint-Étienne') === 'saint-etienne'
 */
export function placeKey(name: string): string | undefined {
  const tokens = tokenize(name);
  if (tokens.count === 0 || tokens.count > MAX_NAME_WORDS) return undefined;
  const words: string[] = [];
  for (let i = 0; i < tokens.count; i++) {
    const start = tokens.starts[i] as number;
    const end = tokens.ends[i] as number;
    if (i === 0 ? start !== 0 : start !== (tokens.ends[i - 1] as number) + 1 || name[start - 1] !== ' ') {
      return undefined;
    }
    const word = name.slice(start, end);
    if (!LETTER_FIRST.test(word)) return undefined;
    words.push(foldToken(word));
  }
  if ((tokens.ends[tokens.count - 1] as number) !== name.length) return undefined;
  return words.join(' ');
}
const LETTER_FIRST = /^\p{L}/u;

/**
 * `key<TAB>entry` lines, sorted by key: the file's text, from the population of the largest place of each name. The
 * first word of a name of two or three words gets STARTS_NAME, and a line of its own when it is no place alone.
 */
export function formatPlaceNames(largest: ReadonlyMap<string, number>): string {
  const entries = new Map<string, number>();
  for (const [key, population] of largest) {
    const magnitude = String(Math.max(1, Math.trunc(population))).length - 1;
    entries.set(key, (entries.get(key) ?? 0) | magnitude);
    const space = key.indexOf(' ');
    if (space > 0) entries.set(key.slice(0, space), (entries.get(key.slice(0, space)) ?? 0) | STARTS_NAME);
  }
  const lines: string[] = [];
  for (const key of [...entries.keys()].sort()) lines.push(`${key}\t${entries.get(key)}`);
  return `${lines.join('\n')}\n`;
}

/** Reads formatPlaceNames' text; a malformed line is an error naming its number. */
export function parsePlaceNames(tsv: string): PlaceNames {
  const lines = tsv.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line === '') continue;
    const tab = line.indexOf('\t');
    const entry = Number(line.slice(tab + 1));
    if (tab <= 0 || !ENTRY.test(line.slice(tab + 1)) || entry < 1 || entry > (PLACE_MAGNITUDE | STARTS_NAME)) {
      throw new Error(`${PLACE_NAMES_FILE} line ${i + 1}: expected "name<TAB>entry"`);
    }
  }
  return parseGazetteer(tsv);
}
const ENTRY = /^\d{1,2}$/;

/**
 * The committed list, read once per data directory on first use (~100k names, ~25-35 ms, ~1.3 MB kept) and shared
 * with the worker threads started afterwards (loadTable).
 */
export function loadPlaceNames(dataDir: string = resolveDataDir()): PlaceNames {
  return loadTable(dataDir, PLACE_NAMES_FILE);
}

// Languages as bits of a cue word's mask; VERB marks a word of living, coming or moving in any of them.
const ENGLISH = 1;
const FRENCH = 8;
const LANGUAGE_BITS: Readonly<Record<string, number>> = Object.freeze({
  en: ENGLISH,
  de: 2,
  nl: 4,
  fr: FRENCH,
  es: 16,
  it: 32,
  pt: 64,
});
const ALL_LANGUAGES = 127;
const VERB = 128;
/** A form of "to be" (BE_VERBS). */
const BE = 512;
/** Prepositions that also join a family name to a given name ("João da Silva", "Paris de Moura"). */
const PARTICLE = 256;
/** Prepositions that English writes the same, as another word ("a", "in"): English text in a record of another
 * language puts them before English words ("a United fan"). */
const ENGLISH_TOO = 1024;
const ENGLISH_SPELLED: ReadonlySet<string> = new Set(['a', 'in']);

// Place prepositions by language, folded. Not "a" in French (the verb "has") or Portuguese (also "the": "a Toyota", "a
// Maria"), nor "bei"/"bij"/"at" (people and venues).
const PREPOSITIONS: Readonly<Record<string, string>> = Object.freeze({
  en: 'in from to near',
  de: 'in aus nach nahe',
  nl: 'in uit naar nabij',
  fr: 'a en de',
  es: 'en de a desde',
  it: 'a in da di',
  pt: 'em de no na do da para',
});
// "à" folds to "a", which French writes for "has" too: French's "a" must carry its accent (see prepositionMask).
const PARTICLES: ReadonlySet<string> = new Set(['de', 'da', 'do', 'di']);

// Verbs of living, coming and moving, any language, folded (not greetings: "saludos de María" is from a person): they put the preposition's word in
// a place, even a given name ("je vis à Paris") or a word the language also uses otherwise ("wohne in Essen").
const PLACE_VERBS: ReadonlySet<string> = new Set(
  `live lives living lived moved moving move relocated based born raised
wohne wohnst wohnt wohnen lebe lebst lebt leben komme kommst kommt kommen stamme stammt ziehe zieht ziehen gezogen
umgezogen geboren aufgewachsen
woon woont wonen kom komt komen verhuis verhuist verhuizen verhuisd opgegroeid
vis vit vivons vivent habite habites habitent habitons viens vient venons viennent ne nee nes grandi demenage demenagee installe
installee
vivo vives vive vivimos viven vengo vienes viene venimos naci nacido nacida mude mudamos creci
abito abita abitiamo veniamo nato nata trasferito trasferita cresciuto cresciuta
moro mora moramos moram venho vem nasci nascido nascida mudei cresci`.split(/\s+/),
);
// "To be" before the preposition ("I'm from", "ich bin aus", "soy de", "sono a"): a given name may be a place there,
// but a word the language also uses otherwise is not ("ich bin in Ordnung").
const BE_VERBS: ReadonlySet<string> = new Set("i'm i’m im am bin ben suis soy estoy sono sou estou".split(' '));

const PREPOSITION_MASKS: ReadonlyMap<string, number> = (() => {
  const masks = new Map<string, number>();
  for (const [language, words] of Object.entries(PREPOSITIONS)) {
    for (const word of words.split(' ')) masks.set(word, (masks.get(word) ?? 0) | (LANGUAGE_BITS[language] as number));
  }
  for (const word of PARTICLES) masks.set(word, (masks.get(word) ?? 0) | PARTICLE);
  for (const word of ENGLISH_SPELLED) masks.set(word, (masks.get(word) ?? 0) | ENGLISH_TOO);
  return masks;
})();

// The prepositions keyed by their letters packed five bits each ('a' = 1), in a small open-addressing table that stays
// in the processor's cache: a word is looked up from its characters, without a slice, a fold or a Map. Every
// preposition is ASCII but French "à".
const MAX_PREPOSITION = 5;
const KEY_SLOTS = 64;
const slotOf = (key: number): number => Math.imul(key, 0x9e3779b1) >>> 26;
const PREPOSITION_KEYS = new Int32Array(KEY_SLOTS).fill(-1);
const PREPOSITION_KEY_MASKS = new Uint16Array(KEY_SLOTS);
// Bit c - 96 set for each letter c that starts a preposition.
let prepositionInitials = 0;
for (const [word, mask] of PREPOSITION_MASKS) {
  if (word.length > MAX_PREPOSITION) throw new Error(`place-cues: preposition "${word}" is too long`);
  let key = 0;
  for (let k = 0; k < word.length; k++) key = key * 32 + (word.charCodeAt(k) - 96);
  let slot = slotOf(key);
  while ((PREPOSITION_KEYS[slot] as number) !== -1) slot = (slot + 1) & (KEY_SLOTS - 1);
  PREPOSITION_KEYS[slot] = key;
  // French writes "a" without its accent for "has": its "a" is "à".
  PREPOSITION_KEY_MASKS[slot] = word === 'a' ? mask & ~FRENCH : mask;
  prepositionInitials |= 1 << (word.charCodeAt(0) - 96);
}
const PREPOSITION_INITIALS = prepositionInitials;
const A_GRAVE_MASK = (PREPOSITION_MASKS.get('a') ?? 0) & ~ENGLISH_TOO;

/**
 * The languages whose place preposition word text[start, end) is, and PARTICLE; 0 for any other word. Reads the
 * characters only: it is asked of the word before every capital.
 */
function prepositionMask(text: string, start: number, end: number): number {
  const length = end - start;
  if (length > MAX_PREPOSITION) return 0;
  // ASCII letters in either case; "à" or "À" alone.
  const initial = text.charCodeAt(start) | 32;
  if (initial < 97 || initial > 122) return length === 1 && initial === 224 ? A_GRAVE_MASK : 0;
  if (((PREPOSITION_INITIALS >>> (initial - 96)) & 1) === 0) return 0;
  let key = initial - 96;
  for (let k = start + 1; k < end; k++) {
    const code = text.charCodeAt(k) | 32;
    if (code < 97 || code > 122) return 0;
    key = key * 32 + (code - 96);
  }
  for (let slot = slotOf(key); ; slot = (slot + 1) & (KEY_SLOTS - 1)) {
    const found = PREPOSITION_KEYS[slot] as number;
    if (found === key) return PREPOSITION_KEY_MASKS[slot] as number;
    if (found === -1) return 0;
  }
}

/** The languages whose place preposition word text[start, end) is, VERB, BE and PARTICLE (see above). */
function cueMask(text: string, start: number, end: number): number {
  const mask = prepositionMask(text, start, end);
  if (end - start > 14) return mask;
  const folded = foldToken(text.slice(start, end));
  return mask | (PLACE_VERBS.has(folded) ? VERB : BE_VERBS.has(folded) ? BE : 0);
}

/** The language bits of a record's language tag: its primary language, all for no tag, none for another. */
export function placeLanguages(lang: string | undefined): number {
  // The plain tags without a look-up (most records carry one).
  switch (lang) {
    case undefined:
      return ALL_LANGUAGES;
    case 'en':
      return ENGLISH;
    case 'de':
      return 2;
    case 'nl':
      return 4;
    case 'fr':
      return FRENCH;
    case 'es':
      return 16;
    case 'it':
      return 32;
    case 'pt':
      return 64;
  }
  // Records of a stream share a few tags: each tag's answer is kept (up to 256 tags).
  let bits = LANGUAGES_BY_TAG.get(lang);
  if (bits === undefined) {
    const primary = primaryLanguage(lang) ?? '';
    bits = Object.hasOwn(LANGUAGE_BITS, primary) ? (LANGUAGE_BITS[primary] as number) : 0;
    if (LANGUAGES_BY_TAG.size >= 256) LANGUAGES_BY_TAG.clear();
    LANGUAGES_BY_TAG.set(lang, bits);
  }
  return bits;
}
const LANGUAGES_BY_TAG = new Map<string, number>();

/** What the rule reads besides the text: the gazetteer, the place list and the languages' commonest words. */
export interface PlaceLookups {
  readonly gazetteer: Gazetteer;
  readonly placeNames: () => PlaceNames;
  /** The folded commonest words of a language (word-lists.ts), or undefined for one without a list (English). */
  readonly frequentWords: (language: string) => ReadonlySet<string> | undefined;
}

// Months and weekdays, which follow the same prepositions ("born in May", "nasci em Julho", "à Lundi").
const CALENDAR_WORDS: ReadonlySet<string> = new Set(
  `january february march april may june july august september october november december monday tuesday wednesday
thursday friday saturday sunday januar februar marz juni juli oktober dezember montag dienstag mittwoch donnerstag
freitag samstag sonntag januari februari maart mei augustus maandag dinsdag woensdag donderdag vrijdag zaterdag
zondag janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre lundi mardi mercredi jeudi
vendredi samedi dimanche enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre
diciembre lunes martes miercoles jueves viernes sabado domingo gennaio febbraio aprile maggio giugno luglio
settembre ottobre dicembre lunedi martedi mercoledi giovedi venerdi janeiro fevereiro marco maio junho julho
setembro outubro novembro dezembro segunda terca quarta quinta sexta`.split(/\s+/),
);

/**
 * What is learnt of each word id of one tagger's words (0 until asked): while the generation stays the same, an id
 * names one word as written (see given-names.ts' KindMemo). `masks` holds cueMask + 1, `infos` wordInfo, `folded` the
 * folded word once wordInfo has read it.
 */
interface WordMemo {
  generation: number;
  lookups: PlaceLookups;
  masks: Uint16Array;
  infos: Int32Array;
  folded: (string | undefined)[];
}
const WORD_MEMOS = new WeakMap<object, WordMemo>();
// The memo read last: a recognizer hands the same words object for every record.
let lastWords: object | undefined;
let lastMemo: WordMemo | undefined;

/** The memo of `words` for this generation and these lookups, or undefined for words without ids. */
function memoOf(words: Partial<Pick<TaggedWords, 'ids' | 'generation'>>, lookups: PlaceLookups): WordMemo | undefined {
  const { ids, generation } = words;
  if (ids === undefined || generation === undefined) return undefined;
  let memo = words === lastWords ? lastMemo : WORD_MEMOS.get(words);
  if (memo === undefined || memo.generation !== generation || memo.lookups !== lookups) {
    memo = { generation, lookups, masks: new Uint16Array(256), infos: new Int32Array(256), folded: [] };
    WORD_MEMOS.set(words, memo);
  }
  lastWords = words;
  lastMemo = memo;
  return memo;
}

// wordInfo's bits: the word is known (always set), capitalised, the first word of a listed name of two or three
// words, in capitals, too short for a one-word place, a month or weekday; the magnitude in bits 8-11 and the gazetteer
// flags from bit 12.
const KNOWN = 1;
const CAPITAL = 2;
const FIRST_OF_NAME = 4;
const IN_CAPITALS = 8;
const TOO_SHORT = 16;
const CALENDAR = 32;
const MAGNITUDE_SHIFT = 8;
const FLAGS_SHIFT = 12;

/** What a place name may make of `word` (see the bits above), and its folded form. */
function wordInfo(word: string, lookups: PlaceLookups): { info: number; folded: string } {
  if (word.length > 48 || !CAPITALISED.test(word)) return { info: KNOWN, folded: '' };
  const folded = foldToken(word);
  const entry = lookups.placeNames().flags(folded);
  const upper = word === word.toUpperCase();
  let info = KNOWN | CAPITAL;
  if ((entry & STARTS_NAME) !== 0) info |= FIRST_OF_NAME;
  if (upper) info |= IN_CAPITALS;
  if (word.length < MIN_WORD || (upper && word.length <= MAX_ACRONYM)) info |= TOO_SHORT;
  if (CALENDAR_WORDS.has(folded)) info |= CALENDAR;
  info |= (entry & PLACE_MAGNITUDE) << MAGNITUDE_SHIFT;
  info |= lookups.gazetteer.flags(folded) << FLAGS_SHIFT;
  return { info, folded };
}

/** Whether wordInfo's `info` may start a place: a capitalised word that starts a listed name or is a place itself. */
function mayStartPlace(info: number): boolean {
  return (
    (info & CAPITAL) !== 0 &&
    ((info & FIRST_OF_NAME) !== 0 ||
      ((info >> MAGNITUDE_SHIFT) & 15) !== 0 ||
      ((info >> FLAGS_SHIFT) & GAZ.LOCATION) !== 0)
  );
}

// Capitalised ("Köln", "Rio") or in capitals beyond an acronym's length ("LEIPZIG").
const CAPITALISED = /^\p{Lu}(?:[\p{Ll}\p{M}]|\p{Lu}{3})/u;
// Between the preposition and the name, and between the name's words: spaces on one line.
const SPACES_ONLY = /^[ \t\u00a0]{1,3}$/;

/** The words of one text with what is learnt of them, by word id when the words are the tagger's. */
class TextWords {
  private readonly memo: WordMemo | undefined;
  constructor(
    readonly text: string,
    readonly words: WordRanges & Partial<Pick<TaggedWords, 'ids' | 'generation'>>,
    readonly lookups: PlaceLookups,
    memo: WordMemo | undefined,
  ) {
    this.memo = memo;
  }

  private idOf(i: number, memo: WordMemo): number {
    const id = (this.words.ids as Int32Array)[i] as number;
    if (id >= memo.masks.length) {
      const size = Math.max(id + 1, memo.masks.length * 2);
      const masks = new Uint16Array(size);
      masks.set(memo.masks);
      memo.masks = masks;
      const infos = new Int32Array(size);
      infos.set(memo.infos);
      memo.infos = infos;
    }
    return id;
  }

  word(i: number): string {
    return this.text.slice(this.words.starts[i] as number, this.words.ends[i] as number);
  }

  /** cueMask of token i. */
  mask(i: number): number {
    const memo = this.memo;
    if (memo === undefined) return cueMask(this.text, this.words.starts[i] as number, this.words.ends[i] as number);
    const id = this.idOf(i, memo);
    let known = memo.masks[id] as number;
    if (known === 0) {
      known = cueMask(this.text, this.words.starts[i] as number, this.words.ends[i] as number) + 1;
      memo.masks[id] = known;
    }
    return known - 1;
  }

  /** wordInfo of token i. */
  info(i: number): number {
    const memo = this.memo;
    if (memo === undefined) return wordInfo(this.word(i), this.lookups).info;
    const id = this.idOf(i, memo);
    let info = memo.infos[id] as number;
    if (info === 0) {
      const read = wordInfo(this.word(i), this.lookups);
      info = read.info;
      memo.infos[id] = info;
      memo.folded[id] = read.folded;
    }
    return info;
  }

  /** The folded token i, once info(i) has found it capitalised. */
  folded(i: number): string {
    const memo = this.memo;
    if (memo === undefined) return foldToken(this.word(i));
    return memo.folded[(this.words.ids as Int32Array)[i] as number] ?? foldToken(this.word(i));
  }
}

/**
 * The places of `text` (the tagger's tokens, with their ids when they are the tagger's) named after a place
 * preposition of the record's language (all seven languages without a tag; none for a language without prepositions
 * here), in text order.
 * @example placeCues('Ich komme aus Köln', tokenize(...), 'de', lookups) // [{ start: 14, end: 18 }]
 */
export function placeCues(
  text: string,
  words: WordRanges & Partial<Pick<TaggedWords, 'ids' | 'generation'>>,
  lang: string | undefined,
  lookups: PlaceLookups,
): { start: number; end: number }[] {
  const languages = placeLanguages(lang);
  if (languages === 0) return NO_PLACES;
  const { count, starts, ends } = words;
  let read: TextWords | undefined;
  let places: { start: number; end: number }[] | undefined;
  for (let i = 1; i < count; i++) {
    // A capital: A-Z, or a letter beyond ASCII (read by CAPITALISED).
    const first = text.charCodeAt(starts[i] as number);
    if (first < 65 || (first > 90 && first < 128)) continue;
    // Most capitals follow no preposition: its characters say so (the memo's arrays, read by word id, are mostly out
    // of the processor's caches after the tagger has run).
    const before = starts[i - 1] as number;
    const length = (ends[i - 1] as number) - before;
    if (length > MAX_PREPOSITION) continue;
    const initial = text.charCodeAt(before) | 32;
    if (initial < 97 ? true : initial > 122 ? initial !== 224 : ((PREPOSITION_INITIALS >>> (initial - 96)) & 1) === 0) {
      continue;
    }
    if ((prepositionMask(text, before, before + length) & languages) === 0) continue;
    read ??= new TextWords(text, words, lookups, memoOf(words, lookups));
    const cue = read.mask(i - 1);
    if ((cue & languages) === 0 || !mayStartPlace(read.info(i))) continue;
    const place = placeAt(read, i, cue, lang, languages);
    if (place !== undefined) {
      places ??= [];
      places.push(place);
      i = place.last;
    }
  }
  return places ?? NO_PLACES;
}
const NO_PLACES: { start: number; end: number }[] = [];

/** The place whose first word is token i, after a cue word with mask `cue`, or undefined (see placeCues). */
function placeAt(
  read: TextWords,
  i: number,
  cue: number,
  lang: string | undefined,
  languages: number,
): { start: number; end: number; last: number } | undefined {
  const { text, words, lookups } = read;
  const { count, starts, ends } = words;
  const start = starts[i] as number;
  if (!SPACES_ONLY.test(text.slice(ends[i - 1] as number, start))) return undefined;
  // "João da Silva", "Maria de Souza": a capitalised word before the particle makes it part of a name, unless it
  // starts the sentence or is a verb ("Soy de Logroño").
  if (
    (cue & PARTICLE) !== 0 &&
    i >= 2 &&
    !startsSentence(text, words, i - 2) &&
    (read.mask(i - 2) & (VERB | BE)) === 0 &&
    (read.info(i - 2) & CAPITAL) !== 0
  ) {
    return undefined;
  }
  const info = read.info(i);
  // The longest name first: "Santa Cruz" before "Santa", "Rio de Janeiro" before "Rio".
  if ((info & FIRST_OF_NAME) !== 0) {
    const placeNames = lookups.placeNames();
    let key = read.folded(i);
    let found = 0;
    for (let n = 1; n < MAX_NAME_WORDS && i + n < count; n++) {
      if (!SPACES_ONLY.test(text.slice(ends[i + n - 1] as number, starts[i + n] as number))) break;
      const next = read.word(i + n);
      if (next.length > 24) break;
      key = `${key} ${foldToken(next)}`;
      if (CAPITALISED.test(next) && (placeNames.flags(key) & PLACE_MAGNITUDE) !== 0) found = n;
    }
    if (found > 0) return { start, end: ends[i + found] as number, last: i + found };
  }
  // One word: the place list or the gazetteer's places; not an acronym, a common word or a person's name out of place.
  if ((info & (TOO_SHORT | CALENDAR)) !== 0) return undefined;
  const magnitude = (info >> MAGNITUDE_SHIFT) & 15;
  const flags = info >> FLAGS_SHIFT;
  if (magnitude === 0 && (flags & GAZ.LOCATION) === 0) return undefined;
  const verb = i < 2 ? 0 : read.mask(i - 2);
  const englishToo = (cue & ENGLISH_TOO) !== 0;
  if (isCommonWord(read.folded(i), flags, magnitude, lang, languages, lookups, (verb & VERB) !== 0, englishToo)) {
    return undefined;
  }
  if ((verb & (VERB | BE)) === 0) {
    // Without a verb of living or coming: no given name ("de María"), and a family name ("síndrome de Down", "test de
    // Coombs", "la casa de García") or a word in capitals only when the gazetteer or a city of 100,000 names a place.
    if ((flags & GAZ.FIRST) !== 0) return undefined;
    const notable = magnitude >= NOTABLE_MAGNITUDE || (flags & GAZ.LOCATION) !== 0;
    if ((flags & (GAZ.LAST | GAZ.HUMAN)) !== 0 && !notable) return undefined;
    const inCapitals = (info & IN_CAPITALS) !== 0;
    if (inCapitals && magnitude < NOTABLE_MAGNITUDE && (flags & (GAZ.LOCATION | GAZ.DICTIONARY)) !== GAZ.LOCATION) {
      return undefined;
    }
    // A number right after it makes a product or a model of the word ("a Nokia 5800", "a Battlefield 1").
    if (i + 1 < count && SPACES_ONLY.test(text.slice(ends[i] as number, starts[i + 1] as number))) {
      const next = text.charCodeAt(starts[i + 1] as number);
      if (next >= 48 && next <= 57) return undefined;
    }
  }
  return { start, end: ends[i] as number, last: i };
}

/** Whether token i starts the text or follows a full stop, a question or exclamation mark, a colon or a line break. */
function startsSentence(text: string, words: WordRanges, i: number): boolean {
  if (i === 0) return true;
  const before = words.ends[i - 1] as number;
  const code = text.charCodeAt(before - 1);
  if (code === 46 || code === 33 || code === 63 || code === 58) return true;
  for (let k = before; k < (words.starts[i] as number); k++) if (text.charCodeAt(k) === 10) return true;
  return false;
}

/**
 * Whether a folded word is a common word of the record's language: one of its commonest words where a list holds
 * them, or a common word of the gazetteer (after "a" or "in", which English writes too, also an English dictionary
 * word: members write English in records of other languages, "a United fan") that no city of 100,000 has as its name,
 * unless a verb of living or coming puts it in a city of 100,000 or more ("wohne in Essen", not "vivimos en
 * Paz"; the lists, counted from film subtitles, hold many cities: "berlin", "paris", "essen"); else (English, or no
 * tag) a common word of the gazetteer, or an English dictionary word unless a city of 100,000 or more has that name
 * ("in Reading", "to Paris" are places; "in Bath", "to Nice", a common word too, are not read).
 */
function isCommonWord(
  word: string,
  flags: number,
  magnitude: number,
  lang: string | undefined,
  languages: number,
  lookups: PlaceLookups,
  afterPlaceVerb: boolean,
  afterEnglishWord: boolean,
): boolean {
  if (lang !== undefined && languages !== ENGLISH) {
    const frequent = lookups.frequentWords(LANGUAGE_OF_BIT.get(languages) ?? '');
    if (frequent !== undefined) {
      if (magnitude >= NOTABLE_MAGNITUDE) return afterPlaceVerb ? false : frequent.has(word);
      const english = afterEnglishWord ? GAZ.COMMON | GAZ.DICTIONARY : GAZ.COMMON;
      return frequent.has(word) || (flags & english) !== 0;
    }
  }
  if ((flags & GAZ.COMMON) !== 0) return true;
  return (flags & GAZ.DICTIONARY) !== 0 && magnitude < NOTABLE_MAGNITUDE;
}
const LANGUAGE_OF_BIT: ReadonlyMap<number, string> = new Map(
  Object.entries(LANGUAGE_BITS).map(([language, bit]) => [bit, language]),
);
