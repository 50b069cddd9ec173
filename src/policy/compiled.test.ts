import { describe, expect, it } from 'vitest';
import {
  CONSENT_STATUSES,
  CONTENT_KINDS,
  type ContentItem,
  type ContentSignals,
  type Member,
  VISIBILITIES,
} from '../domain/index.js';
import { seededRandom } from '../domain/seeded-random.js';
import {
  ALLOWED,
  COUNTRY_TABLE,
  compilePolicy,
  countryIndex,
  decideItemFast,
  decideMemberFast,
  itemAllowedFast,
  kindIndex,
  packBirth,
  packConsent,
  packItemFlags,
  packMember,
  REASON_CODE,
  reasonOfCode,
  visibilityIndex,
} from './compiled.js';
import { type ConsentInput, decideItem, decideMember } from './evaluate.js';
import { itemFixture, memberFixture } from './fixtures.js';
import { listPresetsSync, loadPresetSync } from './presets.js';
import type { Policy } from './schema.js';
import { validatePolicy } from './validate.js';

const CUSTOM = `name: custom
versions:
  - id: custom/v1
    valid_from: 2024-01-01T00:00:00Z
    valid_until: 2026-01-01T00:00:00Z
    purposes:
      train_ai_system:
        notice: { id: n, version: "1", mechanism: opt_in, texts: { en: { question: "Q?", explanation: "E." } } }
        jurisdictions:
          groups:
            - { name: EEA, countries: [EEA], treatment: opt_in }
            - { name: NA, countries: [US, CA], treatment: opt_out }
            - { name: BAN, countries: [CN, RU], treatment: excluded }
          default_treatment: opt_in
        minors: { min_age: 16, exclude_signals: [self_declared_minor], unknown_age: exclude }
        content: { kinds: [post, comment, group_message, resume], visibilities: [public, group] }
        signals: { gpc_is_withdrawal: false, honor_content_reservations: false }
`;

function policies(): Policy[] {
  const custom = validatePolicy(CUSTOM, 'custom.yaml');
  if (!custom.ok) throw new Error(JSON.stringify(custom.issues));
  return [...listPresetsSync().map(loadPresetSync), custom.policy];
}

const COUNTRIES = [
  'US',
  'us-ca',
  'DE',
  'FR',
  'GB',
  'CH',
  'NO',
  'IS',
  'LI',
  'BR',
  'IN',
  'CN',
  'CA',
  'UK',
  'EU',
  'XX',
  '',
  null,
];
const TIMES = [
  '2023-06-01T00:00:00Z',
  '2024-09-17T23:59:59Z',
  '2024-09-18T00:00:00Z',
  '2025-02-28T10:00:00Z',
  '2025-03-01T00:00:00Z',
  '2025-11-02T23:59:59.999Z',
  '2025-11-03T00:00:00Z',
  '2025-12-31T00:00:00Z',
  '2026-01-01T00:00:00Z',
  'garbage',
];
const PURPOSES = ['train_ai_system.generative', 'train_ai_system.non_generative', 'train_ai_system', 'marketing'];

function pick<T>(random: () => number, values: readonly T[]): T {
  return values[Math.floor(random() * values.length)] as T;
}

function randomMember(random: () => number, i: number): Member | undefined {
  if (random() < 0.03) return undefined;
  const year = 1995 + Math.floor(random() * 20);
  const month = 1 + Math.floor(random() * 12);
  const day = pick(random, [1, 15, 28, 29, 30, 31]);
  const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const birth = random();
  return memberFixture({
    id: `m-${i}`,
    country: pick(random, COUNTRIES),
    birthDate: birth < 0.6 ? (random() < 0.05 ? '2010-13-01' : date) : null,
    birthYear: birth >= 0.6 && birth < 0.85 ? year : null,
    ageSignals: { selfDeclaredMinor: random() < 0.05, inSecondaryEducation: random() < 0.05 },
    accountState: pick(random, ['active', 'active', 'active', 'active', 'deactivated', 'deleted'] as const),
  });
}

function randomConsent(random: () => number): ConsentInput | undefined {
  const roll = random();
  if (roll < 0.3) return undefined;
  const status = pick(random, CONSENT_STATUSES);
  const source = roll < 0.45 ? 'default' : 'explicit';
  return random() < 0.2 ? { status, source, method: 'gpc' } : { status, source, method: 'toggle' };
}

function randomItem(random: () => number): ContentItem {
  const signals: ContentSignals = pick(random, [
    {},
    {},
    {},
    { aipref: 'train-ai=n' },
    { aipref: 'search=y' },
    { tdmReservation: true },
  ]);
  return itemFixture({
    kind: pick(random, CONTENT_KINDS),
    visibility: pick(random, VISIBILITIES),
    deleted: random() < 0.1,
    signals,
  });
}

describe('fast path', () => {
  it('agrees with the reference path on random members, items, times, purposes and policies', () => {
    const random = seededRandom(20241118);
    const all = policies();
    let compared = 0;
    const seen = new Set<string | null>();
    for (const policy of all) {
      for (const purpose of PURPOSES) {
        for (const at of TIMES) {
          const rules = compilePolicy(policy, purpose, at);
          for (let i = 0; i < 150; i += 1) {
            const member = randomMember(random, i);
            const consent = randomConsent(random);
            const item = randomItem(random);
            const packed = packMember(member);
            const consentCode = packConsent(consent);
            const slowMember = decideMember({ policy, member, purpose, at, consent });
            const fastMember = decideMemberFast(rules, packed.country, packed.birth, packed.flags, consentCode);
            const context = { policy: policy.name, purpose, at, member, consent };
            expect(reasonOfCode(fastMember), JSON.stringify(context)).toBe(slowMember.reason);
            const slowItem = decideItem({ policy, member, purpose, at, consent, item });
            const fastItem = decideItemFast(
              rules,
              packed,
              consentCode,
              kindIndex(item.kind),
              visibilityIndex(item.visibility),
              packItemFlags(item),
            );
            expect(reasonOfCode(fastItem), JSON.stringify({ ...context, item })).toBe(slowItem.reason);
            seen.add(slowItem.reason);
            compared += 1;
          }
        }
      }
    }
    expect(compared).toBe(all.length * PURPOSES.length * TIMES.length * 150);
    // The random inputs reach every outcome, so the agreement is not vacuous.
    for (const reason of [null, ...Object.keys(REASON_CODE)]) expect(seen, String(reason)).toContain(reason);
  });

  it('packs members and items into numbers', () => {
    expect(countryIndex('US')).toBe(COUNTRY_TABLE.indexOf('US') + 1);
    expect(countryIndex('us-ny')).toBe(countryIndex('US'));
    expect(countryIndex('UK')).toBe(0);
    expect(countryIndex(null)).toBe(0);
    expect(packBirth({ birthDate: '2008-02-29', birthYear: null })).toBe(20080229);
    expect(packBirth({ birthDate: null, birthYear: 2008 })).toBe(20081231);
    expect(packBirth({ birthDate: '2008-02-30', birthYear: null })).toBe(0);
    expect(packMember(undefined).flags).toBe(128);
    expect(packConsent({ status: 'ConsentGiven', source: 'default' })).toBe(0);
    expect(packConsent({ status: 'ConsentWithdrawn', source: 'explicit', method: 'gpc' })).toBe(2 | 8);
    expect(packItemFlags({ deleted: true, signals: { tdmReservation: true } })).toBe(3);
  });

  it('decides a leap-day birthday the same way on both sides of it', () => {
    const policy = loadPresetSync('platform-2024-09');
    const member = memberFixture({ birthDate: '2008-02-29' });
    const packed = packMember(member);
    for (const [at, code] of [
      ['2026-02-28T23:59:59Z', REASON_CODE.minor],
      ['2026-03-01T00:00:00Z', ALLOWED],
    ] as const) {
      const rules = compilePolicy(policy, 'train_ai_system.generative', at);
      expect(decideMemberFast(rules, packed.country, packed.birth, packed.flags, 0)).toBe(code);
    }
  });

  it('rejects unknown kind and visibility indexes', () => {
    const rules = compilePolicy(
      loadPresetSync('platform-2024-09'),
      'train_ai_system.generative',
      '2025-01-01T00:00:00Z',
    );
    expect(itemAllowedFast(rules, -1, 0, 0)).toBe(REASON_CODE.kind_excluded);
    expect(itemAllowedFast(rules, kindIndex('post'), -1, 0)).toBe(REASON_CODE.visibility_excluded);
    expect(itemAllowedFast(rules, kindIndex('post'), visibilityIndex('public'), 0)).toBe(ALLOWED);
  });
});
