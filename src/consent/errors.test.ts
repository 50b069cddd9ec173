// Every error code is documented, belongs to a kind, and reaches the error it names.

import { describe, expect, it } from 'vitest';
import { CONSENT_ERRORS, ConsentError, type ConsentErrorCode, isConsentError } from './errors.js';

describe('consent error registry', () => {
  it.each(Object.entries(CONSENT_ERRORS))('%s is documented with a kind', (code, entry) => {
    expect(code).toMatch(/^ASSENT_ERR_[A-Z_]+$/);
    expect(['user', 'internal']).toContain(entry.kind);
    expect(entry.description.length).toBeGreaterThan(20);
    const error = new ConsentError(code as ConsentErrorCode, 'x');
    expect(error.code).toBe(code);
    expect(error.kind).toBe(entry.kind);
    expect(isConsentError(error, code as ConsentErrorCode)).toBe(true);
  });

  it('does not mistake other errors for consent errors', () => {
    expect(isConsentError(new Error('x'))).toBe(false);
    expect(
      isConsentError(new ConsentError('ASSENT_ERR_CONSENT_INVALID_INPUT', 'x'), 'ASSENT_ERR_CONSENT_UNKNOWN_MEMBER'),
    ).toBe(false);
  });
});
