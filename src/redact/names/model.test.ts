import { describe, expect, it } from 'vitest';
import { resolveDataDir } from './data-dir.js';
import { GAZ, loadGazetteer, parseGazetteer } from './gazetteer.js';
import { decodeModel, encodeModel, loadNameModel, NUM_TAGS, STRIDE, transitionAllowed } from './model.js';
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

describe('gazetteer parsing', () => {
  it('ignores malformed lines', () => {
    const g = parseGazetteer('ana\t1\nbad line\n\t3\nlopez\tx\nruiz\t2\n');
    expect(g.size).toBe(2);
    expect(g.flags('ruiz')).toBe(2);
    expect(g.flags('lopez')).toBe(0);
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
