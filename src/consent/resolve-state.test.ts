// The bitemporal rule, table-driven: valid time, system time, supersession, parent purposes and tie-breaks.

import { describe, expect, it } from 'vitest';
import type { ConsentEvent } from '../domain/index.js';
import { resolveState } from './resolve-state.js';

const GEN = 'train_ai_system.generative';

function event(seq: number, overrides: Partial<ConsentEvent>): ConsentEvent {
  return {
    id: `e${seq}`,
    seq,
    memberId: 'm1',
    purpose: GEN,
    status: 'ConsentGiven',
    method: 'toggle',
    noticeVersion: null,
    jurisdiction: 'US',
    validFrom: '2025-01-01T00:00:00.000Z',
    recordedAt: '2025-01-01T00:00:00.000Z',
    actor: 't',
    requestId: null,
    supersedes: null,
    ...overrides,
  };
}

const optOutThenIn = [
  event(1, { status: 'ConsentWithdrawn', validFrom: '2025-02-01T00:00:00Z', recordedAt: '2025-02-01T00:00:00Z' }),
  event(2, { status: 'ConsentGiven', validFrom: '2025-03-01T00:00:00Z', recordedAt: '2025-03-01T00:00:00Z' }),
];
const backdated = [
  event(1, { status: 'ConsentGiven', validFrom: '2025-01-01T00:00:00Z', recordedAt: '2025-01-01T00:00:00Z' }),
  // Recorded in June, valid from March: a late-reported withdrawal.
  event(2, { status: 'ConsentWithdrawn', validFrom: '2025-03-01T00:00:00Z', recordedAt: '2025-06-01T00:00:00Z' }),
];
const superseding = [
  event(1, { status: 'ConsentWithdrawn', validFrom: '2025-01-01T00:00:00Z', recordedAt: '2025-01-01T00:00:00Z' }),
  event(2, {
    status: 'ConsentGiven',
    validFrom: '2024-06-01T00:00:00Z',
    recordedAt: '2025-04-01T00:00:00Z',
    supersedes: 'e1',
  }),
];
const parent = [event(1, { purpose: 'train_ai_system', status: 'ConsentWithdrawn' })];
const sibling = [event(1, { purpose: 'train_ai_system.non_generative', status: 'ConsentWithdrawn' })];
const tie = [
  event(1, { status: 'ConsentWithdrawn', recordedAt: '2025-01-02T00:00:00Z' }),
  event(2, { status: 'ConsentGiven', recordedAt: '2025-01-01T00:00:00Z' }),
  event(3, { status: 'ConsentRefused', recordedAt: '2025-01-02T00:00:00Z' }),
];

describe('resolveState', () => {
  it.each([
    ['no events: the default', [], '2025-05-01', '2025-12-01', 'ConsentGiven', 'default', null],
    ['before the first event: the default', optOutThenIn, '2025-01-15', '2025-12-01', 'ConsentGiven', 'default', null],
    ['after opting out', optOutThenIn, '2025-02-15', '2025-12-01', 'ConsentWithdrawn', 'explicit', 'e1'],
    ['after opting back in', optOutThenIn, '2025-03-15', '2025-12-01', 'ConsentGiven', 'explicit', 'e2'],
    [
      'an opt-in known later is invisible earlier',
      optOutThenIn,
      '2025-03-15',
      '2025-02-20',
      'ConsentWithdrawn',
      'explicit',
      'e1',
    ],
    [
      'backdated correction, as known before it',
      backdated,
      '2025-04-01',
      '2025-05-01',
      'ConsentGiven',
      'explicit',
      'e1',
    ],
    [
      'backdated correction, as known after it',
      backdated,
      '2025-04-01',
      '2025-07-01',
      'ConsentWithdrawn',
      'explicit',
      'e2',
    ],
    [
      'backdated correction does not reach before its valid time',
      backdated,
      '2025-02-01',
      '2025-07-01',
      'ConsentGiven',
      'explicit',
      'e1',
    ],
    [
      'superseded event, before the correction is known',
      superseding,
      '2025-02-01',
      '2025-03-01',
      'ConsentWithdrawn',
      'explicit',
      'e1',
    ],
    [
      'superseded event, once the correction is known',
      superseding,
      '2025-02-01',
      '2025-05-01',
      'ConsentGiven',
      'explicit',
      'e2',
    ],
    [
      'a parent-purpose event governs the child',
      parent,
      '2025-02-01',
      '2025-12-01',
      'ConsentWithdrawn',
      'explicit',
      'e1',
    ],
    ['a sibling-purpose event does not', sibling, '2025-02-01', '2025-12-01', 'ConsentGiven', 'default', null],
    [
      'ties on valid time: later recordedAt, then higher seq',
      tie,
      '2025-02-01',
      '2025-12-01',
      'ConsentRefused',
      'explicit',
      'e3',
    ],
  ] as const)('%s', (_label, events, asOf, knownAt, status, source, eventId) => {
    const state = resolveState(events, GEN, `${asOf}T00:00:00.000Z`, `${knownAt}T00:00:00.000Z`, 'ConsentGiven', 'm1');
    expect(state.status).toBe(status);
    expect(state.source).toBe(source);
    expect(state.event?.id ?? null).toBe(eventId);
    expect(state.memberId).toBe('m1');
  });

  it('uses the default the caller chose when nothing applies', () => {
    expect(resolveState([], GEN, '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z', 'ConsentRefused').status).toBe(
      'ConsentRefused',
    );
  });

  it("ignores another member's events when the member is named", () => {
    const state = resolveState(
      [event(1, { memberId: 'm2', status: 'ConsentWithdrawn' })],
      GEN,
      '2025-02-01T00:00:00Z',
      '2025-12-01T00:00:00Z',
      'ConsentGiven',
      'm1',
    );
    expect(state.source).toBe('default');
  });
});
