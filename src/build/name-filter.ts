// Member directory names as a Bloom filter in shared memory: every worker can tell whether a run of words in a text
// is some member's name without holding the names. Names and text are folded the same way as the known-identity
// matcher (case, diacritics, ß→ss, ...), so "jose alvarez" finds "José Álvarez". 16 bits and 11 hashes per name
// give about 0.05% false positives per lookup, which only redact an extra word pair (fail closed); 100 million
// names take about 200 MB.

import { foldToken } from '../redact/known/index.js';
import { hash64 } from './hash.js';

export interface NameFilterData {
  readonly bits: Uint32Array;
  readonly bitCount: number;
  readonly hashes: number;
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

export function createNameFilter(expectedNames: number): NameFilterData {
  const bitCount = Math.max(1024, Math.ceil(expectedNames * 16));
  const words = Math.ceil(bitCount / 32);
  return { bits: new Uint32Array(new SharedArrayBuffer(words * 4)), bitCount: words * 32, hashes: 11 };
}

function positions(filter: NameFilterData, key: string, visit: (bit: number) => boolean): boolean {
  const h = hash64(key);
  for (let i = 0; i < filter.hashes; i++) {
    const bit = ((h.hi + Math.imul(i, h.lo | 1)) >>> 0) % filter.bitCount;
    if (!visit(bit)) return false;
  }
  return true;
}

/** Adds a member name (only names of two words or more: a lone first name is too common to redact everywhere). */
export function addName(filter: NameFilterData, name: string): void {
  const key = normaliseName(name);
  if (!key.includes(' ')) return;
  positions(filter, key, (bit) => {
    filter.bits[bit >>> 5] = (filter.bits[bit >>> 5] ?? 0) | (1 << (bit & 31));
    return true;
  });
}

export function mayHoldName(filter: NameFilterData, name: string): boolean {
  return mayHoldKey(filter, normaliseName(name));
}

/** Like mayHoldName for a key already in normaliseName's form (folded words joined by one space). */
export function mayHoldKey(filter: NameFilterData, key: string): boolean {
  const h = hash64(key);
  const { bits, bitCount, hashes } = filter;
  const step = h.lo | 1;
  for (let i = 0; i < hashes; i++) {
    const bit = ((h.hi + Math.imul(i, step)) >>> 0) % bitCount;
    if (((bits[bit >>> 5] ?? 0) & (1 << (bit & 31))) === 0) return false;
  }
  return true;
}
