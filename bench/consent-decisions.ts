// Decisions per second: the compiled fast path over a packed snapshot of 1,000,000 generated members and their
// items, beside the reference path on a sample. Prints a table; asserts nothing. `npx tsx bench/consent-decisions.ts`
// Options: --members N (default 1000000), --sample N (slow-path members, default 50000), --preset NAME.

import { performance } from 'node:perf_hooks';
import {
  CONTENT_KINDS,
  type ConsentStatus,
  type ContentItem,
  DECISION_REASONS,
  type Member,
  VISIBILITIES,
} from '../src/domain/index.js';
import { seededRandom } from '../src/domain/seeded-random.js';
import { itemFixture, memberFixture } from '../src/policy/fixtures.js';
import {
  ALLOWED,
  CONSENT_CODES,
  COUNTRY_TABLE,
  type ConsentInput,
  compilePolicy,
  decideItem,
  decideMember,
  decideMemberFast,
  ITEM_FLAGS,
  itemAllowedFast,
  loadPresetSync,
  MEMBER_FLAGS,
  reasonOfCode,
} from '../src/policy/index.js';

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

const MEMBERS = Number(option('members', '1000000'));
const SAMPLE = Math.min(MEMBERS, Number(option('sample', '50000')));
const PRESET = option('preset', 'platform-2025-11');
const PURPOSE = 'train_ai_system.generative';
const AT = '2025-12-01T00:00:00Z';

// ---- the packed snapshot (what a build holds) ----
const random = seededRandom(42);
const countryOf = (code: string) => COUNTRY_TABLE.indexOf(code) + 1;
const COUNTRY_MIX = [
  'US',
  'US',
  'US',
  'IN',
  'IN',
  'BR',
  'GB',
  'DE',
  'FR',
  'CA',
  'NL',
  'AU',
  'ES',
  'IT',
  'MX',
  'CH',
  'NG',
].map(countryOf);
const setupStart = performance.now();
const country = new Uint16Array(MEMBERS);
const birth = new Int32Array(MEMBERS);
const flags = new Uint8Array(MEMBERS);
const consent = new Uint8Array(MEMBERS);
const itemStart = new Uint32Array(MEMBERS + 1);
let itemCount = 0;
for (let i = 0; i < MEMBERS; i += 1) {
  country[i] = random() < 0.01 ? 0 : (COUNTRY_MIX[Math.floor(random() * COUNTRY_MIX.length)] ?? 0);
  const year = 1950 + Math.floor(random() * 62);
  const roll = random();
  birth[i] =
    roll < 0.7
      ? year * 10000 + (1 + Math.floor(random() * 12)) * 100 + 1 + Math.floor(random() * 28)
      : roll < 0.9
        ? year * 10000 + 1231
        : 0;
  let f = 0;
  if (random() < 0.01) f |= MEMBER_FLAGS.selfDeclaredMinor;
  if (random() < 0.01) f |= MEMBER_FLAGS.inSecondaryEducation;
  const state = random();
  if (state < 0.02) f |= MEMBER_FLAGS.deactivated;
  else if (state < 0.03) f |= MEMBER_FLAGS.deleted;
  flags[i] = f;
  const c = random();
  consent[i] =
    c < 0.8
      ? CONSENT_CODES.none
      : c < 0.9
        ? CONSENT_CODES.refused
        : c < 0.97
          ? CONSENT_CODES.given
          : CONSENT_CODES.refused | CONSENT_CODES.gpc;
  itemStart[i] = itemCount;
  itemCount += Math.floor(random() * 9); // 0..8 items, about 4 on average
}
itemStart[MEMBERS] = itemCount;
const kind = new Uint8Array(itemCount);
const visibility = new Uint8Array(itemCount);
const itemFlags = new Uint8Array(itemCount);
for (let j = 0; j < itemCount; j += 1) {
  kind[j] = Math.floor(random() * CONTENT_KINDS.length);
  visibility[j] = Math.floor(random() * VISIBILITIES.length);
  itemFlags[j] = (random() < 0.05 ? ITEM_FLAGS.deleted : 0) | (random() < 0.02 ? ITEM_FLAGS.reserved : 0);
}
const setupMs = performance.now() - setupStart;

const policy = loadPresetSync(PRESET);
const rules = compilePolicy(policy, PURPOSE, AT);

// ---- fast path: member decision once per member, then each item ----
function runFast(counts: Float64Array): number {
  for (let i = 0; i < MEMBERS; i += 1) {
    const memberCode = decideMemberFast(
      rules,
      country[i] as number,
      birth[i] as number,
      flags[i] as number,
      consent[i] as number,
    );
    const end = itemStart[i + 1] as number;
    for (let j = itemStart[i] as number; j < end; j += 1) {
      const code =
        memberCode !== ALLOWED
          ? memberCode
          : itemAllowedFast(rules, kind[j] as number, visibility[j] as number, itemFlags[j] as number);
      counts[code] = (counts[code] ?? 0) + 1;
    }
  }
  return itemCount;
}

// ---- fast path, no per-member reuse: the full decision for every item ----
function runFastPerItem(counts: Float64Array): number {
  for (let i = 0; i < MEMBERS; i += 1) {
    const end = itemStart[i + 1] as number;
    for (let j = itemStart[i] as number; j < end; j += 1) {
      const memberCode = decideMemberFast(
        rules,
        country[i] as number,
        birth[i] as number,
        flags[i] as number,
        consent[i] as number,
      );
      const code =
        memberCode !== ALLOWED
          ? memberCode
          : itemAllowedFast(rules, kind[j] as number, visibility[j] as number, itemFlags[j] as number);
      counts[code] = (counts[code] ?? 0) + 1;
    }
  }
  return itemCount;
}

// ---- reference path on a sample, over objects rebuilt from the snapshot ----
function memberAt(i: number): Member {
  const b = birth[i] as number;
  const f = flags[i] as number;
  const yearOnly = b % 10000 === 1231;
  const pad = (n: number) => String(n).padStart(2, '0');
  return memberFixture({
    id: `m${i}`,
    country: country[i] === 0 ? null : (COUNTRY_TABLE[(country[i] as number) - 1] ?? null),
    birthDate:
      b === 0 || yearOnly ? null : `${Math.floor(b / 10000)}-${pad(Math.floor(b / 100) % 100)}-${pad(b % 100)}`,
    birthYear: yearOnly ? Math.floor(b / 10000) : null,
    ageSignals: {
      selfDeclaredMinor: (f & MEMBER_FLAGS.selfDeclaredMinor) !== 0,
      inSecondaryEducation: (f & MEMBER_FLAGS.inSecondaryEducation) !== 0,
    },
    accountState:
      (f & MEMBER_FLAGS.deleted) !== 0 ? 'deleted' : (f & MEMBER_FLAGS.deactivated) !== 0 ? 'deactivated' : 'active',
  });
}
function consentAt(i: number): ConsentInput | undefined {
  const code = consent[i] as number;
  const status: ConsentStatus | undefined = [undefined, 'ConsentGiven', 'ConsentWithdrawn'][code & 7] as
    | ConsentStatus
    | undefined;
  if (!status) return undefined;
  return { status, source: 'explicit', method: (code & CONSENT_CODES.gpc) !== 0 ? 'gpc' : 'toggle' };
}
const sampleMembers = Array.from({ length: SAMPLE }, (_, i) => memberAt(i));
const sampleConsent = Array.from({ length: SAMPLE }, (_, i) => consentAt(i));
const sampleItems: ContentItem[][] = sampleMembers.map((_, i) => {
  const out: ContentItem[] = [];
  for (let j = itemStart[i] as number; j < (itemStart[i + 1] as number); j += 1) {
    const f = itemFlags[j] as number;
    out.push(
      itemFixture({
        kind: CONTENT_KINDS[kind[j] as number] ?? 'post',
        visibility: VISIBILITIES[visibility[j] as number] ?? 'public',
        deleted: (f & ITEM_FLAGS.deleted) !== 0,
        signals: (f & ITEM_FLAGS.reserved) !== 0 ? { aipref: 'train-ai=n' } : {},
      }),
    );
  }
  return out;
});
const sampleItemCount = itemStart[SAMPLE] as number;

function runSlow(counts: Float64Array): number {
  for (let i = 0; i < SAMPLE; i += 1) {
    const member = sampleMembers[i];
    const state = sampleConsent[i];
    for (const item of sampleItems[i] ?? []) {
      const decision = decideItem({ policy, member, purpose: PURPOSE, at: AT, consent: state, item });
      const code = decision.reason === null ? 0 : DECISION_REASONS.indexOf(decision.reason) + 1;
      counts[code] = (counts[code] ?? 0) + 1;
    }
  }
  return sampleItemCount;
}

function measure(name: string, run: (counts: Float64Array) => number, rounds: number) {
  let best = Number.POSITIVE_INFINITY;
  let decisions = 0;
  let counts = new Float64Array(DECISION_REASONS.length + 1);
  for (let r = 0; r < rounds; r += 1) {
    counts = new Float64Array(DECISION_REASONS.length + 1);
    const start = performance.now();
    decisions = run(counts);
    best = Math.min(best, performance.now() - start);
  }
  return { name, decisions, ms: best, perSecond: decisions / (best / 1000), counts };
}

// ---- member-level decisions only (what a build does once per author) ----
function runFastMembers(counts: Float64Array): number {
  for (let i = 0; i < MEMBERS; i += 1) {
    const code = decideMemberFast(
      rules,
      country[i] as number,
      birth[i] as number,
      flags[i] as number,
      consent[i] as number,
    );
    counts[code] = (counts[code] ?? 0) + 1;
  }
  return MEMBERS;
}
function runSlowMembers(counts: Float64Array): number {
  for (let i = 0; i < SAMPLE; i += 1) {
    const decision = decideMember({
      policy,
      member: sampleMembers[i],
      purpose: PURPOSE,
      at: AT,
      consent: sampleConsent[i],
    });
    const code = decision.reason === null ? 0 : DECISION_REASONS.indexOf(decision.reason) + 1;
    counts[code] = (counts[code] ?? 0) + 1;
  }
  return SAMPLE;
}

const fastMembers = measure('fast decideMemberFast (members)', runFastMembers, 5);
const slowMembers = measure('reference decideMember (sample)', runSlowMembers, 2);
const fast = measure('fast (member once, then items)', runFast, 5);
const perItem = measure('fast (full decision per item)', runFastPerItem, 5);
const slow = measure('reference decideItem (sample)', runSlow, 2);

// Agreement on the sample: the fast path's counts over the same members must equal the reference path's.
const fastSample = new Float64Array(DECISION_REASONS.length + 1);
for (let i = 0; i < SAMPLE; i += 1) {
  const memberCode = decideMemberFast(
    rules,
    country[i] as number,
    birth[i] as number,
    flags[i] as number,
    consent[i] as number,
  );
  for (let j = itemStart[i] as number; j < (itemStart[i + 1] as number); j += 1) {
    const code =
      memberCode !== ALLOWED
        ? memberCode
        : itemAllowedFast(rules, kind[j] as number, visibility[j] as number, itemFlags[j] as number);
    fastSample[code] = (fastSample[code] ?? 0) + 1;
  }
}
const agree = fastSample.every((n, i) => n === slow.counts[i]);

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
console.log(`policy ${PRESET} (${rules.versionId}), purpose ${PURPOSE}, as of ${AT}`);
console.log(`snapshot: ${fmt(MEMBERS)} members, ${fmt(itemCount)} items, built in ${fmt(setupMs)} ms`);
console.log('');
console.log('| path | decisions | best ms | decisions/s |');
console.log('|---|---:|---:|---:|');
for (const row of [fast, perItem, slow, fastMembers, slowMembers]) {
  console.log(`| ${row.name} | ${fmt(row.decisions)} | ${fmt(row.ms)} | ${fmt(row.perSecond)} |`);
}
console.log('');
console.log(
  `fast path / reference path: ${(fast.perSecond / slow.perSecond).toFixed(0)}x; sample counts agree: ${agree ? 'yes' : 'NO'}`,
);
console.log('');
console.log('| reason | items |');
console.log('|---|---:|');
fast.counts.forEach((n, code) => {
  if (n > 0) console.log(`| ${reasonOfCode(code) ?? 'allowed'} | ${fmt(n)} |`);
});
