import { describe, expect, it } from 'vitest';
import { CONTENT_KINDS, parseJurisdiction } from '../domain/index.js';
import { generateNetwork } from './generate.js';

describe('generateNetwork', () => {
  const network = generateNetwork({ members: 3000, seed: 11 });

  it('is deterministic for a seed and differs across seeds', () => {
    const again = generateNetwork({ members: 3000, seed: 11 });
    expect(JSON.stringify(again)).toBe(JSON.stringify(network));
    const other = generateNetwork({ members: 3000, seed: 12 });
    expect(JSON.stringify(other.content.slice(0, 50))).not.toBe(JSON.stringify(network.content.slice(0, 50)));
  });

  it('spreads members over at least 25 valid countries, with a few missing', () => {
    const countries = new Set(network.members.map((m) => m.country?.slice(0, 2)).filter(Boolean));
    expect(countries.size).toBeGreaterThanOrEqual(25);
    for (const code of ['DE', 'NO', 'CH', 'GB', 'US', 'IN', 'BR', 'CA', 'JP', 'NG']) expect(countries).toContain(code);
    for (const m of network.members) if (m.country !== null) expect(parseJurisdiction(m.country)).toBeDefined();
    expect(network.members.some((m) => m.country === null)).toBe(true);
    expect(network.members.some((m) => m.country?.startsWith('US-'))).toBe(true);
  });

  it('has about 3% minors and some inactive accounts', () => {
    const anchor = Date.parse(network.anchor);
    const minors = network.members.filter(
      (m) =>
        m.self_declared_minor ||
        m.in_secondary_education ||
        (m.birth_date !== undefined && anchor - Date.parse(m.birth_date) < 18 * 365.25 * 86_400_000),
    ).length;
    expect(minors / network.members.length).toBeGreaterThan(0.02);
    expect(minors / network.members.length).toBeLessThan(0.045);
    expect(network.members.some((m) => m.account_state === 'deleted')).toBe(true);
    expect(network.members.some((m) => m.account_state === 'deactivated')).toBe(true);
  });

  it('writes every kind, in the members languages, with personal data to redact', () => {
    const kinds = new Set(network.content.map((c) => c.kind));
    for (const kind of CONTENT_KINDS) expect(kinds).toContain(kind);
    const languages = new Set(network.content.map((c) => c.language));
    for (const lang of ['en', 'de', 'fr', 'es', 'pt']) expect(languages).toContain(lang);
    expect(network.content.length / network.members.length).toBeGreaterThan(7);
    expect(network.content.filter((c) => /@[a-z]+\.[a-z]+/.test(c.text)).length).toBeGreaterThan(500);
  });

  it('has 10-15% of members withdrawing, some changing their mind twice', () => {
    const perMember = new Map<string, string[]>();
    for (const e of network.consent.filter((c) => c.purpose === 'train_ai_system.generative')) {
      perMember.set(e.member_id, [...(perMember.get(e.member_id) ?? []), e.status]);
    }
    const withdrew = [...perMember.values()].filter((s) => s.includes('withdrawn')).length;
    expect(withdrew / network.members.length).toBeGreaterThan(0.1);
    expect(withdrew / network.members.length).toBeLessThan(0.15);
    expect([...perMember.values()].some((s) => s.join() === 'withdrawn,given,withdrawn')).toBe(true);
    for (const e of network.consent) expect(e.recorded_at >= e.valid_from).toBe(true);
  });

  it('plants unique canaries for every kind of author', () => {
    const authors = new Set(network.canaries.map((c) => c.author));
    expect(authors).toEqual(new Set(['opted_out', 'jurisdiction_excluded', 'minor', 'allowed']));
    const values = network.canaries.map((c) => c.value);
    expect(new Set(values).size).toBe(values.length);
    for (const canary of network.canaries) {
      const item = network.content.find((c) => c.content_id === canary.contentId);
      expect(item?.text).toContain(canary.value);
    }
  });
});
