import { describe, expect, it } from 'vitest';
import { readGzipped, resolveDataDir } from './data-dir.js';
import {
  GAZ,
  GAZETTEER_FILE,
  type Gazetteer,
  loadGazetteer,
  parseGazetteer,
  parseGazetteerBytes,
} from './gazetteer.js';
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
