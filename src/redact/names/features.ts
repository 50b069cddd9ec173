// Token features of the name tagger, shared by training and tagging so both compute identical hashed ids.
// Features of one word are split by role (the word itself, as left/right neighbour at distance 1 and 2) so a
// tagger can cache one score vector per distinct word and sum neighbours, instead of re-hashing every token.

import { foldToken } from '../known/fold.js';
import type { Gazetteer } from './gazetteer.js';
import { GAZ_FLAG_COUNT } from './gazetteer.js';
import { FNV_OFFSET, FNV_PRIME, finalizeHash, hashInts } from './hash.js';

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
  const scan = scanToken(token);
  return scan < 0 ? caseClassOfAny(token) : caseClassOfScan(token, scan);
}

function caseClassOfAny(token: string): number {
  // Any digit makes a token a number or a code ("GB82WEST...", "b2b"), never part of a name.
  if (HAS_DIGIT.test(token)) return CASE.DIGIT;
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
  const scan = scanToken(token);
  return scan < 0 ? shapeOfAny(token) : String.fromCharCode(...SHAPE_CODES.subarray(0, scan & SCAN_SHAPE_LENGTH));
}

// caseClassOfAny and shapeOfAny read a token by code point through toLowerCase/toUpperCase and regexes, making
// strings of single characters. For a token without surrogates every code unit is a code point, and both answers
// follow from per-character facts (a token is UPPER when no character changes under toUpperCase, as the lengths
// of its characters' upper-case forms add up to its own only then): scanToken reads those facts from CHAR_INFO
// in one pass over char codes.

// Per code unit, once known: its shapeOfAny character, then these bits.
const INFO_SHAPE = 0xffff;
/** A \p{N} character (caseClassOfAny's digit test). */
const INFO_NUMBER = 1 << 16;
/** toUpperCase changes it. */
const INFO_UPPER_CHANGES = 1 << 17;
/** toLowerCase changes it. */
const INFO_LOWER_CHANGES = 1 << 18;
/** Outside printable ASCII (0x20-0x7e), the only characters foldToken does more to than lower-case. */
const INFO_NOT_ASCII = 1 << 19;
/** caseClassOfAny of the character alone, in 3 bits. */
const INFO_CLASS_SHIFT = 20;
const INFO_KNOWN = 1 << 23;
const CHAR_INFO = new Int32Array(0x10000);

function charInfo(code: number): number {
  const ch = String.fromCharCode(code);
  let info = INFO_KNOWN | (shapeOfAny(ch).charCodeAt(0) & INFO_SHAPE) | (caseClassOfAny(ch) << INFO_CLASS_SHIFT);
  if (HAS_DIGIT.test(ch)) info |= INFO_NUMBER;
  if (ch.toUpperCase() !== ch) info |= INFO_UPPER_CHANGES;
  if (ch.toLowerCase() !== ch) info |= INFO_LOWER_CHANGES;
  if (code < 0x20 || code > 0x7e) info |= INFO_NOT_ASCII;
  CHAR_INFO[code] = info;
  return info;
}
for (let code = 0; code < 0x80; code++) charInfo(code);

// scanToken's output: the shape's char codes (at most 8, the length of shapeOfAny's).
const SHAPE_CODES = new Uint16Array(8);
const SCAN_SHAPE_LENGTH = 15;

/**
 * For a token without surrogates: writes its shape to SHAPE_CODES and returns the shape's length ORed with the
 * INFO_ bits (number, upper/lower changes, not ASCII) of any of its characters. -1 for a token with surrogates.
 */
function scanToken(token: string): number {
  let n = 0;
  let last = -1;
  let flags = 0;
  for (let i = 0; i < token.length; i++) {
    const code = token.charCodeAt(i);
    if ((code & 0xf800) === 0xd800) return -1;
    let info = CHAR_INFO[code] as number;
    if (info === 0) info = charInfo(code);
    flags |= info;
    const s = info & INFO_SHAPE;
    // Runs collapsed, and nothing after the eighth shape character (the characters still count for the flags).
    if (s !== last && n < 8) {
      SHAPE_CODES[n++] = s;
      last = s;
    }
  }
  return (flags & (INFO_NUMBER | INFO_UPPER_CHANGES | INFO_LOWER_CHANGES | INFO_NOT_ASCII)) | n;
}

/** caseClassOfAny of a token without surrogates, from its scanToken flags. */
function caseClassOfScan(token: string, scan: number): number {
  if (scan & INFO_NUMBER) return CASE.DIGIT;
  // The empty token has no first character (PUNCT, as in caseClassOfAny).
  if (token.length === 0) return CASE.PUNCT;
  const first = ((CHAR_INFO[token.charCodeAt(0)] as number) >> INFO_CLASS_SHIFT) & 7;
  if (first !== CASE.CAPITALIZED) return first;
  return token.length > 1 && (scan & INFO_UPPER_CHANGES) === 0 ? CASE.UPPER : CASE.CAPITALIZED;
}

function shapeOfAny(token: string): string {
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

/**
 * The hashed features of one token text by role, written into reused arrays (see writeWordFeatures): the tagger's
 * path for a word it has not cached, which allocates no arrays. Role r's ids are `ids[start .. ends[r])`, where start
 * is 0 for the first role and `ends[r - 1]` after it.
 */
export interface WordFeatureScratch {
  /** Feature ids as signed 32-bit integers (`id | 0`): the same low bits that index a table. */
  readonly ids: Int32Array;
  readonly ends: Int32Array;
  caseClass: number;
  gazetteer: number;
  /** foldToken of the token. */
  folded: string;
}

// Most ids of a role: SELF's 9 fixed ones, one per gazetteer flag or NOGAZ, and a cue.
const MAX_ROLE_IDS = 10 + GAZ_FLAG_COUNT;

export function createWordFeatureScratch(): WordFeatureScratch {
  return {
    ids: new Int32Array(ROLE_COUNT * MAX_ROLE_IDS),
    ends: new Int32Array(ROLE_COUNT),
    caseClass: 0,
    gazetteer: 0,
    folded: '',
  };
}

// Longest cue word: longer words skip the CUE_WORDS lookup (which hashes the whole string).
const MAX_CUE_LENGTH = Math.max(...[...CUE_WORDS.keys()].map((w) => w.length));
// hashFeature's state after the template id, per template hashed from the word or its shape in every new word.
const SEED_WORD = fnvSeed(T.WORD);
const SEED_PWORD = fnvSeed(T.PWORD);
const SEED_NWORD = fnvSeed(T.NWORD);
const SEED_PPWORD = fnvSeed(T.PPWORD);
const SEED_NNWORD = fnvSeed(T.NNWORD);
const SEED_SHAPE = fnvSeed(T.SHAPE);
const SEED_PSHAPE = fnvSeed(T.PSHAPE);
const SEED_NSHAPE = fnvSeed(T.NSHAPE);
const SEED_SUF2 = fnvSeed(T.SUF2);
const SEED_SUF3 = fnvSeed(T.SUF3);
const SEED_SUF4 = fnvSeed(T.SUF4);
const SEED_PRE3 = fnvSeed(T.PRE3);
const SEED_PRE2 = Int32Array.from({ length: CASE_COUNT }, (_, cc) => fnvSeed(T.PRE2 * CASE_COUNT + cc));

function fnvSeed(template: number): number {
  return Math.imul(FNV_OFFSET ^ template, FNV_PRIME);
}

function fnvStep(h: number, code: number): number {
  return Math.imul(h ^ code, FNV_PRIME);
}

// The hashInts features of a word, by their small arguments: a few hundred ids, computed once instead of ten hashes
// per new word.
const GAZ_SETS = 1 << GAZ_FLAG_COUNT;
const LEN_IDS = intsTable(T.LEN, 7, CASE_COUNT);
const GAZSET_IDS = intsTable(T.GAZSET, GAZ_SETS, 2);
const PGAZ_IDS = intsTable(T.PGAZ, GAZ_SETS, 2);
const NGAZ_IDS = intsTable(T.NGAZ, GAZ_SETS, 2);
const GAZ_IDS = intsTable(T.GAZ, GAZ_FLAG_COUNT, CASE_COUNT);
const NOGAZ_IDS = intsTable(T.NOGAZ, CASE_COUNT, 1);
const CUE_COUNT = Math.max(...CUE_WORDS.values()) + 1;
const CUE_IDS = intsTable(T.CUE, CUE_COUNT, 1);
const PCUE_IDS = intsTable(T.PCUE, CUE_COUNT, 1);
const NCUE_IDS = intsTable(T.NCUE, CUE_COUNT, 1);
const PPCUE_IDS = intsTable(T.PPCUE, CUE_COUNT, 1);
const NNCUE_IDS = intsTable(T.NNCUE, CUE_COUNT, 1);

/** hashInts(template, a, b) at `a * bs + b`, for a < as and b < bs (as ids: `id | 0`). */
function intsTable(template: number, as: number, bs: number): Int32Array {
  const table = new Int32Array(as * bs);
  for (let a = 0; a < as; a++) for (let b = 0; b < bs; b++) table[a * bs + b] = hashInts(template, a, b);
  return table;
}

/**
 * Writes the features of one token text (independent of its neighbours) into `out`: the ids wordFeatures returns,
 * in the same order. Hashes the folded word once for its five roles and its shape once for three (from scanToken's
 * char codes, without making the shape's string), and its affixes from their characters without slicing them.
 */
export function writeWordFeatures(token: string, gazetteer: Gazetteer, out: WordFeatureScratch): void {
  const scan = scanToken(token);
  // foldToken of printable ASCII is its lower case, the token itself when no character changes.
  const folded =
    scan < 0 || (scan & INFO_NOT_ASCII) !== 0
      ? foldToken(token)
      : (scan & INFO_LOWER_CHANGES) !== 0
        ? token.toLowerCase()
        : token;
  const cc = scan < 0 ? caseClassOfAny(token) : caseClassOfScan(token, scan);
  const gaz = cc === CASE.LOWER || cc === CASE.CAPITALIZED || cc === CASE.UPPER ? gazetteer.flags(folded) : 0;
  const length = folded.length;
  const cue = length <= MAX_CUE_LENGTH ? (CUE_WORDS.get(folded) ?? 0) : 0;
  const capped = cc === CASE.CAPITALIZED || cc === CASE.UPPER ? 1 : 0;

  let word = SEED_WORD;
  let pword = SEED_PWORD;
  let nword = SEED_NWORD;
  let ppword = SEED_PPWORD;
  let nnword = SEED_NNWORD;
  for (let i = 0; i < length; i++) {
    const c = folded.charCodeAt(i);
    word = Math.imul(word ^ c, FNV_PRIME);
    pword = Math.imul(pword ^ c, FNV_PRIME);
    nword = Math.imul(nword ^ c, FNV_PRIME);
    ppword = Math.imul(ppword ^ c, FNV_PRIME);
    nnword = Math.imul(nnword ^ c, FNV_PRIME);
  }
  let sh = SEED_SHAPE;
  let psh = SEED_PSHAPE;
  let nsh = SEED_NSHAPE;
  if (scan >= 0) {
    const shapeLength = scan & SCAN_SHAPE_LENGTH;
    for (let i = 0; i < shapeLength; i++) {
      const c = SHAPE_CODES[i] as number;
      sh = Math.imul(sh ^ c, FNV_PRIME);
      psh = Math.imul(psh ^ c, FNV_PRIME);
      nsh = Math.imul(nsh ^ c, FNV_PRIME);
    }
  } else {
    const text = shapeOfAny(token);
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      sh = Math.imul(sh ^ c, FNV_PRIME);
      psh = Math.imul(psh ^ c, FNV_PRIME);
      nsh = Math.imul(nsh ^ c, FNV_PRIME);
    }
  }

  const ids = out.ids;
  const ends = out.ends;
  let k = 0;
  ids[k++] = finalizeHash(word);
  ids[k++] = finalizeHash(sh);
  ids[k++] = LEN_IDS[lengthBucket(length) * CASE_COUNT + cc] as number;
  ids[k++] = GAZSET_IDS[gaz * 2 + capped] as number;
  // Longer suffixes (-son, -ova, -ez, -ito) and the first two letters with the case class: character evidence for
  // names the gazetteers and the training text do not hold. Hashed from the characters here, in the order of
  // hashFeature(T.SUF3, folded.slice(-3)), PRE3, SUF2, SUF4, PRE2.
  if (length > 2) {
    const a0 = folded.charCodeAt(0);
    const a1 = folded.charCodeAt(1);
    const z1 = folded.charCodeAt(length - 1);
    const z2 = folded.charCodeAt(length - 2);
    const z3 = folded.charCodeAt(length - 3);
    if (length > 3) {
      ids[k++] = finalizeHash(fnvStep(fnvStep(fnvStep(SEED_SUF3, z3), z2), z1));
      ids[k++] = finalizeHash(fnvStep(fnvStep(fnvStep(SEED_PRE3, a0), a1), folded.charCodeAt(2)));
    }
    ids[k++] = finalizeHash(fnvStep(fnvStep(SEED_SUF2, z2), z1));
    if (length > 4) {
      const z4 = folded.charCodeAt(length - 4);
      ids[k++] = finalizeHash(fnvStep(fnvStep(fnvStep(fnvStep(SEED_SUF4, z4), z3), z2), z1));
    }
    ids[k++] = finalizeHash(fnvStep(fnvStep(SEED_PRE2[cc] as number, a0), a1));
  }
  for (let bit = 0; bit < GAZ_FLAG_COUNT; bit++) {
    if (gaz & (1 << bit)) ids[k++] = GAZ_IDS[bit * CASE_COUNT + cc] as number;
  }
  if (gaz === 0) ids[k++] = NOGAZ_IDS[cc] as number;
  if (cue !== 0) ids[k++] = CUE_IDS[cue] as number;
  ends[ROLE.SELF] = k;

  ids[k++] = finalizeHash(pword);
  ids[k++] = finalizeHash(psh);
  ids[k++] = PGAZ_IDS[gaz * 2 + capped] as number;
  if (cue !== 0) ids[k++] = PCUE_IDS[cue] as number;
  ends[ROLE.PREV] = k;
  ids[k++] = finalizeHash(nword);
  ids[k++] = finalizeHash(nsh);
  ids[k++] = NGAZ_IDS[gaz * 2 + capped] as number;
  if (cue !== 0) ids[k++] = NCUE_IDS[cue] as number;
  ends[ROLE.NEXT] = k;
  ids[k++] = finalizeHash(ppword);
  if (cue !== 0) ids[k++] = PPCUE_IDS[cue] as number;
  ends[ROLE.PREV2] = k;
  ids[k++] = finalizeHash(nnword);
  if (cue !== 0) ids[k++] = NNCUE_IDS[cue] as number;
  ends[ROLE.NEXT2] = k;
  out.caseClass = cc;
  out.gazetteer = gaz;
  out.folded = folded;
}

const wordScratch = createWordFeatureScratch();

/** Computes the hashed features of one token text (independent of its neighbours). */
export function wordFeatures(token: string, gazetteer: Gazetteer): WordFeatures {
  writeWordFeatures(token, gazetteer, wordScratch);
  const { ids, ends } = wordScratch;
  const byRole: number[][] = [];
  let start = 0;
  for (let r = 0; r < ROLE_COUNT; r++) {
    const end = ends[r] as number;
    const role: number[] = [];
    for (let k = start; k < end; k++) role.push((ids[k] as number) >>> 0);
    byRole.push(role);
    start = end;
  }
  return { caseClass: wordScratch.caseClass, gazetteer: wordScratch.gazetteer, byRole };
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

/** isEdgeStopword(token) given `folded`, foldToken(token), which a caller already has. */
export function isFoldedEdgeStopword(token: string, folded: string): boolean {
  return token.length <= 5 && EDGE_STOPWORDS.has(folded);
}
