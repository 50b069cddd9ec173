// Merkle roots for lineage: leaves are sha256(member pseudonym, content id); a shard's root is over its sorted
// leaves, and the build's root is over the shard roots in shard order, so it is the same for any worker count.

import { hash } from 'node:crypto';
import { sha256Into } from './hash.js';
import { orderByKey64 } from './key-order.js';

/** Bytes of a leaf or node (sha256). */
export const NODE_BYTES = 32;

// A node's 65-byte message is hashed with hash.ts's JavaScript SHA-256 straight into the level below it: no call into
// C++ and no Buffer per node (crypto.hash, one per node, was ~13% of a shard's pass 2; a Hash object per node before
// it, half).
const EMPTY = hash('sha256', '', 'buffer');
const PAIR = Buffer.alloc(1 + 2 * NODE_BYTES);
PAIR[0] = 1;

/**
 * Root over the `count` nodes laid end to end in `level`, in that order; an odd node is carried up unchanged; no
 * nodes gives sha256(""). Overwrites `level`.
 */
function rootInPlace(level: Buffer, count: number): Buffer {
  if (count === 0) return EMPTY;
  let n = count;
  while (n > 1) {
    let w = 0;
    for (let i = 0; i < n; i += 2, w++) {
      const at = i * NODE_BYTES;
      if (i + 1 < n) {
        // The pair's two nodes are adjacent: 0x01 | left | right is one copy.
        // The pair is copied out first, so the digest may overwrite its place (w * NODE_BYTES <= at).
        level.copy(PAIR, 1, at, at + 2 * NODE_BYTES);
        sha256Into(PAIR, PAIR.length, level, w * NODE_BYTES);
      } else level.copy(level, w * NODE_BYTES, at, at + NODE_BYTES);
    }
    n = w;
  }
  return Buffer.from(level.subarray(0, NODE_BYTES));
}

/** Root over leaves in the given order (see rootInPlace). */
export function merkleRoot(leaves: readonly Buffer[]): Buffer {
  return rootInPlace(Buffer.concat(leaves), leaves.length);
}

/**
 * Root over the `count` leaves laid end to end in `leaves`, after sorting them bytewise. Sorts by each leaf's first
 * eight bytes, then whole leaves where those tie.
 */
export function sortedLeavesRoot(leaves: Buffer, count: number): Buffer {
  const hi = new Uint32Array(count);
  const lo = new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    hi[i] = leaves.readUInt32BE(i * NODE_BYTES);
    lo[i] = leaves.readUInt32BE(i * NODE_BYTES + 4);
  }
  const order = orderByKey64(hi, lo, (a, b) =>
    leaves.compare(leaves, b * NODE_BYTES, (b + 1) * NODE_BYTES, a * NODE_BYTES, (a + 1) * NODE_BYTES),
  );
  const level = Buffer.allocUnsafe(count * NODE_BYTES);
  for (let j = 0; j < count; j++) {
    const i = order[j] ?? 0;
    leaves.copy(level, j * NODE_BYTES, i * NODE_BYTES, (i + 1) * NODE_BYTES);
  }
  return rootInPlace(level, count);
}

/** Root over leaves after sorting them bytewise. */
export function sortedMerkleRoot(leaves: readonly Buffer[]): Buffer {
  return sortedLeavesRoot(Buffer.concat(leaves), leaves.length);
}

/** The leaf for one (member pseudonym, content id) pair. */
export function lineageLeaf(memberPseudonym: string, contentId: string): Buffer {
  // U+0000 is the byte 0 in UTF-8.
  return hash('sha256', `\u0000${memberPseudonym}\n${contentId}`, 'buffer');
}
