// Every recognizer must stay linear on hostile input; this test checks that 1 MB of each pattern completes (timings
// are printed by bench/redact.ts, not asserted here).

import { describe, expect, it } from 'vitest';
import { adversarialInputs } from './adversarial-inputs.js';
import { createDefaultRecognizers } from './registry.js';

const MB = 1024 * 1024;

describe('adversarial input', () => {
  const inputs = adversarialInputs(MB);
  const recognizers = createDefaultRecognizers().filter((r) => r.name !== 'name-tagger');

  it.each(Object.keys(inputs))('every pattern recognizer finishes on 1 MB of %s', (name) => {
    const text = inputs[name] as string;
    for (const recognizer of recognizers) {
      const spans = recognizer.analyze({ text });
      expect(Array.isArray(spans)).toBe(true);
    }
  });
});
