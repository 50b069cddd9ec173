import { describe, expect, it } from 'vitest';
import { BatchCheckIndex } from './check-index.js';

const ids = Array.from({ length: 50 }, (_, i) => `m-${i}-é`);
const find = (index: BatchCheckIndex, id: string) => {
  const bytes = Buffer.from(`"${id}"`);
  return index.find(bytes, 1, bytes.length - 1);
};

describe('batch check index', () => {
  it('finds every id at its position, in slices, and misses ids it does not hold', async () => {
    const index = await BatchCheckIndex.build(ids, 7);
    if (!index) throw new Error('the index was not built');
    expect(ids.map((id) => find(index, id))).toEqual(ids.map((_, position) => position));
    expect(find(index, 'm-50-é')).toBe(-1);
  });

  it('gives up at the first pause where it is no longer wanted (its snapshot went stale)', async () => {
    let pauses = 0;
    const index = await BatchCheckIndex.build(ids, 7, () => ++pauses < 3);
    expect(index).toBeUndefined();
    expect(pauses).toBe(3);
  });
});
