import { describe, expect, it } from 'vitest';
import type { Member } from '../domain/index.js';
import { parseMemberObject } from './parse-lines.js';
import {
  compareSamples,
  emptyStats,
  MAX_REJECTED_SAMPLES,
  mergeStats,
  type PassStats,
  packMembers,
  unpackMembers,
} from './worker-protocol.js';

function batchStats(file: string, lines: number[]): PassStats {
  const stats = emptyStats();
  stats.rejected = lines.length;
  stats.rejectedSamples = lines.slice(0, MAX_REJECTED_SAMPLES).map((line) => `${file}:${line}: text: bad`);
  return stats;
}

describe('rejected-line samples', () => {
  it('orders by file, then line number (not as text)', () => {
    expect(['b.jsonl:2: x', 'a.jsonl:10: x', 'a.jsonl:9: x'].sort(compareSamples)).toEqual([
      'a.jsonl:9: x',
      'a.jsonl:10: x',
      'b.jsonl:2: x',
    ]);
  });

  it('keeps the same first samples whatever the order replies arrive in', () => {
    const batches = [0, 1, 2, 3].map((b) =>
      batchStats(
        'c.jsonl',
        Array.from({ length: 30 }, (_, i) => b * 1000 + i * 7 + 1),
      ),
    );
    const merged = (order: number[]) => {
      const totals = emptyStats();
      for (const b of order) mergeStats(totals, batches[b] as PassStats);
      return totals;
    };
    const forward = merged([0, 1, 2, 3]);
    expect(merged([3, 1, 0, 2])).toEqual(forward);
    expect(forward.rejected).toBe(120);
    expect(forward.rejectedSamples).toHaveLength(MAX_REJECTED_SAMPLES);
    expect(forward.rejectedSamples[0]).toBe('c.jsonl:1: text: bad');
    expect(forward.rejectedSamples.at(-1)).toBe('c.jsonl:134: text: bad');
  });
});

describe('packed members', () => {
  const lines: Record<string, unknown>[] = [
    { member_id: 'm1' },
    { member_id: 'm2', country: 'US-CA', birth_date: '2001-02-03', names: ['Ana Souza'], language: 'pt-BR' },
    { member_id: 'm3', birth_year: 2010, self_declared_minor: true, account_state: 'deactivated', names: [] },
    { member_id: 'm4', in_secondary_education: true, names: ['A B', 'C D', 'É F'], created_at: 'yesterday' },
    { member_id: 'm5', self_declared_minor: true, in_secondary_education: true, account_state: 'deleted' },
    { member_id: 'm6', self_declared_minor: false, in_secondary_education: 'yes', country: null, language: 7 },
    { member_id: 'm\u0000\n"7', names: ['x'] },
  ];

  it('come back equal to the members parseMemberObject made, with the rejected lines', () => {
    const members = lines.map((line) => {
      const parsed = parseMemberObject(line);
      if (!parsed.ok) throw new Error(parsed.message);
      return parsed.value;
    });
    const rejected = [{ where: 'members.jsonl:9', field: 'names', message: 'expected an array of strings' }];
    // Through a structured clone, as between threads.
    const packed = structuredClone(packMembers(members, rejected));
    expect(unpackMembers(packed)).toEqual(members);
    expect(packed.rejected).toEqual(rejected);
    expect(unpackMembers(packMembers([], []))).toEqual([]);
    // More members than the packer's first arrays hold.
    const many = Array.from({ length: 10_000 }, (_, i) => ({
      ...(members[i % members.length] as Member),
      id: `x${i}`,
    }));
    expect(unpackMembers(structuredClone(packMembers(many, [])))).toEqual(many);
  });
});
