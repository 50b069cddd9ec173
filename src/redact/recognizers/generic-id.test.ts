import { describe, expect, it } from 'vitest';
import { resolveOverlaps } from '../analyzer.js';
import { createGenericIdRecognizer } from './generic-id.js';

const recognizer = createGenericIdRecognizer();
type Case = readonly [text: string, expected: readonly string[]];

function detected(text: string, country?: string): string[] {
  const spans = recognizer.analyze({ text, ...(country ? { country } : {}) }).filter((s) => s.score >= 0.5);
  return resolveOverlaps(spans, text.length).map((s) => text.slice(s.start, s.end));
}

const cases: readonly Case[] = [
  ['NHC: 3496345.', ['3496345']],
  ['NASS: 46 38264865 44.', ['46 38264865 44']],
  ['Médico: Ana López NºCol: 28 28 56930.', ['28 28 56930']],
  ['Employee ID: E-40213 joined', ['E-40213']],
  ['patient no. 7788123', ['7788123']],
  ['nº de historia clínica 556677', ['556677']],
  ['the patient was seen at 10', []],
  // A label word takes the space after it: "customers 12345" names no customer number.
  ['Customer No. 4411 called', ['4411']],
  ['customers 12345 strong', []],
  ['Número de colegiado: 282812345', ['282812345']],
  ['NºCol 28 28 12345', ['28 28 12345']],
  ['userid=998877', ['998877']],
  ['call 555 1234', []],
];

describe('generic-id recognizer', () => {
  it.each(cases)('%j → %j', (text, expected) => {
    expect(detected(text)).toEqual(expected);
  });
});
