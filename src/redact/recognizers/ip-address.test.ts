import { describe, expect, it } from 'vitest';
import { resolveOverlaps } from '../analyzer.js';
import { createIpAddressRecognizer } from './ip-address.js';

const recognizer = createIpAddressRecognizer();
type Case = readonly [text: string, expected: readonly string[]];

function detected(text: string, country?: string): string[] {
  const spans = recognizer.analyze({ text, ...(country ? { country } : {}) }).filter((s) => s.score >= 0.5);
  return resolveOverlaps(spans, text.length).map((s) => text.slice(s.start, s.end));
}

const cases: readonly Case[] = [
  ['keep getting address 172.61.42.192 today', ['172.61.42.192']],
  ['v6 2001:db8::8a2e:370:7334 and fe80::1', ['2001:db8::8a2e:370:7334', 'fe80::1']],
  ['full 6e40:4041:c617:e898:c11:40d2:c669:2eb4', ['6e40:4041:c617:e898:c11:40d2:c669:2eb4']],
  ['version 1.2.3 and 999.1.1.1', []],
  ['at 12:30:45 today', []],
  ['2012-10-01 00:46:43', []],
];

describe('ip-address recognizer', () => {
  it.each(cases)('%j → %j', (text, expected) => {
    expect(detected(text)).toEqual(expected);
  });
});
