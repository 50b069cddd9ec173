// Member directory names as a Bloom filter in shared memory: every worker can tell whether a run of words in a text
// is some member's name without holding the names. Names and text are folded the same way as the known-identity
// matcher (case, diacritics, ß→ss, ...), so "jose alvarez" finds "José Álvarez". 16 bits and 11 hashes per name
// give about 0.05% false positives per lookup, which only redact an extra word pair (fail closed); 100 million
// names take about 200 MB. A second, smaller filter holds the single words of those names (8 bits and 3 hashes per
// name, about 100 MB for 100 million names): a run of words can only be a name when each of its words is a name
// word, so most words of a text are passed over after one hash of their characters, with no string made.

import { foldToken } from '../redact/known/index.js';
import { hash64 } from './hash.js';

export interface NameFilterData {
  readonly bits: Uint32Array;
  readonly hashes: number;
  /** The words of the names (see the module comment). */
  readonly wordBits: Uint32Array;
  readonly wordHashes: number;
}

/** Folded words (see foldToken) joined by one space: the form names are stored and looked up in. */
export function normaliseName(name: string): string {
  return name
    .normalize('NFKC')
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => foldToken(word))
    .join(' ');
}

/**
 * Whether `bits` has the bit of hash `h` (a uint32): bit h % count, where count (a multiple of 32, see sharedBits)
 * is 32 x bits.length, so that bit is bit h & 31 of word (h >>> 5) % bits.length. Same bit, but the modulo stays
 * in 31-bit integers: on a uint32 it is a floating-point one, the largest cost of a lookup.
 */
function hasBit(bits: Uint32Array, h: number): boolean {
  return ((bits[(h >>> 5) % bits.length] ?? 0) & (1 << (h & 31))) !== 0;
}

function setBit(bits: Uint32Array, h: number): void {
  const word = (h >>> 5) % bits.length;
  bits[word] = (bits[word] ?? 0) | (1 << (h & 31));
}

/** At least `bitCount` bits (a whole number of 32-bit words), in shared memory for the worker threads. */
function sharedBits(bitCount: number): Uint32Array {
  const words = Math.ceil(Math.max(1024, bitCount) / 32);
  return new Uint32Array(new SharedArrayBuffer(words * 4));
}

export function createNameFilter(expectedNames: number): NameFilterData {
  return {
    bits: sharedBits(Math.ceil(expectedNames * 16)),
    hashes: 11,
    wordBits: sharedBits(Math.ceil(expectedNames * 8)),
    wordHashes: 3,
  };
}

/** Second lane of wordHash (returned through a module variable so a lookup allocates nothing). */
let wordHashLo = 0;

/**
 * Hash of text[start, end) with ASCII capitals read as small letters (so an ASCII word needs no lower-cased copy; a
 * folded word has no capitals, so both sides agree). First lane returned, second in wordHashLo.
 */
function wordHash(text: string, start: number, end: number): number {
  let a = 0x811c9dc5;
  let b = 0x2545f491 ^ (end - start);
  for (let i = start; i < end; i++) {
    let c = text.charCodeAt(i);
    if (c >= 65 && c <= 90) c += 32;
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  a ^= a >>> 16;
  a = Math.imul(a, 0x85ebca6b);
  a ^= a >>> 13;
  b = Math.imul(b ^ (b >>> 16), 0xc2b2ae35);
  b ^= b >>> 13;
  wordHashLo = b | 1;
  return a >>> 0;
}

/**
 * Whether text[start, end), folded, may be a word of some name. `start`/`end` cover an ASCII word of the text
 * (folded by lower-casing, which the hash does) or a word already folded with normaliseName.
 */
export function mayBeNameWord(filter: NameFilterData, text: string, start: number, end: number): boolean {
  const hi = wordHash(text, start, end);
  const step = wordHashLo;
  const { wordBits, wordHashes } = filter;
  for (let i = 0; i < wordHashes; i++) {
    if (!hasBit(wordBits, (hi + Math.imul(i, step)) >>> 0)) return false;
  }
  return true;
}

/**
 * Finds the end of the ASCII word starting at text[at] (an ASCII letter) and tells whether it may be a name word, in
 * one pass over its characters: the word runs over ASCII letters, and over an apostrophe or hyphen followed by a
 * letter (findMemberNames' NAME_WORD, redaction.ts). Returns end * 2 + 1 when the word may be a name word, end * 2
 * when it is not, and -1 when the word runs into a non-ASCII character (the caller then delimits and folds it).
 *
 * Same answer as mayBeNameWord(filter, text, at, end). The first probe needs only wordHash's first lane, which does
 * not depend on the word's length, so it is hashed while the word is scanned; the second lane (seeded with the
 * length) is computed, in a second pass, only for the few words whose first probe hits.
 */
export function scanAsciiNameWord(filter: NameFilterData, text: string, at: number): number {
  // Reads stay within the text: a read past the end gives NaN, which makes the optimizing compiler treat every char
  // code as a float.
  const length = text.length;
  let a = 0x811c9dc5;
  let i = at;
  while (i < length) {
    const c = text.charCodeAt(i);
    const lower = c | 32;
    if (lower >= 97 && lower <= 122) {
      a = Math.imul(a ^ lower, 0x01000193);
      i++;
    } else if (c === 39 || c === 45) {
      if (i + 1 >= length) break;
      const next = text.charCodeAt(i + 1);
      const nextLower = next | 32;
      if (nextLower >= 97 && nextLower <= 122) {
        a = Math.imul(a ^ c, 0x01000193);
        a = Math.imul(a ^ nextLower, 0x01000193);
        i += 2;
      } else if (next >= 128) return -1;
      else break;
    } else if (c >= 128) return -1;
    else break;
  }
  const { wordBits, wordHashes } = filter;
  if (wordHashes === 0) return i * 2 + 1;
  a ^= a >>> 16;
  a = Math.imul(a, 0x85ebca6b);
  a ^= a >>> 13;
  if (!hasBit(wordBits, a >>> 0)) return i * 2;
  return mayBeNameWord(filter, text, at, i) ? i * 2 + 1 : i * 2;
}

/** Adds a member name (only names of two words or more: a lone first name is too common to redact everywhere). */
export function addName(filter: NameFilterData, name: string): void {
  const key = normaliseName(name);
  if (!key.includes(' ')) return;
  const h = hash64(key);
  for (let i = 0; i < filter.hashes; i++) setBit(filter.bits, (h.hi + Math.imul(i, h.lo | 1)) >>> 0);
  for (const word of key.split(' ')) {
    const hi = wordHash(word, 0, word.length);
    const step = wordHashLo;
    for (let i = 0; i < filter.wordHashes; i++) setBit(filter.wordBits, (hi + Math.imul(i, step)) >>> 0);
  }
}

export function mayHoldName(filter: NameFilterData, name: string): boolean {
  return mayHoldKey(filter, normaliseName(name));
}

/** Like mayHoldName for a key already in normaliseName's form (folded words joined by one space). */
export function mayHoldKey(filter: NameFilterData, key: string): boolean {
  const h = hash64(key);
  const { bits, hashes } = filter;
  const step = h.lo | 1;
  for (let i = 0; i < hashes; i++) {
    if (!hasBit(bits, (h.hi + Math.imul(i, step)) >>> 0)) return false;
  }
  return true;
}
