import { describe, expect, it } from 'vitest';
import { resolveOverlaps } from '../analyzer.js';
import { createPassportRecognizer } from './passport.js';

const recognizer = createPassportRecognizer();
type Case = readonly [text: string, expected: readonly string[]];

function detected(text: string, country?: string): string[] {
  const spans = recognizer.analyze({ text, ...(country ? { country } : {}) }).filter((s) => s.score >= 0.5);
  return resolveOverlaps(spans, text.length).map((s) => text.slice(s.start, s.end));
}

const cases: readonly Case[] = [
  ['passport number: X12345678', ['X12345678']],
  ['Mi pasaporte es AB1234567', ['AB1234567']],
  ['order number 123456789', []],
  ['X12345678 without context', []],
];

describe('passport recognizer', () => {
  it.each(cases)('%j → %j', (text, expected) => {
    expect(detected(text)).toEqual(expected);
  });
});
