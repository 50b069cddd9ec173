// First-order Viterbi decoding over BIO tags with the I-after-B/I constraint; used by training and tagging.

import { NUM_TAGS, transitionAllowed } from './model.js';

// For each tag, the previous tags it may follow (prev = -1 is the start): I-X only after B-X or I-X.
const PREDECESSORS: readonly Int8Array[] = Array.from({ length: NUM_TAGS }, (_, tag) => {
  const list: number[] = [];
  for (let p = 0; p < NUM_TAGS; p++) if (transitionAllowed(p, tag)) list.push(p);
  return Int8Array.from(list);
});
// Flattened: predecessors of tag t are PRED_FLAT[PRED_START[t] .. PRED_START[t + 1]).
const PRED_START = Int32Array.from({ length: NUM_TAGS + 1 }, (_, t) =>
  PREDECESSORS.slice(0, t).reduce((sum, preds) => sum + preds.length, 0),
);
const PRED_FLAT = Int8Array.from(PREDECESSORS.flatMap((preds) => [...preds]));
// A module-local copy: reading an imported binding in the inner loop costs a getter call under some loaders (tsx).
const T: number = NUM_TAGS;
const START_ALLOWED = Uint8Array.from({ length: NUM_TAGS }, (_, tag) => (transitionAllowed(-1, tag) ? 1 : 0));

/** Reusable buffers for `viterbi`, so a tagger does not allocate per text. */
export interface ViterbiScratch {
  back: Uint8Array;
  prev: Float64Array;
  next: Float64Array;
  /** viterbi7's O-dominance thresholds (see oDominance), and the transition matrix they were derived from. */
  dominance: Float64Array;
  dominanceOf: Float64Array | undefined;
}

export function createViterbiScratch(): ViterbiScratch {
  return {
    back: new Uint8Array(256 * NUM_TAGS),
    prev: new Float64Array(NUM_TAGS),
    next: new Float64Array(NUM_TAGS),
    dominance: new Float64Array(NUM_TAGS),
    dominanceOf: undefined,
  };
}

/**
 * Per previous tag p (1..6), a threshold K'[p] such that `s[O] - s[p] >= K'[p]` (computed in float64) implies, for
 * O and every B tag t, that `s[O] + tr[O -> t] >= s[p] + tr[p -> t]` in exact arithmetic, hence (rounding is
 * monotonic) that the float sums compare the same way, so O is the predecessor viterbi7's strict comparisons keep:
 * the tightest bound is K[p] = max over t of tr[p -> t] - tr[O -> t]. K' adds 1e-6 for the rounding of that
 * difference and of `s[O] - s[p]`, whose error is at most 2^-53 |s[O] - s[p]| (< 1.2e-7 below 1e9; above it the
 * test fails or the true difference is far above any K' allowed here). Thresholds beyond 1e6 in size, where that
 * argument would not hold, are +Infinity: that tag never lets the shortcut run.
 */
function oDominance(tr: Float64Array, into: Float64Array): void {
  into[0] = Number.POSITIVE_INFINITY;
  for (let p = 1; p < 7; p++) {
    let k = Number.NEGATIVE_INFINITY;
    for (const t of B_OR_O) k = Math.max(k, (tr[(p + 1) * 7 + t] as number) - (tr[7 + t] as number));
    into[p] = Math.abs(k) <= 1e6 ? k + 1e-6 : Number.POSITIVE_INFINITY;
  }
}
/** O and the B tags: the tags every tag may precede. */
const B_OR_O = [0, 1, 3, 5] as const;

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
  if (scratch.back.length < n * T) scratch.back = new Uint8Array(n * T * 2);
  const back = scratch.back;
  let prevScores = scratch.prev;
  let scores = scratch.next;
  for (let t = 0; t < T; t++) {
    prevScores[t] = START_ALLOWED[t] === 1 ? (transitions[t] as number) + (emissions[t] as number) : -1e30;
  }
  for (let i = 1; i < n; i++) {
    const base = i * T;
    for (let t = 0; t < T; t++) {
      // Predecessors in ascending order with a strict comparison: ties keep the lowest tag, as always.
      let best = -1e300;
      let arg = 0;
      for (let k = PRED_START[t] as number, end = PRED_START[t + 1] as number; k < end; k++) {
        const p = PRED_FLAT[k] as number;
        const s = (prevScores[p] as number) + (transitions[(p + 1) * T + t] as number);
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
  for (let t = 0; t < T; t++) {
    if ((prevScores[t] as number) > best) {
      best = prevScores[t] as number;
      bestTag = t;
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    out[i] = bestTag;
    bestTag = back[i * T + bestTag] as number;
  }
}

/**
 * `viterbi` specialised to the tagger's 7 tags (O, B/I x 3): the same additions, comparisons and tie-breaking
 * (lowest predecessor wins a tie), unrolled over local variables. `transitions64` is the transition matrix widened
 * to float64 (exact), so every sum is bit-identical to `viterbi`'s. The scratch keeps thresholds derived from the
 * matrix it last saw, by identity: pass a new array, never one changed in place, when the transitions change.
 */
export function viterbi7(
  emissions: Float32Array,
  n: number,
  transitions64: Float64Array,
  out: Uint8Array,
  scratch: ViterbiScratch,
): void {
  if (n === 0) return;
  if (scratch.back.length < n * 7) scratch.back = new Uint8Array(n * 7 * 2);
  const back = scratch.back;
  const e = emissions;
  const tr = transitions64;
  if (scratch.dominanceOf !== tr) {
    oDominance(tr, scratch.dominance);
    scratch.dominanceOf = tr;
  }
  const dominance = scratch.dominance;
  const k1 = dominance[1] as number;
  const k2 = dominance[2] as number;
  const k3 = dominance[3] as number;
  const k4 = dominance[4] as number;
  const k5 = dominance[5] as number;
  const k6 = dominance[6] as number;
  // Start row: B tags and O may open a text, I tags may not.
  let s0 = (tr[0] as number) + (e[0] as number);
  let s1 = (tr[1] as number) + (e[1] as number);
  let s2 = -1e30;
  let s3 = (tr[3] as number) + (e[3] as number);
  let s4 = -1e30;
  let s5 = (tr[5] as number) + (e[5] as number);
  let s6 = -1e30;
  // The transition scores the loop reads, in locals: no typed-array load or bounds check per token.
  const t7 = tr[7] as number;
  const t8 = tr[8] as number;
  const t10 = tr[10] as number;
  const t12 = tr[12] as number;
  const t14 = tr[14] as number;
  const t15 = tr[15] as number;
  const t16 = tr[16] as number;
  const t17 = tr[17] as number;
  const t19 = tr[19] as number;
  const t21 = tr[21] as number;
  const t22 = tr[22] as number;
  const t23 = tr[23] as number;
  const t24 = tr[24] as number;
  const t26 = tr[26] as number;
  const t28 = tr[28] as number;
  const t29 = tr[29] as number;
  const t31 = tr[31] as number;
  const t32 = tr[32] as number;
  const t33 = tr[33] as number;
  const t35 = tr[35] as number;
  const t36 = tr[36] as number;
  const t38 = tr[38] as number;
  const t39 = tr[39] as number;
  const t40 = tr[40] as number;
  const t42 = tr[42] as number;
  const t43 = tr[43] as number;
  const t45 = tr[45] as number;
  const t47 = tr[47] as number;
  const t48 = tr[48] as number;
  const t49 = tr[49] as number;
  const t50 = tr[50] as number;
  const t52 = tr[52] as number;
  const t54 = tr[54] as number;
  const t55 = tr[55] as number;
  for (let i = 1; i < n; i++) {
    const base = i * 7;
    let b0 = s0 + t7;
    let a0 = 0;
    let b1 = s0 + t8;
    let a1 = 0;
    let b3 = s0 + t10;
    let a3 = 0;
    let b5 = s0 + t12;
    let a5 = 0;
    // Most tokens follow a clear O: then O is the best predecessor of O and of every B tag (see oDominance), and only
    // the I tags need comparing. Otherwise all four compare every predecessor, as below.
    if (!(s0 - s1 >= k1 && s0 - s2 >= k2 && s0 - s3 >= k3 && s0 - s4 >= k4 && s0 - s5 >= k5 && s0 - s6 >= k6)) {
      {
        const x = s1 + t14;
        if (x > b0) {
          b0 = x;
          a0 = 1;
        }
      }
      {
        const x = s2 + t21;
        if (x > b0) {
          b0 = x;
          a0 = 2;
        }
      }
      {
        const x = s3 + t28;
        if (x > b0) {
          b0 = x;
          a0 = 3;
        }
      }
      {
        const x = s4 + t35;
        if (x > b0) {
          b0 = x;
          a0 = 4;
        }
      }
      {
        const x = s5 + t42;
        if (x > b0) {
          b0 = x;
          a0 = 5;
        }
      }
      {
        const x = s6 + t49;
        if (x > b0) {
          b0 = x;
          a0 = 6;
        }
      }
      {
        const x = s1 + t15;
        if (x > b1) {
          b1 = x;
          a1 = 1;
        }
      }
      {
        const x = s2 + t22;
        if (x > b1) {
          b1 = x;
          a1 = 2;
        }
      }
      {
        const x = s3 + t29;
        if (x > b1) {
          b1 = x;
          a1 = 3;
        }
      }
      {
        const x = s4 + t36;
        if (x > b1) {
          b1 = x;
          a1 = 4;
        }
      }
      {
        const x = s5 + t43;
        if (x > b1) {
          b1 = x;
          a1 = 5;
        }
      }
      {
        const x = s6 + t50;
        if (x > b1) {
          b1 = x;
          a1 = 6;
        }
      }
      {
        const x = s1 + t17;
        if (x > b3) {
          b3 = x;
          a3 = 1;
        }
      }
      {
        const x = s2 + t24;
        if (x > b3) {
          b3 = x;
          a3 = 2;
        }
      }
      {
        const x = s3 + t31;
        if (x > b3) {
          b3 = x;
          a3 = 3;
        }
      }
      {
        const x = s4 + t38;
        if (x > b3) {
          b3 = x;
          a3 = 4;
        }
      }
      {
        const x = s5 + t45;
        if (x > b3) {
          b3 = x;
          a3 = 5;
        }
      }
      {
        const x = s6 + t52;
        if (x > b3) {
          b3 = x;
          a3 = 6;
        }
      }
      {
        const x = s1 + t19;
        if (x > b5) {
          b5 = x;
          a5 = 1;
        }
      }
      {
        const x = s2 + t26;
        if (x > b5) {
          b5 = x;
          a5 = 2;
        }
      }
      {
        const x = s3 + t33;
        if (x > b5) {
          b5 = x;
          a5 = 3;
        }
      }
      {
        const x = s4 + t40;
        if (x > b5) {
          b5 = x;
          a5 = 4;
        }
      }
      {
        const x = s5 + t47;
        if (x > b5) {
          b5 = x;
          a5 = 5;
        }
      }
      {
        const x = s6 + t54;
        if (x > b5) {
          b5 = x;
          a5 = 6;
        }
      }
    }
    let b2 = s1 + t16;
    let a2 = 1;
    {
      const x = s2 + t23;
      if (x > b2) {
        b2 = x;
        a2 = 2;
      }
    }
    let b4 = s3 + t32;
    let a4 = 3;
    {
      const x = s4 + t39;
      if (x > b4) {
        b4 = x;
        a4 = 4;
      }
    }
    let b6 = s5 + t48;
    let a6 = 5;
    {
      const x = s6 + t55;
      if (x > b6) {
        b6 = x;
        a6 = 6;
      }
    }
    back[base + 0] = a0;
    back[base + 1] = a1;
    back[base + 2] = a2;
    back[base + 3] = a3;
    back[base + 4] = a4;
    back[base + 5] = a5;
    back[base + 6] = a6;
    s0 = b0 + (e[base + 0] as number);
    s1 = b1 + (e[base + 1] as number);
    s2 = b2 + (e[base + 2] as number);
    s3 = b3 + (e[base + 3] as number);
    s4 = b4 + (e[base + 4] as number);
    s5 = b5 + (e[base + 5] as number);
    s6 = b6 + (e[base + 6] as number);
  }
  let bestTag = 0;
  let best = s0;
  if (s1 > best) {
    best = s1;
    bestTag = 1;
  }
  if (s2 > best) {
    best = s2;
    bestTag = 2;
  }
  if (s3 > best) {
    best = s3;
    bestTag = 3;
  }
  if (s4 > best) {
    best = s4;
    bestTag = 4;
  }
  if (s5 > best) {
    best = s5;
    bestTag = 5;
  }
  if (s6 > best) {
    best = s6;
    bestTag = 6;
  }
  for (let i = n - 1; i >= 0; i--) {
    out[i] = bestTag;
    bestTag = back[i * 7 + bestTag] as number;
  }
}
