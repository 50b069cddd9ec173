import { describe, expect, it } from 'vitest';
import { resolveOverlaps } from '../analyzer.js';
import { createDateRecognizer } from './date.js';

const recognizer = createDateRecognizer();
type Case = readonly [text: string, expected: readonly string[]];

function detected(text: string, country?: string): string[] {
  const spans = recognizer.analyze({ text, ...(country ? { country } : {}) }).filter((s) => s.score >= 0.5);
  return resolveOverlaps(spans, text.length).map((s) => text.slice(s.start, s.end));
}

const cases: readonly Case[] = [
  ['Fecha de Ingreso: 21/05/2015.', ['21/05/2015']],
  ['When: 1984-04-27 15:25:53', ['1984-04-27 15:25:53']],
  ['on 12 de marzo de 2019', ['12 de marzo de 2019']],
  ['on March 3rd, 2020', ['March 3rd, 2020']],
  ['am 3. Oktober 2021', ['3. Oktober 2021']],
  ['comenzó en septiembre de 2000', ['septiembre de 2000']],
  ['founded in 1977.', ['1977']],
  // The year after its preposition: words and spaces before it, each year once, none inside a word or number.
  ['in the year 1999 and since  2004', ['1999', '2004']],
  ['En el año 2009, desde\t2010', ['2009', '2010']],
  ['in 1999 2000', ['1999']],
  ['within 1999', []],
  ['in 12000', []],
  ['in 1999a', []],
  ['in de 1899', ['1899']],
  ['flew on Saturday', ['Saturday']],
  ['score 3/45/2020 and 13/13/2013', []],
  ['version 1.2.3', []],
];

describe('date recognizer', () => {
  it.each(cases)('%j → %j', (text, expected) => {
    expect(detected(text)).toEqual(expected);
  });
});

describe('date of birth', () => {
  it.each([
    ['She was born on 7/30/1964', '7/30/1964'],
    ['Fecha de nacimiento: 13/01/1977.', '13/01/1977'],
    ['DOB 1980-02-29', '1980-02-29'],
    ['geboren am 3. Oktober 1990', '3. Oktober 1990'],
    ['nací el 3 de abril de 1990 en Sevilla', '3 de abril de 1990'],
    ['eu nasci em 12/05/1988', '12/05/1988'],
    ['my bday is March 3rd, 1990', 'March 3rd, 1990'],
    ['mi cumpleaños es el 12 de marzo de 2001', '12 de marzo de 2001'],
    ['ich bin am 3. April 1990 geboren', '3. April 1990'],
  ])('%j is a DATE_OF_BIRTH', (text, value) => {
    const spans = resolveOverlaps(recognizer.analyze({ text }), text.length);
    expect(spans.map((s) => [s.type, text.slice(s.start, s.end)])).toEqual([['DATE_OF_BIRTH', value]]);
  });

  it.each([
    'Fecha de Ingreso: 21/05/2015',
    'am 3. April 1990 eröffnet, später geboren',
    'el cumplimiento del 3 de abril',
    'el plazo se cumple el 30 de junio de 2025',
  ])('keeps other dates as DATE: %j', (text) => {
    const spans = resolveOverlaps(recognizer.analyze({ text }), text.length);
    expect(spans.map((s) => s.type)).toEqual(['DATE']);
  });
});
