import { describe, expect, it } from 'vitest';
import { compareSamples, emptyStats, MAX_REJECTED_SAMPLES, mergeStats, type PassStats } from './worker-protocol.js';

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
