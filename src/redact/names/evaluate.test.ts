import { describe, expect, it } from 'vitest';
import { countDocument, scoreCounts, type TypeCounts } from './evaluate.js';

describe('span evaluation', () => {
  it('counts overlaps of the same type; IGNORE neither rewards nor penalises', () => {
    const counts = new Map<string, TypeCounts>();
    const gold = [
      { start: 0, end: 10, type: 'PERSON' },
      { start: 20, end: 25, type: 'PERSON' },
      { start: 30, end: 40, type: 'IGNORE' },
    ];
    const predicted = [
      { start: 5, end: 12, type: 'PERSON' }, // overlaps gold 1: true positive
      { start: 21, end: 23, type: 'LOCATION' }, // wrong type: false positive for LOCATION, gold 2 missed
      { start: 31, end: 33, type: 'PERSON' }, // inside IGNORE: not counted
      { start: 50, end: 55, type: 'PERSON' }, // nothing there: false positive
    ];
    countDocument(gold, predicted, ['PERSON', 'LOCATION'], counts);
    const [person, location] = scoreCounts(counts);
    expect(person).toMatchObject({ type: 'PERSON', precision: 0.5, recall: 0.5, predicted: 2, gold: 2 });
    expect(person?.f2).toBeCloseTo(0.5, 5);
    expect(location).toMatchObject({ type: 'LOCATION', precision: 0, recall: 0, predicted: 1, gold: 0 });
  });
});
