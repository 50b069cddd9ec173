import { describe, expect, it } from 'vitest';
import { resolveOverlaps } from '../analyzer.js';
import { createIbanRecognizer } from './iban.js';

const recognizer = createIbanRecognizer();
type Case = readonly [text: string, expected: readonly string[]];

function detected(text: string, country?: string): string[] {
  const spans = recognizer.analyze({ text, ...(country ? { country } : {}) }).filter((s) => s.score >= 0.5);
  return resolveOverlaps(spans, text.length).map((s) => text.slice(s.start, s.end));
}

const cases: readonly Case[] = [
  ['IBAN GB82WEST12345698765432.', ['GB82WEST12345698765432']],
  ['DE89 3704 0044 0532 0130 00 please', ['DE89 3704 0044 0532 0130 00']],
  ['ES9121000418450200051332', ['ES9121000418450200051332']],
  ['my iban is gb82west12345698765432', ['gb82west12345698765432']],
  ['bad check GB83WEST12345698765432', []],
  ['wrong length DE8937040044053201300', []],
];

describe('iban recognizer', () => {
  it.each(cases)('%j → %j', (text, expected) => {
    expect(detected(text)).toEqual(expected);
  });
});
