// Regression floor on the held-out dev splits (skips when ../shared/datasets/pii is absent). The full table with
// precision, recall and F2 per type comes from `npm run train:names`.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveDataDir } from './data-dir.js';
import { countDocument, scoreCounts, type TypeCounts } from './evaluate.js';
import { createNameRecognizer } from './name-recognizer.js';

const corpusDir =
  process.env.ASSENT_PII_DATASETS ?? join(resolveDataDir(), '..', '..', '..', '..', 'shared', 'datasets', 'pii');
const present = existsSync(join(corpusDir, 'wnut17-dev.jsonl')) && existsSync(join(corpusDir, 'meddocan-dev.jsonl'));
if (!present) console.warn(`dev-sets.test: skipped, no labelled corpora at ${corpusDir} (set ASSENT_PII_DATASETS)`);

interface Doc {
  text: string;
  spans: { start: number; end: number; type: string }[];
}

function personScores(file: string): { precision: number; recall: number } {
  const recognizer = createNameRecognizer();
  const counts = new Map<string, TypeCounts>();
  for (const line of readFileSync(join(corpusDir, file), 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const doc = JSON.parse(line) as Doc;
    countDocument(doc.spans, recognizer.analyze({ text: doc.text }), ['PERSON'], counts);
  }
  const [person] = scoreCounts(counts);
  return { precision: person?.precision ?? 0, recall: person?.recall ?? 0 };
}

describe.skipIf(!present)('name tagger on the dev splits (PERSON, span overlap)', () => {
  it('meddocan-dev (Spanish clinical): recall >= 0.95, precision >= 0.75', () => {
    const { precision, recall } = personScores('meddocan-dev.jsonl');
    expect(recall).toBeGreaterThanOrEqual(0.95);
    expect(precision).toBeGreaterThanOrEqual(0.75);
  });

  it('wnut17-dev (social media): recall >= 0.70, precision >= 0.60', () => {
    const { precision, recall } = personScores('wnut17-dev.jsonl');
    expect(recall).toBeGreaterThanOrEqual(0.7);
    expect(precision).toBeGreaterThanOrEqual(0.6);
  });
});
