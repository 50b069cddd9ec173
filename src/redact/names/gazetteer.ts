// Name and place gazetteers (folded token -> bit flags), built from openly licensed lists by scripts/train-names.ts
// and committed as src/redact/data/names-gazetteer.tsv.gz. See src/redact/data/README.md for sources and licences.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { resolveDataDir } from './data-dir.js';

/** Bit flags of a gazetteer entry. */
export const GAZ = Object.freeze({
  /** A given name (faker, many locales). */
  FIRST: 1,
  /** A family name (faker, many locales). */
  LAST: 2,
  /** In the `humannames` list (given and family names mixed, ~200k). */
  HUMAN: 4,
  /** A city, state, county, country or continent name (faker). */
  LOCATION: 8,
  /** An organization suffix or legal form (faker company suffixes: Inc, LLC, GmbH, S.A., ...). */
  ORG: 16,
  /** A common word (faker word lists, a curated English/Spanish function-word list, frequent lower-case words). */
  COMMON: 32,
  /** In an English dictionary (an-array-of-english-words, ~275k words): lower-case words outside it are rarer. */
  DICTIONARY: 64,
});
export const GAZ_FLAG_COUNT = 7;

export const GAZETTEER_FILE = 'names-gazetteer.tsv.gz';

/** Read-only lookup: folded token -> flags (0 when absent). */
export interface Gazetteer {
  readonly size: number;
  flags(folded: string): number;
}

/** Builds a gazetteer from `folded\tflags` lines. */
export function parseGazetteer(tsv: string): Gazetteer {
  const map = new Map<string, number>();
  for (const line of tsv.split('\n')) {
    const tab = line.indexOf('\t');
    if (tab <= 0) continue;
    const flags = Number.parseInt(line.slice(tab + 1), 10);
    if (Number.isFinite(flags) && flags > 0) map.set(line.slice(0, tab), flags);
  }
  return Object.freeze({ size: map.size, flags: (folded: string) => map.get(folded) ?? 0 });
}

/** Serializes entries as sorted `folded\tflags` lines (deterministic bytes for the committed file). */
export function formatGazetteer(entries: ReadonlyMap<string, number>): string {
  const keys = [...entries.keys()].sort();
  return `${keys.map((k) => `${k}\t${entries.get(k) ?? 0}`).join('\n')}\n`;
}

// Load-once cache per data directory; never mutated after an entry is set.
const loaded = new Map<string, Gazetteer>();

/** The committed gazetteer, read once on first use. */
export function loadGazetteer(dataDir: string = resolveDataDir()): Gazetteer {
  let gazetteer = loaded.get(dataDir);
  if (gazetteer === undefined) {
    gazetteer = parseGazetteer(gunzipSync(readFileSync(join(dataDir, GAZETTEER_FILE))).toString('utf8'));
    loaded.set(dataDir, gazetteer);
  }
  return gazetteer;
}
