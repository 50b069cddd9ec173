// First-order Viterbi decoding over BIO tags with the I-after-B/I constraint; used by training and tagging.

import { NUM_TAGS, transitionAllowed } from './model.js';

// For each tag, the previous tags it may follow (prev = -1 is the start): I-X only after B-X or I-X.
const PREDECESSORS: readonly Int8Array[] = Array.from({ length: NUM_TAGS }, (_, tag) => {
  const list: number[] = [];
  for (let p = 0; p < NUM_TAGS; p++) if (transitionAllowed(p, tag)) list.push(p);
  return Int8Array.from(list);
});
const START_ALLOWED = Uint8Array.from({ length: NUM_TAGS }, (_, tag) => (transitionAllowed(-1, tag) ? 1 : 0));

/** Reusable buffers for `viterbi`, so a tagger does not allocate per text. */
export interface ViterbiScratch {
  back: Uint8Array;
  prev: Float64Array;
  next: Float64Array;
}

export function createViterbiScratch(): ViterbiScratch {
  return { back: new Uint8Array(256 * NUM_TAGS), prev: new Float64Array(NUM_TAGS), next: new Float64Array(NUM_TAGS) };
}

/**
 * Best tag sequence for `n` tokens given emission scores (`emissions[i * NUM_TAGS + tag]`) and transition
 * scores (`transitions[(prev + 1) * NUM_TAGS + tag]`, prev = -1 at the start). Writes tags into `out`.
 */
export function viterbi(
  emissions: Float32Array,
  n: number,
  transitions: Float32Array,
  out: Uint8Array,
  scratch: ViterbiScratch = createViterbiScratch(),
): void {
  if (n === 0) return;
  if (scratch.back.length < n * NUM_TAGS) scratch.back = new Uint8Array(n * NUM_TAGS * 2);
  const back = scratch.back;
  let prevScores = scratch.prev;
  let scores = scratch.next;
  for (let t = 0; t < NUM_TAGS; t++) {
    prevScores[t] = START_ALLOWED[t] === 1 ? (transitions[t] as number) + (emissions[t] as number) : -1e30;
  }
  for (let i = 1; i < n; i++) {
    const base = i * NUM_TAGS;
    for (let t = 0; t < NUM_TAGS; t++) {
      const preds = PREDECESSORS[t] as Int8Array;
      let best = -1e300;
      let arg = 0;
      for (let k = 0; k < preds.length; k++) {
        const p = preds[k] as number;
        const s = (prevScores[p] as number) + (transitions[(p + 1) * NUM_TAGS + t] as number);
        if (s > best) {
          best = s;
          arg = p;
        }
      }
      scores[t] = best + (emissions[base + t] as number);
      back[base + t] = arg;
    }
    const swap = prevScores;
    prevScores = scores;
    scores = swap;
  }
  let bestTag = 0;
  let best = -1e300;
  for (let t = 0; t < NUM_TAGS; t++) {
    if ((prevScores[t] as number) > best) {
      best = prevScores[t] as number;
      bestTag = t;
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    out[i] = bestTag;
    bestTag = back[i * NUM_TAGS + bestTag] as number;
  }
}
