import { describe, expect, it } from 'vitest';
import { CONTENT_KINDS, EU_27 } from '../domain/index.js';
import { decideItem, decideMember, defaultStatus, noticeFor, versionAt } from './evaluate.js';
import { itemFixture, memberFixture } from './fixtures.js';
import { loadPresetSync } from './presets.js';

const policy = loadPresetSync('platform-2025-11');
const GEN = 'train_ai_system.generative';
const NON_GEN = 'train_ai_system.non_generative';
const BEFORE = '2025-11-02T23:59:59.999Z';
const FROM = '2025-11-03T00:00:00Z';

const groups: Array<[string, readonly string[]]> = [
  ['EU', EU_27],
  ['EEA_EFTA', ['IS', 'LI', 'NO']],
  ['CH', ['CH']],
  ['UK', ['GB']],
];

describe('platform-2025-11', () => {
  it('switches version at 2025-11-03T00:00:00Z', () => {
    expect(versionAt(policy, '2024-09-18T00:00:00Z')?.id).toBe('platform-2025-11/v1');
    expect(versionAt(policy, BEFORE)?.id).toBe('platform-2025-11/v1');
    expect(versionAt(policy, FROM)?.id).toBe('platform-2025-11/v2');
    expect(versionAt(policy, '2030-01-01T00:00:00Z')?.id).toBe('platform-2025-11/v2');
  });

  describe.each(groups)('group %s', (group, countries) => {
    it.each(countries)('%s: excluded before, opt-out from 2025-11-03', (country) => {
      const member = memberFixture({ country });
      for (const purpose of [GEN, NON_GEN]) {
        const before = decideMember({ policy, member, purpose, at: BEFORE, consent: undefined });
        expect(before).toMatchObject({ reason: 'jurisdiction_excluded', policyVersion: 'platform-2025-11/v1' });
        expect(before.detail).toContain(`group ${group}`);
        expect(defaultStatus(policy, purpose, member, BEFORE)).toBe('ConsentUnknown');

        expect(defaultStatus(policy, purpose, member, FROM)).toBe('ConsentGiven');
        expect(decideMember({ policy, member, purpose, at: FROM, consent: undefined })).toMatchObject({
          allowed: true,
          policyVersion: 'platform-2025-11/v2',
        });
        const objected = { status: 'ConsentWithdrawn', source: 'explicit', method: 'objection_form' } as const;
        expect(decideMember({ policy, member, purpose, at: FROM, consent: objected }).reason).toBe('opted_out');
      }
    });
  });

  it.each([BEFORE, FROM])('keeps the rest of the world opt-out at %s', (at) => {
    const member = memberFixture({ country: 'US' });
    expect(decideMember({ policy, member, purpose: GEN, at, consent: undefined }).allowed).toBe(true);
  });

  it.each([BEFORE, FROM])('keeps excluding minors at %s, also in Europe after the change', (at) => {
    for (const fields of [
      { birthDate: '2010-05-05' },
      { ageSignals: { selfDeclaredMinor: true } },
      { ageSignals: { inSecondaryEducation: true } },
    ]) {
      const member = memberFixture({ country: 'US', ...fields });
      expect(decideMember({ policy, member, purpose: GEN, at, consent: undefined }).reason).toBe('minor');
    }
    const german = memberFixture({ country: 'DE', birthDate: '2010-05-05' });
    const reason = decideMember({ policy, member: german, purpose: GEN, at, consent: undefined }).reason;
    expect(reason).toBe(at === FROM ? 'minor' : 'jurisdiction_excluded');
  });

  it.each(CONTENT_KINDS)('scopes kind %s the same in both versions', (kind) => {
    const input = { policy, member: memberFixture(), purpose: GEN, consent: undefined, item: itemFixture({ kind }) };
    expect(decideItem({ ...input, at: FROM }).reason).toBe(decideItem({ ...input, at: BEFORE }).reason);
    const out = ['private_message', 'job_application', 'payment_record', 'salary_record', 'credential'].includes(kind);
    expect(decideItem({ ...input, at: FROM }).reason).toBe(out ? 'kind_excluded' : null);
  });

  it('updates the notice: a new version that explains legitimate interest and the right to object', () => {
    const before = noticeFor(policy, GEN, BEFORE);
    const after = noticeFor(policy, GEN, FROM);
    expect(before?.version).toBe('2024-09-18');
    expect(after?.version).toBe('2025-11-03');
    expect(after?.texts.en?.question).toBe(before?.texts.en?.question);
    expect(before?.texts.en?.explanation).toContain('are not included');
    expect(after?.texts.en?.explanation).toContain('legitimate interest');
    expect(after?.texts.en?.explanation).toContain('right to object');
    expect(after?.texts.de?.explanation).toContain('berechtigtes Interesse');
    expect(after?.texts.fr?.explanation).toContain('intérêt légitime');
    expect(after?.texts.es?.explanation).toContain('interés legítimo');
    expect(after?.texts.pt?.explanation).toContain('interesse legítimo');
    expect(noticeFor(policy, NON_GEN, FROM)?.texts.en?.explanation).toContain('legitimate interest');
  });
});
