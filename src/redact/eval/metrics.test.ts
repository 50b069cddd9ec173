import { describe, expect, it } from 'vitest';
import {
  ANY_DIRECT,
  accumulateDocument,
  coveredLength,
  type GoldSpan,
  type MetricCounts,
  type PredictedSpan,
  toCorpusType,
  toMetrics,
} from './metrics.js';

function score(gold: GoldSpan[], predicted: PredictedSpan[]): Map<string, MetricCounts> {
  const table = new Map<string, MetricCounts>();
  accumulateDocument(table, gold, predicted);
  return table;
}

describe('accumulateDocument', () => {
  it('matches by overlap and same type; counts misses and false positives', () => {
    const table = score(
      [
        { start: 0, end: 10, type: 'PERSON' },
        { start: 20, end: 30, type: 'EMAIL' },
      ],
      [
        { start: 2, end: 8, type: 'PERSON' },
        { start: 40, end: 45, type: 'PERSON' },
      ],
    );
    expect(table.get('PERSON')).toMatchObject({ truePredicted: 1, falsePredicted: 1, foundGold: 1, missedGold: 0 });
    expect(table.get('EMAIL')).toMatchObject({ foundGold: 0, missedGold: 1, goldChars: 10, coveredChars: 0 });
    expect(table.get('PERSON')).toMatchObject({ goldChars: 10, coveredChars: 6 });
  });

  it('is type-agnostic among direct identifiers for ANY_DIRECT, and counts any span for character recall', () => {
    const table = score(
      [
        { start: 0, end: 10, type: 'PHONE' },
        { start: 20, end: 30, type: 'EMAIL' },
      ],
      [
        { start: 0, end: 10, type: 'ID' },
        { start: 20, end: 25, type: 'DATE' },
      ],
    );
    expect(table.get(ANY_DIRECT)).toMatchObject({
      truePredicted: 1,
      falsePredicted: 0,
      foundGold: 1,
      missedGold: 1,
      goldChars: 20,
      coveredChars: 15,
    });
    expect(table.get('ID')).toMatchObject({ truePredicted: 0, falsePredicted: 1 });
  });

  it('counts predictions of types the corpus never labels as unscored, not as false positives', () => {
    const table = new Map<string, MetricCounts>();
    accumulateDocument(
      table,
      [{ start: 0, end: 5, type: 'PERSON' }],
      [{ start: 10, end: 15, type: 'USERNAME' }],
      new Set(['PERSON']),
    );
    expect(table.get('USERNAME')).toMatchObject({ unscoredPredicted: 1, falsePredicted: 0 });
    expect(table.get(ANY_DIRECT)).toMatchObject({ falsePredicted: 0, missedGold: 1 });
  });

  it('neither rewards nor penalises predictions overlapping IGNORE spans', () => {
    const table = score([{ start: 0, end: 10, type: 'IGNORE' }], [{ start: 3, end: 6, type: 'PERSON' }]);
    expect(table.get('PERSON')).toMatchObject({ truePredicted: 0, falsePredicted: 0 });
    expect(table.get(ANY_DIRECT)).toMatchObject({ truePredicted: 0, falsePredicted: 0, foundGold: 0, missedGold: 0 });
  });
});

describe('metrics', () => {
  it('computes precision, recall, F2 and character recall', () => {
    const m = toMetrics({
      truePredicted: 3,
      falsePredicted: 1,
      foundGold: 2,
      missedGold: 2,
      goldChars: 10,
      coveredChars: 4,
      unscoredPredicted: 0,
    });
    expect(m.precision).toBeCloseTo(0.75);
    expect(m.recall).toBeCloseTo(0.5);
    expect(m.f2).toBeCloseTo((5 * 0.75 * 0.5) / (4 * 0.75 + 0.5));
    expect(m.charRecall).toBeCloseTo(0.4);
  });

  it('reports NaN, not zero, when there is nothing to measure', () => {
    const m = toMetrics({
      truePredicted: 0,
      falsePredicted: 0,
      foundGold: 0,
      missedGold: 0,
      goldChars: 0,
      coveredChars: 0,
      unscoredPredicted: 0,
    });
    expect(Number.isNaN(m.precision) && Number.isNaN(m.recall) && Number.isNaN(m.f2)).toBe(true);
  });

  it('counts covered characters once when predictions overlap each other', () => {
    const gold = { start: 0, end: 10 };
    expect(
      coveredLength(gold, [
        { start: 0, end: 6, type: 'PERSON' },
        { start: 4, end: 8, type: 'PERSON' },
        { start: 9, end: 20, type: 'PERSON' },
      ]),
    ).toBe(9);
  });

  it('maps subtypes to their parent only when the corpus lacks the subtype', () => {
    expect(toCorpusType('DATE_OF_BIRTH', new Set(['DATE']))).toBe('DATE');
    expect(toCorpusType('DATE_OF_BIRTH', new Set(['DATE', 'DATE_OF_BIRTH']))).toBe('DATE_OF_BIRTH');
    expect(toCorpusType('EMAIL', new Set(['DATE']))).toBe('EMAIL');
  });
});
