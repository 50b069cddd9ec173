// Evaluates the redaction analyzer on every labeled corpus in ../shared/datasets/pii (or ASSENT_PII_DATASETS):
// span-level precision/recall/F2 per type and for any direct identifier, and character-level recall.
// Usage: npm run eval:pii [-- corpus-name-substring ...]

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAnalyzer } from '../src/redact/analyzer.js';
import { corpusDirectory, listCorpora, readCorpus } from '../src/redact/eval/corpus.js';
import {
  ANY_DIRECT,
  accumulateDocument,
  type MetricCounts,
  type Metrics,
  toCorpusType,
  toMetrics,
} from '../src/redact/eval/metrics.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const directory = corpusDirectory(repoRoot);
const filters = process.argv.slice(2);
const files = listCorpora(directory).filter((f) => filters.length === 0 || filters.some((s) => f.includes(s)));
if (files.length === 0) {
  console.error(`No labeled corpora in ${directory} (set ASSENT_PII_DATASETS to a folder of *.jsonl corpora).`);
  process.exit(2);
}

const analyzer = createAnalyzer();
const fmt = (n: number) => (Number.isNaN(n) ? '   -  ' : n.toFixed(3).padStart(6));
const results: Record<string, { records: number; seconds: number; metrics: Record<string, Metrics> }> = {};

for (const file of files) {
  const corpus = readCorpus(join(directory, file));
  const table = new Map<string, MetricCounts>();
  const started = performance.now();
  for (const record of corpus.records) {
    const predicted = analyzer
      .analyze({ text: record.text, ...(record.lang ? { lang: record.lang } : {}) })
      .map((s) => ({ start: s.start, end: s.end, type: toCorpusType(s.type, corpus.types) }));
    accumulateDocument(table, record.spans, predicted, corpus.types);
  }
  const seconds = (performance.now() - started) / 1000;
  const metrics: Record<string, Metrics> = {};
  const keys = [...table.keys()].filter((k) => k !== ANY_DIRECT).sort();
  for (const key of [ANY_DIRECT, ...keys]) {
    const counts = table.get(key);
    if (counts) metrics[key] = toMetrics(counts);
  }
  results[corpus.name] = { records: corpus.records.length, seconds, metrics };

  console.log(`\n${corpus.name}  (${corpus.records.length} records, ${seconds.toFixed(1)} s)`);
  console.log(
    `${'type'.padEnd(24)} ${'gold'.padStart(6)} ${'pred'.padStart(6)}  precis  recall      F2  charRec  unscored`,
  );
  for (const [key, m] of Object.entries(metrics)) {
    console.log(
      `${key.padEnd(24)} ${String(m.gold).padStart(6)} ${String(m.predicted).padStart(6)}  ${fmt(m.precision)}  ${fmt(m.recall)}  ${fmt(m.f2)}  ${fmt(m.charRecall)}  ${m.unscored > 0 ? m.unscored : ''}`,
    );
  }
}

const outDir = join(repoRoot, 'eval-output');
mkdirSync(outDir, { recursive: true });
const outFile = join(outDir, 'pii-eval.json');
writeFileSync(
  outFile,
  `${JSON.stringify({ generatedAt: new Date().toISOString(), directory, corpora: results }, (_k, v) => (typeof v === 'number' && Number.isNaN(v) ? null : v), 2)}\n`,
);
console.log(`\nwrote ${outFile}`);
