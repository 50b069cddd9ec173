import { describe, expect, it } from 'vitest';
import { foldToken } from '../known/fold.js';
import {
  CASE,
  caseClass,
  createWordFeatureScratch,
  cueClass,
  isEdgeStopword,
  isFoldedEdgeStopword,
  ROLE_COUNT,
  shape,
  type WordFeatures,
  wordFeatures,
  writeWordFeatures,
} from './features.js';
import { GAZ, type Gazetteer, parseGazetteer } from './gazetteer.js';
import { hashFeature, hashInts } from './hash.js';

// The plain definitions the fast paths of features.ts must agree with: character by character through
// toLowerCase/toUpperCase and Unicode property regexes, and wordFeatures from string slices.
function plainCaseClass(token: string): number {
  const c = token.charCodeAt(0);
  if ((c >= 48 && c <= 57) || /\p{N}/u.test(token)) return CASE.DIGIT;
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

function plainShape(token: string): string {
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

// Template ids as in features.ts.
function plainWordFeatures(token: string, gazetteer: Gazetteer): WordFeatures {
  const folded = foldToken(token);
  const cc = plainCaseClass(token);
  const sh = plainShape(token);
  const gaz = cc === CASE.LOWER || cc === CASE.CAPITALIZED || cc === CASE.UPPER ? gazetteer.flags(folded) : 0;
  const cue = cueClass(folded);
  const capped = cc === CASE.CAPITALIZED || cc === CASE.UPPER ? 1 : 0;
  const n = folded.length;
  const bucket = n <= 3 ? n : n <= 5 ? 4 : n <= 8 ? 5 : 6;
  const self = [hashFeature(2, folded), hashFeature(6, sh), hashInts(7, bucket, cc), hashInts(9, gaz, capped)];
  if (n > 3) self.push(hashFeature(3, folded.slice(-3)), hashFeature(5, folded.slice(0, 3)));
  if (n > 2) self.push(hashFeature(4, folded.slice(-2)));
  if (n > 4) self.push(hashFeature(15, folded.slice(-4)));
  if (n > 2) self.push(hashFeature(16 * 6 + cc, folded.slice(0, 2)));
  for (let bit = 0; bit < 7; bit++) if (gaz & (1 << bit)) self.push(hashInts(8, bit, cc));
  if (gaz === 0) self.push(hashInts(12, cc));
  if (cue !== 0) self.push(hashInts(10, cue));
  const prev = [hashFeature(20, folded), hashFeature(21, sh), hashInts(22, gaz, capped)];
  const next = [hashFeature(30, folded), hashFeature(31, sh), hashInts(32, gaz, capped)];
  const prev2 = [hashFeature(40, folded)];
  const next2 = [hashFeature(50, folded)];
  if (cue !== 0) {
    prev.push(hashInts(23, cue));
    next.push(hashInts(33, cue));
    prev2.push(hashInts(41, cue));
    next2.push(hashInts(51, cue));
  }
  return { caseClass: cc, gazetteer: gaz, byRole: [self, prev, next, prev2, next2] };
}

const gazetteer = parseGazetteer(
  ['maria', 'smith', 'paris', 'jose', 'strasse', 'garcia', 'lukasz']
    .map((w, i) => `${w}\t${[GAZ.FIRST, GAZ.LAST, GAZ.LOCATION, GAZ.FIRST | GAZ.LAST][i % 4]}`)
    .join('\n'),
);

const SAMPLES = [
  '',
  'a',
  'A',
  'maria',
  'Maria',
  'MARIA',
  'McDonald',
  "O'Brien",
  'Jean-Luc',
  'x2',
  'GB82WEST',
  '1990',
  '.',
  '@',
  '\n',
  'Dr',
  'mr',
  'Mr',
  'hospital',
  'Inc',
  'the',
  'The',
  'José',
  'JOSÉ',
  'Straße',
  'STRASSE',
  'Łukasz',
  'İstanbul',
  'ıi',
  'ΣΊΣΥΦΟΣ',
  'Москва',
  '北京',
  'محمد',
  '٣٤',
  'नमस्ते',
  '😀',
  '𝐀bc',
  '𐐀𐐨',
  '\ud800',
  'a\udc00',
  'Jose\u0301',
  '\u0301x',
  'ǅemal',
  'ﬁne',
  'Ⅻ',
  '²',
  'ａｂｃ',
  'aaaaaaaaaaaaaaaaaaaaaaaaaaaa',
  'a.b.c.d.e.f.g.h.i.é',
  'Ab1.-_Cd:Ef;Gh!é',
];

// Random tokens: mostly one script, some characters from the others (printable ASCII the most often, so the
// fast paths meet non-ASCII characters at every position).
const POOLS = [
  'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
  ' !"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~\t\n\x7f\x00',
  'áéíóúñÁÉÍÓÚÑàèäëïöüÄÖÜçÇãõâêîôûåÅøØłŁđĐðÐþÞßẞæÆœŒıİſǅ',
  'αβγδεζηθικλμνξοπρστυφχψωςΑΒΓΔΣΩάέήίόύώΐ',
  'абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУ',
  '中文字漢字日本語한국어ひらがなカタカナ',
  'العربيةمرحبا٠١٢٣٤٥٦٧٨٩हिन्दीनमस्ते०१२३',
  '²³½Ⅻⅻ①０１ＡＢａｂﬁﬂǲǱǳKÅΩŉǰ\u0301\u0308\u0327\u200d\ufe0f\u00ad',
].map((pool) => pool.split(''));
// Astral characters as pairs, and lone surrogates.
POOLS.push(['😀', '👍🏽', '𝐀', '𝟎', '𐐀', '𐐨', '\ud800', '\udfff', '\udbff', '\udc00']);

function randomTokens(count: number, seed: number): string[] {
  let state = seed;
  const next = (n: number): number => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return Math.floor((state / 2 ** 32) * n);
  };
  const tokens: string[] = [];
  for (let i = 0; i < count; i++) {
    const main = POOLS[next(3) === 0 ? next(POOLS.length) : 0] as string[];
    let token = '';
    for (let k = 1 + next(14); k > 0; k--) {
      const pool = next(5) === 0 ? (POOLS[next(POOLS.length)] as string[]) : main;
      token += pool[next(pool.length)];
    }
    tokens.push(token);
  }
  return tokens;
}

describe('word features', () => {
  const tokens = [...SAMPLES, ...randomTokens(20_000, 7)];

  it('caseClass and shape equal their plain definitions', () => {
    for (const token of tokens) {
      expect([token, caseClass(token)]).toEqual([token, plainCaseClass(token)]);
      expect([token, shape(token)]).toEqual([token, plainShape(token)]);
    }
  });

  it('wordFeatures and writeWordFeatures equal the plain definition, role by role', () => {
    const scratch = createWordFeatureScratch();
    for (const token of tokens) {
      const expected = plainWordFeatures(token, gazetteer);
      expect([token, wordFeatures(token, gazetteer)]).toEqual([token, expected]);
      writeWordFeatures(token, gazetteer, scratch);
      const byRole: number[][] = [];
      for (let r = 0, start = 0; r < ROLE_COUNT; r++) {
        const end = scratch.ends[r] as number;
        byRole.push(Array.from(scratch.ids.subarray(start, end), (id) => id >>> 0));
        start = end;
      }
      expect([token, scratch.caseClass, scratch.gazetteer, scratch.folded, byRole]).toEqual([
        token,
        expected.caseClass,
        expected.gazetteer,
        foldToken(token),
        expected.byRole,
      ]);
      expect(isFoldedEdgeStopword(token, scratch.folded)).toBe(isEdgeStopword(token));
    }
  });

  it('gives cue words, gazetteer words and edge stopwords their features', () => {
    // A cue word: four fixed ids, five of affixes, no gazetteer flag and the cue; the cue in every other role too.
    expect(wordFeatures('Doctor', gazetteer).byRole.map((ids) => ids.length)).toEqual([11, 4, 4, 2, 2]);
    expect(wordFeatures('Dr', gazetteer).byRole.map((ids) => ids.length)).toEqual([6, 4, 4, 2, 2]);
    expect(wordFeatures('Maria', gazetteer).gazetteer).toBe(GAZ.FIRST);
    expect(wordFeatures('maria2', gazetteer).gazetteer).toBe(0);
    expect(isFoldedEdgeStopword('The', 'the')).toBe(true);
    expect(isFoldedEdgeStopword('Maria', 'maria')).toBe(false);
  });
});
