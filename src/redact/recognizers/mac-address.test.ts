import { describe, expect, it } from 'vitest';
import { resolveOverlaps } from '../analyzer.js';
import { createMacAddressRecognizer } from './mac-address.js';

const recognizer = createMacAddressRecognizer();
type Case = readonly [text: string, expected: readonly string[]];

function detected(text: string, country?: string): string[] {
  const spans = recognizer.analyze({ text, ...(country ? { country } : {}) }).filter((s) => s.score >= 0.5);
  return resolveOverlaps(spans, text.length).map((s) => text.slice(s.start, s.end));
}

const cases: readonly Case[] = [
  ['mac 00:1A:2B:3C:4D:5E here', ['00:1A:2B:3C:4D:5E']],
  ['dash 00-1a-2b-3c-4d-5e', ['00-1a-2b-3c-4d-5e']],
  ['cisco 001a.2b3c.4d5e', ['001a.2b3c.4d5e']],
  ['mixed 00:1A-2B:3C:4D:5E', []],
  ['time 12:30:45:10:11', []],
];

describe('mac-address recognizer', () => {
  it.each(cases)('%j → %j', (text, expected) => {
    expect(detected(text)).toEqual(expected);
  });
});
