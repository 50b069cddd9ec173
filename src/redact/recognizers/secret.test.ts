import { describe, expect, it } from 'vitest';
import { resolveOverlaps } from '../analyzer.js';
import { createSecretRecognizer } from './secret.js';

const recognizer = createSecretRecognizer();
type Case = readonly [text: string, expected: readonly string[]];

function detected(text: string, country?: string): string[] {
  const spans = recognizer.analyze({ text, ...(country ? { country } : {}) }).filter((s) => s.score >= 0.5);
  return resolveOverlaps(spans, text.length).map((s) => text.slice(s.start, s.end));
}

const cases: readonly Case[] = [
  ['key AKIAIOSFODNN7EXAMPLE in env', ['AKIAIOSFODNN7EXAMPLE']],
  ['token ghp_abcdefghijklmnopqrstuvwxyz0123456789', ['ghp_abcdefghijklmnopqrstuvwxyz0123456789']],
  ['stripe sk_live_4eC39HqLyjWDarjtT1zdp7dc', ['sk_live_4eC39HqLyjWDarjtT1zdp7dc']],
  ['google AIzaSyA-1234567890abcdefghijklmnopqrstu', ['AIzaSyA-1234567890abcdefghijklmnopqrstu']],
  ['password: Hunter2!x', ['Hunter2!x']],
  ['the password is required', []],
  [
    'jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
    ['eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U'],
  ],
  ['a normal sentence about keys and tokens', []],
];

describe('secret recognizer', () => {
  it.each(cases)('%j → %j', (text, expected) => {
    expect(detected(text)).toEqual(expected);
  });
});
