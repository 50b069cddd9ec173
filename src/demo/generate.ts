// Generates a synthetic professional network: members across 27 countries, their content in their language with
// realistic personal data in it, and their consent choices over two years. Deterministic for a seed, and
// independent of the day it runs: every date is relative to a fixed anchor.

import type { ContentKind } from '../domain/index.js';
import { COMPANIES, COUNTRIES, type CountryProfile, NAMES } from './places.js';
import { createRandom, type Random } from './random.js';
import { EXTRA_SENTENCES, TITLES, TOPICS, templatesFor } from './templates.js';

/** Lines in the JSONL import schema (DESIGN.md), ready to write. */
export interface MemberLine {
  member_id: string;
  country: string | null;
  birth_date?: string;
  birth_year?: number;
  self_declared_minor?: boolean;
  in_secondary_education?: boolean;
  language: string;
  account_state: 'active' | 'deactivated' | 'deleted';
  names: string[];
  created_at: string;
}

export interface ContentLine {
  content_id: string;
  author_id: string;
  kind: ContentKind;
  visibility: 'public' | 'connections' | 'group' | 'private';
  text: string;
  created_at: string;
  language: string;
  deleted?: boolean;
  aipref?: string;
  tdm_reservation?: boolean;
}

export interface ConsentLine {
  member_id: string;
  purpose: string;
  status: 'given' | 'withdrawn';
  method: 'toggle' | 'api' | 'gpc' | 'objection_form';
  valid_from: string;
  recorded_at: string;
  notice_version: string;
  request_id: string;
}

/** A unique value planted in one member's content, to prove later that it never leaks into a dataset. */
export interface Canary {
  readonly value: string;
  readonly kind: 'email' | 'phone' | 'name';
  /** What the generator intended for the author: their data should be excluded, or included and redacted. */
  readonly author: 'opted_out' | 'jurisdiction_excluded' | 'minor' | 'allowed';
  readonly memberId: string;
  readonly contentId: string;
}

export interface DemoNetwork {
  readonly seed: number;
  readonly anchor: string;
  readonly members: readonly MemberLine[];
  readonly content: readonly ContentLine[];
  readonly consent: readonly ConsentLine[];
  readonly canaries: readonly Canary[];
}

export interface GenerateOptions {
  readonly members?: number;
  readonly seed?: number;
  /** Average content items per member (default 10). */
  readonly itemsPerMember?: number;
}

/** Every date in the network is at or before this instant, so the output does not depend on the clock. */
export const DEMO_ANCHOR = '2026-11-01T00:00:00.000Z';
const ANCHOR_MS = Date.parse(DEMO_ANCHOR);
const NETWORK_START_MS = Date.parse('2019-01-01T00:00:00.000Z');
/** The generative-AI setting appeared on this date (platform-2024-09). */
const SETTING_LAUNCH_MS = Date.parse('2024-09-18T00:00:00.000Z');
const DAY_MS = 86_400_000;

const KIND_WEIGHTS: readonly (readonly [ContentKind, number])[] = [
  ['post', 30],
  ['comment', 25],
  ['article', 3],
  ['poll_response', 5],
  ['group_post', 5],
  ['group_message', 5],
  ['private_message', 8],
  ['job_application', 1.5],
  ['ai_prompt', 5],
  ['ai_feedback', 2],
  ['support_request', 2],
  ['platform_feedback', 1],
  ['payment_record', 0.5],
  ['salary_record', 0.5],
  ['credential', 0.3],
];

const iso = (ms: number): string => new Date(ms).toISOString();
const isoDate = (ms: number): string => iso(ms).slice(0, 10);
const pad = (n: number, width: number): string => String(n).padStart(width, '0');

function luhnComplete(partial: string): string {
  let sum = 0;
  for (let i = 0; i < partial.length; i++) {
    let digit = Number(partial[partial.length - 1 - i]);
    if (i % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return partial + String((10 - (sum % 10)) % 10);
}

function cardNumber(random: Random): string {
  const prefix = random.pick(['4', '51', '55', '37']);
  const length = prefix === '37' ? 15 : 16;
  const raw = luhnComplete(prefix + random.chars('0123456789', length - prefix.length - 1));
  return length === 16 ? raw.replace(/(\d{4})(?=\d)/g, '$1 ') : raw;
}

function secretValue(random: Random): string {
  const alnum = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return random.pick([
    () => `AKIA${random.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}`,
    () => `ghp_${random.chars(alnum, 36)}`,
    () => `sk_live_${random.chars(alnum, 24)}`,
  ])();
}

function personName(random: Random, tradition: string): { given: string; family: string } {
  const names = NAMES[tradition] ?? NAMES.en;
  if (!names) throw new Error('no English names');
  return { given: random.pick(names.given), family: random.pick(names.family) };
}

function emailFor(random: Random, given: string, family: string): string {
  const local = `${given}.${family}`
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z.]/g, '');
  return `${local}${random.chance(0.4) ? random.int(1, 99) : ''}@${random.pick(['gmail.com', 'outlook.com', 'proton.me', 'yahoo.com', 'web.de', 'orange.fr', 'example.org'])}`;
}

interface Slots {
  readonly [slot: string]: () => string;
}

function fill(template: string, slots: Slots): string {
  return template.replace(/\{(\w+)\}/g, (whole, slot: string) => {
    const make = slots[slot];
    return make ? make() : whole;
  });
}

/**
 * Generates the network.
 *
 * @example const net = generateNetwork({ members: 1000, seed: 7 }); net.content.length // about 10,000
 */
export function generateNetwork(options: GenerateOptions = {}): DemoNetwork {
  const memberCount = options.members ?? 10_000;
  const seed = options.seed ?? 42;
  const itemsPerMember = options.itemsPerMember ?? 10;
  const random = createRandom(seed);
  const countryWeights = COUNTRIES.map((c) => [c, c.weight] as const);

  const members: MemberLine[] = [];
  const profiles = new Map<string, CountryProfile | undefined>();
  for (let i = 0; i < memberCount; i++) {
    const id = `m${pad(i + 1, 7)}`;
    const missingCountry = random.chance(0.006);
    const profile = missingCountry ? undefined : random.weighted(countryWeights);
    profiles.set(id, profile);
    const country = profile
      ? profile.subdivisions && random.chance(0.7)
        ? random.pick(profile.subdivisions)
        : profile.code
      : null;
    const { given, family } = personName(random, profile?.names ?? 'en');
    const createdMs = random.int(NETWORK_START_MS, ANCHOR_MS - 30 * DAY_MS);
    const line: MemberLine = {
      member_id: id,
      country,
      language: profile?.language ?? 'en',
      account_state: random.weighted([
        ['active', 97],
        ['deactivated', 2],
        ['deleted', 1],
      ]),
      names: [`${given} ${family}`],
      created_at: iso(createdMs),
    };
    // About 3% minors: most by birth date, some only by a signal.
    const minorRoll = random.next();
    const ageYears = minorRoll < 0.02 ? random.int(14, 17) : random.int(19, 70);
    const birthMs = ANCHOR_MS - ageYears * 365.25 * DAY_MS - random.int(0, 364) * DAY_MS;
    const birthKnown = random.weighted([
      ['date', 70],
      ['year', 20],
      ['none', 10],
    ] as const);
    if (birthKnown === 'date' || minorRoll < 0.02) line.birth_date = isoDate(birthMs);
    else if (birthKnown === 'year') line.birth_year = new Date(birthMs).getUTCFullYear();
    if (minorRoll >= 0.02 && minorRoll < 0.025) line.self_declared_minor = true;
    if (minorRoll >= 0.025 && minorRoll < 0.03) line.in_secondary_education = true;
    members.push(line);
  }

  // Consent: 10-15% withdraw at some point; some change their mind twice. A few object to non-generative uses.
  const consent: ConsentLine[] = [];
  const withdrawnAtAnchor = new Set<string>();
  let requestCounter = 0;
  const event = (
    memberId: string,
    purpose: string,
    status: ConsentLine['status'],
    ms: number,
    method: ConsentLine['method'],
  ) => {
    const lag = random.int(0, 3_600_000);
    consent.push({
      member_id: memberId,
      purpose,
      status,
      method,
      valid_from: iso(ms),
      recorded_at: iso(Math.min(ms + lag, ANCHOR_MS)),
      notice_version: ms < Date.parse('2025-11-03T00:00:00Z') ? 'genai-notice-2024-09' : 'genai-notice-2025-11',
      request_id: `demo-${seed}-${++requestCounter}`,
    });
  };
  for (const member of members) {
    if (random.chance(0.13)) {
      const firstMs = random.int(SETTING_LAUNCH_MS, ANCHOR_MS - 60 * DAY_MS);
      const method = random.weighted([
        ['toggle', 80],
        ['api', 12],
        ['gpc', 8],
      ] as const);
      event(member.member_id, 'train_ai_system.generative', 'withdrawn', firstMs, method);
      let withdrawn = true;
      if (random.chance(0.25)) {
        const backMs = random.int(firstMs + DAY_MS, ANCHOR_MS - 30 * DAY_MS);
        event(member.member_id, 'train_ai_system.generative', 'given', backMs, 'toggle');
        withdrawn = false;
        if (random.chance(0.4)) {
          event(
            member.member_id,
            'train_ai_system.generative',
            'withdrawn',
            random.int(backMs + DAY_MS, ANCHOR_MS - DAY_MS),
            'toggle',
          );
          withdrawn = true;
        }
      }
      if (withdrawn) withdrawnAtAnchor.add(member.member_id);
    } else if (random.chance(0.05)) {
      // An explicit "yes": matters under opt-in policies.
      event(
        member.member_id,
        'train_ai_system.generative',
        'given',
        random.int(SETTING_LAUNCH_MS, ANCHOR_MS - DAY_MS),
        'toggle',
      );
    }
    if (random.chance(0.02)) {
      event(
        member.member_id,
        'train_ai_system.non_generative',
        'withdrawn',
        random.int(SETTING_LAUNCH_MS, ANCHOR_MS - DAY_MS),
        'objection_form',
      );
    }
  }
  consent.sort((a, b) => (a.recorded_at < b.recorded_at ? -1 : a.recorded_at > b.recorded_at ? 1 : 0));

  // Content.
  const content: ContentLine[] = [];
  let contentCounter = 0;
  const byMemberItems = new Map<string, ContentLine[]>();
  const addItem = (member: MemberLine, kind: ContentKind) => {
    const profile = profiles.get(member.member_id);
    const tradition = profile?.names ?? 'en';
    const language = member.language;
    const other = () => personName(random, random.chance(0.7) ? tradition : random.pick(Object.keys(NAMES)));
    const person = other();
    const person2 = other();
    const createdFloor = Math.max(Date.parse(member.created_at), NETWORK_START_MS);
    const slots: Slots = {
      name: () => `${person.given} ${person.family}`,
      name2: () => `${person2.given} ${person2.family}`,
      first: () => person.given,
      me: () => member.names[0] ?? 'Member',
      email: () => emailFor(random, person.given, person.family),
      phone: () => (profile ?? random.pick(COUNTRIES)).phone(random),
      address: () => (profile ?? random.pick(COUNTRIES)).address(random),
      url: () =>
        random.pick([
          `https://www.linkedin.com/in/${person.given.toLowerCase()}-${person.family.toLowerCase().replace(/\s/g, '')}-${random.chars('0123456789abcdef', 6)}`,
          `https://github.com/${person.given.toLowerCase()}${random.int(1, 999)}`,
          `https://slides.example.com/d/${random.chars('abcdefghijklmnopqrstuvwxyz0123456789', 10)}`,
        ]),
      handle: () =>
        `@${person.given.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '')}_${person.family
          .toLowerCase()
          .normalize('NFD')
          .replace(/[^a-z]/g, '')}`,
      company: () => random.pick(COMPANIES),
      company2: () => random.pick(COMPANIES),
      city: () => random.pick(profile?.cities ?? ['Lisbon']),
      topic: () => random.pick(TOPICS),
      title: () => random.pick(TITLES),
      card: () => cardNumber(random),
      secret: () => secretValue(random),
      n: () => String(random.int(2, 40)),
      m: () => String(random.int(41, 900)),
    };
    let text = fill(random.pick(templatesFor(language, kind)), slots);
    const extras = EXTRA_SENTENCES[language] ?? EXTRA_SENTENCES.en ?? [];
    if ((kind === 'post' || kind === 'comment' || kind === 'group_post') && random.chance(0.6)) {
      text += ` ${fill(random.pick(extras), slots)}`;
    }
    const visibility: ContentLine['visibility'] =
      kind === 'post' || kind === 'article'
        ? random.chance(0.75)
          ? 'public'
          : 'connections'
        : kind === 'comment' || kind === 'profile' || kind === 'poll_response'
          ? 'public'
          : kind === 'group_post' || kind === 'group_message'
            ? 'group'
            : 'private';
    const item: ContentLine = {
      content_id: `c${pad(++contentCounter, 8)}`,
      author_id: member.member_id,
      kind,
      visibility,
      text,
      created_at: iso(random.int(createdFloor, ANCHOR_MS)),
      language,
    };
    if (random.chance(0.03)) item.deleted = true;
    if (random.chance(0.01)) item.aipref = 'train-ai=n';
    else if (random.chance(0.005)) item.tdm_reservation = true;
    content.push(item);
    const own = byMemberItems.get(member.member_id) ?? [];
    own.push(item);
    byMemberItems.set(member.member_id, own);
  };
  for (const member of members) {
    addItem(member, 'profile');
    if (random.chance(0.2)) addItem(member, 'resume');
    if (random.chance(0.3)) addItem(member, 'usage_summary');
    // Activity is skewed: a few members write a lot.
    const count = Math.round(random.next() ** 2 * itemsPerMember * 2.6);
    for (let i = 0; i < count; i++) addItem(member, random.weighted(KIND_WEIGHTS));
  }

  // Canaries: unique values in public posts of members whose fate the generator knows.
  const canaries: Canary[] = [];
  const excludedCountries = new Set([
    'DE',
    'FR',
    'ES',
    'IT',
    'NL',
    'PL',
    'SE',
    'IE',
    'PT',
    'AT',
    'BE',
    'NO',
    'IS',
    'LI',
    'CH',
    'GB',
  ]);
  const categoryOf = (member: MemberLine): Canary['author'] | undefined => {
    if (member.account_state !== 'active') return undefined;
    if (member.birth_date && ANCHOR_MS - Date.parse(member.birth_date) < 18 * 365 * DAY_MS) return 'minor';
    if (member.self_declared_minor || member.in_secondary_education) return 'minor';
    if (member.country && excludedCountries.has(member.country.slice(0, 2))) return 'jurisdiction_excluded';
    if (withdrawnAtAnchor.has(member.member_id)) return 'opted_out';
    if (!member.birth_date || !member.country) return undefined;
    return 'allowed';
  };
  const wanted: Record<Canary['author'], number> = { opted_out: 4, jurisdiction_excluded: 4, minor: 3, allowed: 6 };
  let canaryCounter = 0;
  for (const member of members) {
    const category = categoryOf(member);
    if (!category || (wanted[category] ?? 0) <= 0) continue;
    wanted[category] -= 1;
    canaryCounter += 1;
    const tag = `${seed.toString(36)}${canaryCounter.toString(36)}`;
    const email = `canary.${tag}@assent-canary.test`;
    const phone = `+1 415 730 ${pad(1000 + canaryCounter, 4).slice(-4)}`;
    const name = `Quillon Vasterby${canaryCounter > 1 ? `-${String.fromCharCode(64 + canaryCounter)}ask` : ''}`;
    const item: ContentLine = {
      content_id: `c${pad(++contentCounter, 8)}`,
      author_id: member.member_id,
      kind: 'post',
      visibility: 'public',
      text: `Thanks to ${name} for the intro! Reach them at ${email} or ${phone}.`,
      created_at: iso(ANCHOR_MS - 7 * DAY_MS),
      language: 'en',
    };
    content.push(item);
    for (const [kind, value] of [
      ['email', email],
      ['phone', phone],
      ['name', name],
    ] as const) {
      canaries.push({ value, kind, author: category, memberId: member.member_id, contentId: item.content_id });
    }
  }
  // The canary names belong to members of the directory, as the people one thanks usually do.
  for (const canary of canaries) {
    if (canary.kind !== 'name') continue;
    const index = members.length;
    members.push({
      member_id: `m${pad(index + 1, 7)}`,
      country: 'US',
      birth_date: '1980-05-05',
      language: 'en',
      account_state: 'active',
      names: [canary.value],
      created_at: iso(NETWORK_START_MS),
    });
  }

  return { seed, anchor: DEMO_ANCHOR, members, content, consent, canaries };
}
