import { describe, expect, it } from 'vitest';
import {
  CONTENT_KINDS,
  COUNTRY_CODES,
  DECISION_REASONS,
  EEA,
  EU_27,
  KIND_CATEGORY,
  MEMBER_REASONS,
  noticeText,
  parseJurisdiction,
  purposeLineage,
  reservesTraining,
} from './index.js';

describe('parseJurisdiction', () => {
  it.each([
    ['US', { country: 'US' }],
    ['us-ca', { country: 'US', subdivision: 'US-CA' }],
    [' DE ', { country: 'DE' }],
    ['GB-SCT', { country: 'GB', subdivision: 'GB-SCT' }],
  ])('accepts %j', (raw, expected) => {
    expect(parseJurisdiction(raw)).toEqual(expected);
  });

  it.each([['UK'], ['EU'], ['XX'], ['USA'], [''], ['U'], ['US-'], ['US-CALIF'], [null], [undefined], [42]])(
    'rejects %j so the caller fails closed',
    (raw) => {
      expect(parseJurisdiction(raw)).toBeUndefined();
    },
  );

  it('knows the EU and EEA', () => {
    expect(EU_27).toHaveLength(27);
    expect(EEA).toHaveLength(30);
    for (const code of EEA) expect(COUNTRY_CODES.has(code)).toBe(true);
    expect(EU_27).not.toContain('GB');
  });
});

describe('content', () => {
  it('maps every kind to a fideslang category', () => {
    for (const kind of CONTENT_KINDS) expect(KIND_CATEGORY[kind]).toMatch(/^user\./);
  });

  it.each([
    [{ aipref: 'train-ai=n' }, true],
    [{ aipref: 'search=y, train-ai = n' }, true],
    [{ aipref: 'train-ai=y' }, false],
    [{ tdmReservation: true }, true],
    [{ tdmReservation: false }, false],
    [{}, false],
  ])('reservesTraining(%j) is %s', (signals, expected) => {
    expect(reservesTraining(signals)).toBe(expected);
  });
});

describe('purposes and decisions', () => {
  it('walks a purpose up to its ancestors', () => {
    expect(purposeLineage('train_ai_system.generative')).toEqual(['train_ai_system.generative', 'train_ai_system']);
    expect(purposeLineage('marketing')).toEqual([]);
  });

  it('keeps member reasons as a prefix of the fixed reason order', () => {
    expect(DECISION_REASONS.slice(0, MEMBER_REASONS.length)).toEqual(MEMBER_REASONS);
    expect(new Set(DECISION_REASONS).size).toBe(DECISION_REASONS.length);
  });

  it('falls back from a regional locale to its language and then to English', () => {
    const notice = {
      id: 'n',
      version: '1',
      purpose: 'train_ai_system.generative',
      mechanism: 'opt_out' as const,
      texts: { en: { question: 'Q?', explanation: 'E' }, pt: { question: 'P?', explanation: 'E' } },
    };
    expect(noticeText(notice, 'pt-BR').locale).toBe('pt');
    expect(noticeText(notice, 'ja').locale).toBe('en');
    expect(noticeText(notice, null).locale).toBe('en');
  });
});
