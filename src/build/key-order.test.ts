import { describe, expect, it } from 'vitest';
import { seededRandom } from '../domain/seeded-random.js';
import { orderByKey64 } from './key-order.js';

/** The reference: a comparator sort on (hi, lo, tie), index order among equals. */
function reference(hi: Uint32Array, lo: Uint32Array, tie: (a: number, b: number) => number): number[] {
  return Array.from({ length: hi.length }, (_, i) => i).sort(
    (a, b) => ((hi[a] ?? 0) - (hi[b] ?? 0) || (lo[a] ?? 0) - (lo[b] ?? 0) || tie(a, b) || a - b) as number,
  );
}

describe('orderByKey64', () => {
  it.each([0, 1, 2, 3, 16, 17, 1000, 70_000])('orders %i random 64-bit keys as a comparator sort does', (count) => {
    const random = seededRandom(count + 1);
    const hi = Uint32Array.from({ length: count }, () => Math.floor(random() * 2 ** 32));
    const lo = Uint32Array.from({ length: count }, () => Math.floor(random() * 2 ** 32));
    expect(Array.from(orderByKey64(hi, lo, () => 0))).toEqual(reference(hi, lo, () => 0));
  });

  it('orders keys that differ only in their lowest bits, and equal keys by the tie-breaker', () => {
    const random = seededRandom(7);
    const count = 5000;
    // Few distinct values in each half: many keys tie in the packed top bits, many are wholly equal.
    const hi = Uint32Array.from({ length: count }, () => [0, 1, 0xffffffff][Math.floor(random() * 3)] ?? 0);
    const lo = Uint32Array.from({ length: count }, () => [0, 1, 2, 0x80000000][Math.floor(random() * 4)] ?? 0);
    const extra = Uint32Array.from({ length: count }, () => Math.floor(random() * 10));
    const tie = (a: number, b: number) => (extra[a] ?? 0) - (extra[b] ?? 0);
    expect(Array.from(orderByKey64(hi, lo, tie))).toEqual(reference(hi, lo, tie));
  });

  it('orders keys crowded into few top-bit buckets (repeated ids) as a comparator sort does', () => {
    const random = seededRandom(11);
    const count = 20_000;
    // A tenth of the keys are one repeated value, the rest share their top 12 bits with a few others.
    const hi = Uint32Array.from({ length: count }, (_, i) =>
      i % 10 === 0 ? 0x12345678 : (Math.floor(random() * 64) << 20) | Math.floor(random() * 2 ** 20),
    );
    const lo = Uint32Array.from({ length: count }, (_, i) => (i % 10 === 0 ? 9 : Math.floor(random() * 2 ** 32)));
    expect(Array.from(orderByKey64(hi, lo, () => 0))).toEqual(reference(hi, lo, () => 0));
  });

  it('orders more keys than it has buckets for (2^20) by key, then index', () => {
    const random = seededRandom(5);
    const count = 1_100_000;
    // Few distinct low halves, so that some whole keys are equal and fall back to index order.
    const hi = Uint32Array.from({ length: count }, () => Math.floor(random() * 2 ** 32));
    const lo = Uint32Array.from({ length: count }, () => Math.floor(random() * 4));
    hi[7] = hi[3] as number;
    lo[7] = lo[3] as number;
    const order = orderByKey64(hi, lo, () => 0);
    const seen = new Uint8Array(count);
    let ordered = true;
    for (let j = 0; j < count; j++) {
      const b = order[j] as number;
      seen[b] = 1;
      if (j === 0) continue;
      const a = order[j - 1] as number;
      const byKey = (hi[a] as number) - (hi[b] as number) || (lo[a] as number) - (lo[b] as number) || a - b;
      if (byKey >= 0) ordered = false;
    }
    expect(ordered).toBe(true);
    expect(seen.every((x) => x === 1)).toBe(true);
  });
});
