import { describe, expect, it } from 'vitest';
import type { EntityType } from '../domain/index.js';
import { createAnalyzer, overlapRank, resolveOverlaps } from './analyzer.js';
import type { DetectedSpan, Recognizer } from './recognizer.js';

const span = (start: number, end: number, type: EntityType, score: number, recognizer = 'r'): DetectedSpan => ({
  start,
  end,
  type,
  score,
  recognizer,
});

function fixed(name: string, spans: DetectedSpan[], languages?: string[]): Recognizer {
  return { name, types: ['DATE'], ...(languages ? { languages } : {}), analyze: () => spans };
}

describe('resolveOverlaps', () => {
  it('keeps the higher-ranked of two overlapping spans and sorts by start', () => {
    const kept = resolveOverlaps([span(10, 20, 'DATE', 0.6), span(0, 5, 'AGE', 0.9), span(15, 25, 'PHONE', 0.9)], 30);
    expect(kept.map((s) => [s.start, s.type])).toEqual([
      [0, 'AGE'],
      [15, 'PHONE'],
    ]);
  });

  it('drops a span strictly inside a direct-identifier span even when it scores higher', () => {
    const kept = resolveOverlaps([span(0, 40, 'STREET_ADDRESS', 0.7), span(20, 30, 'LOCATION', 0.99)], 40);
    expect(kept.map((s) => s.type)).toEqual(['STREET_ADDRESS']);
  });

  it('prefers a structured direct identifier over a name-tagger type on the same characters', () => {
    const kept = resolveOverlaps([span(0, 20, 'ORGANIZATION', 0.99), span(0, 20, 'SECRET', 0.9)], 20);
    expect(kept.map((s) => s.type)).toEqual(['SECRET']);
  });

  it('ranks a passport, MAC or wallet reading as structured, above a phone reading of the same digits', () => {
    for (const type of ['PASSPORT', 'MAC_ADDRESS', 'CRYPTO_WALLET'] as const) {
      const kept = resolveOverlaps([span(0, 9, 'PHONE', 0.6), span(0, 9, type, 0.85)], 9);
      expect(kept.map((s) => s.type)).toEqual([type]);
    }
  });

  it('keeps the parts of an overlapped span that nothing kept covers, trimmed to letters and digits', () => {
    const text = 'thanks @Satya Nadella!';
    const handle = span(7, 13, 'USERNAME', 0.75);
    const name = span(8, 21, 'PERSON', 0.98);
    expect(resolveOverlaps([name, handle], text.length, text).map((s) => [s.type, text.slice(s.start, s.end)])).toEqual(
      [
        ['USERNAME', '@Satya'],
        ['PERSON', 'Nadella'],
      ],
    );
    // Without the text, the rule is the old one: the name goes whole.
    expect(resolveOverlaps([name, handle], text.length).map((s) => s.type)).toEqual(['USERNAME']);
    // Astral letters and combining marks stay with their word.
    const astral = 'Thanks @Satya Nadella𝓐𝓑!';
    expect(
      resolveOverlaps([span(7, 13, 'USERNAME', 0.75), span(8, 25, 'PERSON', 0.9)], astral.length, astral).map((s) =>
        astral.slice(s.start, s.end),
      ),
    ).toEqual(['@Satya', 'Nadella𝓐𝓑']);
    const marked = 'hi @Rahul शर्मा';
    expect(
      resolveOverlaps([span(3, 9, 'USERNAME', 0.75), span(4, 15, 'PERSON', 0.9)], marked.length, marked).map((s) =>
        marked.slice(s.start, s.end),
      ),
    ).toEqual(['@Rahul', 'शर्मा']);
    // A remainder without three letters or digits in a row ("CV to", "de", an initial) is what a wrong edge leaves.
    const edge = 'Send your CV to ana@example.com';
    expect(
      resolveOverlaps([span(16, 31, 'EMAIL', 1), span(10, 19, 'PERSON', 0.9)], edge.length, edge).map((s) => s.type),
    ).toEqual(['EMAIL']);
    const visit = 'Visit Google.com today';
    expect(
      resolveOverlaps([span(6, 16, 'URL', 0.85), span(0, 12, 'ORGANIZATION', 0.9)], visit.length, visit).map(
        (s) => s.type,
      ),
    ).toEqual(['URL']);
    const short = 'at @Ana B.';
    expect(
      resolveOverlaps([span(3, 7, 'USERNAME', 0.75), span(4, 10, 'PERSON', 0.9)], short.length, short).map(
        (s) => s.type,
      ),
    ).toEqual(['USERNAME']);
  });

  it('keeps what a handle leaves of a name in the analyzer', () => {
    const text = 'Big thanks to @Satya Nadella for the keynote';
    const spans = createAnalyzer().analyze({ text, lang: 'en' });
    expect(spans.map((s) => text.slice(s.start, s.end))).toEqual(expect.arrayContaining(['@Satya', 'Nadella']));
  });

  it('does not let a non-direct span swallow what is inside it', () => {
    const kept = resolveOverlaps([span(0, 40, 'DATE', 0.6), span(20, 30, 'PHONE', 0.9)], 40);
    expect(kept.map((s) => s.type)).toEqual(['PHONE']);
  });

  it('breaks exact ties by type order then recognizer name, whatever the input order', () => {
    const a = span(0, 10, 'PHONE', 0.8, 'b');
    const b = span(0, 10, 'PHONE', 0.8, 'a');
    const c = span(0, 10, 'EMAIL', 0.8, 'z');
    expect(resolveOverlaps([a, b, c], 10)).toEqual([c]);
    expect(resolveOverlaps([c, b, a], 10)).toEqual([c]);
    expect(resolveOverlaps([a, b], 10)).toEqual([b]);
  });

  it('ranks length a little: 0.0025 per character up to 100', () => {
    expect(overlapRank(span(0, 40, 'DATE', 0.5))).toBeCloseTo(0.6);
    expect(overlapRank(span(0, 400, 'DATE', 0.5))).toBeCloseTo(0.75);
  });
});

describe('createAnalyzer', () => {
  it('finds typical identifiers in one post with the default registry', () => {
    const text = 'Mail jane.doe@example.com or call +1 415 555 2671, IBAN GB82WEST12345698765432';
    const types = createAnalyzer()
      .analyze({ text })
      .map((s) => [s.type, text.slice(s.start, s.end)]);
    expect(types).toEqual(
      expect.arrayContaining([
        ['EMAIL', 'jane.doe@example.com'],
        ['PHONE', '+1 415 555 2671'],
        ['IBAN', 'GB82WEST12345698765432'],
      ]),
    );
  });

  it('drops spans below minScore', () => {
    const recognizer = fixed('x', [span(0, 3, 'DATE', 0.4), span(5, 8, 'DATE', 0.6)]);
    expect(createAnalyzer({ recognizers: [recognizer] }).analyze({ text: '0123456789' })).toHaveLength(1);
    expect(createAnalyzer({ recognizers: [recognizer], minScore: 0.3 }).analyze({ text: '0123456789' })).toHaveLength(
      2,
    );
  });

  it('skips recognizers that do not support the record language', () => {
    const recognizer = fixed('es-only', [span(0, 3, 'DATE', 0.9)], ['es']);
    const analyzer = createAnalyzer({ recognizers: [recognizer] });
    expect(analyzer.analyze({ text: 'abcdef', lang: 'en-GB' })).toEqual([]);
    expect(analyzer.analyze({ text: 'abcdef', lang: 'es-ES' })).toHaveLength(1);
    expect(analyzer.analyze({ text: 'abcdef' })).toHaveLength(1);
  });

  it('explains a detection on request: pattern, context words, validation', () => {
    const [found] = createAnalyzer().analyze({ text: 'My IBAN is GB82WEST12345698765432' }, { explain: true });
    expect(found?.explanation).toMatchObject({
      recognizer: 'iban',
      pattern: 'compact',
      contextWords: ['iban'],
      validation: 'valid',
    });
    const [plain] = createAnalyzer().analyze({ text: 'My IBAN is GB82WEST12345698765432' });
    expect(plain?.explanation).toBeUndefined();
  });

  // Every shipped policy drops records holding a NATIONAL_ID or PASSPORT and masks phones but their last two digits:
  // a labelled identifier that libphonenumber also accepts must come out as the identifier.
  it.each([
    ['my passport number is 123456789', 'en', 'US', 'PASSPORT'],
    ['mijn BSN is 111222333', 'nl', 'NL', 'NATIONAL_ID'],
    ['BSN: 1112.22.333', 'nl', 'NL', 'NATIONAL_ID'],
    ['Steuer-ID 65 929 970 489', 'de', 'DE', 'NATIONAL_ID'],
    ['Tel. 030 1234567, Steuer-ID 65 929 970 489', 'de', 'DE', 'NATIONAL_ID'],
    ['Steuer-ID auf Anfrage, Tel. 030 12345678', 'de', 'DE', 'PHONE'],
    ['SSN on file; call 415 555 2671', 'en', 'US', 'PHONE'],
  ] as const)('reads the labelled number in %j as %s', (text, lang, country, type) => {
    const spans = createAnalyzer().analyze({ text, lang, country });
    const last = spans.filter((s) => /\d/.test(text.slice(s.start, s.end))).at(-1);
    expect(last?.type).toBe(type);
  });

  it('returns nothing for empty text', () => {
    expect(createAnalyzer().analyze({ text: '' })).toEqual([]);
  });
});
