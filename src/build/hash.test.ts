import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createHmacSha256, MessageBytes, sha256Into, sha256Node } from './hash.js';

/** Deterministic pseudo-random bytes (xorshift), so a failure is reproducible. */
function randomBytes(length: number, seed: number): Buffer {
  let s = seed >>> 0 || 1;
  const out = Buffer.allocUnsafe(length);
  for (let i = 0; i < length; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    out[i] = s & 0xff;
  }
  return out;
}

function jsSha256(bytes: Uint8Array): string {
  const out = Buffer.alloc(32);
  sha256Into(bytes, bytes.length, out, 0);
  return out.toString('hex');
}

describe('sha256Into', () => {
  // Every length up to three blocks covers each padding case (55/56 bytes: one or two tail blocks, 64: a whole block).
  it.each(Array.from({ length: 200 }, (_, n) => n))('matches node:crypto on %i random bytes', (length) => {
    const bytes = randomBytes(length, length + 1);
    expect(jsSha256(bytes)).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  it('matches node:crypto on long messages', () => {
    for (const length of [1000, 4096, 65_537]) {
      const bytes = randomBytes(length, 7);
      expect(jsSha256(bytes)).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
  });

  it('hashes only the given length and writes at the given offset', () => {
    const bytes = randomBytes(100, 3);
    const out = Buffer.alloc(40, 0xee);
    sha256Into(bytes, 60, out, 4);
    expect(out.subarray(4, 36).toString('hex')).toBe(createHash('sha256').update(bytes.subarray(0, 60)).digest('hex'));
    expect([...out.subarray(0, 4), ...out.subarray(36)]).toEqual([0xee, 0xee, 0xee, 0xee, 0xee, 0xee, 0xee, 0xee]);
  });

  it('gives the known digest of "abc"', () => {
    expect(jsSha256(Buffer.from('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('sha256Node', () => {
  const nodeSha = (left: Uint8Array, right: Uint8Array) =>
    createHash('sha256')
      .update(Buffer.from([1]))
      .update(left)
      .update(right)
      .digest('hex');

  // Children apart, adjacent, in either order and the same one twice; every value of the last byte (the second
  // block's schedule is looked up by it).
  it.each([
    [0, 32],
    [32, 0],
    [5, 90],
    [40, 40],
  ])('matches node:crypto with the children at %i and %i', (left, right) => {
    for (let last = 0; last < 256; last++) {
      const bytes = randomBytes(128, last * 7 + left + 1);
      bytes[right + 31] = last;
      const out = Buffer.alloc(32);
      sha256Node(bytes, left, right, out, 0);
      expect(out.toString('hex')).toBe(nodeSha(bytes.subarray(left, left + 32), bytes.subarray(right, right + 32)));
    }
  });

  it('may write over its own children', () => {
    const bytes = randomBytes(96, 9);
    const expected = nodeSha(bytes.subarray(0, 32), bytes.subarray(32, 64));
    sha256Node(bytes, 0, 32, bytes, 0);
    expect(bytes.subarray(0, 32).toString('hex')).toBe(expected);
    const again = randomBytes(96, 10);
    const expectedRight = nodeSha(again.subarray(0, 32), again.subarray(32, 64));
    sha256Node(again, 0, 32, again, 16);
    expect(again.subarray(16, 48).toString('hex')).toBe(expectedRight);
  });
});

describe('createHmacSha256', () => {
  // Keys shorter than, equal to and longer than a block (a longer key is hashed first).
  it.each([0, 1, 16, 32, 63, 64, 65, 200])('matches node:crypto with a %i-byte key', (keyLength) => {
    const key = randomBytes(keyLength, keyLength + 11);
    const hmac = createHmacSha256(key);
    for (const length of [0, 1, 9, 31, 55, 56, 63, 64, 65, 119, 120, 128, 300]) {
      const message = randomBytes(length, length * 31 + keyLength);
      const out = Buffer.alloc(32);
      hmac.into(message, length, out, 0);
      expect(out.toString('hex')).toBe(createHmac('sha256', key).update(message).digest('hex'));
    }
  });

  it('gives the same MAC again (no state left from the last message)', () => {
    const hmac = createHmacSha256(Buffer.from('key'));
    const a = Buffer.alloc(32);
    const b = Buffer.alloc(32);
    hmac.into(Buffer.from('first'), 5, a, 0);
    hmac.into(Buffer.from('a longer second message'), 23, b, 0);
    hmac.into(Buffer.from('first'), 5, b, 0);
    expect(b).toEqual(a);
  });
});

describe('MessageBytes', () => {
  const texts = [
    '',
    'ascii only',
    'José Álvarez',
    '日本語のテキスト',
    'emoji 😀 pair',
    'lone high \ud800 surrogate',
    'lone low \udc00 surrogate',
    'ends with a high surrogate \ud83d',
    'x'.repeat(1000),
    `${'é'.repeat(300)}abc`,
  ];

  it.each(texts)('writes %j as node:crypto encodes a string', (text) => {
    const message = new MessageBytes().reset().byte(0).text(text).byte(10).text(text);
    const expected = createHash('sha256').update(`\u0000${text}\n${text}`).digest('hex');
    expect(jsSha256(message.bytes.subarray(0, message.length))).toBe(expected);
  });

  it('grows for long messages and keeps what it held', () => {
    const message = new MessageBytes();
    const head = randomBytes(40, 5);
    message.reset().raw(head, 0, 40).text('y'.repeat(5000));
    expect(message.length).toBe(5040);
    expect(message.bytes.subarray(0, 40)).toEqual(head);
    expect(message.bytes.subarray(40, 5040).toString('latin1')).toBe('y'.repeat(5000));
  });
});
