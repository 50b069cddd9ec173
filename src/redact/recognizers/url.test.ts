import { describe, expect, it } from 'vitest';
import { resolveOverlaps } from '../analyzer.js';
import { createUrlRecognizer } from './url.js';

const recognizer = createUrlRecognizer();
type Case = readonly [text: string, expected: readonly string[]];

function detected(text: string, country?: string): string[] {
  const spans = recognizer.analyze({ text, ...(country ? { country } : {}) }).filter((s) => s.score >= 0.5);
  return resolveOverlaps(spans, text.length).map((s) => text.slice(s.start, s.end));
}

const cases: readonly Case[] = [
  ['see https://example.com/path?q=1.', ['https://example.com/path?q=1']],
  ['(www.example.org/about)', ['www.example.org/about']],
  ['my site symbolblog.at is up', ['symbolblog.at']],
  ['https://en.wikipedia.org/wiki/Foo_(bar) end', ['https://en.wikipedia.org/wiki/Foo_(bar)']],
  ['file index.html and e.g. this', []],
  ['Node.js and 3.14', []],
];

describe('url recognizer', () => {
  it.each(cases)('%j → %j', (text, expected) => {
    expect(detected(text)).toEqual(expected);
  });
});
