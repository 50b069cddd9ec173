// Merkle roots for lineage: leaves are sha256(member pseudonym, content id); a shard's root is over its sorted
// leaves, and the build's root is over the shard roots in shard order, so it is the same for any worker count.

import { createHash } from 'node:crypto';

const EMPTY = createHash('sha256').update('').digest();

function pair(left: Buffer, right: Buffer): Buffer {
  return createHash('sha256')
    .update(Buffer.from([1]))
    .update(left)
    .update(right)
    .digest();
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

/** Root over leaves after sorting them bytewise. */
export function sortedMerkleRoot(leaves: Buffer[]): Buffer {
  return merkleRoot(leaves.sort(Buffer.compare));
}

/** The leaf for one (member pseudonym, content id) pair. */
export function lineageLeaf(memberPseudonym: string, contentId: string): Buffer {
  return createHash('sha256')
    .update(Buffer.from([0]))
    .update(`${memberPseudonym}\n${contentId}`)
    .digest();
}
