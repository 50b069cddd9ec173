import { describe, expect, it } from 'vitest';
import { NUM_TAGS } from './model.js';
import { createViterbiScratch, viterbi, viterbi7 } from './viterbi.js';

describe('viterbi7 O-dominance shortcut', () => {
  // Texts like real ones: stretches whose tokens score O well above the rest (where the shortcut runs), name-like
  // stretches (where it must not), and coarse values, so that score differences land exactly on the shortcut's
  // thresholds and ties between predecessors are common.
  let seed = 99;
  const rand = (): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 2 ** 32;
  };
  const coarse = (spread: number): number => Math.floor(rand() * (2 * spread + 1)) - spread;
  const text = (n: number): Float32Array => {
    const emissions = new Float32Array(n * NUM_TAGS);
    let nameLike = false;
    for (let i = 0; i < n; i++) {
      if (rand() < 0.15) nameLike = !nameLike;
      for (let t = 0; t < NUM_TAGS; t++) emissions[i * NUM_TAGS + t] = coarse(4);
      if (!nameLike) emissions[i * NUM_TAGS] = (emissions[i * NUM_TAGS] ?? 0) + Math.floor(rand() * 12);
    }
    return emissions;
  };

  it('decodes exactly as the generic viterbi', () => {
    const scratch = createViterbiScratch();
    for (let round = 0; round < 1000; round++) {
      const transitions = Float32Array.from({ length: (NUM_TAGS + 1) * NUM_TAGS }, () => coarse(3));
      const transitions64 = Float64Array.from(transitions);
      // Two texts per matrix: the second reuses the thresholds derived for the first.
      for (let k = 0; k < 2; k++) {
        const n = 1 + Math.floor(rand() * 60);
        const emissions = text(n);
        const expected = new Uint8Array(n);
        const actual = new Uint8Array(n);
        viterbi(emissions, n, transitions, expected);
        viterbi7(emissions, n, transitions64, actual, scratch);
        expect([...actual], `round ${round}.${k}`).toEqual([...expected]);
      }
    }
  });
});
