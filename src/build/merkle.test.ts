import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { lineageLeaf, merkleRoot, sortedLeavesRootAt, sortedMerkleRoot } from './merkle.js';

describe('lineage Merkle root', () => {
  const leaves = ['a', 'b', 'c'].map((id) => lineageLeaf('pseudonym', id));

  it('does not depend on the order leaves arrive in', () => {
    expect(sortedMerkleRoot([...leaves])).toEqual(sortedMerkleRoot([...leaves].reverse()));
  });

  it('changes when any pair changes', () => {
    const other = [lineageLeaf('pseudonym', 'a'), lineageLeaf('pseudonym', 'b'), lineageLeaf('other', 'c')];
    expect(sortedMerkleRoot(other)).not.toEqual(sortedMerkleRoot([...leaves]));
  });

  it.each([
    [0, 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    [1, null],
  ])('handles %i leaves', (count, expected) => {
    const root = merkleRoot(leaves.slice(0, count));
    if (expected) expect(root.toString('hex')).toBe(expected);
    else expect(root).toEqual(leaves[0]);
  });

  it('sorts leaves bytewise, also where their first bytes tie', () => {
    // Leaves equal in their first 8 bytes and different after, given in reverse order.
    const tied = [3, 2, 1, 0].map((n) => Buffer.concat([Buffer.alloc(8, 7), Buffer.alloc(24, n)]));
    const all = [...tied, ...leaves];
    expect(sortedMerkleRoot(all)).toEqual(merkleRoot([...all].sort(Buffer.compare)));
  });

  it.each([2, 5, 13, 64, 1001])(
    'gives the root node:crypto gives over %i leaves (odd nodes carried at several levels)',
    (n) => {
      const sha = (left: Buffer, right: Buffer) =>
        createHash('sha256')
          .update(Buffer.from([1]))
          .update(left)
          .update(right)
          .digest();
      const many = Array.from({ length: n }, (_, i) => lineageLeaf('p', String(i)));
      let level = many;
      while (level.length > 1) {
        const up: Buffer[] = [];
        for (let i = 0; i < level.length; i += 2) {
          const [left, right] = [level[i] as Buffer, level[i + 1]];
          up.push(right ? sha(left, right) : left);
        }
        level = up;
      }
      expect(merkleRoot(many)).toEqual(level[0]);
    },
  );

  it('computes leaves and nodes as the documented sha256 formulas', () => {
    const sha = (...parts: (Buffer | string)[]) => {
      const h = createHash('sha256');
      for (const part of parts) h.update(part);
      return h.digest();
    };
    const leaf = (p: string, id: string) => sha(Buffer.from([0]), `${p}\n${id}`);
    expect(lineageLeaf('pséudonym', 'c-1')).toEqual(leaf('pséudonym', 'c-1'));
    const [a, b, c] = [leaf('x', '1'), leaf('x', '2'), leaf('y', '1')].sort(Buffer.compare) as [Buffer, Buffer, Buffer];
    const expected = sha(Buffer.from([1]), sha(Buffer.from([1]), a, b), c);
    expect(sortedMerkleRoot([c, a, b])).toEqual(expected);
  });

  it.each([0, 1, 2, 3, 8, 77])('gives the same root from %i leaves scattered in a buffer', (n) => {
    const many = Array.from({ length: n }, (_, i) => lineageLeaf('p', String(i)));
    // Leaves 5 bytes apart at odd offsets, in reverse order, with two tied in their first eight bytes.
    if (n > 2) many[1] = Buffer.concat([(many[0] as Buffer).subarray(0, 8), Buffer.alloc(24, 3)]);
    const source = Buffer.alloc(7 + n * 37, 0xaa);
    const offsets = new Uint32Array(n);
    many.forEach((leaf, i) => {
      offsets[i] = 7 + (n - 1 - i) * 37;
      leaf.copy(source, offsets[i]);
    });
    expect(sortedLeavesRootAt(source, offsets, n)).toEqual(sortedMerkleRoot(many));
    expect(sortedMerkleRoot(many)).toEqual(merkleRoot([...many].sort(Buffer.compare)));
  });
});
