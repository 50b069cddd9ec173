// Labeled PII corpora (../shared/datasets/pii/*.jsonl): locating and reading them.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isEntityType } from '../../domain/index.js';
import type { GoldSpan, GoldType } from './metrics.js';

export interface LabeledRecord {
  readonly id: string;
  readonly text: string;
  readonly lang?: string;
  readonly spans: readonly GoldSpan[];
}

export interface Corpus {
  readonly name: string;
  readonly path: string;
  readonly records: readonly LabeledRecord[];
  /** Every gold type the corpus uses. */
  readonly types: ReadonlySet<GoldType>;
}

/** The corpus folder: env ASSENT_PII_DATASETS, else ../shared/datasets/pii relative to the repository root. */
export function corpusDirectory(repoRoot: string, env: NodeJS.ProcessEnv = process.env): string {
  return env.ASSENT_PII_DATASETS ? resolve(env.ASSENT_PII_DATASETS) : resolve(repoRoot, '../shared/datasets/pii');
}

/** Names of the .jsonl corpora in `directory` (empty when it does not exist). */
export function listCorpora(directory: string): string[] {
  if (!existsSync(directory)) return [];
  return readdirSync(directory)
    .filter((name) => name.endsWith('.jsonl'))
    .sort();
}

function isGoldType(value: unknown): value is GoldType {
  return value === 'IGNORE' || isEntityType(value);
}

/** Reads one corpus file; a malformed line throws with file:line, field and what was found. */
export function readCorpus(path: string): Corpus {
  const name = path.replace(/^.*[/\\]/, '').replace(/\.jsonl$/, '');
  const records: LabeledRecord[] = [];
  const types = new Set<GoldType>();
  const lines = readFileSync(path, 'utf8').split('\n');
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const where = `${path}:${index + 1}`;
    const raw = JSON.parse(line) as { id?: unknown; text?: unknown; lang?: unknown; spans?: unknown };
    if (typeof raw.text !== 'string') throw new Error(`${where}: text: expected a string, found ${typeof raw.text}`);
    if (!Array.isArray(raw.spans)) throw new Error(`${where}: spans: expected an array`);
    const spans: GoldSpan[] = [];
    for (const span of raw.spans as { start?: unknown; end?: unknown; type?: unknown }[]) {
      if (typeof span.start !== 'number' || typeof span.end !== 'number' || !isGoldType(span.type)) {
        throw new Error(`${where}: spans: expected {start, end, type} with a canonical type`);
      }
      types.add(span.type);
      spans.push({ start: span.start, end: span.end, type: span.type });
    }
    records.push({
      id: String(raw.id ?? `${name}-${index + 1}`),
      text: raw.text,
      ...(typeof raw.lang === 'string' ? { lang: raw.lang } : {}),
      spans,
    });
  });
  return { name, path, records, types };
}

/** Every corpus in `directory`. */
export function readAllCorpora(directory: string): Corpus[] {
  return listCorpora(directory).map((file) => readCorpus(join(directory, file)));
}
