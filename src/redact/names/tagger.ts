// The name tagger: tokenize once, score each token from cached per-word feature sums, Viterbi-decode BIO tags,
// and turn tag runs into PERSON / LOCATION / ORGANIZATION spans with original-string offsets.

import {
  CASE,
  CASE_COUNT,
  DOC_CASES,
  documentCase,
  endsSentence,
  GAZ_VALUES,
  isEdgeStopword,
  positionFeatures,
  ROLE,
  ROLE_COUNT,
  wordFeatures,
} from './features.js';
import type { Gazetteer } from './gazetteer.js';
import { type NameModel, NUM_TAGS, STRIDE, tagIsBegin, tagTypeIndex } from './model.js';
import { createTokenizer } from './tokenize.js';
import { createViterbiScratch, viterbi } from './viterbi.js';

/** A tagged entity: offsets into the text, the index of its type in TAG_TYPES, a confidence in [0, 1]. */
export interface TaggedSpan {
  readonly start: number;
  readonly end: number;
  readonly typeIndex: number;
  readonly score: number;
}

export interface NameTaggerOptions {
  /**
   * Added to entity tags' scores before decoding: > 0 trades precision for recall. One number for every type, or
   * one per type in TAG_TYPES order (PERSON, LOCATION, ORGANIZATION). Default 0.
   */
  readonly entityBias?: number | readonly number[];
  /** Distinct words whose scores are memoised per tagger, per generation (a pure cache). Default 50,000. */
  readonly cacheSize?: number;
}

export interface NameTagger {
  tag(text: string): TaggedSpan[];
}

const WORD_VECTOR = ROLE_COUNT * NUM_TAGS;
const MAX_CACHED_LENGTH = 48;
/** documentCase() of a mostly upper-case text. */
const DOC_UPPER = 2;
// Extra slots after the role scores: the word's case class and gazetteer flags.
const CASE_SLOT = WORD_VECTOR;
const GAZ_SLOT = WORD_VECTOR + 1;
/** 1 when the word may not begin or end a span (punctuation, function words). */
const TRIM_SLOT = WORD_VECTOR + 2;

/** Creates a tagger over a loaded model and gazetteer. Each tagger owns its word cache; share none. */
export function createNameTagger(model: NameModel, gazetteer: Gazetteer, options: NameTaggerOptions = {}): NameTagger {
  const biasOption = options.entityBias ?? 0;
  const biasOf = (tag: number): number =>
    typeof biasOption === 'number' ? biasOption : (biasOption[tagTypeIndex(tag)] ?? 0);
  const cacheSize = options.cacheSize ?? 50_000;
  const mask = (1 << model.tableBits) - 1;
  const { weights, scale, transitions } = model;
  // Two generations: when the young one is full it becomes the old one, and words found there move back, so the
  // frequent words survive a turnover instead of being dropped with everything else.
  let cache = new Map<string, Float32Array>();
  let oldCache = new Map<string, Float32Array>();
  const remember = (token: string, vector: Float32Array): void => {
    if (cache.size >= cacheSize) {
      oldCache = cache;
      cache = new Map();
    }
    cache.set(token, vector);
  };
  // Scratch buffers reused across calls (tag() is synchronous, so calls never interleave); grown on demand.
  let emissions = new Float32Array(256 * NUM_TAGS);
  let tags = new Uint8Array(256);
  let cases = new Uint8Array(256);
  let starts = new Uint8Array(256);
  let trims = new Uint8Array(256);
  const scratch = createViterbiScratch();
  const tokenize = createTokenizer();

  const addFeatures = (ids: readonly number[], into: Float32Array, offset: number): void => {
    for (const id of ids) {
      const row = (id & mask) * STRIDE;
      for (let t = 0; t < NUM_TAGS; t++) into[offset + t] = (into[offset + t] ?? 0) + (weights[row + t] ?? 0) * scale;
    }
  };

  // Scores of the position features (document casing x token casing x sentence start x gazetteer flags), all
  // combinations, computed once so tagging only indexes this table.
  const positionScores = new Float32Array(DOC_CASES * CASE_COUNT * 2 * GAZ_VALUES * NUM_TAGS);
  for (let d = 0; d < DOC_CASES; d++) {
    for (let c = 0; c < CASE_COUNT; c++) {
      for (let s = 0; s < 2; s++) {
        for (let g = 0; g < GAZ_VALUES; g++) {
          const offset = positionIndex(d, c, s, g);
          addFeatures(positionFeatures(d, c, s, g), positionScores, offset);
          // The recall bias applies to words only: punctuation, numbers and codes are never names, and an
          // all-capitals word in ordinary text is more often an acronym (IBAN, SSN) than a shouted name.
          if (c === CASE.DIGIT || c === CASE.PUNCT || (c === CASE.UPPER && d !== DOC_UPPER)) continue;
          for (let t = 1; t < NUM_TAGS; t++) positionScores[offset + t] = (positionScores[offset + t] ?? 0) + biasOf(t);
        }
      }
    }
  }

  const wordVector = (token: string): Float32Array => {
    let vector = cache.get(token);
    if (vector === undefined && cacheSize > 0) {
      vector = oldCache.get(token);
      if (vector !== undefined) remember(token, vector);
    }
    if (vector === undefined) {
      vector = new Float32Array(WORD_VECTOR + 3);
      const features = wordFeatures(token, gazetteer);
      for (let r = 0; r < ROLE_COUNT; r++) addFeatures(features.byRole[r] ?? [], vector, r * NUM_TAGS);
      // The last slots carry the word's case class, gazetteer flags and trim flag: a cache hit needs no other test.
      vector[CASE_SLOT] = features.caseClass;
      vector[GAZ_SLOT] = features.gazetteer;
      vector[TRIM_SLOT] = features.caseClass === CASE.PUNCT || isEdgeStopword(token) ? 1 : 0;
      // Long tokens (URLs, hashes, keyboard mashing) are rarely repeated: not worth the cache's memory.
      if (token.length <= MAX_CACHED_LENGTH && cacheSize > 0) remember(token, vector);
    }
    return vector;
  };

  return Object.freeze({
    tag(text: string): TaggedSpan[] {
      const tokens = tokenize(text);
      const n = tokens.count;
      if (n === 0) return [];
      if (cases.length < n) {
        cases = new Uint8Array(n * 2);
        starts = new Uint8Array(n * 2);
        trims = new Uint8Array(n * 2);
      }
      const vectors: Float32Array[] = new Array(n);
      let sentenceStart = 1;
      for (let i = 0; i < n; i++) {
        const token = text.slice(tokens.starts[i], tokens.ends[i]);
        const vector = wordVector(token);
        vectors[i] = vector;
        cases[i] = vector[CASE_SLOT] ?? 0;
        trims[i] = vector[TRIM_SLOT] ?? 0;
        starts[i] = sentenceStart;
        sentenceStart = endsSentence(token) ? 1 : 0;
      }
      const docCase = documentCase(cases, starts, n);
      if (emissions.length < n * NUM_TAGS) emissions = new Float32Array(n * NUM_TAGS * 2);
      if (tags.length < n) tags = new Uint8Array(n * 2);
      for (let i = 0; i < n; i++) {
        const base = i * NUM_TAGS;
        const self = vectors[i] as Float32Array;
        const pos = positionIndex(docCase, cases[i] as number, starts[i] as number, self[GAZ_SLOT] as number);
        for (let t = 0; t < NUM_TAGS; t++) {
          emissions[base + t] = (positionScores[pos + t] as number) + (self[t] as number);
        }
        // Each neighbour adds its role's slice of its cached vector.
        if (i > 0) addSlice(emissions, base, vectors[i - 1] as Float32Array, ROLE.PREV * NUM_TAGS);
        if (i + 1 < n) addSlice(emissions, base, vectors[i + 1] as Float32Array, ROLE.NEXT * NUM_TAGS);
        if (i > 1) addSlice(emissions, base, vectors[i - 2] as Float32Array, ROLE.PREV2 * NUM_TAGS);
        if (i + 2 < n) addSlice(emissions, base, vectors[i + 2] as Float32Array, ROLE.NEXT2 * NUM_TAGS);
      }
      viterbi(emissions, n, transitions, tags, scratch);
      return spansFromTags(tags, emissions, tokens.starts, tokens.ends, n, trims);
    },
  });
}

function positionIndex(docCase: number, tokenCase: number, sentenceStart: number, gazetteer: number): number {
  return (((docCase * CASE_COUNT + tokenCase) * 2 + sentenceStart) * GAZ_VALUES + gazetteer) * NUM_TAGS;
}

function addSlice(into: Float32Array, base: number, vector: Float32Array, offset: number): void {
  for (let t = 0; t < NUM_TAGS; t++) into[base + t] = (into[base + t] as number) + (vector[offset + t] as number);
}

const MARGIN_UNITS = 15;

/** Groups B/I runs into spans, trimmed of punctuation and function words at either end; the score is a squashed mean margin of the run's tags over O. */
export function spansFromTags(
  tags: Uint8Array,
  emissions: Float32Array,
  starts: Int32Array,
  ends: Int32Array,
  n: number,
  trims: Uint8Array,
): TaggedSpan[] {
  const spans: TaggedSpan[] = [];
  let i = 0;
  while (i < n) {
    const tag = tags[i] ?? 0;
    if (tag === 0) {
      i++;
      continue;
    }
    const type = tagTypeIndex(tag);
    let j = i + 1;
    while (j < n && (tags[j] ?? 0) !== 0 && !tagIsBegin(tags[j] ?? 0) && tagTypeIndex(tags[j] ?? 0) === type) j++;
    // A span never starts or ends on punctuation or a function word ("@sarah", "to maria" are sarah and maria).
    let first = i;
    let last = j - 1;
    while (first <= last && trims[first] === 1) first++;
    while (last >= first && trims[last] === 1) last--;
    if (first > last) {
      i = j;
      continue;
    }
    let margin = 0;
    for (let k = i; k < j; k++) {
      margin += (emissions[k * NUM_TAGS + (tags[k] ?? 0)] ?? 0) - (emissions[k * NUM_TAGS] ?? 0);
    }
    // 0.5 at the decision boundary; the model's score units are perceptron updates, hence the division.
    margin /= (j - i) * MARGIN_UNITS;
    const score = Math.min(0.99, Math.max(0.3, 1 / (1 + Math.exp(-margin))));
    spans.push({
      start: starts[first] ?? 0,
      end: ends[last] ?? 0,
      typeIndex: type,
      score: Math.round(score * 100) / 100,
    });
    i = j;
  }
  return spans;
}
