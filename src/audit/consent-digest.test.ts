// The consent digest: the fast per-event serialisation equals canonical JSON, and the digest moves with any change.

import { describe, expect, it } from 'vitest';
import type { ConsentEvent } from '../domain/index.js';
import { canonicalJson } from './canonical-json.js';
import { ConsentDigest, canonicalConsentEvent } from './consent-digest.js';

const event: ConsentEvent = {
  id: 'e1',
  seq: 7,
  memberId: 'm"1',
  purpose: 'train_ai_system',
  status: 'ConsentGiven',
  method: 'toggle',
  noticeVersion: null,
  jurisdiction: 'US-CA',
  validFrom: '2025-01-01T00:00:00.000Z',
  recordedAt: '2025-01-02T00:00:00.000Z',
  actor: 'member:é',
  requestId: 'r1',
  supersedes: null,
};

describe('consent digest', () => {
  it('serialises an event exactly as canonicalJson does', () => {
    expect(canonicalConsentEvent(event)).toBe(canonicalJson(event));
    const withExtra = { ...event, extra: 1 } as ConsentEvent;
    expect(canonicalConsentEvent(withExtra)).toBe(canonicalJson(withExtra));
  });

  it('covers the range and changes when any event changes', () => {
    const a = new ConsentDigest().add([event, { ...event, id: 'e2', seq: 8 }]).finish();
    expect(a).toMatchObject({ firstSeq: 7, lastSeq: 8, count: 2 });
    const b = new ConsentDigest().add([event, { ...event, id: 'e2', seq: 8, status: 'ConsentWithdrawn' }]).finish();
    expect(b?.digest).not.toBe(a?.digest);
    expect(new ConsentDigest().finish()).toBeUndefined();
  });
});
