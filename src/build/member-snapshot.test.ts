import { describe, expect, it } from 'vitest';
import { hash64 } from './hash.js';
import {
  bucketBitsFor,
  lookupMember,
  MemberSnapshotBuilder,
  reasonOfCode,
  snapshotBytes,
  snapshotSize,
} from './member-snapshot.js';

function build(members: readonly (readonly [string, Parameters<MemberSnapshotBuilder['place']>[1]])[]) {
  const builder = new MemberSnapshotBuilder(members.length);
  for (const [id] of members) builder.count(id);
  for (const [id, reason] of members) builder.place(id, reason);
  return builder.finish();
}

describe('member snapshot', () => {
  const members = Array.from(
    { length: 5000 },
    (_, i) => [`m${i}`, i % 7 === 0 ? 'minor' : i % 5 === 0 ? 'opted_out' : null] as const,
  );
  const snapshot = build(members);

  it.each([
    ['m0', 'minor'],
    ['m5', 'opted_out'],
    ['m1', null],
    ['m4999', null],
  ] as const)('finds %s with its member-level reason %s', (id, reason) => {
    const index = lookupMember(snapshot, id);
    expect(index).toBeGreaterThanOrEqual(0);
    expect(reasonOfCode(snapshot.reasons[index] ?? 255)).toBe(reason);
  });

  it('is the same when the first pass counts hashes made elsewhere (countHash)', () => {
    const builder = new MemberSnapshotBuilder(members.length);
    for (const [id] of [...members].reverse()) builder.countHash(hash64(id).hi);
    for (const [id, reason] of members) builder.place(id, reason);
    expect(builder.finish()).toEqual(snapshot);
  });

  it.each([['m5000'], ['M1'], [''], ['m1 ']])('does not find %j (unknown members fail closed)', (id) => {
    expect(lookupMember(snapshot, id)).toBe(-1);
  });

  it('gives every member its own index and stays at 5 bytes a member plus the bucket table', () => {
    const indexes = new Set(members.map(([id]) => lookupMember(snapshot, id)));
    expect(indexes.size).toBe(5000);
    expect(snapshotSize(snapshot)).toBe(5000);
    expect(snapshotBytes(snapshot)).toBe(5000 * 5 + ((1 << bucketBitsFor(5000)) + 1) * 4);
    // 100 million members: 2^24 buckets, well under 1 GB.
    expect(100e6 * 5 + ((1 << bucketBitsFor(100e6)) + 1) * 4).toBeLessThan(600e6);
  });

  it('merges a member listed twice and keeps the stricter decision', () => {
    const merged = build([
      ['m1', null],
      ['m1', 'opted_out'],
      ['m2', null],
    ]);
    expect(merged.collisions).toBe(1);
    expect(reasonOfCode(merged.reasons[lookupMember(merged, 'm1')] ?? 0)).toBe('opted_out');
    expect(snapshotSize(merged)).toBe(2);
  });

  it('refuses a second pass that differs from the first', () => {
    const builder = new MemberSnapshotBuilder(1);
    builder.count('a');
    expect(() => builder.place('b', null)).toThrow(/different members/);
  });
});
