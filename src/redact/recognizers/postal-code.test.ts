import { describe, expect, it } from 'vitest';
import { resolveOverlaps } from '../analyzer.js';
import { createPostalCodeRecognizer } from './postal-code.js';

const recognizer = createPostalCodeRecognizer();
type Case = readonly [text: string, expected: readonly string[]];

function detected(text: string, country?: string): string[] {
  const spans = recognizer.analyze({ text, ...(country ? { country } : {}) }).filter((s) => s.score >= 0.5);
  return resolveOverlaps(spans, text.length).map((s) => text.slice(s.start, s.end));
}

const cases: readonly Case[] = [
  ['London SW1A 1AA', ['SW1A 1AA']],
  ['Springfield, IL 62704', ['62704']],
  ['Ottawa K1A 0B1', ['K1A 0B1']],
  ['CEP 01310-100', ['01310-100']],
  ['28046 Madrid', ['28046']],
  ['zip code is 90210', ['90210']],
  ['I bought 12345 apples', []],
];

describe('postal-code recognizer', () => {
  it.each(cases)('%j → %j', (text, expected) => {
    expect(detected(text)).toEqual(expected);
  });
});
