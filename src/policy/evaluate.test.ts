import { describe, expect, it } from 'vitest';
import { type ConsentStatus, DECISION_REASONS, type Member } from '../domain/index.js';
import {
  ageAt,
  type ConsentInput,
  decideItem,
  decideMember,
  defaultStatus,
  explainItem,
  explainMember,
  gpcIsWithdrawal,
  noticeFor,
  rulesFor,
  treatmentFor,
  versionAt,
  withdrawalEffect,
} from './evaluate.js';
import { itemFixture, memberFixture } from './fixtures.js';
import type { Policy } from './schema.js';
import { validatePolicy } from './validate.js';

const rules = (treatment: string, extra = '') => `
        notice: { id: n, version: "1", mechanism: opt_out, texts: { en: { question: "Q?", explanation: "E." } } }
        jurisdictions:
          groups:
            - { name: EU, countries: [EU], treatment: excluded }
            - { name: BR, countries: [BR], treatment: opt_in }
          default_treatment: ${treatment}
        minors: { min_age: 18, unknown_age: exclude }
        content: { kinds: [post, comment], visibilities: [public] }
${extra}`;

/** Two versions: v1 covers only the parent purpose (opt_out); v2 only the generative child (opt_in), GPC not counted. */
const TEXT = `name: eval
versions:
  - id: eval/v1
    valid_from: 2024-01-01T00:00:00Z
    purposes:
      train_ai_system:${rules('opt_out')}
  - id: eval/v2
    valid_from: 2025-01-01T00:00:00Z
    valid_until: 2026-01-01T00:00:00Z
    purposes:
      train_ai_system.generative:${rules('opt_in', '        signals: { gpc_is_withdrawal: false }\n        on_withdrawal: flag_models')}
`;

function policyOf(text: string): Policy {
  const result = validatePolicy(text, 'eval.yaml');
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.policy;
}
const POLICY = policyOf(TEXT);
const GEN = 'train_ai_system.generative';
const V1 = '2024-06-01T00:00:00Z';
const V2 = '2025-06-01T00:00:00Z';

describe('effective dating', () => {
  it.each([
    ['2023-12-31T23:59:59.999Z', undefined],
    ['2024-01-01T00:00:00Z', 'eval/v1'],
    ['2024-12-31T23:59:59Z', 'eval/v1'],
    ['2025-01-01T00:00:00Z', 'eval/v2'],
    ['2025-01-01T01:00:00+02:00', 'eval/v1'],
    ['2025-12-31T23:59:59Z', 'eval/v2'],
    ['2026-01-01T00:00:00Z', undefined],
    ['not a time', undefined],
  ])('versionAt(%s) is %s', (at, id) => {
    expect(versionAt(POLICY, at)?.id).toBe(id);
  });

  it('inherits a parent purpose but never a child', () => {
    const v1 = POLICY.versions[0];
    const v2 = POLICY.versions[1];
    if (!v1 || !v2) throw new Error('fixture');
    expect(rulesFor(v1, GEN)?.declaredFor).toBe('train_ai_system');
    expect(rulesFor(v1, 'train_ai_system.non_generative')?.declaredFor).toBe('train_ai_system');
    expect(rulesFor(v2, GEN)?.declaredFor).toBe(GEN);
    expect(rulesFor(v2, 'train_ai_system')).toBeUndefined();
    expect(rulesFor(v2, 'train_ai_system.non_generative')).toBeUndefined();
    expect(rulesFor(v1, 'marketing')).toBeUndefined();
  });

  it('fails closed with no_policy outside the versions and for uncovered purposes', () => {
    const base = { policy: POLICY, member: memberFixture(), consent: undefined };
    expect(decideMember({ ...base, purpose: GEN, at: '2023-01-01T00:00:00Z' })).toMatchObject({
      reason: 'no_policy',
      policyVersion: null,
    });
    const uncovered = decideMember({ ...base, purpose: 'train_ai_system.non_generative', at: V2 });
    expect(uncovered).toMatchObject({ reason: 'no_policy' });
    expect(uncovered.detail).toContain('not covered');
    expect(decideMember({ ...base, purpose: GEN, at: 'yesterday' }).reason).toBe('no_policy');
    expect(decideMember({ ...base, purpose: GEN, at: V1 })).toMatchObject({ allowed: true, policyVersion: 'eval/v1' });
  });

  it('reads per-version switches', () => {
    expect(gpcIsWithdrawal(POLICY, GEN, V1)).toBe(true);
    expect(gpcIsWithdrawal(POLICY, GEN, V2)).toBe(false);
    expect(withdrawalEffect(POLICY, GEN, V1)).toBe('forward_only');
    expect(withdrawalEffect(POLICY, GEN, V2)).toBe('flag_models');
    expect(noticeFor(POLICY, GEN, V1)).toMatchObject({ id: 'n', purpose: GEN, mechanism: 'opt_out' });
    expect(noticeFor(POLICY, GEN, '2020-01-01T00:00:00Z')).toBeUndefined();
  });
});

describe('jurisdictions and defaults', () => {
  const v1 = POLICY.versions[0];
  if (!v1) throw new Error('fixture');
  it.each([
    ['US', { treatment: 'opt_out', group: null, country: 'US' }],
    ['us-ca', { treatment: 'opt_out', group: null, country: 'US' }],
    ['DE', { treatment: 'excluded', group: 'EU', country: 'DE' }],
    ['BR', { treatment: 'opt_in', group: 'BR', country: 'BR' }],
    ['UK', { treatment: 'excluded', group: null, country: null }],
    [null, { treatment: 'excluded', group: null, country: null }],
  ])('treatmentFor(%j)', (country, expected) => {
    expect(treatmentFor(v1, GEN, country)).toEqual(expected);
  });

  it.each([
    ['US', V1, 'ConsentGiven'],
    ['BR', V1, 'ConsentUnknown'],
    ['DE', V1, 'ConsentUnknown'],
    ['XX', V1, 'ConsentUnknown'],
    ['US', V2, 'ConsentUnknown'],
    ['US', '2030-01-01T00:00:00Z', 'ConsentUnknown'],
  ])('defaultStatus for %s at %s is %s', (country, at, status) => {
    expect(defaultStatus(POLICY, GEN, memberFixture({ country }), at)).toBe(status);
  });

  it('an unknown member has no default consent', () => {
    expect(defaultStatus(POLICY, GEN, undefined, V1)).toBe('ConsentUnknown');
  });
});

describe('age', () => {
  it.each([
    // [birthDate, birthYear, at, age]
    ['2006-06-15', null, '2024-06-14T23:59:59Z', 17],
    ['2006-06-15', null, '2024-06-15T00:00:00Z', 18],
    ['2008-02-29', null, '2026-02-28T12:00:00Z', 17],
    ['2008-02-29', null, '2026-03-01T00:00:00Z', 18],
    ['2004-02-29', null, '2024-02-29T00:00:00Z', 20],
    ['2004-02-29', null, '2024-02-28T00:00:00Z', 19],
    [null, 2006, '2024-12-30T00:00:00Z', 17],
    [null, 2006, '2024-12-31T00:00:00Z', 18],
    [null, 2006, '2025-01-01T00:00:00Z', 18],
    ['2006-02-30', 2000, '2024-06-01T00:00:00Z', 23],
  ])('born %s / %s, at %s: %i', (birthDate, birthYear, at, age) => {
    expect(ageAt(memberFixture({ birthDate, birthYear }), at)?.age).toBe(age);
  });

  it.each([
    [{ birthDate: null, birthYear: null }],
    [{ birthDate: 'soon', birthYear: null }],
    [{ birthDate: null, birthYear: 1.5 }],
  ])('%j is an unknown age', (fields) => {
    expect(ageAt(memberFixture(fields), V1)).toBeUndefined();
  });
});

describe('member decisions', () => {
  const decide = (member: Member | undefined, consent: ConsentInput | undefined, at = V1) =>
    decideMember({ policy: POLICY, member, purpose: GEN, at, consent });
  const explicit = (status: ConsentStatus, method?: 'gpc' | 'toggle'): ConsentInput =>
    method ? { status, source: 'explicit', method } : { status, source: 'explicit' };

  it.each([
    ['no member', undefined, undefined, 'unknown_member'],
    ['deleted (and excluded)', memberFixture({ accountState: 'deleted', country: 'DE' }), undefined, 'account_deleted'],
    ['deactivated', memberFixture({ accountState: 'deactivated' }), undefined, 'account_deactivated'],
    ['no country', memberFixture({ country: null }), undefined, 'unknown_jurisdiction'],
    ['not ISO', memberFixture({ country: 'UK' }), undefined, 'unknown_jurisdiction'],
    ['EU', memberFixture({ country: 'FR' }), explicit('ConsentGiven'), 'jurisdiction_excluded'],
    ['under 18', memberFixture({ birthDate: '2010-01-01' }), undefined, 'minor'],
    ['self-declared', memberFixture({ ageSignals: { selfDeclaredMinor: true } }), undefined, 'minor'],
    ['secondary school', memberFixture({ ageSignals: { inSecondaryEducation: true } }), undefined, 'minor'],
    ['unknown age, policy excludes it', memberFixture({ birthDate: null }), undefined, 'minor'],
    ['opt_in, no choice', memberFixture({ country: 'BR' }), undefined, 'no_consent'],
    [
      'opt_in, default state',
      memberFixture({ country: 'BR' }),
      { status: 'ConsentGiven', source: 'default' } as ConsentInput,
      'no_consent',
    ],
    ['opt_in, given', memberFixture({ country: 'BR' }), explicit('ConsentGiven'), null],
    ['opt_in, refused', memberFixture({ country: 'BR' }), explicit('ConsentRefused'), 'opted_out'],
    ['opt_out, no choice', memberFixture(), undefined, null],
    [
      'opt_out, default state',
      memberFixture(),
      { status: 'ConsentWithdrawn', source: 'default' } as ConsentInput,
      null,
    ],
    ['opt_out, withdrawn', memberFixture(), explicit('ConsentWithdrawn'), 'opted_out'],
    ['opt_out, GPC counted', memberFixture(), explicit('ConsentWithdrawn', 'gpc'), 'opted_out'],
    ['opt_out, expired', memberFixture(), explicit('ConsentExpired'), 'no_consent'],
    ['opt_out, invalidated', memberFixture(), explicit('ConsentInvalidated'), 'no_consent'],
  ])('%s → %s', (_name, member, consent, reason) => {
    const decision = decide(member, consent);
    expect(decision.reason).toBe(reason);
    expect(decision.allowed).toBe(reason === null);
  });

  it('ignores a GPC signal where the policy does not count it', () => {
    const member = memberFixture({ country: 'US' });
    // v2 is opt_in everywhere but the EU: a GPC "given" does not count either, so there is no consent.
    expect(decide(member, explicit('ConsentGiven', 'gpc'), V2).reason).toBe('no_consent');
    expect(decide(member, explicit('ConsentGiven', 'toggle'), V2).allowed).toBe(true);
    const withdrawn = decide(member, explicit('ConsentWithdrawn', 'gpc'), V2);
    expect(withdrawn.reason).toBe('no_consent');
    expect(withdrawn.detail).toContain('Global Privacy Control');
  });

  it('writes details without personal data', () => {
    const member = memberFixture({ id: 'member-7f3a', names: ['Quillon Vasterby'], birthDate: '2009-04-03' });
    const decision = decide(member, undefined);
    expect(decision.reason).toBe('minor');
    for (const secret of ['member-7f3a', 'Quillon', '2009-04-03', '2009'])
      expect(decision.detail).not.toContain(secret);
    expect(decide(memberFixture({ country: 'DE' }), undefined).detail).toBe(
      'Country DE is in group EU, treated as excluded under eval/v1.',
    );
  });
});

describe('item decisions and explanations', () => {
  const base = { policy: POLICY, member: memberFixture(), purpose: GEN, at: V1, consent: undefined };

  it.each([
    [{}, null],
    [{ kind: 'article' as const }, 'kind_excluded'],
    [{ visibility: 'connections' as const }, 'visibility_excluded'],
    [{ deleted: true }, 'content_deleted'],
    [{ signals: { aipref: 'train-ai=n' } }, 'content_signal'],
    [{ signals: { tdmReservation: true } }, 'content_signal'],
    [{ kind: 'article' as const, deleted: true }, 'kind_excluded'],
  ])('item %j → %s', (overrides, reason) => {
    expect(decideItem({ ...base, item: itemFixture(overrides) }).reason).toBe(reason);
  });

  it('a member reason comes before any item reason', () => {
    const decision = decideItem({
      ...base,
      member: memberFixture({ country: 'IT' }),
      item: itemFixture({ deleted: true }),
    });
    expect(decision.reason).toBe('jurisdiction_excluded');
  });

  it('explains every rule in order, including those after the first failure', () => {
    const input = { ...base, member: memberFixture({ country: 'IT' }), item: itemFixture({ kind: 'article' }) };
    const explanation = explainItem(input);
    expect(explanation.checks.map((c) => c.reason)).toEqual([...DECISION_REASONS]);
    expect(explanation.decision).toEqual(decideItem(input));
    const byReason = Object.fromEntries(explanation.checks.map((c) => [c.reason, c.passed]));
    expect(byReason).toMatchObject({
      no_policy: true,
      unknown_member: true,
      jurisdiction_excluded: false,
      minor: true,
      no_consent: null,
      kind_excluded: false,
      visibility_excluded: true,
      content_deleted: true,
    });
    for (const check of explanation.checks) expect(check.detail).toMatch(/\.$/);
  });

  it('explains an allowed member and marks unchecked rules when there is no policy', () => {
    const allowed = explainMember(base);
    expect(allowed.decision.allowed).toBe(true);
    expect(allowed.checks.every((c) => c.passed === true)).toBe(true);
    const none = explainMember({ ...base, at: '2020-01-01T00:00:00Z' });
    expect(none.checks[0]).toMatchObject({ reason: 'no_policy', passed: false });
    expect(none.checks.slice(1).every((c) => c.passed === null)).toBe(true);
  });
});
