import { describe, expect, it } from 'vitest';
import { AssentHttpError } from './errors.js';
import { assertPurpose, parseInstant, shortStatus } from './member-service.js';

const NOW = new Date('2026-01-02T03:04:05.000Z');

describe('parseInstant', () => {
  it.each([
    [undefined, '2026-01-02T03:04:05.000Z'],
    ['2025-11-03', '2025-11-03T00:00:00.000Z'],
    ['2025-11-03T10:00Z', '2025-11-03T10:00:00.000Z'],
    ['2025-11-03T10:00:00+02:00', '2025-11-03T08:00:00.000Z'],
    ['2024-02-29T00:00:00.123Z', '2024-02-29T00:00:00.123Z'],
  ])('reads %j', (raw, expected) => {
    expect(parseInstant('as_of', raw, NOW)).toBe(expected);
  });

  it.each([
    ['yesterday'],
    ['2025-02-30'],
    ['2023-02-29T00:00:00Z'],
    ['2025-13-01'],
    ['2025-11-03T25:00Z'],
    [''],
    ['2025-11-03 10:00'],
  ])('rejects %j naming the field', (raw) => {
    try {
      parseInstant('as_of', raw, NOW);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AssentHttpError);
      expect((error as AssentHttpError).code).toBe('ASSENT_ERR_CONSENT_DATE');
      expect((error as AssentHttpError).message).toContain('as_of');
    }
  });
});

describe('purposes and statuses', () => {
  it.each([['train_ai_system'], ['train_ai_system.generative'], ['train_ai_system.non_generative']])(
    'accepts %s',
    (p) => {
      expect(() => assertPurpose(p)).not.toThrow();
    },
  );

  it.each([['marketing'], [''], ['train_ai_system.']])('rejects %j', (p) => {
    expect(() => assertPurpose(p)).toThrow(/Unknown purpose/);
  });

  it('speaks the short status words', () => {
    expect(shortStatus('ConsentGiven')).toBe('given');
    expect(shortStatus('ConsentWithdrawn')).toBe('withdrawn');
    expect(shortStatus('ConsentUnknown')).toBe('unknown');
  });
});
