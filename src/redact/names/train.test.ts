import { describe, expect, it } from 'vitest';
import { NUM_TAGS } from './model.js';
import { type TrainingSequence, trainPerceptron } from './train.js';

// Hand-made sequences over a tiny table: feature 1 is a word seen only as a one-token PERSON name, feature 2 a word
// seen only as O, feature 3 a word seen as both (a name that is also a common word).
const B_PERSON = 1;

function sequence(
  tokens: readonly { readonly features: readonly number[]; readonly gold: number }[],
): TrainingSequence {
  const offsets = new Int32Array(tokens.length + 1);
  const features: number[] = [];
  tokens.forEach((token, i) => {
    offsets[i] = features.length;
    features.push(...token.features);
  });
  offsets[tokens.length] = features.length;
  return {
    n: tokens.length,
    offsets,
    features: Int32Array.from(features),
    wordFeature: Int32Array.from(tokens.map((_, i) => offsets[i] ?? 0)),
    gold: Uint8Array.from(tokens.map((t) => t.gold)),
  };
}

const SEQUENCES: readonly TrainingSequence[] = [
  sequence([
    { features: [2], gold: 0 },
    { features: [1], gold: B_PERSON },
  ]),
  sequence([
    { features: [3], gold: B_PERSON },
    { features: [2], gold: 0 },
  ]),
  sequence([
    { features: [2], gold: 0 },
    { features: [3], gold: 0 },
  ]),
  sequence([
    { features: [3], gold: 0 },
    { features: [2], gold: 0 },
  ]),
];

const BASE = { tableBits: 4, epochs: 6, seed: 7, wordDropout: 0 } as const;

/** Learnt score of B-PERSON over O for one feature row. */
function personGap(weights: Float32Array, feature: number): number {
  return (weights[feature * NUM_TAGS + B_PERSON] ?? 0) - (weights[feature * NUM_TAGS] ?? 0);
}

describe('trainPerceptron margin', () => {
  it('a zero margin trains exactly the plain perceptron', () => {
    const plain = trainPerceptron(SEQUENCES, BASE);
    const zero = trainPerceptron(SEQUENCES, { ...BASE, margin: [0, 0, 0] });
    expect([...zero.weights]).toEqual([...plain.weights]);
    expect([...zero.transitions]).toEqual([...plain.transitions]);
  });

  it('a PERSON margin widens the gap by which gold names win', () => {
    const plain = trainPerceptron(SEQUENCES, BASE);
    const margin = trainPerceptron(SEQUENCES, { ...BASE, margin: [5, 0, 0] });
    expect(personGap(margin.weights, 1)).toBeGreaterThan(personGap(plain.weights, 1));
    // The word only ever seen as O still scores O above B-PERSON.
    expect(personGap(margin.weights, 2)).toBeLessThan(0);
  });

  it('a margin on another type leaves PERSON-only data as the plain perceptron learns it', () => {
    const plain = trainPerceptron(SEQUENCES, BASE);
    const other = trainPerceptron(SEQUENCES, { ...BASE, margin: [0, 5, 5] });
    expect([...other.weights]).toEqual([...plain.weights]);
  });
});
