import { describe, expect, it } from 'vitest';
import { resolveOverlaps } from '../analyzer.js';
import { createCreditCardRecognizer } from './credit-card.js';

const recognizer = createCreditCardRecognizer();
type Case = readonly [text: string, expected: readonly string[]];

function detected(text: string, country?: string): string[] {
  const spans = recognizer.analyze({ text, ...(country ? { country } : {}) }).filter((s) => s.score >= 0.5);
  return resolveOverlaps(spans, text.length).map((s) => text.slice(s.start, s.end));
}

const cases: readonly Case[] = [
  ['card 4111 1111 1111 1111 ok', ['4111 1111 1111 1111']],
  ['amex 378282246310005', ['378282246310005']],
  ['mc 5555-5555-5555-4444', ['5555-5555-5555-4444']],
  ['bad luhn 4111 1111 1111 1112', []],
  ['unknown issuer 9111111111111111', []],
  ['order 1234567890123', []],
];

describe('credit-card recognizer', () => {
  it.each(cases)('%j → %j', (text, expected) => {
    expect(detected(text)).toEqual(expected);
  });
});
