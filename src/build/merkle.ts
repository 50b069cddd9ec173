// Merkle roots for lineage: leaves are sha256(member pseudonym, content id); a shard's root is over its sorted
// leaves, and the build's root is over the shard roots in shard order, so it is the same for any worker count.

import { hash } from 'node:crypto';

// One-shot hashing (crypto.hash) over one buffer: the same digests as createHash().update()..., without a Hash
// object per node (half the cost of a shard's pass 2 went to those).
const EMPTY = hash('sha256', '', 'buffer');
const PAIR = Buffer.alloc(65);
PAIR[0] = 1;

function pair(left: Buffer, right: Buffer): Buffer {
  left.copy(PAIR, 1);
  right.copy(PAIR, 33);
  return hash('sha256', PAIR, 'buffer');
}

/** Root over leaves in the given order; an odd node is carried up unchanged; no leaves gives sha256(""). */
export function merkleRoot(leaves: readonly Buffer[]): Buffer {
  if (leaves.length === 0) return EMPTY;
  let level = [...leaves];
  while (level.length > 1) {
    const next: Buffer[] = [];
    for (let i = 0; i < level.length; i += 2) {
      const left = level[i] as Buffer;
      const right = level[i + 1];
      next.push(right ? pair(left, right) : left);
    }
    level = next;
  }
  return level[0] as Buffer;
}

/** Root over leaves after sorting them bytewise (as latin1 strings: one char per byte, sorted natively). */
export function sortedMerkleRoot(leaves: readonly Buffer[]): Buffer {
  return sortedLatin1MerkleRoot(leaves.map((leaf) => leaf.toString('latin1')));
}

/** sortedMerkleRoot for leaves given as latin1 strings (one char per byte); sorts the array in place. */
export function sortedLatin1MerkleRoot(leaves: string[]): Buffer {
  return merkleRoot(leaves.sort().map((leaf) => Buffer.from(leaf, 'latin1')));
}

/** The leaf for one (member pseudonym, content id) pair. */
export function lineageLeaf(memberPseudonym: string, contentId: string): Buffer {
  // U+0000 is the byte 0 in UTF-8.
  return hash('sha256', `\u0000${memberPseudonym}\n${contentId}`, 'buffer');
}
