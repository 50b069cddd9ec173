import { describe, expect, it } from 'vitest';
import { resolveOverlaps } from '../analyzer.js';
import { createUsernameRecognizer } from './username.js';

const recognizer = createUsernameRecognizer();
type Case = readonly [text: string, expected: readonly string[]];

function detected(text: string, country?: string): string[] {
  const spans = recognizer.analyze({ text, ...(country ? { country } : {}) }).filter((s) => s.score >= 0.5);
  return resolveOverlaps(spans, text.length).map((s) => text.slice(s.start, s.end));
}

const cases: readonly Case[] = [
  ['thanks @jane_doe!', ['@jane_doe']],
  ['profile linkedin.com/in/jane-doe-123', ['linkedin.com/in/jane-doe-123']],
  ['https://github.com/octocat and https://x.com/home', ['https://github.com/octocat']],
  ['https://www.instagram.com/some.user/', ['https://www.instagram.com/some.user/']],
  ['username: jdoe_99, password hidden', ['jdoe_99']],
  ['Usuario: ana.lopez', ['ana.lopez']],
  ['mail jane@example.com', []],
  ['price @ 5 dollars', []],
];

describe('username recognizer', () => {
  it.each(cases)('%j → %j', (text, expected) => {
    expect(detected(text)).toEqual(expected);
  });
});
