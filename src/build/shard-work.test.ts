import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { lineageLeaf } from './merkle.js';
import { createLineageHasher } from './shard-work.js';

describe('createLineageHasher', () => {
  const members = ['m00000001', 'member-with-a-much-longer-identifier-than-usual-0123456789', 'Zoë', '会员', '\ud800'];
  const contents = ['c1', '', 'c00000001-001', `long-${'x'.repeat(200)}`, 'ünïcödé', '😀', 'lone \udfff'];

  it.each([
    ['a 32-byte key', 'ab'.repeat(32)],
    ['a 16-byte key', '0f'.repeat(16)],
    ['a 100-byte key', '5a'.repeat(100)],
  ])('gives the pseudonyms and leaves of createHmac and merkle.ts with %s', (_, hexKey) => {
    const key = Buffer.from(hexKey, 'hex');
    const hasher = createLineageHasher(key);
    for (const member of members) {
      const pseudonym = hasher.member(member);
      expect(pseudonym).toBe(createHmac('sha256', key).update(member).digest('hex').slice(0, 32));
      for (const content of contents) {
        const out = Buffer.alloc(40);
        hasher.leafInto(content, out, 5);
        expect(out.subarray(5, 37)).toEqual(lineageLeaf(pseudonym, content));
      }
    }
  });
});
