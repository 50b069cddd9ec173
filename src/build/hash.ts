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

// SHA-256 in JavaScript, for the many short messages of a build (a lineage leaf and a member pseudonym per record in
// pass 1, a Merkle node per record in pass 2). node:crypto costs about 1-3 µs per call on such messages (the call into
// C++, a Hash object or a Buffer per digest, which the garbage collector then tracks); this costs ~0.4-0.6 µs per
// 64-byte block and allocates nothing. Same digests as node:crypto (tested against it); for long or few messages use
// node:crypto.

const ROUND_CONSTANTS = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);
const INITIAL_STATE = new Int32Array([
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
]);
/** The message schedule of the block being compressed (one thread compresses one block at a time). */
const schedule = new Int32Array(64);
/** The last block(s) of a message with its padding: at most two blocks. */
const tail = new Uint8Array(128);

/** Extends the 16 message words in w[at, at + 16) to the block's 64-word schedule. */
function expandSchedule(w: Int32Array, at: number): void {
  for (let i = at + 16; i < at + 64; i++) {
    const w15 = w[i - 15] as number;
    const w2 = w[i - 2] as number;
    const s0 = ((w15 >>> 7) | (w15 << 25)) ^ ((w15 >>> 18) | (w15 << 14)) ^ (w15 >>> 3);
    const s1 = ((w2 >>> 17) | (w2 << 15)) ^ ((w2 >>> 19) | (w2 << 13)) ^ (w2 >>> 10);
    w[i] = ((w[i - 16] as number) + s0 + (w[i - 7] as number) + s1) | 0;
  }
}

/** The 64 rounds of one block whose schedule is w[at, at + 64), added into `state`. */
function rounds(state: Int32Array, w: Int32Array, at: number): void {
  let a = state[0] as number;
  let b = state[1] as number;
  let c = state[2] as number;
  let d = state[3] as number;
  let e = state[4] as number;
  let f = state[5] as number;
  let g = state[6] as number;
  let h = state[7] as number;
  const k = ROUND_CONSTANTS;
  let t = 0;
  // Eight rounds per iteration with the working variables renamed instead of shifted (round r's "a" is the variable
  // round r - 1 called "h", and so on; after eight rounds each name is back in its place): no moves between rounds.
  // Ch(e, f, g) is written g ^ (e & (f ^ g)) and Maj(a, b, c) as (a & b) | (c & (a | b)), one operation fewer each.
  for (let i = 0, j = at; i < 64; i += 8, j += 8) {
    t =
      (h +
        (((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))) +
        (g ^ (e & (f ^ g))) +
        (k[i + 0] as number) +
        (w[j + 0] as number)) |
      0;
    d = (d + t) | 0;
    h =
      (t +
        (((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))) +
        ((a & b) | (c & (a | b)))) |
      0;
    t =
      (g +
        (((d >>> 6) | (d << 26)) ^ ((d >>> 11) | (d << 21)) ^ ((d >>> 25) | (d << 7))) +
        (f ^ (d & (e ^ f))) +
        (k[i + 1] as number) +
        (w[j + 1] as number)) |
      0;
    c = (c + t) | 0;
    g =
      (t +
        (((h >>> 2) | (h << 30)) ^ ((h >>> 13) | (h << 19)) ^ ((h >>> 22) | (h << 10))) +
        ((h & a) | (b & (h | a)))) |
      0;
    t =
      (f +
        (((c >>> 6) | (c << 26)) ^ ((c >>> 11) | (c << 21)) ^ ((c >>> 25) | (c << 7))) +
        (e ^ (c & (d ^ e))) +
        (k[i + 2] as number) +
        (w[j + 2] as number)) |
      0;
    b = (b + t) | 0;
    f =
      (t +
        (((g >>> 2) | (g << 30)) ^ ((g >>> 13) | (g << 19)) ^ ((g >>> 22) | (g << 10))) +
        ((g & h) | (a & (g | h)))) |
      0;
    t =
      (e +
        (((b >>> 6) | (b << 26)) ^ ((b >>> 11) | (b << 21)) ^ ((b >>> 25) | (b << 7))) +
        (d ^ (b & (c ^ d))) +
        (k[i + 3] as number) +
        (w[j + 3] as number)) |
      0;
    a = (a + t) | 0;
    e =
      (t +
        (((f >>> 2) | (f << 30)) ^ ((f >>> 13) | (f << 19)) ^ ((f >>> 22) | (f << 10))) +
        ((f & g) | (h & (f | g)))) |
      0;
    t =
      (d +
        (((a >>> 6) | (a << 26)) ^ ((a >>> 11) | (a << 21)) ^ ((a >>> 25) | (a << 7))) +
        (c ^ (a & (b ^ c))) +
        (k[i + 4] as number) +
        (w[j + 4] as number)) |
      0;
    h = (h + t) | 0;
    d =
      (t +
        (((e >>> 2) | (e << 30)) ^ ((e >>> 13) | (e << 19)) ^ ((e >>> 22) | (e << 10))) +
        ((e & f) | (g & (e | f)))) |
      0;
    t =
      (c +
        (((h >>> 6) | (h << 26)) ^ ((h >>> 11) | (h << 21)) ^ ((h >>> 25) | (h << 7))) +
        (b ^ (h & (a ^ b))) +
        (k[i + 5] as number) +
        (w[j + 5] as number)) |
      0;
    g = (g + t) | 0;
    c =
      (t +
        (((d >>> 2) | (d << 30)) ^ ((d >>> 13) | (d << 19)) ^ ((d >>> 22) | (d << 10))) +
        ((d & e) | (f & (d | e)))) |
      0;
    t =
      (b +
        (((g >>> 6) | (g << 26)) ^ ((g >>> 11) | (g << 21)) ^ ((g >>> 25) | (g << 7))) +
        (a ^ (g & (h ^ a))) +
        (k[i + 6] as number) +
        (w[j + 6] as number)) |
      0;
    f = (f + t) | 0;
    b =
      (t +
        (((c >>> 2) | (c << 30)) ^ ((c >>> 13) | (c << 19)) ^ ((c >>> 22) | (c << 10))) +
        ((c & d) | (e & (c | d)))) |
      0;
    t =
      (a +
        (((f >>> 6) | (f << 26)) ^ ((f >>> 11) | (f << 21)) ^ ((f >>> 25) | (f << 7))) +
        (h ^ (f & (g ^ h))) +
        (k[i + 7] as number) +
        (w[j + 7] as number)) |
      0;
    e = (e + t) | 0;
    a =
      (t +
        (((b >>> 2) | (b << 30)) ^ ((b >>> 13) | (b << 19)) ^ ((b >>> 22) | (b << 10))) +
        ((b & c) | (d & (b | c)))) |
      0;
  }
  state[0] = ((state[0] as number) + a) | 0;
  state[1] = ((state[1] as number) + b) | 0;
  state[2] = ((state[2] as number) + c) | 0;
  state[3] = ((state[3] as number) + d) | 0;
  state[4] = ((state[4] as number) + e) | 0;
  state[5] = ((state[5] as number) + f) | 0;
  state[6] = ((state[6] as number) + g) | 0;
  state[7] = ((state[7] as number) + h) | 0;
}

/** The big-endian 32-bit word at bytes[at] (the caller knows the four bytes are there). */
function wordAt(bytes: Uint8Array, at: number): number {
  return (
    ((bytes[at] as number) << 24) |
    ((bytes[at + 1] as number) << 16) |
    ((bytes[at + 2] as number) << 8) |
    (bytes[at + 3] as number)
  );
}

/** Compresses the 64-byte block at bytes[at] into `state`. */
function compress(state: Int32Array, bytes: Uint8Array, at: number): void {
  const w = schedule;
  for (let i = 0; i < 16; i++) w[i] = wordAt(bytes, at + i * 4);
  expandSchedule(w, 0);
  rounds(state, w, 0);
}

/**
 * Hashes bytes[0, length) into `state`, which holds the state after `prefixBlocks` blocks already hashed (the
 * initial state and 0 for a plain digest), then pads and finishes.
 */
function finishInto(state: Int32Array, prefixBlocks: number, bytes: Uint8Array, length: number): void {
  let at = 0;
  for (; at + 64 <= length; at += 64) compress(state, bytes, at);
  const rest = length - at;
  tail.fill(0);
  for (let i = 0; i < rest; i++) tail[i] = bytes[at + i] as number;
  tail[rest] = 0x80;
  const end = rest < 56 ? 64 : 128;
  // The message length in bits, big-endian in the last 8 bytes (exact up to 2^53 bits).
  const bits = (prefixBlocks * 64 + length) * 8;
  const high = Math.floor(bits / 0x100000000);
  const low = bits >>> 0;
  for (let i = 0; i < 4; i++) {
    tail[end - 1 - i] = (low >>> (8 * i)) & 0xff;
    tail[end - 5 - i] = (high >>> (8 * i)) & 0xff;
  }
  compress(state, tail, 0);
  if (end === 128) compress(state, tail, 64);
}

function writeState(state: Int32Array, out: Uint8Array, at: number): void {
  for (let i = 0; i < 8; i++) {
    const v = state[i] as number;
    out[at + i * 4] = v >>> 24;
    out[at + i * 4 + 1] = (v >>> 16) & 0xff;
    out[at + i * 4 + 2] = (v >>> 8) & 0xff;
    out[at + i * 4 + 3] = v & 0xff;
  }
}

const digestState = new Int32Array(8);

/** Writes the 32-byte SHA-256 of bytes[0, length) at out[at]. */
export function sha256Into(bytes: Uint8Array, length: number, out: Uint8Array, at: number): void {
  digestState.set(INITIAL_STATE);
  finishInto(digestState, 0, bytes, length);
  writeState(digestState, out, at);
}

/**
 * Schedules of the second block of a 65-byte message, one per value of its last byte: that block is the byte, the
 * padding and the length (520 bits), so its 64 words depend on that byte alone. Built on first use (64 KiB).
 */
let nodeTailSchedules: Int32Array | undefined;

function tailSchedules(): Int32Array {
  if (nodeTailSchedules !== undefined) return nodeTailSchedules;
  const all = new Int32Array(256 * 64);
  for (let x = 0; x < 256; x++) {
    const at = x * 64;
    all[at] = (x << 24) | (0x80 << 16);
    all[at + 15] = 65 * 8;
    expandSchedule(all, at);
  }
  nodeTailSchedules = all;
  return all;
}

/**
 * Writes sha256(0x01 | bytes[left, left + 32) | bytes[right, right + 32)) at out[at] (a Merkle node over two
 * 32-byte children): no message assembled, and its second block's schedule looked up rather than computed. `out` may
 * overlap the children.
 */
export function sha256Node(bytes: Uint8Array, left: number, right: number, out: Uint8Array, at: number): void {
  const w = schedule;
  w[0] = (1 << 24) | ((bytes[left] as number) << 16) | ((bytes[left + 1] as number) << 8) | (bytes[left + 2] as number);
  for (let i = 1; i < 8; i++) w[i] = wordAt(bytes, left + 4 * i - 1);
  w[8] =
    ((bytes[left + 31] as number) << 24) |
    ((bytes[right] as number) << 16) |
    ((bytes[right + 1] as number) << 8) |
    (bytes[right + 2] as number);
  for (let i = 9; i < 16; i++) w[i] = wordAt(bytes, right + 4 * i - 33);
  const last = bytes[right + 31] as number;
  expandSchedule(w, 0);
  const state = digestState;
  state.set(INITIAL_STATE);
  rounds(state, w, 0);
  rounds(state, tailSchedules(), last * 64);
  writeState(state, out, at);
}

/** HMAC-SHA256 under one key: `into(bytes, length, out, at)` writes the 32-byte MAC of bytes[0, length) at out[at]. */
export interface HmacSha256 {
  into(bytes: Uint8Array, length: number, out: Uint8Array, at: number): void;
}

/**
 * HMAC-SHA256 (RFC 2104) with the key's inner and outer blocks compressed once, so a MAC of a short message costs
 * two or three block compressions.
 */
export function createHmacSha256(key: Uint8Array): HmacSha256 {
  const block = new Uint8Array(64);
  if (key.length > 64) sha256Into(key, key.length, block, 0);
  else block.set(key);
  const inner = new Int32Array(INITIAL_STATE);
  const outer = new Int32Array(INITIAL_STATE);
  const pad = new Uint8Array(64);
  for (let i = 0; i < 64; i++) pad[i] = (block[i] as number) ^ 0x36;
  compress(inner, pad, 0);
  for (let i = 0; i < 64; i++) pad[i] = (block[i] as number) ^ 0x5c;
  compress(outer, pad, 0);
  const state = new Int32Array(8);
  const innerDigest = new Uint8Array(32);
  return {
    into(bytes, length, out, at) {
      state.set(inner);
      finishInto(state, 1, bytes, length);
      writeState(state, innerDigest, 0);
      state.set(outer);
      finishInto(state, 1, innerDigest, 32);
      writeState(state, out, at);
    },
  };
}

/**
 * A short message assembled as bytes for sha256Into or an HmacSha256, reused from one message to the next. Text is
 * written as UTF-8 the way node:crypto encodes a string (a lone surrogate as U+FFFD).
 */
export class MessageBytes {
  bytes: Buffer = Buffer.allocUnsafe(256);
  length = 0;

  reset(): this {
    this.length = 0;
    return this;
  }

  private reserve(more: number): void {
    if (this.length + more <= this.bytes.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.length + more));
    this.bytes.copy(grown, 0, 0, this.length);
    this.bytes = grown;
  }

  byte(value: number): this {
    this.reserve(1);
    this.bytes[this.length++] = value;
    return this;
  }

  raw(source: Uint8Array, from: number, to: number): this {
    this.reserve(to - from);
    const { bytes } = this;
    // A loop rather than set(subarray(...)): the messages are short, and a view per call would be garbage.
    for (let i = from; i < to; i++) bytes[this.length++] = source[i] as number;
    return this;
  }

  text(text: string): this {
    // A UTF-16 code unit takes at most 3 bytes of UTF-8.
    this.reserve(text.length * 3);
    const { bytes } = this;
    const start = this.length;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 128) {
        this.length = start + bytes.write(text, start, 'utf8');
        return this;
      }
      bytes[start + i] = c;
    }
    this.length = start + text.length;
    return this;
  }
}
