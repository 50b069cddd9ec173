// Name and place gazetteers (folded token -> bit flags), built from openly licensed lists by scripts/train-names.ts
// and committed as src/redact/data/names-gazetteer.tsv.gz. See src/redact/data/README.md for sources and licences.

import { getEnvironmentData, setEnvironmentData } from 'node:worker_threads';
import { readGzipped, resolveDataDir } from './data-dir.js';
import { FNV_OFFSET, FNV_PRIME, finalizeHash, hashRange } from './hash.js';

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
  return parseTable(tsv).freeze();
}

function parseTable(tsv: string): Table {
  let lines = 0;
  for (let i = tsv.indexOf('\n'); i >= 0; i = tsv.indexOf('\n', i + 1)) lines++;
  const table = new Table(lines);
  const mask = table.mask;
  let lineStart = 0;
  while (lineStart < tsv.length) {
    let lineEnd = tsv.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = tsv.length;
    const tab = tsv.indexOf('\t', lineStart);
    if (tab > lineStart && tab < lineEnd) {
      const flags = Number.parseInt(tsv.slice(tab + 1, lineEnd), 10);
      if (Number.isFinite(flags) && flags > 0 && flags < 256) {
        const fingerprint = hashRange(FINGERPRINT_SEED, tsv, lineStart, tab) || 1;
        table.insert(hashRange(SLOT_SEED, tsv, lineStart, tab) & mask, fingerprint, flags);
      }
    }
    lineStart = lineEnd + 1;
  }
  return table;
}

/**
 * As parseGazetteer over `bytes.toString('utf8')`, read from the UTF-8 bytes without making the 6-million-character
 * string (whose decoding, slicing and re-reading cost most of a worker's start-up): each key's UTF-16 code units are
 * decoded on the fly into both hashes at once, and a flag field of plain digits is read without parseInt. Bytes that
 * are not well-formed UTF-8, or a flag field of any other form, go through parseGazetteer so the result is the same.
 */
export function parseGazetteerBytes(bytes: Uint8Array): Gazetteer {
  return parseTableBytes(bytes).freeze();
}

function parseTableBytes(bytes: Uint8Array): Table {
  const length = bytes.length;
  let lines = 0;
  for (let i = bytes.indexOf(NL); i >= 0; i = bytes.indexOf(NL, i + 1)) lines++;
  const table = new Table(lines);
  const mask = table.mask;
  const slow = (): Table => parseTable(Buffer.from(bytes.buffer, bytes.byteOffset, length).toString('utf8'));
  const slotsOf = new Int32Array(lines + 1);
  const printsOf = new Uint32Array(lines + 1);
  const flagsOf = new Uint8Array(lines + 1);
  let count = 0;
  let pos = 0;
  while (pos < length) {
    // The key: up to the first tab of the line, hashed as its UTF-16 code units (see hashRange).
    let slotHash = Math.imul(FNV_OFFSET ^ SLOT_SEED, FNV_PRIME);
    let printHash = Math.imul(FNV_OFFSET ^ FINGERPRINT_SEED, FNV_PRIME);
    const lineStart = pos;
    let b = 0;
    while (pos < length) {
      b = bytes[pos] as number;
      if (b === TAB || b === NL) break;
      let unit: number;
      if (b < 0x80) {
        unit = b;
        pos++;
      } else {
        const code = decodeUtf8(bytes, pos, length);
        if (code < 0) return slow();
        pos += code >>> 21;
        const point = code & 0x1fffff;
        if (point >= 0x10000) {
          const high = 0xd800 + ((point - 0x10000) >> 10);
          slotHash = Math.imul(slotHash ^ high, FNV_PRIME);
          printHash = Math.imul(printHash ^ high, FNV_PRIME);
          unit = 0xdc00 + ((point - 0x10000) & 0x3ff);
        } else {
          unit = point;
        }
      }
      slotHash = Math.imul(slotHash ^ unit, FNV_PRIME);
      printHash = Math.imul(printHash ^ unit, FNV_PRIME);
    }
    if (b !== TAB) {
      // No tab in this line: skipped, as parseGazetteer skips it.
      pos++;
      continue;
    }
    const tab = pos;
    // The flags: plain decimal digits up to the end of the line (every line of the committed file).
    let flags = 0;
    let digits = 0;
    pos++;
    while (pos < length) {
      b = bytes[pos] as number;
      if (b < 0x30 || b > 0x39) break;
      flags = flags * 10 + (b - 0x30);
      digits++;
      pos++;
    }
    if (pos < length && b !== NL) return slow();
    if (digits === 0 || digits > 9) return slow();
    pos++;
    if (tab > lineStart && flags > 0 && flags < 256) {
      slotsOf[count] = finalizeHash(slotHash) & mask;
      printsOf[count] = finalizeHash(printHash) || 1;
      flagsOf[count] = flags;
      count++;
    }
  }
  // Inserted after hashing, in a loop of their own, where the cache misses of the 8 MB table overlap better.
  for (let i = 0; i < count; i++) table.insert(slotsOf[i] as number, printsOf[i] as number, flagsOf[i] as number);
  return table;
}

const NL = 0x0a;
const TAB = 0x09;

/**
 * The code point of the well-formed UTF-8 sequence at `bytes[pos]` (a byte >= 0x80) with its length in bits 21-23,
 * or -1 when the bytes there are not well-formed UTF-8 (Buffer#toString would write U+FFFD for them).
 */
function decodeUtf8(bytes: Uint8Array, pos: number, length: number): number {
  const b0 = bytes[pos] as number;
  const b1 = pos + 1 < length ? (bytes[pos + 1] as number) : 0;
  if ((b1 & 0xc0) !== 0x80) return -1;
  if (b0 >= 0xc2 && b0 <= 0xdf) return (2 << 21) | ((b0 & 0x1f) << 6) | (b1 & 0x3f);
  const b2 = pos + 2 < length ? (bytes[pos + 2] as number) : 0;
  if ((b2 & 0xc0) !== 0x80) return -1;
  if (b0 >= 0xe0 && b0 <= 0xef) {
    const point = ((b0 & 0x0f) << 12) | ((b1 & 0x3f) << 6) | (b2 & 0x3f);
    // Overlong forms and encoded surrogates are not well-formed.
    if (point < 0x800 || (point >= 0xd800 && point <= 0xdfff)) return -1;
    return (3 << 21) | point;
  }
  const b3 = pos + 3 < length ? (bytes[pos + 3] as number) : 0;
  if ((b3 & 0xc0) !== 0x80) return -1;
  if (b0 >= 0xf0 && b0 <= 0xf4) {
    const point = ((b0 & 0x07) << 18) | ((b1 & 0x3f) << 12) | ((b2 & 0x3f) << 6) | (b3 & 0x3f);
    if (point < 0x10000 || point > 0x10ffff) return -1;
    return (4 << 21) | point;
  }
  return -1;
}

/**
 * The open-addressing table of both parsers: slot by one hash, a 32-bit fingerprint of the other in the slot. Its
 * arrays live in shared memory, so worker threads can read a table built once (see loadGazetteer).
 */
class Table {
  readonly fingerprints: Uint32Array;
  readonly flagsBySlot: Uint8Array;
  readonly mask: number;
  size = 0;

  constructor(lines: number, shared?: SharedGazetteer) {
    if (shared !== undefined) {
      this.fingerprints = shared.fingerprints;
      this.flagsBySlot = shared.flagsBySlot;
      this.size = shared.size;
    } else {
      let capacity = 1024;
      while (capacity < (lines + 1) * 2) capacity *= 2;
      this.fingerprints = new Uint32Array(new SharedArrayBuffer(capacity * 4));
      this.flagsBySlot = new Uint8Array(new SharedArrayBuffer(capacity));
    }
    this.mask = this.fingerprints.length - 1;
  }

  shared(): SharedGazetteer {
    return { fingerprints: this.fingerprints, flagsBySlot: this.flagsBySlot, size: this.size };
  }

  insert(slotHash: number, fingerprint: number, flags: number): void {
    const { fingerprints, flagsBySlot, mask } = this;
    let slot = slotHash & mask;
    while (fingerprints[slot] !== 0 && fingerprints[slot] !== fingerprint) slot = (slot + 1) & mask;
    if (fingerprints[slot] === 0) this.size++;
    fingerprints[slot] = fingerprint;
    flagsBySlot[slot] = (flagsBySlot[slot] as number) | flags;
  }

  freeze(): Gazetteer {
    const { fingerprints, flagsBySlot, mask, size } = this;
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
}

/** Serializes entries as sorted `folded\tflags` lines (deterministic bytes for the committed file). */
export function formatGazetteer(entries: ReadonlyMap<string, number>): string {
  const keys = [...entries.keys()].sort();
  return `${keys.map((k) => `${k}\t${entries.get(k) ?? 0}`).join('\n')}\n`;
}

/** A built table as handed to worker threads: its arrays over SharedArrayBuffers, never written after building. */
interface SharedGazetteer {
  readonly fingerprints: Uint32Array;
  readonly flagsBySlot: Uint8Array;
  readonly size: number;
}

/** The worker-thread environment key under which the gazetteer of `dataDir` (or its table `file`) is shared. */
export function sharedGazetteerKey(dataDir: string, file: string = GAZETTEER_FILE): string {
  return file === GAZETTEER_FILE ? `assent:names-gazetteer:${dataDir}` : `assent:names-table:${file}:${dataDir}`;
}

/** The gazetteer over a shared table (an environment value from sharedGazetteerKey), or undefined if it is none. */
export function gazetteerFromShared(value: unknown): Gazetteer | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { fingerprints, flagsBySlot, size } = value as Partial<SharedGazetteer>;
  if (!(fingerprints instanceof Uint32Array) || !(flagsBySlot instanceof Uint8Array)) return undefined;
  const capacity = fingerprints.length;
  if (capacity < 1024 || (capacity & (capacity - 1)) !== 0 || flagsBySlot.length !== capacity) return undefined;
  if (typeof size !== 'number' || !Number.isInteger(size) || size < 0 || size >= capacity) return undefined;
  return new Table(0, { fingerprints, flagsBySlot, size }).freeze();
}

// Load-once cache per environment key (data directory and file); never mutated after an entry is set.
const loaded = new Map<string, Gazetteer>();

/**
 * The committed gazetteer, read once on first use. The built table is also put in the worker-thread environment
 * (worker_threads.setEnvironmentData), so a worker started afterwards by this thread, such as a redaction pool's,
 * reads the same shared memory instead of spending ~0.2 s of CPU and 10 MB on its own copy.
 */
export function loadGazetteer(dataDir: string = resolveDataDir()): Gazetteer {
  return loadTable(dataDir, GAZETTEER_FILE);
}

/**
 * A data file in the gazetteer's format (`folded<TAB>flags` lines, gzipped: the gazetteer, place-names.tsv.gz), read
 * once per data directory and shared with the worker threads started afterwards, as loadGazetteer says.
 */
export function loadTable(dataDir: string, file: string): Gazetteer {
  const key = sharedGazetteerKey(dataDir, file);
  let table = loaded.get(key);
  if (table === undefined) {
    table = gazetteerFromShared(getEnvironmentData(key));
    if (table === undefined) {
      const parsed = parseTableBytes(readGzipped(dataDir, file));
      setEnvironmentData(key, parsed.shared());
      table = parsed.freeze();
    }
    loaded.set(key, table);
  }
  return table;
}
