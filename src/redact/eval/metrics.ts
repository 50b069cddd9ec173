// Detection metrics against labeled corpora: span-level precision/recall/F2 per type and for "any direct
// identifier", and character-level recall. Gold spans typed IGNORE count neither for nor against.

import { DIRECT_IDENTIFIERS, type EntityType } from '../../domain/index.js';

export type GoldType = EntityType | 'IGNORE';

export interface GoldSpan {
  readonly start: number;
  readonly end: number;
  readonly type: GoldType;
}

export interface PredictedSpan {
  readonly start: number;
  readonly end: number;
  readonly type: EntityType;
}

/** Running counts for one type (or for "any direct identifier"). */
export interface MetricCounts {
  /** Predictions that overlap a matching gold span. */
  truePredicted: number;
  /** Predictions that overlap no matching gold span and no IGNORE span. */
  falsePredicted: number;
  /** Gold spans overlapped by a matching prediction. */
  foundGold: number;
  /** Gold spans overlapped by no matching prediction. */
  missedGold: number;
  /** Characters of gold spans, and how many of them any prediction covers (character-level recall). */
  goldChars: number;
  coveredChars: number;
  /** Predictions of a type the corpus never labels: neither right nor wrong as far as this corpus can tell. */
  unscoredPredicted: number;
}

export interface Metrics {
  readonly precision: number;
  readonly recall: number;
  readonly f2: number;
  readonly charRecall: number;
  readonly gold: number;
  readonly predicted: number;
  readonly unscored: number;
}

export const ANY_DIRECT = 'ANY_DIRECT_IDENTIFIER';

export function emptyCounts(): MetricCounts {
  return {
    truePredicted: 0,
    falsePredicted: 0,
    foundGold: 0,
    missedGold: 0,
    goldChars: 0,
    coveredChars: 0,
    unscoredPredicted: 0,
  };
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) =>
  a.start < b.end && b.start < a.end;

const DIRECT = new Set<GoldType>(DIRECT_IDENTIFIERS);

/** Subtypes scored as their parent when the corpus does not label the subtype itself. */
const PARENT_TYPE: Readonly<Partial<Record<EntityType, EntityType>>> = Object.freeze({
  DATE_OF_BIRTH: 'DATE',
  PASSPORT: 'NATIONAL_ID',
});

/** Maps a predicted type into a corpus's label set (DATE_OF_BIRTH → DATE when the corpus has no DATE_OF_BIRTH). */
export function toCorpusType(type: EntityType, corpusTypes: ReadonlySet<GoldType>): EntityType {
  const parent = PARENT_TYPE[type];
  return parent !== undefined && !corpusTypes.has(type) && corpusTypes.has(parent) ? parent : type;
}

function countFor(table: Map<string, MetricCounts>, key: string): MetricCounts {
  let counts = table.get(key);
  if (!counts) {
    counts = emptyCounts();
    table.set(key, counts);
  }
  return counts;
}

/**
 * Adds one document's gold and predicted spans to `table` (keyed by type, plus ANY_DIRECT). Predictions must
 * already be in the corpus's types (see toCorpusType). With `scoredTypes` (the types the corpus labels anywhere),
 * a prediction of another type (a handle in a corpus that never labels handles) counts as unscored, not as wrong.
 */
export function accumulateDocument(
  table: Map<string, MetricCounts>,
  gold: readonly GoldSpan[],
  predicted: readonly PredictedSpan[],
  scoredTypes?: ReadonlySet<GoldType>,
): void {
  const ignore = gold.filter((g) => g.type === 'IGNORE');
  const labeled = gold.filter((g) => g.type !== 'IGNORE');

  for (const p of predicted) {
    const typed = countFor(table, p.type);
    if (scoredTypes && !scoredTypes.has(p.type)) {
      typed.unscoredPredicted++;
      continue;
    }
    if (labeled.some((g) => g.type === p.type && overlaps(g, p))) typed.truePredicted++;
    else if (!ignore.some((g) => overlaps(g, p))) typed.falsePredicted++;
    if (DIRECT.has(p.type)) {
      const any = countFor(table, ANY_DIRECT);
      if (labeled.some((g) => DIRECT.has(g.type) && overlaps(g, p))) any.truePredicted++;
      else if (!ignore.some((g) => overlaps(g, p))) any.falsePredicted++;
    }
  }

  for (const g of labeled) {
    const typed = countFor(table, g.type);
    const sameType = predicted.filter((p) => p.type === g.type && overlaps(g, p));
    if (sameType.length > 0) typed.foundGold++;
    else typed.missedGold++;
    typed.goldChars += g.end - g.start;
    typed.coveredChars += coveredLength(g, sameType);
    if (DIRECT.has(g.type)) {
      const any = countFor(table, ANY_DIRECT);
      if (predicted.some((p) => DIRECT.has(p.type) && overlaps(g, p))) any.foundGold++;
      else any.missedGold++;
      any.goldChars += g.end - g.start;
      // Character level: any predicted span (of any type) redacts the characters it covers.
      any.coveredChars += coveredLength(g, predicted);
    }
  }
}

/** Characters of `gold` covered by the union of `spans`. */
export function coveredLength(gold: { start: number; end: number }, spans: readonly PredictedSpan[]): number {
  const clipped = spans
    .filter((s) => overlaps(gold, s))
    .map((s) => [Math.max(gold.start, s.start), Math.min(gold.end, s.end)] as const)
    .sort((a, b) => a[0] - b[0]);
  let covered = 0;
  let reach = gold.start;
  for (const [start, end] of clipped) {
    const from = Math.max(start, reach);
    if (end > from) {
      covered += end - from;
      reach = end;
    }
  }
  return covered;
}

const ratio = (num: number, den: number) => (den === 0 ? Number.NaN : num / den);

/** Precision, recall, F2 (recall weighted four times precision) and character recall from counts. */
export function toMetrics(counts: MetricCounts): Metrics {
  const precision = ratio(counts.truePredicted, counts.truePredicted + counts.falsePredicted);
  const recall = ratio(counts.foundGold, counts.foundGold + counts.missedGold);
  const f2 =
    Number.isNaN(precision) || Number.isNaN(recall) || precision + recall === 0
      ? Number.NaN
      : (5 * precision * recall) / (4 * precision + recall);
  return {
    precision,
    recall,
    f2,
    charRecall: ratio(counts.coveredChars, counts.goldChars),
    gold: counts.foundGold + counts.missedGold,
    predicted: counts.truePredicted + counts.falsePredicted,
    unscored: counts.unscoredPredicted,
  };
}
