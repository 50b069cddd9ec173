// Training of the name tagger: a structured averaged perceptron over hashed token features with Viterbi decoding.
// Deterministic: documents are visited in a seeded order, and feature dropout uses the same seeded generator.

import { seededRandom } from '../../domain/seeded-random.js';
import {
  CASE_NONE,
  caseContextFeature,
  documentCase,
  endsSentence,
  positionFeatures,
  ROLE,
  type WordFeatures,
  wordFeatures,
} from './features.js';
import type { Gazetteer } from './gazetteer.js';
import { NUM_TAGS, TAG_TYPES, tagTypeIndex } from './model.js';
import { tokenize } from './tokenize.js';
import { viterbi } from './viterbi.js';

export interface TrainingDocument {
  readonly text: string;
  readonly spans: readonly { readonly start: number; readonly end: number; readonly type: string }[];
}

/** One tokenized document: per token, a slice of hashed feature ids and the gold tag. */
export interface TrainingSequence {
  readonly n: number;
  readonly offsets: Int32Array;
  readonly features: Int32Array;
  /** Index into `features` of each token's own word-identity feature (the one feature dropout may hide). */
  readonly wordFeature: Int32Array;
  readonly gold: Uint8Array;
}

export interface TrainOptions {
  readonly tableBits: number;
  readonly epochs: number;
  readonly seed: number;
  /** Probability of hiding a token's word-identity feature in one pass, so shape, gazetteer and context learn. */
  readonly wordDropout: number;
  /**
   * Cost-augmented decoding in training: per type in TAG_TYPES order, a score added to every wrong tag of a token
   * whose gold tag is of that type, so the model learns to win those tokens by a margin (recall learnt in training,
   * instead of a uniform decoding bias afterwards). Default 0 each (the plain perceptron).
   */
  readonly margin?: readonly number[];
  readonly onEpoch?: (epoch: number, errors: number, tokens: number) => void;
}

export interface TrainedWeights {
  readonly weights: Float32Array;
  readonly transitions: Float32Array;
}

/** Gold BIO tags of a document's tokens; spans of other types (and IGNORE) are O. */
export function goldTags(doc: TrainingDocument, starts: Int32Array, ends: Int32Array, n: number): Uint8Array {
  const tags = new Uint8Array(n);
  for (const span of doc.spans) {
    const typeIndex = TAG_TYPES.indexOf(span.type as (typeof TAG_TYPES)[number]);
    if (typeIndex < 0) continue;
    let first = true;
    for (let i = 0; i < n; i++) {
      if ((starts[i] ?? 0) < span.end && (ends[i] ?? 0) > span.start) {
        tags[i] = 1 + typeIndex * 2 + (first ? 0 : 1);
        first = false;
      }
    }
  }
  return tags;
}

/** Tokenizes and featurizes a document exactly as the tagger does at run time. */
export function prepareSequence(
  doc: TrainingDocument,
  gazetteer: Gazetteer,
  tableBits: number,
  cache: Map<string, WordFeatures>,
): TrainingSequence {
  const mask = (1 << tableBits) - 1;
  const tokens = tokenize(doc.text);
  const n = tokens.count;
  const words: WordFeatures[] = [];
  const cases = new Uint8Array(n);
  const sentenceStarts = new Uint8Array(n);
  let sentenceStart = 1;
  for (let i = 0; i < n; i++) {
    const token = doc.text.slice(tokens.starts[i], tokens.ends[i]);
    let features = cache.get(token);
    if (features === undefined) {
      features = wordFeatures(token, gazetteer);
      cache.set(token, features);
    }
    words.push(features);
    cases[i] = features.caseClass;
    sentenceStarts[i] = sentenceStart;
    sentenceStart = endsSentence(token) ? 1 : 0;
  }
  const docCase = documentCase(cases, sentenceStarts);
  const list: number[] = [];
  const offsets = new Int32Array(n + 1);
  const wordFeature = new Int32Array(n);
  const roleAt = (i: number, role: number): readonly number[] => words[i]?.byRole[role] ?? [];
  for (let i = 0; i < n; i++) {
    offsets[i] = list.length;
    const gaz = words[i]?.gazetteer ?? 0;
    for (const id of positionFeatures(docCase, cases[i] ?? 0, sentenceStarts[i] ?? 0, gaz)) list.push(id & mask);
    const previous = i > 0 ? (cases[i - 1] ?? CASE_NONE) : CASE_NONE;
    const next = i + 1 < n ? (cases[i + 1] ?? CASE_NONE) : CASE_NONE;
    list.push(caseContextFeature(previous, cases[i] ?? 0, next) & mask);
    wordFeature[i] = list.length;
    for (const id of roleAt(i, ROLE.SELF)) list.push(id & mask);
    if (i > 0) for (const id of roleAt(i - 1, ROLE.PREV)) list.push(id & mask);
    if (i + 1 < n) for (const id of roleAt(i + 1, ROLE.NEXT)) list.push(id & mask);
    if (i > 1) for (const id of roleAt(i - 2, ROLE.PREV2)) list.push(id & mask);
    if (i + 2 < n) for (const id of roleAt(i + 2, ROLE.NEXT2)) list.push(id & mask);
  }
  offsets[n] = list.length;
  return {
    n,
    offsets,
    features: Int32Array.from(list),
    wordFeature,
    gold: goldTags(doc, tokens.starts, tokens.ends, n),
  };
}

/** Trains averaged perceptron weights (row-major: `weights[bucket * NUM_TAGS + tag]`). */
export function trainPerceptron(sequences: readonly TrainingSequence[], options: TrainOptions): TrainedWeights {
  const size = (1 << options.tableBits) * NUM_TAGS;
  const w = new Float32Array(size);
  const u = new Float64Array(size);
  const tSize = (NUM_TAGS + 1) * NUM_TAGS;
  const tw = new Float64Array(tSize);
  const tu = new Float64Array(tSize);
  const random = seededRandom(options.seed);
  const order = sequences.map((_, i) => i);
  let c = 1;
  const transitionsView = new Float32Array(tSize);
  const margins = options.margin ?? [];
  const hasMargin = margins.some((m) => m !== 0);

  for (let epoch = 0; epoch < options.epochs; epoch++) {
    // Fisher-Yates with the seeded generator: a fixed, different order every epoch.
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      const tmp = order[i] ?? 0;
      order[i] = order[j] ?? 0;
      order[j] = tmp;
    }
    let errors = 0;
    let tokens = 0;
    for (const index of order) {
      const seq = sequences[index];
      if (seq === undefined || seq.n === 0) continue;
      const { n, offsets, features, wordFeature, gold } = seq;
      const dropped = new Uint8Array(n);
      for (let i = 0; i < n; i++) dropped[i] = random() < options.wordDropout ? 1 : 0;
      const emissions = new Float32Array(n * NUM_TAGS);
      for (let i = 0; i < n; i++) {
        const skip = dropped[i] === 1 ? (wordFeature[i] ?? -1) : -1;
        for (let k = offsets[i] ?? 0; k < (offsets[i + 1] ?? 0); k++) {
          if (k === skip) continue;
          const row = (features[k] ?? 0) * NUM_TAGS;
          for (let t = 0; t < NUM_TAGS; t++)
            emissions[i * NUM_TAGS + t] = (emissions[i * NUM_TAGS + t] ?? 0) + (w[row + t] ?? 0);
        }
      }
      if (hasMargin) {
        for (let i = 0; i < n; i++) {
          const g = gold[i] ?? 0;
          if (g === 0) continue;
          const m = margins[tagTypeIndex(g)] ?? 0;
          for (let t = 0; t < NUM_TAGS; t++)
            if (t !== g) emissions[i * NUM_TAGS + t] = (emissions[i * NUM_TAGS + t] ?? 0) + m;
        }
      }
      for (let i = 0; i < tSize; i++) transitionsView[i] = tw[i] ?? 0;
      const predicted = new Uint8Array(n);
      viterbi(emissions, n, transitionsView, predicted);
      tokens += n;
      for (let i = 0; i < n; i++) {
        const g = gold[i] ?? 0;
        const p = predicted[i] ?? 0;
        if (g !== p) {
          errors++;
          const skip = dropped[i] === 1 ? (wordFeature[i] ?? -1) : -1;
          for (let k = offsets[i] ?? 0; k < (offsets[i + 1] ?? 0); k++) {
            if (k === skip) continue;
            const row = (features[k] ?? 0) * NUM_TAGS;
            w[row + g] = (w[row + g] ?? 0) + 1;
            u[row + g] = (u[row + g] ?? 0) + c;
            w[row + p] = (w[row + p] ?? 0) - 1;
            u[row + p] = (u[row + p] ?? 0) - c;
          }
        }
        const gPrev = i === 0 ? -1 : (gold[i - 1] ?? 0);
        const pPrev = i === 0 ? -1 : (predicted[i - 1] ?? 0);
        if (g !== p || gPrev !== pPrev) {
          const gi = (gPrev + 1) * NUM_TAGS + g;
          const pi = (pPrev + 1) * NUM_TAGS + p;
          tw[gi] = (tw[gi] ?? 0) + 1;
          tu[gi] = (tu[gi] ?? 0) + c;
          tw[pi] = (tw[pi] ?? 0) - 1;
          tu[pi] = (tu[pi] ?? 0) - c;
        }
      }
      c++;
    }
    options.onEpoch?.(epoch + 1, errors, tokens);
  }
  // Averaging: the mean of the weights over all steps is w - u / c.
  const weights = new Float32Array(size);
  for (let i = 0; i < size; i++) weights[i] = (w[i] ?? 0) - (u[i] ?? 0) / c;
  const transitions = new Float32Array(tSize);
  for (let i = 0; i < tSize; i++) transitions[i] = (tw[i] ?? 0) - (tu[i] ?? 0) / c;
  return { weights, transitions };
}
