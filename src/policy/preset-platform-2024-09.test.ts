import { describe, expect, it } from 'vitest';
import { CONTENT_KINDS, type ContentKind, EU_27, noticeText, VISIBILITIES } from '../domain/index.js';
import { decideItem, decideMember, defaultStatus, noticeFor, withdrawalEffect } from './evaluate.js';
import { itemFixture, memberFixture } from './fixtures.js';
import { loadPresetSync } from './presets.js';

const policy = loadPresetSync('platform-2024-09');
const GEN = 'train_ai_system.generative';
const NON_GEN = 'train_ai_system.non_generative';
const AT = '2025-03-01T12:00:00Z';

const IN_SCOPE: readonly ContentKind[] = [
  'post',
  'article',
  'comment',
  'poll_response',
  'profile',
  'group_post',
  'group_message',
  'ai_prompt',
  'ai_feedback',
  'support_request',
  'resume',
  'platform_feedback',
  'usage_summary',
];
const OUT_OF_SCOPE: readonly ContentKind[] = [
  'private_message',
  'job_application',
  'payment_record',
  'salary_record',
  'credential',
];

describe('platform-2024-09', () => {
  it('is one version from 2024-09-18 with no policy before it', () => {
    expect(policy.versions.map((v) => v.id)).toEqual(['platform-2024-09/v1']);
    const member = memberFixture();
    expect(decideMember({ policy, member, purpose: GEN, at: '2024-09-17T23:59:59Z', consent: undefined }).reason).toBe(
      'no_policy',
    );
    expect(decideMember({ policy, member, purpose: GEN, at: '2024-09-18T00:00:00Z', consent: undefined }).allowed).toBe(
      true,
    );
  });

  const groups: Array<[string, readonly string[]]> = [
    ['EU', EU_27],
    ['EEA_EFTA', ['IS', 'LI', 'NO']],
    ['CH', ['CH']],
    ['UK', ['GB', 'GB-SCT']],
  ];
  describe.each(groups)('group %s is excluded', (group, countries) => {
    it.each(countries)('%s, for both purposes, before and after 2025-11-03, even with consent', (country) => {
      for (const purpose of [GEN, NON_GEN]) {
        for (const at of [AT, '2025-11-03T00:00:00Z', '2026-06-01T00:00:00Z']) {
          const decision = decideMember({
            policy,
            member: memberFixture({ country }),
            purpose,
            at,
            consent: { status: 'ConsentGiven', source: 'explicit' },
          });
          expect(decision).toMatchObject({
            allowed: false,
            reason: 'jurisdiction_excluded',
            policyVersion: 'platform-2024-09/v1',
          });
          expect(decision.detail).toContain(`in group ${group}, treated as excluded`);
        }
      }
    });
  });

  it.each(['US', 'US-CA', 'CA', 'BR', 'IN', 'JP', 'AU', 'ZA', 'TR', 'RS'])(
    '%s is opt-out: on by default',
    (country) => {
      const member = memberFixture({ country });
      expect(defaultStatus(policy, GEN, member, AT)).toBe('ConsentGiven');
      expect(decideMember({ policy, member, purpose: GEN, at: AT, consent: undefined }).allowed).toBe(true);
      const withdrawn = { status: 'ConsentWithdrawn', source: 'explicit' } as const;
      expect(decideMember({ policy, member, purpose: GEN, at: AT, consent: withdrawn }).reason).toBe('opted_out');
    },
  );

  it.each([
    ['missing', null],
    ['not ISO', 'UK'],
    ['a region name', 'EU'],
  ])('a %s country is unknown_jurisdiction', (_name, country) => {
    const member = memberFixture({ country });
    expect(decideMember({ policy, member, purpose: GEN, at: AT, consent: undefined }).reason).toBe(
      'unknown_jurisdiction',
    );
  });

  it.each([
    ['17, a day before the 18th birthday', { birthDate: '2007-03-02' }, 'minor'],
    ['18 on the day', { birthDate: '2007-03-01' }, null],
    ['born 29 Feb 2008, at 28 Feb 2026', { birthDate: '2008-02-29' }, 'minor', '2026-02-28T12:00:00Z'],
    ['born 29 Feb 2008, at 1 Mar 2026', { birthDate: '2008-02-29' }, null, '2026-03-01T00:00:00Z'],
    ['only a birth year that may be under 18', { birthDate: null, birthYear: 2007 }, 'minor'],
    ['only a birth year that is surely 18', { birthDate: null, birthYear: 2006 }, null],
    ['adult who declared being a minor', { ageSignals: { selfDeclaredMinor: true } }, 'minor'],
    ['adult in secondary education', { ageSignals: { inSecondaryEducation: true } }, 'minor'],
    ['no age information', { birthDate: null, birthYear: null }, null],
  ])('minors: %s', (_name, fields, reason, at = AT) => {
    const decision = decideMember({ policy, member: memberFixture(fields), purpose: GEN, at, consent: undefined });
    expect(decision.reason).toBe(reason);
  });

  it('puts every content kind on exactly one side', () => {
    expect([...IN_SCOPE, ...OUT_OF_SCOPE].sort()).toEqual([...CONTENT_KINDS].sort());
  });

  it.each(CONTENT_KINDS.map((kind) => [kind, IN_SCOPE.includes(kind)] as const))(
    'kind %s in scope: %s',
    (kind, inScope) => {
      for (const purpose of [GEN, NON_GEN]) {
        const decision = decideItem({
          policy,
          member: memberFixture(),
          purpose,
          at: AT,
          consent: undefined,
          item: itemFixture({ kind, visibility: 'private' }),
        });
        expect(decision.reason).toBe(inScope ? null : 'kind_excluded');
      }
    },
  );

  it.each(VISIBILITIES)('visibility %s is in scope', (visibility) => {
    const input = { policy, member: memberFixture(), purpose: GEN, at: AT, consent: undefined };
    expect(decideItem({ ...input, item: itemFixture({ visibility }) }).allowed).toBe(true);
  });

  it('honors content reservations and GPC', () => {
    const input = { policy, member: memberFixture(), purpose: GEN, at: AT };
    const reserved = itemFixture({ signals: { aipref: 'train-ai=n' } });
    expect(decideItem({ ...input, consent: undefined, item: reserved }).reason).toBe('content_signal');
    const gpc = { status: 'ConsentWithdrawn', source: 'explicit', method: 'gpc' } as const;
    expect(decideMember({ ...input, consent: gpc }).reason).toBe('opted_out');
    expect(withdrawalEffect(policy, GEN, AT)).toBe('forward_only');
  });

  it('asks the setting question in English and in four translations', () => {
    const notice = noticeFor(policy, GEN, AT);
    expect(notice?.mechanism).toBe('opt_out');
    if (!notice) return;
    expect(noticeText(notice, 'en').text.question).toBe(
      'Can [Platform] and its affiliates use your personal data and content you create on [Platform] to train generative AI models that create content?',
    );
    const en = noticeText(notice, 'en').text.explanation;
    expect(en).toContain('stops this use going forward');
    expect(en).toContain('does not affect training that has already taken place');
    for (const locale of ['de', 'fr', 'es', 'pt']) {
      const text = noticeText(notice, locale);
      expect(text.locale).toBe(locale);
      expect(text.text.question).toContain('[Platform]');
      expect(text.text.question).not.toBe(noticeText(notice, 'en').text.question);
      expect(text.text.explanation.length).toBeGreaterThan(300);
    }
    expect(noticeText(notice, 'pt-BR').locale).toBe('pt');
  });

  it('governs non-generative training as notice only with an objection form', () => {
    const notice = noticeFor(policy, NON_GEN, AT);
    expect(notice?.mechanism).toBe('notice_only');
    expect(notice?.texts.en?.explanation).toContain('objection form');
    const member = memberFixture();
    expect(defaultStatus(policy, NON_GEN, member, AT)).toBe('ConsentGiven');
    const objection = { status: 'ConsentWithdrawn', source: 'explicit', method: 'objection_form' } as const;
    expect(decideMember({ policy, member, purpose: NON_GEN, at: AT, consent: objection }).reason).toBe('opted_out');
  });
});
