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
import { type NameModel, NUM_TAGS, STRIDE, tagTypeIndex } from './model.js';
import { createTokenizer } from './tokenize.js';
import { createViterbiScratch, viterbi, viterbi7 } from './viterbi.js';
import { createWordCache, rangeHash } from './word-cache.js';

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
/** 1 when the word ends a sentence (the next token then starts one). */
const END_SLOT = WORD_VECTOR + 3;
const VECTOR_LENGTH = WORD_VECTOR + 4;

/** Creates a tagger over a loaded model and gazetteer. Each tagger owns its word cache; share none. */
export function createNameTagger(model: NameModel, gazetteer: Gazetteer, options: NameTaggerOptions = {}): NameTagger {
  const biasOption = options.entityBias ?? 0;
  const biasOf = (tag: number): number =>
    typeof biasOption === 'number' ? biasOption : (biasOption[tagTypeIndex(tag)] ?? 0);
  const cacheSize = options.cacheSize ?? 50_000;
  const mask = (1 << model.tableBits) - 1;
  const { weights, scale, transitions } = model;
  // Words memoised by their range in the text (see word-cache.ts); null when caching is off.
  const cache = cacheSize > 0 ? createWordCache(cacheSize) : null;
  // Scratch buffers reused across calls (tag() is synchronous, so calls never interleave); grown on demand.
  let emissions = new Float32Array(256 * NUM_TAGS);
  let tags = new Uint8Array(256);
  let cases = new Uint8Array(256);
  let starts = new Uint8Array(256);
  let trims = new Uint8Array(256);
  const scratch = createViterbiScratch();
  const transitions64 = Float64Array.from(transitions);
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

  const wordVector = (text: string, start: number, end: number): Float32Array => {
    // Long tokens (URLs, hashes, keyboard mashing) are rarely repeated: not worth the cache's memory.
    const cacheable = cache !== null && end - start <= MAX_CACHED_LENGTH;
    const hash = cacheable ? rangeHash(text, start, end) : 0;
    if (cacheable) {
      const cached = cache.get(text, start, end, hash);
      if (cached !== undefined) return cached;
    }
    const token = text.slice(start, end);
    const vector = new Float32Array(VECTOR_LENGTH);
    const features = wordFeatures(token, gazetteer);
    for (let r = 0; r < ROLE_COUNT; r++) addFeatures(features.byRole[r] ?? [], vector, r * NUM_TAGS);
    // The last slots carry the word's case class, gazetteer flags, trim and sentence-end flags: a cache hit needs
    // no other test.
    vector[CASE_SLOT] = features.caseClass;
    vector[GAZ_SLOT] = features.gazetteer;
    vector[TRIM_SLOT] = features.caseClass === CASE.PUNCT || isEdgeStopword(token) ? 1 : 0;
    vector[END_SLOT] = endsSentence(token) ? 1 : 0;
    if (cacheable) cache.set(token, hash, vector);
    return vector;
  };

  let vectors: Float32Array[] = [];

  return Object.freeze({
    tag(text: string): TaggedSpan[] {
      const tokens = tokenize(text);
      const n = tokens.count;
      if (n === 0) return [];
      if (cases.length < n) {
        cases = new Uint8Array(n * 2);
        starts = new Uint8Array(n * 2);
        trims = new Uint8Array(n * 2);
        vectors = new Array(n * 2);
      }
      const tokenStarts = tokens.starts;
      const tokenEnds = tokens.ends;
      let sentenceStart = 1;
      for (let i = 0; i < n; i++) {
        const vector = wordVector(text, tokenStarts[i] as number, tokenEnds[i] as number);
        vectors[i] = vector;
        cases[i] = vector[CASE_SLOT] as number;
        trims[i] = vector[TRIM_SLOT] as number;
        starts[i] = sentenceStart;
        sentenceStart = vector[END_SLOT] as number;
      }
      const docCase = documentCase(cases, starts, n);
      if (emissions.length < n * T) emissions = new Float32Array(n * T * 2);
      if (tags.length < n) tags = new Uint8Array(n * 2);
      const e = emissions;
      const docBase = docCase * CASE_COUNT;
      // Same additions in the same order as before (position + self, then previous, next, previous-but-one and
      // next-but-one), each rounded to float32 as a Float32Array store would: identical scores, identical tags.
      if (T === 7) {
        // Unrolled over the 7 tags, without edge tests: a missing neighbour (text edges) is ABSENT, all -0, and
        // x + -0 === x exactly in IEEE arithmetic (also for x = +0 and -0). Role offsets: PREV 7, NEXT 14, PREV2
        // 21, NEXT2 28.
        let v2: Float32Array = ABSENT;
        let v1: Float32Array = ABSENT;
        let v0 = vectors[0] as Float32Array;
        let n1: Float32Array = n > 1 ? (vectors[1] as Float32Array) : ABSENT;
        for (let i = 0; i < n; i++) {
          const n2: Float32Array = i + 2 < n ? (vectors[i + 2] as Float32Array) : ABSENT;
          const base = i * 7;
          const pos =
            (((docBase + (cases[i] as number)) * 2 + (starts[i] as number)) * GAZ_VALUES_LOCAL +
              (v0[GAZ_SLOT] as number)) *
            7;
          e[base + 0] =
            Math.fround(
              Math.fround(
                Math.fround(Math.fround((positionScores[pos + 0] as number) + (v0[0] as number)) + (v1[7] as number)) +
                  (n1[14] as number),
              ) + (v2[21] as number),
            ) + (n2[28] as number);
          e[base + 1] =
            Math.fround(
              Math.fround(
                Math.fround(Math.fround((positionScores[pos + 1] as number) + (v0[1] as number)) + (v1[8] as number)) +
                  (n1[15] as number),
              ) + (v2[22] as number),
            ) + (n2[29] as number);
          e[base + 2] =
            Math.fround(
              Math.fround(
                Math.fround(Math.fround((positionScores[pos + 2] as number) + (v0[2] as number)) + (v1[9] as number)) +
                  (n1[16] as number),
              ) + (v2[23] as number),
            ) + (n2[30] as number);
          e[base + 3] =
            Math.fround(
              Math.fround(
                Math.fround(Math.fround((positionScores[pos + 3] as number) + (v0[3] as number)) + (v1[10] as number)) +
                  (n1[17] as number),
              ) + (v2[24] as number),
            ) + (n2[31] as number);
          e[base + 4] =
            Math.fround(
              Math.fround(
                Math.fround(Math.fround((positionScores[pos + 4] as number) + (v0[4] as number)) + (v1[11] as number)) +
                  (n1[18] as number),
              ) + (v2[25] as number),
            ) + (n2[32] as number);
          e[base + 5] =
            Math.fround(
              Math.fround(
                Math.fround(Math.fround((positionScores[pos + 5] as number) + (v0[5] as number)) + (v1[12] as number)) +
                  (n1[19] as number),
              ) + (v2[26] as number),
            ) + (n2[33] as number);
          e[base + 6] =
            Math.fround(
              Math.fround(
                Math.fround(Math.fround((positionScores[pos + 6] as number) + (v0[6] as number)) + (v1[13] as number)) +
                  (n1[20] as number),
              ) + (v2[27] as number),
            ) + (n2[34] as number);
          v2 = v1;
          v1 = v0;
          v0 = n1;
          n1 = n2;
        }
      } else {
        let v2: Float32Array | undefined;
        let v1: Float32Array | undefined;
        let v0 = vectors[0] as Float32Array;
        let n1: Float32Array | undefined = n > 1 ? vectors[1] : undefined;
        for (let i = 0; i < n; i++) {
          const n2: Float32Array | undefined = i + 2 < n ? vectors[i + 2] : undefined;
          const base = i * T;
          const pos =
            (((docBase + (cases[i] as number)) * 2 + (starts[i] as number)) * GAZ_VALUES_LOCAL +
              (v0[GAZ_SLOT] as number)) *
            T;
          for (let t = 0; t < T; t++) {
            let x = Math.fround((positionScores[pos + t] as number) + (v0[t] as number));
            if (v1 !== undefined) x = Math.fround(x + (v1[PREV_OFFSET + t] as number));
            if (n1 !== undefined) x = Math.fround(x + (n1[NEXT_OFFSET + t] as number));
            if (v2 !== undefined) x = Math.fround(x + (v2[PREV2_OFFSET + t] as number));
            if (n2 !== undefined) x = x + (n2[NEXT2_OFFSET + t] as number);
            e[base + t] = x;
          }
          v2 = v1;
          v1 = v0;
          v0 = n1 as Float32Array;
          n1 = n2;
        }
      }
      if (T === 7) viterbi7(e, n, transitions64, tags, scratch);
      else viterbi(e, n, transitions, tags, scratch);
      return spansFromTags(tags, e, tokenStarts, tokenEnds, n, trims);
    },
  });
}

// Module-local copies of imported constants: under some loaders (tsx, vitest) every read of an imported binding
// is a getter call, which dominated the per-token loop.
const T: number = NUM_TAGS;
/** The word vector of a neighbour beyond the text's edge: all -0, so adding any of its slices changes nothing. */
const ABSENT = new Float32Array(VECTOR_LENGTH).fill(-0);
const GAZ_VALUES_LOCAL: number = GAZ_VALUES;
const PREV_OFFSET: number = ROLE.PREV * NUM_TAGS;
const NEXT_OFFSET: number = ROLE.NEXT * NUM_TAGS;
const PREV2_OFFSET: number = ROLE.PREV2 * NUM_TAGS;
const NEXT2_OFFSET: number = ROLE.NEXT2 * NUM_TAGS;

function positionIndex(docCase: number, tokenCase: number, sentenceStart: number, gazetteer: number): number {
  return (((docCase * CASE_COUNT + tokenCase) * 2 + sentenceStart) * GAZ_VALUES + gazetteer) * NUM_TAGS;
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
    const type = typeOfTag(tag);
    let j = i + 1;
    while (j < n && (tags[j] ?? 0) !== 0 && !isBegin(tags[j] ?? 0) && typeOfTag(tags[j] ?? 0) === type) j++;
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
      margin += (emissions[k * T + (tags[k] ?? 0)] ?? 0) - (emissions[k * T] ?? 0);
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

// Local copies of model.ts's tag helpers (see T above).
function typeOfTag(tag: number): number {
  return (tag - 1) >> 1;
}
function isBegin(tag: number): boolean {
  return tag > 0 && tag % 2 === 1;
}
