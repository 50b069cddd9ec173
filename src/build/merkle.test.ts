import { describe, expect, it } from 'vitest';
import { lineageLeaf, merkleRoot, sortedMerkleRoot } from './merkle.js';

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
});
