// Merkle roots for lineage: leaves are sha256(member pseudonym, content id); a shard's root is over its sorted
// leaves, and the build's root is over the shard roots in shard order, so it is the same for any worker count.

import { hash } from 'node:crypto';
import { sha256Node } from './hash.js';
import { orderByKey64 } from './key-order.js';

/** Bytes of a leaf or node (sha256). */
export const NODE_BYTES = 32;

// A node is hashed with hash.ts's sha256Node straight from its two children into the level above: no call into C++,
// no Buffer and no copied message per node (crypto.hash, one per node, was ~13% of a shard's pass 2; a Hash object
// per node before it, half).
const EMPTY = hash('sha256', '', 'buffer');

/** Copies the 32-byte node at from[fromAt] to to[toAt] (a loop: Buffer.copy is a call into C++ for 32 bytes). */
function copyNode(from: Uint8Array, fromAt: number, to: Uint8Array, toAt: number): void {
  for (let i = 0; i < NODE_BYTES; i++) to[toAt + i] = from[fromAt + i] as number;
}

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
      // The parent may overwrite its children's place (w * NODE_BYTES <= at): sha256Node reads them first.
      if (i + 1 < n) sha256Node(level, at, at + NODE_BYTES, level, w * NODE_BYTES);
      else copyNode(level, at, level, w * NODE_BYTES);
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
  const offsets = new Uint32Array(count);
  for (let i = 0; i < count; i++) offsets[i] = i * NODE_BYTES;
  return sortedLeavesRootAt(leaves, offsets, count);
}

/**
 * Root over the `count` 32-byte leaves at source[offsets[i]] (wherever they lie, e.g. inside a shard's spill records),
 * after sorting them bytewise; the same root as sortedLeavesRoot over those leaves. The first level is hashed from the
 * leaves where they are, in sorted order, so they are never copied.
 */
export function sortedLeavesRootAt(source: Buffer, offsets: Uint32Array, count: number): Buffer {
  if (count === 0) return EMPTY;
  const word = (at: number) =>
    (source[at] as number) * 0x1000000 +
    (((source[at + 1] as number) << 16) | ((source[at + 2] as number) << 8) | (source[at + 3] as number));
  const hi = new Uint32Array(count);
  const lo = new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    const at = offsets[i] ?? 0;
    hi[i] = word(at);
    lo[i] = word(at + 4);
  }
  const order = orderByKey64(hi, lo, (a, b) => {
    const pa = offsets[a] ?? 0;
    const pb = offsets[b] ?? 0;
    return source.compare(source, pb, pb + NODE_BYTES, pa, pa + NODE_BYTES);
  });
  const parents = (count + 1) >>> 1;
  const level = Buffer.allocUnsafe(parents * NODE_BYTES);
  for (let j = 0, w = 0; j < count; j += 2, w++) {
    const left = offsets[order[j] ?? 0] ?? 0;
    if (j + 1 < count) sha256Node(source, left, offsets[order[j + 1] ?? 0] ?? 0, level, w * NODE_BYTES);
    else copyNode(source, left, level, w * NODE_BYTES);
  }
  return rootInPlace(level, parents);
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
