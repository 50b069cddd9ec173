import { getEnvironmentData, Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { readGzipped, resolveDataDir } from './data-dir.js';
import {
  GAZ,
  GAZETTEER_FILE,
  type Gazetteer,
  gazetteerFromShared,
  loadGazetteer,
  parseGazetteer,
  parseGazetteerBytes,
  sharedGazetteerKey,
} from './gazetteer.js';
import {
  decodeModel,
  encodeModel,
  loadNameModel,
  modelFromShared,
  NUM_TAGS,
  STRIDE,
  sharedModelKey,
  transitionAllowed,
} from './model.js';
import { viterbi } from './viterbi.js';

describe('committed data files', () => {
  it('resolve from the source tree and load', () => {
    const dir = resolveDataDir();
    expect(dir.endsWith('src/redact/data')).toBe(true);
    const model = loadNameModel(dir);
    expect(model.weights.length).toBe((1 << model.tableBits) * STRIDE);
    expect(model.weights.some((w) => w !== 0)).toBe(true);
    expect(loadNameModel(dir)).toBe(model);
    const gazetteer = loadGazetteer(dir);
    expect(gazetteer.size).toBeGreaterThan(100_000);
    expect(gazetteer.flags('priya') & GAZ.FIRST).toBe(GAZ.FIRST);
    expect(gazetteer.flags('nguyen') & GAZ.LAST).toBe(GAZ.LAST);
    expect(gazetteer.flags('the') & GAZ.COMMON).toBe(GAZ.COMMON);
    expect(gazetteer.flags('zzqxv')).toBe(0);
  });
});

describe('data shared with worker threads', () => {
  const dir = resolveDataDir();
  const model = loadNameModel(dir);
  const gazetteer = loadGazetteer(dir);

  it('puts the loaded tables in the worker environment, in shared memory, reading as the loaded ones', () => {
    const sharedGazetteer = getEnvironmentData(sharedGazetteerKey(dir)) as { fingerprints: Uint32Array };
    expect(sharedGazetteer.fingerprints.buffer).toBeInstanceOf(SharedArrayBuffer);
    const fromShared = gazetteerFromShared(sharedGazetteer);
    expect(fromShared?.size).toBe(gazetteer.size);
    for (const word of ['priya', 'nguyen', 'the', 'madrid', 'zzqxv', 'josé', '']) {
      expect(fromShared?.flags(word)).toBe(gazetteer.flags(word));
    }
    const sharedModel = modelFromShared(getEnvironmentData(sharedModelKey(dir)));
    expect(sharedModel?.weights.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(sharedModel?.weights).toBe(model.weights);
    expect(sharedModel?.transitions).toEqual(model.transitions);
    expect(sharedModel?.entityBias).toEqual(model.entityBias);
    expect(sharedModel?.scale).toBe(model.scale);
  });

  it('reaches a worker started afterwards as the same memory, not a copy', async () => {
    // The worker reads the environment and answers whether the arrays are shared and what a few slots hold.
    const code = `
      const { getEnvironmentData, parentPort } = require('node:worker_threads');
      const g = getEnvironmentData(${JSON.stringify(sharedGazetteerKey(dir))});
      const m = getEnvironmentData(${JSON.stringify(sharedModelKey(dir))});
      parentPort.postMessage({
        shared: g.fingerprints.buffer instanceof SharedArrayBuffer && m.weights.buffer instanceof SharedArrayBuffer,
        fingerprints: Array.from(g.fingerprints.subarray(0, 4096)),
        weights: Array.from(m.weights.subarray(0, 4096)),
      });`;
    const answer = await new Promise<{ shared: boolean; fingerprints: number[]; weights: number[] }>(
      (resolve, reject) => {
        const worker = new Worker(code, { eval: true });
        worker.once('message', (message) => {
          void worker.terminate();
          resolve(message);
        });
        worker.once('error', reject);
      },
    );
    const sharedGazetteer = getEnvironmentData(sharedGazetteerKey(dir)) as { fingerprints: Uint32Array };
    expect(answer.shared).toBe(true);
    expect(answer.fingerprints).toEqual(Array.from(sharedGazetteer.fingerprints.subarray(0, 4096)));
    expect(answer.weights).toEqual(Array.from(model.weights.subarray(0, 4096)));
  });

  it('ignores environment values that are not a table', () => {
    const fingerprints = new Uint32Array(1024);
    const notGazetteers: unknown[] = [
      undefined,
      null,
      'tables',
      {},
      { fingerprints, flagsBySlot: new Uint8Array(512), size: 0 },
      { fingerprints: new Uint32Array(1000), flagsBySlot: new Uint8Array(1000), size: 0 },
      { fingerprints, flagsBySlot: new Uint8Array(1024), size: 1024 },
      { fingerprints, flagsBySlot: new Uint8Array(1024), size: '3' },
    ];
    for (const value of notGazetteers) expect(gazetteerFromShared(value)).toBeUndefined();
    expect(gazetteerFromShared({ fingerprints, flagsBySlot: new Uint8Array(1024), size: 0 })?.flags('ana')).toBe(0);
    const { weights, transitions, scale, tableBits, entityBias } = model;
    const notModels: unknown[] = [
      undefined,
      { weights, transitions, scale, tableBits: 30, entityBias },
      { weights: weights.subarray(8), transitions, scale, tableBits, entityBias },
      { weights, transitions: new Float32Array(3), scale, tableBits, entityBias },
      { weights, transitions, scale: '1', tableBits, entityBias },
      { weights, transitions, scale, tableBits, entityBias: [1, 2] },
    ];
    for (const value of notModels) expect(modelFromShared(value)).toBeUndefined();
  });
});

describe('model encoding', () => {
  it('round-trips quantized weights and transitions, dropping tiny weights', () => {
    const bits = 8;
    const weights = new Float32Array((1 << bits) * NUM_TAGS);
    weights[3 * NUM_TAGS + 2] = 10;
    weights[200 * NUM_TAGS + 6] = -5;
    weights[7 * NUM_TAGS] = 0.0001;
    const transitions = new Float32Array((NUM_TAGS + 1) * NUM_TAGS).map((_, i) => i / 10);
    const { bytes, nonZero } = encodeModel(bits, weights, transitions);
    expect(nonZero).toBe(2);
    const model = decodeModel(bytes);
    expect((model.weights[3 * STRIDE + 2] ?? 0) * model.scale).toBeCloseTo(10, 3);
    expect((model.weights[200 * STRIDE + 6] ?? 0) * model.scale).toBeCloseTo(-5, 3);
    expect(model.weights[7 * STRIDE]).toBe(0);
    expect(model.transitions[5]).toBeCloseTo(0.5, 5);
    expect(model.entityBias).toEqual([0, 0, 0]);
  });

  it('carries the decoding bias chosen at training time', () => {
    const bits = 8;
    const weights = new Float32Array((1 << bits) * NUM_TAGS);
    weights[1] = 1;
    const transitions = new Float32Array((NUM_TAGS + 1) * NUM_TAGS);
    const model = decodeModel(encodeModel(bits, weights, transitions, { entityBias: [25, 10, 5] }).bytes);
    expect(model.entityBias).toEqual([25, 10, 5]);
  });

  it('rejects a file that is not a model', () => {
    expect(() => decodeModel(Buffer.from([1, 2, 3]))).toThrow();
  });
});

/** Every key of `tsv` (and a few absent words) looked up in both gazetteers: [key, flags in a, flags in b]. */
function differences(tsv: string, a: Gazetteer, b: Gazetteer): [string, number, number][] {
  const keys = new Set(tsv.split('\n').map((line) => line.split('\t')[0] ?? ''));
  for (const absent of ['', 'zzqxv', 'maria', 'ana\t1', 'é']) keys.add(absent);
  const out: [string, number, number][] = [];
  for (const key of keys) if (a.flags(key) !== b.flags(key)) out.push([key, a.flags(key), b.flags(key)]);
  return out;
}

describe('gazetteer parsing', () => {
  it('ignores malformed lines', () => {
    const g = parseGazetteer('ana\t1\nbad line\n\t3\nlopez\tx\nruiz\t2\n');
    expect(g.size).toBe(2);
    expect(g.flags('ruiz')).toBe(2);
    expect(g.flags('lopez')).toBe(0);
  });

  // parseGazetteerBytes must build the same table as parseGazetteer over the decoded text, whatever the bytes.
  const cases: [string, string][] = [
    ['plain lines', 'ana\t1\nlopez\t2\nruiz\t68\n'],
    ['no final newline', 'ana\t1\nruiz\t2'],
    ['malformed lines', 'ana\t1\nbad line\n\t3\nlopez\tx\nruiz\t2\n\n\nx\t\n'],
    ['out-of-range and odd flags', 'a\t0\nb\t256\nc\t255\nd\t007\ne\t+5\nf\t 5\ng\t5x\nh\t1\t2\ni\t99999999999\n'],
    ['carriage returns', 'ana\t1\r\nruiz\t2\r\n'],
    ['duplicate keys', 'ana\t1\nana\t2\nana\t4\n'],
    ['two-, three- and four-byte characters', 'josé\t1\nmüller\t2\nนาย\t4\n李\t8\n𝒜lice\t16\n😀\t32\nçé\t1\n'],
    ['a byte-order mark', '\ufeffana\t1\nruiz\t2\n'],
    ['empty input', ''],
  ];
  it.each(cases)('reads bytes as it reads text: %s', (_, tsv) => {
    const fromText = parseGazetteer(tsv);
    const fromBytes = parseGazetteerBytes(Buffer.from(tsv, 'utf8'));
    expect(fromBytes.size).toBe(fromText.size);
    expect(differences(tsv, fromText, fromBytes)).toEqual([]);
  });

  it('reads bytes that are not well-formed UTF-8 as Buffer#toString decodes them', () => {
    const samples = [
      [0x61, 0xff, 0x09, 0x31, 0x0a, 0x62, 0x09, 0x32, 0x0a], // a stray 0xFF
      [0x61, 0xc3, 0x09, 0x31, 0x0a], // a truncated two-byte sequence
      [0xc0, 0xaf, 0x09, 0x31, 0x0a], // an overlong '/'
      [0xed, 0xa0, 0x80, 0x09, 0x31, 0x0a], // an encoded surrogate
      [0xf4, 0x90, 0x80, 0x80, 0x09, 0x31, 0x0a], // beyond U+10FFFF
      [0x62, 0x09, 0x31, 0xe2, 0x0a], // a lead byte in the flags
      [0x61, 0x09, 0x31, 0x0a, 0xe2, 0x82], // truncated at the end
    ];
    for (const sample of samples) {
      const bytes = Buffer.from(sample);
      const tsv = bytes.toString('utf8');
      const fromText = parseGazetteer(tsv);
      const fromBytes = parseGazetteerBytes(bytes);
      expect(fromBytes.size).toBe(fromText.size);
      expect(differences(tsv, fromText, fromBytes)).toEqual([]);
    }
  });

  it('reads the committed gazetteer as the text parser does, entry for entry', () => {
    const bytes = readGzipped(resolveDataDir(), GAZETTEER_FILE);
    const tsv = bytes.toString('utf8');
    const fromText = parseGazetteer(tsv);
    const fromBytes = parseGazetteerBytes(bytes);
    expect(fromBytes.size).toBe(fromText.size);
    expect(differences(tsv, fromText, fromBytes)).toEqual([]);
  });
});

describe('viterbi', () => {
  it('never emits I-X without a preceding B-X or I-X', () => {
    // Emissions favour I-PERSON (tag 2) everywhere; the constraint forces a B first.
    const n = 4;
    const emissions = new Float32Array(n * NUM_TAGS);
    for (let i = 0; i < n; i++) emissions[i * NUM_TAGS + 2] = 5;
    const out = new Uint8Array(n);
    viterbi(emissions, n, new Float32Array((NUM_TAGS + 1) * NUM_TAGS), out);
    for (let i = 0; i < n; i++) {
      expect(transitionAllowed(i === 0 ? -1 : (out[i - 1] ?? 0), out[i] ?? 0)).toBe(true);
    }
    expect(out[0]).toBe(1);
  });
});
