// Name and place gazetteers (folded token -> bit flags), built from openly licensed lists by scripts/train-names.ts
// and committed as src/redact/data/names-gazetteer.tsv.gz. See src/redact/data/README.md for sources and licences.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { resolveDataDir } from './data-dir.js';
import { hashRange } from './hash.js';

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

// Two independent hashes of a token: one picks the slot, the other is a 32-bit fingerprint stored in it. Keeping
// fingerprints instead of strings makes 500k entries cost ~5 MB instead of ~45 MB of Map and string objects;
// a false hit needs a 32-bit fingerprint collision within one probe run (about 1 in 10^9 lookups).
const SLOT_SEED = 0x2f1a;
const FINGERPRINT_SEED = 0x7b3c;

/** Builds a gazetteer from `folded\tflags` lines. */
export function parseGazetteer(tsv: string): Gazetteer {
  let lines = 0;
  for (let i = tsv.indexOf('\n'); i >= 0; i = tsv.indexOf('\n', i + 1)) lines++;
  let capacity = 1024;
  while (capacity < (lines + 1) * 2) capacity *= 2;
  const mask = capacity - 1;
  const fingerprints = new Uint32Array(capacity);
  const flagsBySlot = new Uint8Array(capacity);
  let size = 0;
  let lineStart = 0;
  while (lineStart < tsv.length) {
    let lineEnd = tsv.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = tsv.length;
    const tab = tsv.indexOf('\t', lineStart);
    if (tab > lineStart && tab < lineEnd) {
      const flags = Number.parseInt(tsv.slice(tab + 1, lineEnd), 10);
      if (Number.isFinite(flags) && flags > 0 && flags < 256) {
        const fingerprint = hashRange(FINGERPRINT_SEED, tsv, lineStart, tab) || 1;
        let slot = hashRange(SLOT_SEED, tsv, lineStart, tab) & mask;
        while (fingerprints[slot] !== 0 && fingerprints[slot] !== fingerprint) slot = (slot + 1) & mask;
        if (fingerprints[slot] === 0) size++;
        fingerprints[slot] = fingerprint;
        flagsBySlot[slot] = (flagsBySlot[slot] as number) | flags;
      }
    }
    lineStart = lineEnd + 1;
  }
  const flags = (folded: string): number => {
    const fingerprint = hashRange(FINGERPRINT_SEED, folded, 0, folded.length) || 1;
    for (let slot = hashRange(SLOT_SEED, folded, 0, folded.length) & mask; ; slot = (slot + 1) & mask) {
      const stored = fingerprints[slot] as number;
      if (stored === 0) return 0;
      if (stored === fingerprint) return flagsBySlot[slot] as number;
    }
  };
  return Object.freeze({ size, flags });
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
