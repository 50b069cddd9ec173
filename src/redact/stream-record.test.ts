import { describe, expect, it } from 'vitest';
import type { DetectedSpan } from './recognizer.js';
import { formatDetectLine, formatErrorLine, formatRedactLine } from './stream-record.js';

// The output lines are built as strings; they must stay byte for byte what JSON.stringify of the objects gives.
const ids: (string | number)[] = [
  0,
  -0,
  7,
  1.5,
  1e21,
  -3,
  'a',
  '',
  'quote " and \\ backslash',
  'line\nbreak',
  '\u2028',
];
const texts = [
  '',
  'plain [PERSON] text',
  'control \u0000 \u001f \t\r\n chars',
  'lone \ud800 and \udfff surrogates, a pair \ud83d\ude00',
  'unicode é 日本 😂 and "quotes"',
];

const round = (score: number) => Math.round(score * 1000) / 1000;
const asObjects = (spans: readonly DetectedSpan[]) =>
  spans.map((s) => ({ start: s.start, end: s.end, type: s.type, score: round(s.score), recognizer: s.recognizer }));

describe('stream output lines', () => {
  it('formatRedactLine matches JSON.stringify of {id, text} and of a dropped record', () => {
    for (const id of ids) {
      for (const text of texts) expect(formatRedactLine(id, text)).toBe(JSON.stringify({ id, text }));
      expect(formatRedactLine(id, null)).toBe(JSON.stringify({ id, text: null, dropped: true }));
    }
  });

  it('formatErrorLine matches JSON.stringify of {id, error}, with a null id too', () => {
    for (const id of [...ids, null]) {
      expect(formatErrorLine(id, 'line 3: text: expected a string, found a number')).toBe(
        JSON.stringify({ id, error: 'line 3: text: expected a string, found a number' }),
      );
    }
  });

  it('formatDetectLine matches JSON.stringify of the span objects, odd scores and broken spans included', () => {
    const spans = [
      { start: 0, end: 4, type: 'PERSON', score: 0.85, recognizer: 'name-tagger' },
      { start: 5, end: 9, type: 'EMAIL', score: 0.123456, recognizer: 'email "x"' },
      { start: 10, end: 12, type: 'PHONE', score: Number.NaN, recognizer: 'phone' },
      { start: 12, end: 13, type: 'PHONE', score: Number.POSITIVE_INFINITY, recognizer: 'phone' },
      { start: 13, end: 14, type: 'PHONE', score: -0, recognizer: 'phone' },
      // What a custom recognizer in plain JavaScript could return despite the types.
      { start: 1, end: 2, type: 'PERSON', score: 0.5 } as unknown as DetectedSpan,
      { start: '1', end: 2, type: undefined, score: 0.5, recognizer: 'x' } as unknown as DetectedSpan,
    ] as DetectedSpan[];
    for (const id of ids) {
      expect(formatDetectLine(id, [])).toBe(JSON.stringify({ id, spans: [] }));
      expect(formatDetectLine(id, spans)).toBe(JSON.stringify({ id, spans: asObjects(spans) }));
    }
  });
});
