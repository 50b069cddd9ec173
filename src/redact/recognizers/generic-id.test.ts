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
  ['my bank account 123456789 routing 021000021', ['123456789', '021000021']],
  ['checking acct #: 0012345678', ['0012345678']],
  ['acct no. 44-1122-33', ['44-1122-33']],
  ['auf mein Konto 1.500 Euro', []],
  ['mam na konto 500 zł', []],
  ['Konto 2024 abgeschlossen', []],
  ['my savings account 10000 dollars', []],
  ['moved 250000 € to my savings account 123456 €', []],
  ['routing 100% of traffic', []],
  ['routing 443 to 8443', []],
  ['Chase acct last 4821', []],
  ['acct no: AB123456', ['AB123456']],
  ['acct: 12345678x', ['12345678x']],
  ['savings account 125 000 000 dollars', []],
  ['sort code 12-34-56, account number 31926819', ['12-34-56', '31926819']],
  ['Kontonummer: 1234567890', ['1234567890']],
  ['mi número de cuenta es 0049 1500 05 1234567892', ['0049 1500 05 1234567892']],
  ['numéro de compte 00012345678', ['00012345678']],
  ['conta corrente 12345-6', ['12345-6']],
  ['Chase acct ending 4821', []],
  ['el hospital cuenta con 300 camas', []],
  ['my account was hacked in 2019', []],
];

describe('generic-id recognizer', () => {
  it.each(cases)('%j → %j', (text, expected) => {
    expect(detected(text)).toEqual(expected);
  });
});
