// The name tagger's weights: a hashed feature table of Int16-quantized scores per BIO tag plus a tag transition
// matrix, stored gzipped in src/redact/data/names-model.bin.gz and read once, synchronously, on first use.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getEnvironmentData, setEnvironmentData } from 'node:worker_threads';
import { gzipSync } from 'node:zlib';
import type { EntityType } from '../../domain/index.js';
import { gunzipWhole, resolveDataDir } from './data-dir.js';

/** BIO tags: O, then B-/I- for each entity type in TAG_TYPES order. */
export const TAG_TYPES: readonly EntityType[] = Object.freeze(['PERSON', 'LOCATION', 'ORGANIZATION'] as const);
export const NUM_TAGS = 1 + 2 * TAG_TYPES.length;
/** Row stride of the weight table (NUM_TAGS rounded up, so a row index is a shift). */
export const STRIDE = 8;
export const MODEL_FILE = 'names-model.bin.gz';

const MAGIC = 0x4d4e5341; // "ASNM" little-endian
const HEADER_BYTES = 24;
// Version 2 adds the per-type entity bias chosen by the training script on held-out training data; version 3 (same
// layout) is trained with the case-context and longer character features, which older weights do not score.
const VERSION = 3;

/** Loaded, immutable model. Scores are `weights[row * STRIDE + tag] * scale`. */
export interface NameModel {
  readonly tableBits: number;
  readonly scale: number;
  readonly weights: Int16Array;
  /** (NUM_TAGS + 1) x NUM_TAGS: row 0 is the start of a text, row 1 + p follows tag p. */
  readonly transitions: Float32Array;
  /**
   * Default decoding bias per type in TAG_TYPES order (score units), chosen by `npm run train:names` on a held-out
   * slice of the training data, never on the dev splits.
   */
  readonly entityBias: readonly number[];
}

export interface EncodeOptions {
  /** Default decoding bias per type in TAG_TYPES order (default 0 each). */
  readonly entityBias?: readonly number[];
  /** Quantized weights with |q| below this are dropped (default 1). */
  readonly minQuantum?: number;
}

export function tagIsBegin(tag: number): boolean {
  return tag > 0 && tag % 2 === 1;
}

/** Entity type index (into TAG_TYPES) of a non-O tag. */
export function tagTypeIndex(tag: number): number {
  return (tag - 1) >> 1;
}

/** Whether `tag` may follow `prev` (-1 = start): I-X only after B-X or I-X. */
export function transitionAllowed(prev: number, tag: number): boolean {
  if (tag === 0 || tagIsBegin(tag)) return true;
  return prev > 0 && tagTypeIndex(prev) === tagTypeIndex(tag);
}

/** Quantizes float weights to Int16, drops those that round to |q| < minQuantum, and encodes the file bytes. */
export function encodeModel(
  tableBits: number,
  weights: Float32Array | Float64Array,
  transitions: Float32Array,
  options: EncodeOptions = {},
): { bytes: Buffer; nonZero: number } {
  const minQuantum = options.minQuantum ?? 1;
  const entityBias = TAG_TYPES.map((_, i) => options.entityBias?.[i] ?? 0);
  let max = 0;
  for (let i = 0; i < weights.length; i++) max = Math.max(max, Math.abs(weights[i] ?? 0));
  const scale = max > 0 ? max / 32767 : 1;
  const indices: number[] = [];
  const values: number[] = [];
  for (let i = 0; i < weights.length; i++) {
    const q = Math.round((weights[i] ?? 0) / scale);
    if (Math.abs(q) >= minQuantum) {
      indices.push(i);
      values.push(q);
    }
  }
  const headerBytes = HEADER_BYTES + transitions.length * 4 + TAG_TYPES.length * 4;
  const buf = Buffer.alloc(headerBytes + indices.length * 4 + indices.length * 2);
  buf.writeUInt32LE(MAGIC, 0);
  buf.writeUInt32LE(VERSION, 4);
  buf.writeUInt32LE(tableBits, 8);
  buf.writeUInt32LE(NUM_TAGS, 12);
  buf.writeFloatLE(scale, 16);
  buf.writeUInt32LE(indices.length, 20);
  for (let i = 0; i < transitions.length; i++) buf.writeFloatLE(transitions[i] ?? 0, HEADER_BYTES + i * 4);
  for (let i = 0; i < entityBias.length; i++) {
    buf.writeFloatLE(entityBias[i] ?? 0, HEADER_BYTES + transitions.length * 4 + i * 4);
  }
  // Indices are delta-encoded so gzip finds the repetition in a sparse table.
  let offset = headerBytes;
  let last = 0;
  for (const index of indices) {
    buf.writeUInt32LE(index - last, offset);
    last = index;
    offset += 4;
  }
  for (const value of values) {
    buf.writeInt16LE(value, offset);
    offset += 2;
  }
  return { bytes: gzipSync(buf, { level: 9 }), nonZero: indices.length };
}

/** Decodes model file bytes (gzipped). Throws a sentence when the file is not a model of this version. */
export function decodeModel(gz: Buffer): NameModel {
  const buf = gunzipWhole(gz);
  if (buf.length < HEADER_BYTES || buf.readUInt32LE(0) !== MAGIC) throw new Error('names model file: bad magic number');
  if (buf.readUInt32LE(4) !== VERSION) throw new Error(`names model file: expected version ${VERSION}`);
  const tableBits = buf.readUInt32LE(8);
  if (buf.readUInt32LE(12) !== NUM_TAGS || tableBits < 8 || tableBits > 24) {
    throw new Error('names model file: unexpected tag count or table size');
  }
  const scale = buf.readFloatLE(16);
  const count = buf.readUInt32LE(20);
  const transitions = new Float32Array((NUM_TAGS + 1) * NUM_TAGS);
  const headerBytes = HEADER_BYTES + transitions.length * 4 + TAG_TYPES.length * 4;
  if (buf.length < headerBytes) throw new Error('names model file: truncated');
  for (let i = 0; i < transitions.length; i++) transitions[i] = buf.readFloatLE(HEADER_BYTES + i * 4);
  const entityBias = TAG_TYPES.map((_, i) => buf.readFloatLE(HEADER_BYTES + transitions.length * 4 + i * 4));
  if (buf.length !== headerBytes + count * 6) throw new Error('names model file: truncated');
  // In shared memory, so worker threads can read a model decoded once (see loadNameModel).
  const weights = new Int16Array(new SharedArrayBuffer((1 << tableBits) * STRIDE * 2));
  // A DataView's reads compile to plain loads; Buffer#readUInt32LE checks its arguments on every call.
  const view = new DataView(buf.buffer, buf.byteOffset, buf.length);
  const valuesAt = headerBytes + count * 4;
  let index = 0;
  for (let i = 0; i < count; i++) {
    index += view.getUint32(headerBytes + i * 4, true);
    const row = Math.floor(index / NUM_TAGS);
    weights[row * STRIDE + (index % NUM_TAGS)] = view.getInt16(valuesAt + i * 2, true);
  }
  return Object.freeze({ tableBits, scale, weights, transitions, entityBias: Object.freeze(entityBias) });
}

/** The worker-thread environment key under which the model of `dataDir` is shared. */
export function sharedModelKey(dataDir: string): string {
  return `assent:names-model:${dataDir}`;
}

/** The model in an environment value from sharedModelKey (weights in shared memory), or undefined if it is none. */
export function modelFromShared(value: unknown): NameModel | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { tableBits, scale, weights, transitions, entityBias } = value as Partial<NameModel>;
  if (typeof tableBits !== 'number' || !Number.isInteger(tableBits) || tableBits < 8 || tableBits > 24)
    return undefined;
  if (typeof scale !== 'number' || !(weights instanceof Int16Array) || !(transitions instanceof Float32Array)) {
    return undefined;
  }
  if (weights.length !== (1 << tableBits) * STRIDE || transitions.length !== (NUM_TAGS + 1) * NUM_TAGS)
    return undefined;
  if (!Array.isArray(entityBias) || entityBias.length !== TAG_TYPES.length) return undefined;
  if (!entityBias.every((b) => typeof b === 'number')) return undefined;
  return Object.freeze({ tableBits, scale, weights, transitions, entityBias: Object.freeze([...entityBias]) });
}

// Load-once cache per data directory; entries are never changed after they are set.
const loaded = new Map<string, NameModel>();

/**
 * The committed model, read once on first use. It is also put in the worker-thread environment
 * (worker_threads.setEnvironmentData), so a worker started afterwards by this thread reads the same shared weights
 * instead of decoding its own 4 MB copy.
 */
export function loadNameModel(dataDir: string = resolveDataDir()): NameModel {
  let model = loaded.get(dataDir);
  if (model === undefined) {
    const key = sharedModelKey(dataDir);
    model = modelFromShared(getEnvironmentData(key));
    if (model === undefined) {
      model = decodeModel(readFileSync(join(dataDir, MODEL_FILE)));
      setEnvironmentData(key, { ...model, entityBias: [...model.entityBias] });
    }
    loaded.set(dataDir, model);
  }
  return model;
}
