import { describe, expect, it } from 'vitest';
import { resolveOverlaps } from '../analyzer.js';
import { createNationalIdRecognizer } from './national-id.js';

const recognizer = createNationalIdRecognizer();
type Case = readonly [text: string, expected: readonly string[]];

function detected(text: string, country?: string): string[] {
  const spans = recognizer.analyze({ text, ...(country ? { country } : {}) }).filter((s) => s.score >= 0.5);
  return resolveOverlaps(spans, text.length).map((s) => text.slice(s.start, s.end));
}

const cases: readonly Case[] = [
  ["Here's my SSN: 460-89-9847", ['460-89-9847']],
  ['ssn 666-12-3456', []],
  ['NINO AB 12 34 56 C', ['AB 12 34 56 C']],
  ['CPF 111.444.777-35', ['111.444.777-35']],
  ['CPF 111.444.777-36', []],
  ['CNPJ 11.222.333/0001-81', ['11.222.333/0001-81']],
  ['DNI 12345678Z', ['12345678Z']],
  ['DNI 12345678A', []],
  ['NIE X1234567L', ['X1234567L']],
  ['codice fiscale RSSMRA85T10A562S', ['RSSMRA85T10A562S']],
  ['Aadhaar 2345 6789 0129', ['2345 6789 0129']],
  ['Aadhaar 2345 6789 0124', []],
  ['PAN ABCPE1234F', ['ABCPE1234F']],
  ['BSN 111222333', ['111222333']],
  ['Steuer-ID 86095742719', ['86095742719']],
  ['SIN 130 692 544', ['130 692 544']],
  ["my driver's license number is F162823540116", ['F162823540116']],
  ['order 123456789 shipped', []],
];

describe('national-id recognizer', () => {
  it.each(cases)('%j → %j', (text, expected) => {
    expect(detected(text)).toEqual(expected);
  });
});
