import { describe, expect, it } from 'vitest';
import { CONTENT_KINDS, VISIBILITIES } from '../domain/index.js';
import { decideItem, decideMember, defaultStatus, noticeFor, withdrawalEffect } from './evaluate.js';
import { itemFixture, memberFixture } from './fixtures.js';
import { loadPresetSync } from './presets.js';

const policy = loadPresetSync('consent-first');
const GEN = 'train_ai_system.generative';
const GIVEN = { status: 'ConsentGiven', source: 'explicit', method: 'toggle' } as const;

describe('consent-first', () => {
  it.each(['US', 'DE', 'FR', 'GB', 'CH', 'NO', 'BR', 'IN'])('%s is opt-in: nothing without consent', (country) => {
    for (const at of ['2025-11-02T23:59:59Z', '2025-11-03T00:00:00Z']) {
      const member = memberFixture({ country });
      expect(defaultStatus(policy, GEN, member, at)).toBe('ConsentUnknown');
      expect(decideMember({ policy, member, purpose: GEN, at, consent: undefined }).reason).toBe('no_consent');
      expect(decideMember({ policy, member, purpose: GEN, at, consent: GIVEN }).allowed).toBe(true);
      const withdrawn = { status: 'ConsentWithdrawn', source: 'explicit' } as const;
      expect(decideMember({ policy, member, purpose: GEN, at, consent: withdrawn }).reason).toBe('opted_out');
    }
  });

  it.each([
    ['unknown age', { birthDate: null, birthYear: null }, 'minor'],
    ['under 18', { birthDate: '2010-01-01' }, 'minor'],
    ['self-declared minor', { ageSignals: { selfDeclaredMinor: true } }, 'minor'],
    ['in secondary education', { ageSignals: { inSecondaryEducation: true } }, 'minor'],
    ['adult', {}, null],
  ])('minors: %s', (_name, fields, reason) => {
    const member = memberFixture(fields);
    expect(decideMember({ policy, member, purpose: GEN, at: '2025-01-01T00:00:00Z', consent: GIVEN }).reason).toBe(
      reason,
    );
  });

  it.each(CONTENT_KINDS)('kind %s', (kind) => {
    const out = [
      'group_message',
      'private_message',
      'job_application',
      'payment_record',
      'salary_record',
      'credential',
    ];
    const item = itemFixture({ kind, visibility: 'public' });
    const decision = decideItem({
      policy,
      member: memberFixture(),
      purpose: GEN,
      at: '2025-01-01T00:00:00Z',
      consent: GIVEN,
      item,
    });
    expect(decision.reason).toBe(out.includes(kind) ? 'kind_excluded' : null);
  });

  it.each(VISIBILITIES)('visibility %s', (visibility) => {
    const item = itemFixture({ visibility });
    const decision = decideItem({
      policy,
      member: memberFixture(),
      purpose: GEN,
      at: '2025-01-01T00:00:00Z',
      consent: GIVEN,
      item,
    });
    expect(decision.reason).toBe(visibility === 'public' ? null : 'visibility_excluded');
  });

  it('shows an opt-in notice and flags models on withdrawal; other purposes are not covered', () => {
    expect(noticeFor(policy, GEN, '2025-01-01T00:00:00Z')?.mechanism).toBe('opt_in');
    expect(withdrawalEffect(policy, GEN, '2025-01-01T00:00:00Z')).toBe('flag_models');
    const other = decideMember({
      policy,
      member: memberFixture(),
      purpose: 'train_ai_system.non_generative',
      at: '2025-01-01T00:00:00Z',
      consent: GIVEN,
    });
    expect(other.reason).toBe('no_policy');
  });
});
