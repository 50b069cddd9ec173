// The compact member snapshot a build decides against: for every member, only a 64-bit id hash (split into a
// bucket index and a 32-bit residual) and one byte with the member-level decision (0 = allowed, else 1 + index in
// DECISION_REASONS). Memory is 5 bytes per member plus 4 bytes per bucket: about 560 MB for 100 million members
// (2^24 buckets), 5 MB for one million. Arrays live in SharedArrayBuffers so every worker reads the same copy.

import { DECISION_REASONS, type DecisionReason } from '../domain/index.js';
import { hash64 } from './hash.js';

/** The plain, transferable shape of a snapshot (shared memory, no ids). */
export interface MemberSnapshotData {
  readonly bucketBits: number;
  /** bucket b holds residuals[offsets[b] .. offsets[b+1]), sorted ascending. */
  readonly offsets: Uint32Array;
  readonly residuals: Uint32Array;
  readonly reasons: Uint8Array;
  /** Pairs of members whose hashes collided; both were merged and fail closed (the stricter reason wins). */
  readonly collisions: number;
}

export function reasonCode(reason: DecisionReason | null): number {
  return reason === null ? 0 : DECISION_REASONS.indexOf(reason) + 1;
}

export function reasonOfCode(code: number): DecisionReason | null {
  return code === 0 ? null : (DECISION_REASONS[code - 1] ?? 'unknown_member');
}

/** Bucket bits for n members: about one member per bucket, between 8 and 24 bits. */
export function bucketBitsFor(count: number): number {
  return Math.min(24, Math.max(8, Math.ceil(Math.log2(Math.max(1, count)))));
}

function shared32(length: number): Uint32Array {
  return new Uint32Array(new SharedArrayBuffer(Math.max(1, length) * 4));
}

/**
 * Builds a snapshot in two passes over the members, so the peak memory is the final size: `count` each bucket
 * first, then `finish()` after `place` was called for every member in the same order.
 */
export class MemberSnapshotBuilder {
  readonly bucketBits: number;
  private readonly counts: Uint32Array;
  private cursors: Uint32Array | undefined;
  private residuals: Uint32Array | undefined;
  private reasons: Uint8Array | undefined;
  private total = 0;

  constructor(expectedCount: number) {
    this.bucketBits = bucketBitsFor(expectedCount);
    this.counts = new Uint32Array((1 << this.bucketBits) + 1);
  }

  private bucketOf(hi: number): number {
    return hi >>> (32 - this.bucketBits);
  }

  /** Pass 1: counts a member id. */
  count(memberId: string): void {
    this.countHash(hash64(memberId).hi);
  }

  /** Pass 1: counts a member id by the high half of its hash64 (computed elsewhere, e.g. in a worker thread). */
  countHash(hi: number): void {
    const bucket = this.bucketOf(hi);
    this.counts[bucket + 1] = (this.counts[bucket + 1] ?? 0) + 1;
    this.total++;
  }

  /** Pass 2: places a member and its member-level decision. */
  place(memberId: string, reason: DecisionReason | null): void {
    if (!this.cursors) {
      for (let b = 1; b < this.counts.length; b++) this.counts[b] = (this.counts[b] ?? 0) + (this.counts[b - 1] ?? 0);
      this.cursors = this.counts.slice(0, this.counts.length - 1);
      this.residuals = shared32(this.total);
      this.reasons = new Uint8Array(new SharedArrayBuffer(Math.max(1, this.total)));
    }
    const h = hash64(memberId);
    const bucket = this.bucketOf(h.hi);
    const at = this.cursors[bucket] ?? 0;
    if (at >= (this.counts[bucket + 1] ?? 0)) throw new Error('member snapshot: the second pass saw different members');
    this.cursors[bucket] = at + 1;
    (this.residuals as Uint32Array)[at] = h.lo;
    (this.reasons as Uint8Array)[at] = reasonCode(reason);
  }

  /** Sorts each bucket and merges colliding hashes (fail closed: the stricter, i.e. any exclusion, wins). */
  finish(): MemberSnapshotData {
    if (!this.cursors) this.place('\u0000assent-empty', 'unknown_member');
    const offsets = shared32(this.counts.length);
    const residuals = this.residuals as Uint32Array;
    const reasons = this.reasons as Uint8Array;
    let write = 0;
    let collisions = 0;
    const pairs: number[] = [];
    for (let b = 0; b + 1 < this.counts.length; b++) {
      const start = this.counts[b] ?? 0;
      const end = this.counts[b + 1] ?? 0;
      offsets[b] = write;
      pairs.length = 0;
      for (let i = start; i < end; i++) pairs.push(i);
      pairs.sort((x, y) => (residuals[x] ?? 0) - (residuals[y] ?? 0));
      const values = pairs.map((i) => [residuals[i] ?? 0, reasons[i] ?? 0] as const);
      for (const [residual, code] of values) {
        if (write > (offsets[b] ?? 0) && residuals[write - 1] === residual) {
          collisions++;
          const previous = reasons[write - 1] ?? 0;
          reasons[write - 1] = previous === 0 ? code : code === 0 ? previous : Math.min(previous, code);
          continue;
        }
        residuals[write] = residual;
        reasons[write] = code;
        write++;
      }
    }
    offsets[this.counts.length - 1] = write;
    return { bucketBits: this.bucketBits, offsets, residuals, reasons, collisions };
  }
}

/** Index of a member in the snapshot, or -1 when unknown. */
export function lookupMember(snapshot: MemberSnapshotData, memberId: string): number {
  const h = hash64(memberId);
  const bucket = h.hi >>> (32 - snapshot.bucketBits);
  let lo = snapshot.offsets[bucket] ?? 0;
  let hi = (snapshot.offsets[bucket + 1] ?? 0) - 1;
  const target = h.lo;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const value = snapshot.residuals[mid] ?? 0;
    if (value === target) return mid;
    if (value < target) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Number of distinct members held. */
export function snapshotSize(snapshot: MemberSnapshotData): number {
  return snapshot.offsets[snapshot.offsets.length - 1] ?? 0;
}

/** Bytes held by the snapshot's arrays. */
export function snapshotBytes(snapshot: MemberSnapshotData): number {
  return snapshot.offsets.byteLength + snapshot.residuals.byteLength + snapshot.reasons.byteLength;
}
