// Span-level evaluation of the name tagger against labelled corpora: a prediction counts when it overlaps a gold
// span of the same type; predictions overlapping gold spans typed IGNORE neither reward nor penalise.

export interface GoldSpan {
  readonly start: number;
  readonly end: number;
  readonly type: string;
}

export interface PredictedSpan {
  readonly start: number;
  readonly end: number;
  readonly type: string;
}

/** Counts for one entity type. */
export interface TypeCounts {
  truePositives: number;
  falsePositives: number;
  goldFound: number;
  goldTotal: number;
}

export interface TypeScores {
  readonly type: string;
  readonly precision: number;
  readonly recall: number;
  readonly f2: number;
  readonly predicted: number;
  readonly gold: number;
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }): boolean =>
  a.start < b.end && b.start < a.end;

/** Adds one document's predictions and gold spans of `types` to `counts`. */
export function countDocument(
  gold: readonly GoldSpan[],
  predicted: readonly PredictedSpan[],
  types: readonly string[],
  counts: Map<string, TypeCounts>,
): void {
  for (const type of types) {
    let c = counts.get(type);
    if (c === undefined) {
      c = { truePositives: 0, falsePositives: 0, goldFound: 0, goldTotal: 0 };
      counts.set(type, c);
    }
    const goldOfType = gold.filter((g) => g.type === type);
    const predOfType = predicted.filter((p) => p.type === type);
    for (const p of predOfType) {
      if (goldOfType.some((g) => overlaps(g, p))) c.truePositives++;
      else if (!gold.some((g) => g.type === 'IGNORE' && overlaps(g, p))) c.falsePositives++;
    }
    for (const g of goldOfType) {
      c.goldTotal++;
      if (predOfType.some((p) => overlaps(g, p))) c.goldFound++;
    }
  }
}

/** Precision, recall and F2 (recall weighted 4x) per type. */
export function scoreCounts(counts: ReadonlyMap<string, TypeCounts>): TypeScores[] {
  return [...counts.entries()].map(([type, c]) => {
    const predicted = c.truePositives + c.falsePositives;
    const precision = predicted === 0 ? 0 : c.truePositives / predicted;
    const recall = c.goldTotal === 0 ? 0 : c.goldFound / c.goldTotal;
    const f2 = precision + recall === 0 ? 0 : (5 * precision * recall) / (4 * precision + recall);
    return { type, precision, recall, f2, predicted, gold: c.goldTotal };
  });
}
