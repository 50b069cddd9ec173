import { describe, expect, it } from 'vitest';
import { resolveOverlaps } from '../analyzer.js';
import { createAgeRecognizer } from './age.js';

const recognizer = createAgeRecognizer();
type Case = readonly [text: string, expected: readonly string[]];

function detected(text: string, country?: string): string[] {
  const spans = recognizer.analyze({ text, ...(country ? { country } : {}) }).filter((s) => s.score >= 0.5);
  return resolveOverlaps(spans, text.length).map((s) => text.slice(s.start, s.end));
}

const cases: readonly Case[] = [
  ['This 79 year old female', ['79 year old']],
  ['He just turned 64.', ['64']],
  ['Varón de 53 años con dolor', ['53 años']],
  ['Edad: 73 años', ['73 años']],
  ['lactante de cinco meses', ['cinco meses']],
  ['sie ist 45 Jahre alt', ['45 Jahre alt']],
  ['hace 3 años fue operado', []],
  ['I have 3 cats', []],
];

describe('age recognizer', () => {
  it.each(cases)('%j → %j', (text, expected) => {
    expect(detected(text)).toEqual(expected);
  });
});
