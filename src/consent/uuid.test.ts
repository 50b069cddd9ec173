// Default event ids: RFC 9562 version 7, time-ordered.

import { describe, expect, it } from 'vitest';
import { uuidV7 } from './consent-ledger.js';

describe('uuidV7', () => {
  it('has the version and variant bits and sorts by time', () => {
    const early = uuidV7(1_700_000_000_000);
    const late = uuidV7(1_700_000_000_001);
    expect(early).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(early.slice(0, 13)).toBe('018bcfe5-6800');
    expect(early < late).toBe(true);
    expect(uuidV7()).not.toBe(uuidV7());
  });
});
