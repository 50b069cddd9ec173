// The name tagger: tokenize once, score each token from cached per-word feature sums, Viterbi-decode BIO tags,
// and turn tag runs into PERSON / LOCATION / ORGANIZATION spans with original-string offsets.

import { foldToken } from '../known/fold.js';
import { opensAddressingPhrase } from './cue-names.js';
import {
  CASE,
  CASE_CONTEXTS,
  CASE_COUNT,
  CASE_NONE,
  caseContextFeature,
  createWordFeatureScratch,
  DOC_CASES,
  documentCaseOf,
  endsSentence,
  GAZ_VALUES,
  isFoldedEdgeStopword,
  positionFeatures,
  ROLE,
  ROLE_COUNT,
  writeWordFeatures,
} from './features.js';
import type { Gazetteer } from './gazetteer.js';
import { type NameModel, NUM_TAGS, STRIDE, tagTypeIndex } from './model.js';
import { createTokenizer } from './tokenize.js';
import { createViterbiScratch, viterbi7 } from './viterbi.js';
import { WordCache } from './word-cache.js';

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
  /** The spans of `text`, in order (a shared empty array when there are none). */
  tag(text: string): readonly TaggedSpan[];
  /**
   * The tokens of `text` when it is the text this tagger tagged last (else undefined), each with the id of its word:
   * valid until the next `tag` call. A caller may memoise what it computes from a word's characters by id.
   */
  words(text: string): TaggedWords | undefined;
}

/** Tokens of a tagged text (token i is `text.slice(starts[i], ends[i])`, see tokenize.ts) and their word ids. */
export interface TaggedWords {
  readonly count: number;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  /**
   * Per token, a small non-negative integer: while `generation` stays the same, two tokens with the same id are
   * the same characters (tokens of the same characters may still have different ids).
   */
  readonly ids: Int32Array;
  readonly generation: number;
  /**
   * How many tokens may open an addressing or crediting phrase (opensAddressingPhrase in cue-names.ts): when none
   * does, cueNames finds nothing in the text.
   */
  readonly phraseWords: number;
}

// The loops below are written out for O plus B/I for three types.
if (NUM_TAGS !== 7) throw new Error('name tagger: expected 7 BIO tags');

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
/** 1 when the word may open an addressing or crediting phrase (see TaggedWords.phraseWords). */
const PHRASE_SLOT = WORD_VECTOR + 4;
const VECTOR_LENGTH = WORD_VECTOR + 5;
/** Slab stride of a word's vector (at least VECTOR_LENGTH). */
const VL = 40;
if (VL < VECTOR_LENGTH) throw new Error('name tagger: word vectors longer than their slab stride');

/** Creates a tagger over a loaded model and gazetteer. Each tagger owns its word cache; share none. */
export function createNameTagger(model: NameModel, gazetteer: Gazetteer, options: NameTaggerOptions = {}): NameTagger {
  const biasOption = options.entityBias ?? 0;
  const biasOf = (tag: number): number =>
    typeof biasOption === 'number' ? biasOption : (biasOption[tagTypeIndex(tag)] ?? 0);
  const cacheSize = options.cacheSize ?? 50_000;
  const mask = (1 << model.tableBits) - 1;
  const { weights, scale, transitions } = model;
  // Word vectors, memoised by their range in the text (see word-cache.ts); with cacheSize 0, kept for one text only.
  const cache = new WordCache(cacheSize, VL);
  // Scratch buffers reused across calls (tag() is synchronous, so calls never interleave); grown on demand.
  let emissions = new Float32Array(256 * NUM_TAGS);
  let tags = new Uint8Array(256);
  let cases = new Uint8Array(256);
  // Per token: sentence start (0 or 1) x GAZ_VALUES + gazetteer flags, the token's own part of its position index.
  let positions = new Uint8Array(256);
  let trims = new Uint8Array(256);
  const scratch = createViterbiScratch();
  const transitions64 = Float64Array.from(transitions);
  const tokenize = createTokenizer();

  // Writes the sum of the weight rows of the features `ids[from .. to)` to `into[offset .. offset + 7)`, rounding to
  // float32 after each feature as a store into a Float32Array would (the sums the model's spans were recorded with),
  // in locals until the end. The sums start from 0, so the slots need no clearing first. A new word's features come
  // from writeWordFeatures, one role's range at a time, into the cache's slab.
  const writeRangeSums = (ids: Int32Array, from: number, to: number, into: Float32Array, offset: number): void => {
    let a0 = 0;
    let a1 = 0;
    let a2 = 0;
    let a3 = 0;
    let a4 = 0;
    let a5 = 0;
    let a6 = 0;
    for (let k = from; k < to; k++) {
      const row = ((ids[k] as number) & mask) * STRIDE;
      a0 = Math.fround(a0 + (weights[row] as number) * scale);
      a1 = Math.fround(a1 + (weights[row + 1] as number) * scale);
      a2 = Math.fround(a2 + (weights[row + 2] as number) * scale);
      a3 = Math.fround(a3 + (weights[row + 3] as number) * scale);
      a4 = Math.fround(a4 + (weights[row + 4] as number) * scale);
      a5 = Math.fround(a5 + (weights[row + 5] as number) * scale);
      a6 = Math.fround(a6 + (weights[row + 6] as number) * scale);
    }
    into[offset] = a0;
    into[offset + 1] = a1;
    into[offset + 2] = a2;
    into[offset + 3] = a3;
    into[offset + 4] = a4;
    into[offset + 5] = a5;
    into[offset + 6] = a6;
  };

  // The same sums for the load-time tables below (float32 values held in float64 arrays), through one float32 scratch,
  // so writeRangeSums sees one array type per argument. Feature ids are unsigned; an Int32Array keeps their low 32
  // bits, which is all `& mask` reads.
  const sums32 = new Float32Array(NUM_TAGS);
  const writeFeatureSums = (ids: readonly number[], into: Float64Array, offset: number): void => {
    writeRangeSums(Int32Array.from(ids), 0, ids.length, sums32, 0);
    for (let t = 0; t < NUM_TAGS; t++) into[offset + t] = sums32[t] as number;
  };

  // Reads one weight of every feature row of a new word before summing them. The rows of its rarer features (the word
  // itself in each role, its suffixes) are scattered over the 4 MB table and mostly not in the CPU's caches; loads
  // that depend on nothing wait for memory together, while in the sums each waits for the one before.
  let touched = 0;
  const touchRows = (ids: Int32Array, count: number): void => {
    let x = touched;
    for (let k = 0; k < count; k++) x ^= weights[((ids[k] as number) & mask) * STRIDE] as number;
    // Kept, so the loads are not optimised away.
    touched = x;
  };

  // Scores of the position features (document casing x token casing x sentence start x gazetteer flags), all
  // combinations, computed once so tagging only indexes this table. Both tables hold float32 values (rounded as a
  // Float32Array store would) in float64 arrays: the same numbers, which the emission loop adds without converting.
  const positionScores = new Float64Array(DOC_CASES * CASE_COUNT * 2 * GAZ_VALUES * NUM_TAGS);
  for (let d = 0; d < DOC_CASES; d++) {
    for (let c = 0; c < CASE_COUNT; c++) {
      for (let s = 0; s < 2; s++) {
        for (let g = 0; g < GAZ_VALUES; g++) {
          const offset = positionIndex(d, c, s, g);
          writeFeatureSums(positionFeatures(d, c, s, g), positionScores, offset);
          // The recall bias applies to words only: punctuation, numbers and codes are never names, and an
          // all-capitals word in ordinary text is more often an acronym (IBAN, SSN) than a shouted name.
          if (c === CASE.DIGIT || c === CASE.PUNCT || (c === CASE.UPPER && d !== DOC_UPPER)) continue;
          for (let t = 1; t < NUM_TAGS; t++)
            positionScores[offset + t] = Math.fround((positionScores[offset + t] ?? 0) + biasOf(t));
        }
      }
    }
  }

  // Scores of the case-context feature (previous, current and next token's case class), all combinations.
  const caseContextScores = new Float64Array(CASE_CONTEXTS * CASE_CONTEXTS * CASE_CONTEXTS * NUM_TAGS);
  for (let p = 0; p < CASE_CONTEXTS; p++) {
    for (let c = 0; c < CASE_CONTEXTS; c++) {
      for (let x = 0; x < CASE_CONTEXTS; x++) {
        writeFeatureSums(
          [caseContextFeature(p, c, x)],
          caseContextScores,
          ((p * CASE_CONTEXTS + c) * CASE_CONTEXTS + x) * NUM_TAGS,
        );
      }
    }
  }

  // The features of the word being filled (fillVector is not re-entered, so one scratch serves every word).
  const features = createWordFeatureScratch();
  // Fills the vector of word `text.slice(start, end)` at `offset` of the cache's slab: its role scores, then its case
  // class, gazetteer flags, trim and sentence-end flags, so a cache hit needs no other test.
  const fillVector = (text: string, start: number, end: number, offset: number): void => {
    const vectors = cache.vectors;
    const token = text.slice(start, end);
    writeWordFeatures(token, gazetteer, features);
    const { ids, ends } = features;
    touchRows(ids, ends[ROLE_COUNT - 1] as number);
    let from = 0;
    for (let r = 0; r < ROLE_COUNT; r++) {
      const to = ends[r] as number;
      writeRangeSums(ids, from, to, vectors, offset + r * NUM_TAGS);
      from = to;
    }
    vectors[offset + CASE_SLOT] = features.caseClass;
    vectors[offset + GAZ_SLOT] = features.gazetteer;
    vectors[offset + TRIM_SLOT] =
      features.caseClass === CASE.PUNCT || isFoldedEdgeStopword(token, features.folded) ? 1 : 0;
    vectors[offset + END_SLOT] = endsSentence(token) ? 1 : 0;
    vectors[offset + PHRASE_SLOT] = opensAddressingPhrase(token, features.folded) ? 1 : 0;
  };

  let offsets = new Int32Array(256);
  // The last text's words (see NameTagger.words): the tokenizer's offsets, and each token's cache entry as its id.
  let lastText: string | undefined;
  const lastWords: { -readonly [K in keyof TaggedWords]: TaggedWords[K] } = {
    count: 0,
    starts: new Int32Array(0),
    ends: new Int32Array(0),
    ids: new Int32Array(256),
    generation: 0,
    phraseWords: 0,
  };

  return Object.freeze({
    words(text: string): TaggedWords | undefined {
      return text === lastText ? lastWords : undefined;
    },
    tag(text: string): readonly TaggedSpan[] {
      // The words are handed out only once they are complete: a tag that throws half-way leaves none.
      lastText = undefined;
      const tokens = tokenize(text);
      const n = tokens.count;
      lastWords.count = n;
      lastWords.starts = tokens.starts;
      lastWords.ends = tokens.ends;
      lastWords.phraseWords = 0;
      if (n === 0) {
        lastText = text;
        return NO_SPANS;
      }
      // Two slots more than tokens: the emission loop reads the (missing) neighbours past the last token.
      if (cases.length < n + 2) {
        cases = new Uint8Array((n + 2) * 2);
        positions = new Uint8Array((n + 2) * 2);
        trims = new Uint8Array((n + 2) * 2);
        offsets = new Int32Array((n + 2) * 2);
        lastWords.ids = new Int32Array((n + 2) * 2);
      }
      const ids = lastWords.ids;
      const tokenStarts = tokens.starts;
      const tokenEnds = tokens.ends;
      const hashes = tokens.hashes;
      cache.begin();
      lastWords.generation = cache.generation;
      // The slab is replaced only when it grows, and then only to hold an entry beyond its end: re-read it then.
      let V = cache.vectors;
      let sentenceStart = 1;
      let cased = 0;
      let capitalized = 0;
      let upper = 0;
      let phraseWords = 0;
      for (let i = 0; i < n; i++) {
        const start = tokenStarts[i] as number;
        const end = tokenEnds[i] as number;
        // Long tokens (URLs, hashes, keyboard mashing) are rarely repeated: not worth the cache's memory.
        let entry: number;
        if (end - start <= MAX_CACHED_LENGTH) {
          entry = cache.lookup(text, start, end, hashes[i] as number);
          if (cache.missed) fillVector(text, start, end, entry * VL);
        } else {
          entry = cache.unkeyed();
          fillVector(text, start, end, entry * VL);
        }
        const o = entry * VL;
        offsets[i] = o;
        ids[i] = entry;
        if (o >= V.length) V = cache.vectors;
        const c = V[o + CASE_SLOT] as number;
        cases[i] = c;
        trims[i] = V[o + TRIM_SLOT] as number;
        positions[i] = sentenceStart * GAZ_VALUES_LOCAL + (V[o + GAZ_SLOT] as number);
        // documentCase's counts (lower 0, capitalized 1, upper 2; sentence starts left out), taken here.
        if (sentenceStart === 0 && c <= 2) {
          cased++;
          capitalized += c & 1;
          upper += c >> 1;
        }
        sentenceStart = V[o + END_SLOT] as number;
        phraseWords += V[o + PHRASE_SLOT] as number;
      }
      lastWords.phraseWords = phraseWords;
      // Past the last token: no word (entry 0, all -0) and no case.
      offsets[n] = 0;
      offsets[n + 1] = 0;
      cases[n] = CASE_NONE_LOCAL;
      const docCase = documentCaseOf(cased, capitalized, upper);
      if (emissions.length < n * T) emissions = new Float32Array(n * T * 2);
      if (tags.length < n) tags = new Uint8Array(n * 2);
      const e = emissions;
      const docBase = docCase * CASE_COUNT;
      // Position + case context + self + previous + next + previous-but-one + next-but-one, summed in float64 and
      // stored as float32. A missing neighbour (text edges) is entry 0 of the slab, all -0, and x + -0 === x exactly.
      // The word vectors and cases around token i (entry 0 and CASE_NONE beyond the text's edges), shifted along.
      let prev2 = 0;
      let prev1 = 0;
      let o0 = offsets[0] as number;
      let next1 = offsets[1] as number;
      let casePrev = CASE_NONE_LOCAL;
      let caseSelf = cases[0] as number;
      for (let i = 0; i < n; i++) {
        const next2 = offsets[i + 2] as number;
        const caseNext = cases[i + 1] as number;
        const o1 = prev1 + PREV_OFFSET;
        const n1 = next1 + NEXT_OFFSET;
        const o2 = prev2 + PREV2_OFFSET;
        const n2 = next2 + NEXT2_OFFSET;
        const base = i * T;
        const pos = ((docBase + caseSelf) * 2 * GAZ_VALUES_LOCAL + (positions[i] as number)) * T;
        const context = ((casePrev * CASE_CONTEXTS_LOCAL + caseSelf) * CASE_CONTEXTS_LOCAL + caseNext) * T;
        // Written out over the 7 tags (a loop here cost ~5% of tagging).
        e[base + 0] =
          (positionScores[pos + 0] as number) +
          (caseContextScores[context + 0] as number) +
          (V[o0 + 0] as number) +
          (V[o1 + 0] as number) +
          (V[n1 + 0] as number) +
          (V[o2 + 0] as number) +
          (V[n2 + 0] as number);
        e[base + 1] =
          (positionScores[pos + 1] as number) +
          (caseContextScores[context + 1] as number) +
          (V[o0 + 1] as number) +
          (V[o1 + 1] as number) +
          (V[n1 + 1] as number) +
          (V[o2 + 1] as number) +
          (V[n2 + 1] as number);
        e[base + 2] =
          (positionScores[pos + 2] as number) +
          (caseContextScores[context + 2] as number) +
          (V[o0 + 2] as number) +
          (V[o1 + 2] as number) +
          (V[n1 + 2] as number) +
          (V[o2 + 2] as number) +
          (V[n2 + 2] as number);
        e[base + 3] =
          (positionScores[pos + 3] as number) +
          (caseContextScores[context + 3] as number) +
          (V[o0 + 3] as number) +
          (V[o1 + 3] as number) +
          (V[n1 + 3] as number) +
          (V[o2 + 3] as number) +
          (V[n2 + 3] as number);
        e[base + 4] =
          (positionScores[pos + 4] as number) +
          (caseContextScores[context + 4] as number) +
          (V[o0 + 4] as number) +
          (V[o1 + 4] as number) +
          (V[n1 + 4] as number) +
          (V[o2 + 4] as number) +
          (V[n2 + 4] as number);
        e[base + 5] =
          (positionScores[pos + 5] as number) +
          (caseContextScores[context + 5] as number) +
          (V[o0 + 5] as number) +
          (V[o1 + 5] as number) +
          (V[n1 + 5] as number) +
          (V[o2 + 5] as number) +
          (V[n2 + 5] as number);
        e[base + 6] =
          (positionScores[pos + 6] as number) +
          (caseContextScores[context + 6] as number) +
          (V[o0 + 6] as number) +
          (V[o1 + 6] as number) +
          (V[n1 + 6] as number) +
          (V[o2 + 6] as number) +
          (V[n2 + 6] as number);
        prev2 = prev1;
        prev1 = o0;
        o0 = next1;
        next1 = next2;
        casePrev = caseSelf;
        caseSelf = caseNext;
      }
      viterbi7(e, n, transitions64, tags, scratch);
      const spans = spansFromTags(tags, e, tokenStarts, tokenEnds, n, trims, text);
      lastText = text;
      return spans;
    },
  });
}

// Module-local copies of imported constants: under some loaders (tsx, vitest) every read of an imported binding
// is a getter call, which dominated the per-token loop.
const T: number = NUM_TAGS;
const GAZ_VALUES_LOCAL: number = GAZ_VALUES;
const CASE_NONE_LOCAL: number = CASE_NONE;
const CASE_CONTEXTS_LOCAL: number = CASE_CONTEXTS;
const PREV_OFFSET: number = ROLE.PREV * NUM_TAGS;
const NEXT_OFFSET: number = ROLE.NEXT * NUM_TAGS;
const PREV2_OFFSET: number = ROLE.PREV2 * NUM_TAGS;
const NEXT2_OFFSET: number = ROLE.NEXT2 * NUM_TAGS;

function positionIndex(docCase: number, tokenCase: number, sentenceStart: number, gazetteer: number): number {
  return (((docCase * CASE_COUNT + tokenCase) * 2 + sentenceStart) * GAZ_VALUES + gazetteer) * NUM_TAGS;
}

const MARGIN_UNITS = 15;

/** What a text without names tags as (shared, so such texts allocate no array). */
const NO_SPANS: readonly TaggedSpan[] = Object.freeze([]);

// Words that open a greeting, a thanks or a request before a name and are not names themselves ("Congrats to John
// Doe", "Email Maria Lopez", "Ask Maria", "Gracias a Ana"). The model often takes them into a PERSON run at the start
// of a post; they are trimmed from its start, with the function words after them. A short list on purpose: a longer
// rule (any dictionary word) cut real surnames ("Pascual", "Concha", "Lobo"), and a word that is also a given or
// family name in the gazetteer ("Ty", "Ping", "Hola") is not in it (name-recognizer.test.ts checks).
export const LEAD_WORDS: ReadonlySet<string> = new Set(
  `congrats congratulations thanks thank thx kudos cheers shoutout hi hey hello dear welcome ask call email e-mail
text meet tell message dm cc happy goodbye bye sorry gracias felicidades enhorabuena saludos querido querida estimado
estimada`.split(/\s+/),
);
const PERSON_TYPE = 0;

/**
 * Groups B/I runs into spans, trimmed of punctuation and function words at either end, and a PERSON run of two or more
 * words of a leading LEAD_WORDS word (when `text` is given). The score is a squashed mean margin of the run's tags
 * over O.
 */
export function spansFromTags(
  tags: Uint8Array,
  emissions: Float32Array,
  starts: Int32Array,
  ends: Int32Array,
  n: number,
  trims: Uint8Array,
  text?: string,
): readonly TaggedSpan[] {
  let spans: TaggedSpan[] | undefined;
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
    if (type === PERSON_TYPE && text !== undefined && first < last) {
      const word = text.slice(starts[first] ?? 0, ends[first] ?? 0);
      if (word.length <= 15 && LEAD_WORDS.has(foldToken(word))) {
        // "Congrats to Leon Stratmann": then the function words after it.
        first++;
        while (first <= last && trims[first] === 1) first++;
      }
    }
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
    spans ??= [];
    spans.push({
      start: starts[first] ?? 0,
      end: ends[last] ?? 0,
      typeIndex: type,
      score: Math.round(score * 100) / 100,
    });
    i = j;
  }
  return spans ?? NO_SPANS;
}

// Local copies of model.ts's tag helpers (see T above).
function typeOfTag(tag: number): number {
  return (tag - 1) >> 1;
}
function isBegin(tag: number): boolean {
  return tag > 0 && tag % 2 === 1;
}
