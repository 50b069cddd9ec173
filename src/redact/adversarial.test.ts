// Every recognizer must stay linear on hostile input; this test checks that 1 MB of each pattern completes with spans
// inside the text (timings are printed by bench/redact.ts, not asserted here: a quadratic path shows as a timeout).

import { describe, expect, it } from 'vitest';
import { adversarialInputs } from './adversarial-inputs.js';
import type { DetectedSpan } from './recognizer.js';
import { createDefaultRecognizers } from './registry.js';

const MB = 1024 * 1024;

function expectInside(spans: readonly DetectedSpan[], text: string): void {
  for (const span of spans) {
    expect(span.start).toBeGreaterThanOrEqual(0);
    expect(span.end).toBeGreaterThan(span.start);
    expect(span.end).toBeLessThanOrEqual(text.length);
  }
}

describe('adversarial input', () => {
  const inputs = adversarialInputs(MB);
  const recognizers = createDefaultRecognizers().filter((r) => r.name !== 'name-tagger');

  it.each(Object.keys(inputs))('every pattern recognizer finishes on 1 MB of %s', (name) => {
    const text = inputs[name] as string;
    for (const recognizer of recognizers) expectInside(recognizer.analyze({ text }), text);
  });

  // The name recognizer on the inputs aimed at it, in a language with every rule on (a quarter of the size: its cost
  // per character is higher).
  const tagger = createDefaultRecognizers().find((r) => r.name === 'name-tagger');
  const nameInputs = adversarialInputs(MB / 4);
  it.each(['long-words', 'cue-lists', 'place-cues', 'letters', 'address-lists'])(
    'the name recognizer finishes on %s',
    (name) => {
      expect(tagger).toBeDefined();
      const text = nameInputs[name] as string;
      for (const lang of ['de', 'en']) expectInside(tagger?.analyze({ text, lang }) ?? [], text);
    },
  );
});
