// Fast, deterministic 64-bit string hashes (two 32-bit halves) for member lookup, shard choice and ordering, plus
// sha256 helpers. Not cryptographic: anything that must resist forgery uses sha256 or HMAC instead.

import { createHash } from 'node:crypto';

/** A 64-bit hash as two unsigned 32-bit halves. */
export interface Hash64 {
  readonly hi: number;
  readonly lo: number;
}

function fmix32(input: number): number {
  let h = input;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Two independent 32-bit FNV-1a style lanes over UTF-16 code units, each finished with murmur3's fmix32. */
export function hash64(text: string): Hash64 {
  let a = 0x811c9dc5;
  let b = 0x2545f491 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return { hi: fmix32(a ^ Math.imul(b, 0x9e3779b1)), lo: fmix32(b ^ 0x6a09e667) };
}

/** Compares two hashes as unsigned 64-bit numbers. */
export function compareHash64(aHi: number, aLo: number, bHi: number, bLo: number): number {
  if (aHi !== bHi) return aHi < bHi ? -1 : 1;
  if (aLo !== bLo) return aLo < bLo ? -1 : 1;
  return 0;
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
