import { describe, expect, it } from 'vitest';
import type { Span } from '../domain/index.js';
import { createAnalyzer } from './analyzer.js';
import {
  createAnonymizer,
  DEFAULT_REDACTION_CONFIG,
  RedactionConfigError,
  validateRedactionConfig,
} from './anonymizer.js';
import { createRedactor } from './redactor.js';

const KEY = 'a-build-secret-key-0123456789';
const text = 'Ana Pérez (ana@example.com) paid with 4111 1111 1111 1111';
const spans: Span[] = [
  { start: 0, end: 9, type: 'PERSON', score: 0.9, recognizer: 't' },
  { start: 11, end: 26, type: 'EMAIL', score: 0.95, recognizer: 't' },
  { start: 38, end: 57, type: 'CREDIT_CARD', score: 0.95, recognizer: 't' },
];

describe('createAnonymizer', () => {
  it('replaces with typed placeholders and counts per type', () => {
    const result = createAnonymizer({ default: { operator: 'replace' } }).anonymize(text, spans);
    expect(result.text).toBe('[PERSON] ([EMAIL]) paid with [CREDIT_CARD]');
    expect(result.dropped).toBe(false);
    expect(result.counts.EMAIL).toBe(1);
    expect(result.counts.PHONE).toBe(0);
  });

  it('gives the same text either way for resolved, overlapping, unsorted, out-of-range and empty span lists', () => {
    const overlapping: Span[] = [
      { start: 11, end: 26, type: 'EMAIL', score: 0.95, recognizer: 't' },
      { start: 0, end: 9, type: 'PERSON', score: 0.9, recognizer: 't' },
      { start: 12, end: 15, type: 'PERSON', score: 0.99, recognizer: 't' },
      { start: 30, end: 80, type: 'URL', score: 0.7, recognizer: 't' },
      { start: 4, end: 4, type: 'AGE', score: 0.9, recognizer: 't' },
      { start: 38, end: 42, type: 'ID', score: 0.2, recognizer: 't' },
    ];
    const anonymizer = createAnonymizer({ default: { operator: 'replace' }, minScore: 0.5 });
    expect(anonymizer.anonymize(text, overlapping).text).toBe('[PERSON] ([EMAIL]) paid with 4111 1111 1111 1111');
    expect(anonymizer.anonymize(text, spans).text).toBe('[PERSON] ([EMAIL]) paid with [CREDIT_CARD]');
    expect(anonymizer.anonymize(text, [])).toMatchObject({ text, dropped: false });
  });

  it('anonymizeCounting adds to a running total and returns null for a dropped record', () => {
    const anonymizer = createAnonymizer(DEFAULT_REDACTION_CONFIG);
    const total = createAnonymizer().anonymize('', []).counts;
    expect(anonymizer.anonymizeCounting(text, spans.slice(0, 2), total)).toBe(
      '[PERSON] ([EMAIL]) paid with 4111 1111 1111 1111',
    );
    expect(anonymizer.anonymizeCounting(text, spans, total)).toBeNull();
    expect(total).toMatchObject({ PERSON: 2, EMAIL: 2, CREDIT_CARD: 1, PHONE: 0 });
  });

  it('drops the whole record when a span uses drop_record (the default for CREDIT_CARD)', () => {
    const result = createAnonymizer(DEFAULT_REDACTION_CONFIG).anonymize(text, spans);
    expect(result).toMatchObject({ text: null, dropped: true });
    expect(result.counts.CREDIT_CARD).toBe(1);
  });

  it('pseudonymizes the same normalised value to the same surrogate, different values differently', () => {
    const anonymizer = createAnonymizer({ default: { operator: 'pseudonymize', params: { key: KEY } } });
    const at = (value: string) =>
      anonymizer.anonymize(value, [{ start: 0, end: value.length, type: 'PERSON', score: 1, recognizer: 't' }]).text;
    expect(at('Ana  Pérez')).toBe(at('ana pérez'));
    expect(at('Ana Pérez')).not.toBe(at('Ana Perez'));
    expect(at('Ana Pérez')).toMatch(/^\[PERSON_[0-9a-f]{8}\]$/);
    const otherKey = createAnonymizer({ default: { operator: 'pseudonymize', params: { key: `${KEY}x` } } });
    expect(otherKey.anonymize('ana', [{ start: 0, end: 3, type: 'PERSON', score: 1, recognizer: 't' }]).text).not.toBe(
      at('ana'),
    );
  });

  it('masks all but the last N characters, remove deletes, keep keeps', () => {
    const anonymizer = createAnonymizer({
      default: { operator: 'keep' },
      entities: { EMAIL: { operator: 'remove' }, CREDIT_CARD: { operator: 'mask', params: { keep: 4, char: '#' } } },
    });
    expect(anonymizer.anonymize(text, spans).text).toBe('Ana Pérez () paid with ###############1111');
  });

  it('leaves spans below minScore alone', () => {
    const result = createAnonymizer({ default: { operator: 'replace' }, minScore: 0.92 }).anonymize(
      text,
      spans.slice(0, 2),
    );
    expect(result.text).toBe('Ana Pérez ([EMAIL]) paid with 4111 1111 1111 1111');
  });

  it('reports config problems as data, with paths, and refuses to build', () => {
    const bad = {
      default: { operator: 'pseudonymize' as const, params: { key: 'short' } },
      entities: { EMAIL: { operator: 'mask' as const, params: { keep: -1, colour: 'red' } } },
    };
    expect(validateRedactionConfig(bad).map((i) => `${i.path}:${i.code}`)).toEqual([
      'default.params.key:out_of_range',
      'entities.EMAIL.params.colour:unknown_param',
      'entities.EMAIL.params.keep:out_of_range',
    ]);
    expect(() => createAnonymizer(bad)).toThrow(RedactionConfigError);
    expect(validateRedactionConfig({ default: { operator: 'replace' } })).toEqual([]);
  });

  it('never puts the parameter value or detected text in a config error', () => {
    const issues = validateRedactionConfig({ default: { operator: 'pseudonymize', params: { key: 1234 } } });
    expect(issues[0]?.message).toBe('expected a secret key string of at least 16 characters, found number');
  });
});

describe('createRedactor', () => {
  it('joins analyzer and anonymizer', () => {
    const redactor = createRedactor({ analyzer: createAnalyzer(), anonymizer: createAnonymizer() });
    const result = redactor.redact({ text: 'write to jane@example.com' });
    expect(result.text).toBe('write to [EMAIL]');
    expect(result.spans).toHaveLength(1);
  });
});
