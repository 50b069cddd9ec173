// Token features of the name tagger, shared by training and tagging so both compute identical hashed ids.
// Features of one word are split by role (the word itself, as left/right neighbour at distance 1 and 2) so a
// tagger can cache one score vector per distinct word and sum neighbours, instead of re-hashing every token.

import { foldToken } from '../known/fold.js';
import type { Gazetteer } from './gazetteer.js';
import { GAZ_FLAG_COUNT } from './gazetteer.js';
import { hashFeature, hashInts } from './hash.js';

/** Case class of a token. */
export const CASE = Object.freeze({ LOWER: 0, CAPITALIZED: 1, UPPER: 2, DIGIT: 3, PUNCT: 4, UNCASED: 5 });
export const CASE_COUNT = 6;

/** Role of a word relative to the token being scored. */
export const ROLE = Object.freeze({ SELF: 0, PREV: 1, NEXT: 2, PREV2: 3, NEXT2: 4 });
export const ROLE_COUNT = 5;

// Template ids: distinct per role so "Smith" as the token and "Smith" as its neighbour are different features.
const T = Object.freeze({
  BIAS: 1,
  WORD: 2,
  SUF3: 3,
  SUF2: 4,
  PRE3: 5,
  SHAPE: 6,
  LEN: 7,
  GAZ: 8,
  GAZSET: 9,
  CUE: 10,
  CASECTX: 11,
  NOGAZ: 12,
  GAZDOC: 13,
  CASE3: 14,
  SUF4: 15,
  PRE2: 16,
  PWORD: 20,
  PSHAPE: 21,
  PGAZ: 22,
  PCUE: 23,
  NWORD: 30,
  NSHAPE: 31,
  NGAZ: 32,
  NCUE: 33,
  PPWORD: 40,
  PPCUE: 41,
  NNWORD: 50,
  NNCUE: 51,
});

/** Context-cue classes: curated words that announce a name, in English and Spanish. */
export const CUE = Object.freeze({ PERSON_TITLE: 1, PERSON_VERB: 2, LOCATION_PREP: 3, ORG_WORD: 4, ORG_SUFFIX: 5 });

const CUE_WORDS: ReadonlyMap<string, number> = new Map<string, number>([
  ...words(CUE.PERSON_TITLE, [
    'mr',
    'mrs',
    'ms',
    'miss',
    'mx',
    'dr',
    'dra',
    'prof',
    'sir',
    'madam',
    'lady',
    'lord',
    'rev',
    'sr',
    'sra',
    'srta',
    'don',
    'dona',
    'dna',
    'senor',
    'senora',
    'paciente',
    'nombre',
    'apellidos',
    'apellido',
    'medico',
    'doctor',
    'doctora',
    'enfermera',
    'enfermero',
    'president',
    'senator',
    'uncle',
    'aunt',
    'coach',
    'captain',
  ]),
  ...words(CUE.PERSON_VERB, [
    'met',
    'with',
    'cc',
    'thanks',
    'thank',
    'dear',
    'hi',
    'hello',
    'hey',
    'hola',
    'said',
    'says',
    'told',
    'asked',
    'married',
    'named',
    'called',
    'by',
    'feat',
    'ft',
    'vs',
    'contacto',
    'atendido',
    'atendida',
    'firmado',
  ]),
  ...words(CUE.LOCATION_PREP, ['in', 'at', 'from', 'near', 'en', 'desde', 'visiting', 'downtown', 'city', 'ciudad']),
  ...words(CUE.ORG_WORD, [
    'hospital',
    'university',
    'universidad',
    'college',
    'school',
    'bank',
    'clinic',
    'clinica',
    'centro',
    'institute',
    'instituto',
    'company',
    'team',
    'club',
    'fc',
    'party',
    'servicio',
    'ministry',
    'department',
  ]),
  ...words(CUE.ORG_SUFFIX, ['inc', 'corp', 'ltd', 'llc', 'gmbh', 'plc', 'co', 'sa', 'sl', 'ag', 'bv', 'group']),
]);

/** The context-cue class of a folded word (0 when it is no cue). */
export function cueClass(folded: string): number {
  return CUE_WORDS.get(folded) ?? 0;
}

function words(cue: number, list: readonly string[]): [string, number][] {
  return list.map((w) => [w, cue]);
}

/** Hashed feature ids of one distinct word, by role. */
export interface WordFeatures {
  readonly caseClass: number;
  /** Gazetteer flags of the word (0 for digits and punctuation); < GAZ_VALUES. */
  readonly gazetteer: number;
  readonly byRole: readonly (readonly number[])[];
}

const HAS_DIGIT = /\p{N}/u;

/** The case class of `token` from its characters. */
export function caseClass(token: string): number {
  const c = token.charCodeAt(0);
  // Any digit makes a token a number or a code ("GB82WEST...", "b2b"), never part of a name.
  if ((c >= 48 && c <= 57) || HAS_DIGIT.test(token)) return CASE.DIGIT;
  const first = token[0] ?? '';
  const lower = first.toLowerCase();
  const upper = first.toUpperCase();
  if (lower === upper) {
    if (/[\p{L}\p{N}]/u.test(first)) return /\p{N}/u.test(first) ? CASE.DIGIT : CASE.UNCASED;
    return CASE.PUNCT;
  }
  if (first === lower) return CASE.LOWER;
  if (token.length > 1 && token === token.toUpperCase()) return CASE.UPPER;
  return CASE.CAPITALIZED;
}

/** Short word shape: upper X, lower x, digit d, uncased letter L, other characters kept; runs collapsed. */
export function shape(token: string): string {
  let out = '';
  let last = '';
  for (const ch of token) {
    let s: string;
    const lo = ch.toLowerCase();
    const up = ch.toUpperCase();
    if (lo !== up) s = ch === lo ? 'x' : 'X';
    else if (ch >= '0' && ch <= '9') s = 'd';
    else if (/\p{L}/u.test(ch)) s = 'L';
    else s = ch;
    if (s !== last) out += s;
    last = s;
    if (out.length >= 8) break;
  }
  return out;
}

function lengthBucket(n: number): number {
  return n <= 3 ? n : n <= 5 ? 4 : n <= 8 ? 5 : 6;
}

/** Computes the hashed features of one token text (independent of its neighbours). */
export function wordFeatures(token: string, gazetteer: Gazetteer): WordFeatures {
  const folded = foldToken(token);
  const cc = caseClass(token);
  const sh = shape(token);
  const gaz = cc === CASE.LOWER || cc === CASE.CAPITALIZED || cc === CASE.UPPER ? gazetteer.flags(folded) : 0;
  const cue = CUE_WORDS.get(folded) ?? 0;
  const capped = cc === CASE.CAPITALIZED || cc === CASE.UPPER ? 1 : 0;

  const self: number[] = [
    hashFeature(T.WORD, folded),
    hashFeature(T.SHAPE, sh),
    hashInts(T.LEN, lengthBucket(folded.length), cc),
    hashInts(T.GAZSET, gaz, capped),
  ];
  if (folded.length > 3) {
    self.push(hashFeature(T.SUF3, folded.slice(-3)), hashFeature(T.PRE3, folded.slice(0, 3)));
  }
  if (folded.length > 2) self.push(hashFeature(T.SUF2, folded.slice(-2)));
  // Longer suffixes (-son, -ova, -ez, -ito) and the first two letters with the case class: character evidence for
  // names the gazetteers and the training text do not hold.
  if (folded.length > 4) self.push(hashFeature(T.SUF4, folded.slice(-4)));
  if (folded.length > 2) self.push(hashFeature(T.PRE2 * CASE_COUNT + cc, folded.slice(0, 2)));
  for (let bit = 0; bit < GAZ_FLAG_COUNT; bit++) {
    if (gaz & (1 << bit)) self.push(hashInts(T.GAZ, bit, cc));
  }
  if (gaz === 0) self.push(hashInts(T.NOGAZ, cc));
  if (cue !== 0) self.push(hashInts(T.CUE, cue));

  const prev: number[] = [hashFeature(T.PWORD, folded), hashFeature(T.PSHAPE, sh), hashInts(T.PGAZ, gaz, capped)];
  if (cue !== 0) prev.push(hashInts(T.PCUE, cue));
  const next: number[] = [hashFeature(T.NWORD, folded), hashFeature(T.NSHAPE, sh), hashInts(T.NGAZ, gaz, capped)];
  if (cue !== 0) next.push(hashInts(T.NCUE, cue));
  const prev2: number[] = [hashFeature(T.PPWORD, folded)];
  if (cue !== 0) prev2.push(hashInts(T.PPCUE, cue));
  const next2: number[] = [hashFeature(T.NNWORD, folded)];
  if (cue !== 0) next2.push(hashInts(T.NNCUE, cue));
  return { caseClass: cc, gazetteer: gaz, byRole: [self, prev, next, prev2, next2] };
}

/** Document casing: 0 mostly lower-case, 1 ordinary, 2 mostly upper-case, 3 title case. */
export function documentCase(
  caseClasses: ArrayLike<number>,
  sentenceStart: ArrayLike<number>,
  n: number = caseClasses.length,
): number {
  let cased = 0;
  let capitalized = 0;
  let upper = 0;
  for (let i = 0; i < n; i++) {
    const c = caseClasses[i] ?? 0;
    if (c > CASE.UPPER || sentenceStart[i] === 1) continue;
    cased++;
    if (c === CASE.CAPITALIZED) capitalized++;
    else if (c === CASE.UPPER) upper++;
  }
  return documentCaseOf(cased, capitalized, upper);
}

/** documentCase from its counts of cased tokens not starting a sentence, capitalized and upper-case among them. */
export function documentCaseOf(cased: number, capitalized: number, upper: number): number {
  if (cased < 4) return 1;
  if (upper * 2 > cased) return 2;
  if ((capitalized + upper) * 33 < cased) return 0;
  if (capitalized * 2 > cased) return 3;
  return 1;
}

/** Number of distinct gazetteer flag sets. */
export const GAZ_VALUES = 1 << GAZ_FLAG_COUNT;
/** Number of document casing classes (see documentCase). */
export const DOC_CASES = 4;

/**
 * Features of a token in its document: its case given the document's casing and whether it starts a sentence,
 * and its gazetteer flags given both cases (a lower-case given name means more in a lower-case post).
 */
export function positionFeatures(
  docCase: number,
  tokenCase: number,
  sentenceStart: number,
  gazetteer: number,
): readonly number[] {
  const context = docCase * CASE_COUNT + tokenCase;
  const features = [hashInts(T.BIAS, 0), hashInts(T.CASECTX, context, sentenceStart)];
  // With sentence start too: a capitalized dictionary word opening a sentence is rarely a name.
  if (gazetteer !== 0) features.push(hashInts(T.GAZDOC, gazetteer, context * 2 + sentenceStart));
  return features;
}

/** Case classes around a token: CASE values, or CASE_NONE beyond the text's edge. */
export const CASE_NONE = CASE_COUNT;
export const CASE_CONTEXTS = CASE_COUNT + 1;

/**
 * The case classes of the previous, current and next token together ("Capitalized Capitalized" mid-sentence, a
 * lone capital among lower-case words): evidence that crosses tokens, so it is not part of any one word's features.
 */
export function caseContextFeature(previous: number, current: number, next: number): number {
  return hashInts(T.CASE3, previous * CASE_CONTEXTS + current, next);
}

/** Whether a token text ends a sentence (the next token then starts one). */
export function endsSentence(token: string): boolean {
  return token === '.' || token === '!' || token === '?' || token === ':' || token === ';' || token === '\n';
}

// Function words that never begin or end a name, trimmed from span edges ("thanks to maria" -> "maria"). Name
// particles (de, del, la, van, von, da, di, le, al) are deliberately absent.
const EDGE_STOPWORDS: ReadonlySet<string> = new Set(
  `the a an and or but nor of to in on at by for with from about as into than then so if is are was were be been am
i me my mine you your yours he him his she her hers it its we us our they them their this that these those who whom
el los las un una unos unas y o en con por para sin que mi mis tu tus su sus se lo les es son fue`.split(/\s+/),
);

/** Whether a token may be trimmed from the edge of a name span. */
export function isEdgeStopword(token: string): boolean {
  return token.length <= 5 && EDGE_STOPWORDS.has(foldToken(token));
}
