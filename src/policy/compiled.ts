// The fast path for builds: a policy version compiled for one purpose and one decision time into flat tables, and
// members and items packed into numbers, so millions of decisions run without allocating. It must agree with the
// reference path in evaluate.ts reason for reason (compiled.test.ts checks it on random inputs).
//
// A build keeps a member snapshot in typed arrays, one slot per member:
//   country: Uint16Array  (countryIndex(member.country); 0 = missing or not an ISO code)
//   birth:   Int32Array   (packBirth(member): YYYYMMDD; year-only = YYYY1231; 0 = unknown)
//   flags:   Uint8Array   (packMemberFlags(member): minor signals, account state, unknown member)
//   consent: Uint8Array   (packConsent(state): none/given/refused/other, plus a GPC bit)
// and calls decideMemberFast(rules, country[i], birth[i], flags[i], consent[i]) once per member, then
// itemAllowedFast(rules, kindIndex, visibilityIndex, itemFlags) per item of an allowed member.

import {
  CONTENT_KINDS,
  COUNTRY_CODES,
  type ContentItem,
  type ContentKind,
  DECISION_REASONS,
  type DecisionReason,
  type Member,
  parseJurisdiction,
  reservesTraining,
  VISIBILITIES,
  type Visibility,
} from '../domain/index.js';
import { type ConsentInput, groupCountries, parseCalendarDate, rulesFor, versionAt } from './evaluate.js';
import type { Policy, PolicyVersion } from './schema.js';

/** Country codes in a fixed order; a country's index is its position + 1 (0 means unknown). */
export const COUNTRY_TABLE: readonly string[] = Object.freeze([...COUNTRY_CODES].sort());
const COUNTRY_INDEX = new Map(COUNTRY_TABLE.map((code, i) => [code, i + 1]));
const KIND_INDEX = new Map(CONTENT_KINDS.map((kind, i) => [kind, i]));
const VISIBILITY_INDEX = new Map(VISIBILITIES.map((visibility, i) => [visibility, i]));

/** Decision codes: 0 is allowed, otherwise 1 + the reason's position in DECISION_REASONS. */
export const ALLOWED = 0;
const CODE = Object.fromEntries(DECISION_REASONS.map((reason, i) => [reason, i + 1])) as Record<DecisionReason, number>;
export const REASON_CODE: Readonly<Record<DecisionReason, number>> = Object.freeze(CODE);

/** The reason a decision code stands for, or null for ALLOWED. */
export function reasonOfCode(code: number): DecisionReason | null {
  return code === ALLOWED ? null : (DECISION_REASONS[code - 1] ?? null);
}

/** Member flag bits. */
export const MEMBER_FLAGS = Object.freeze({
  selfDeclaredMinor: 1,
  inSecondaryEducation: 2,
  deactivated: 4,
  deleted: 8,
  /** No directory entry for the author. */
  unknown: 128,
});

/** Item flag bits. */
export const ITEM_FLAGS = Object.freeze({ deleted: 1, reserved: 2 });

/** Consent codes (low 3 bits) and the GPC bit. */
export const CONSENT_CODES = Object.freeze({ none: 0, given: 1, refused: 2, other: 3, gpc: 8 });

const TREATMENT_EXCLUDED = 0;
const TREATMENT_OPT_IN = 1;
const TREATMENT_OPT_OUT = 2;

/** A version compiled for one purpose and one decision time. Plain numbers and typed arrays only. */
export interface CompiledRules {
  readonly versionId: string | null;
  readonly purpose: string;
  readonly at: string;
  /** A reason code that applies to everyone (no_policy), or ALLOWED when the rules are usable. */
  readonly fixedCode: number;
  /** Treatment by country index (0 = excluded, 1 = opt_in, 2 = opt_out); index 0 is the unknown country. */
  readonly treatment: Uint8Array;
  /** Birth values (YYYYMMDD) at or below this are of age at the decision time. */
  readonly adultCutoff: number;
  readonly minorSignalMask: number;
  readonly unknownAgeIsMinor: boolean;
  readonly gpcCounts: boolean;
  readonly kindMask: number;
  readonly visibilityMask: number;
  readonly honorReservations: boolean;
}

/** The country index for a raw country value (`US`, `us-ca`); 0 when missing or not an ISO 3166-1 code. */
export function countryIndex(raw: string | null): number {
  const parsed = parseJurisdiction(raw);
  return parsed ? (COUNTRY_INDEX.get(parsed.country) ?? 0) : 0;
}

/** Birth as YYYYMMDD; a year alone is packed as 31 December (the latest possible birthday); 0 when unknown. */
export function packBirth(member: Pick<Member, 'birthDate' | 'birthYear'>): number {
  const date = parseCalendarDate(member.birthDate);
  if (date) return date.y * 10000 + date.m * 100 + date.d;
  const year = member.birthYear;
  if (year !== null && Number.isInteger(year) && year >= 1800 && year <= 9999) return year * 10000 + 1231;
  return 0;
}

/** The member flag byte; `undefined` (not in the directory) packs as MEMBER_FLAGS.unknown. */
export function packMemberFlags(member: Member | undefined): number {
  if (!member) return MEMBER_FLAGS.unknown;
  let flags = 0;
  if (member.ageSignals.selfDeclaredMinor === true) flags |= MEMBER_FLAGS.selfDeclaredMinor;
  if (member.ageSignals.inSecondaryEducation === true) flags |= MEMBER_FLAGS.inSecondaryEducation;
  if (member.accountState === 'deactivated') flags |= MEMBER_FLAGS.deactivated;
  if (member.accountState === 'deleted') flags |= MEMBER_FLAGS.deleted;
  return flags;
}

/** The consent byte for a ledger state; a `default` state packs as `none` (the rules derive the default). */
export function packConsent(consent: ConsentInput | undefined): number {
  if (!consent || consent.source === 'default') return CONSENT_CODES.none;
  const gpc = consent.method === 'gpc' ? CONSENT_CODES.gpc : 0;
  if (consent.status === 'ConsentGiven') return CONSENT_CODES.given | gpc;
  if (consent.status === 'ConsentWithdrawn' || consent.status === 'ConsentRefused') return CONSENT_CODES.refused | gpc;
  return CONSENT_CODES.other | gpc;
}

/** A packed member: the four numbers a snapshot stores per member. */
export interface PackedMember {
  readonly country: number;
  readonly birth: number;
  readonly flags: number;
}

/** Packs a member (or a missing one) for decideMemberFast. */
export function packMember(member: Member | undefined): PackedMember {
  if (!member) return { country: 0, birth: 0, flags: MEMBER_FLAGS.unknown };
  return { country: countryIndex(member.country), birth: packBirth(member), flags: packMemberFlags(member) };
}

export function kindIndex(kind: ContentKind): number {
  return KIND_INDEX.get(kind) ?? -1;
}

export function visibilityIndex(visibility: Visibility): number {
  return VISIBILITY_INDEX.get(visibility) ?? -1;
}

/** The item flag byte: deleted, and a content-level reservation from training. */
export function packItemFlags(item: Pick<ContentItem, 'deleted' | 'signals'>): number {
  return (item.deleted ? ITEM_FLAGS.deleted : 0) | (reservesTraining(item.signals) ? ITEM_FLAGS.reserved : 0);
}

function utcDateNumber(at: string): number | undefined {
  const ms = Date.parse(at);
  if (Number.isNaN(ms)) return undefined;
  const d = new Date(ms);
  return d.getUTCFullYear() * 10000 + (d.getUTCMonth() + 1) * 100 + d.getUTCDate();
}

function closed(versionId: string | null, purpose: string, at: string): CompiledRules {
  return {
    versionId,
    purpose,
    at,
    fixedCode: REASON_CODE.no_policy,
    treatment: new Uint8Array(COUNTRY_TABLE.length + 1),
    adultCutoff: 0,
    minorSignalMask: 0,
    unknownAgeIsMinor: true,
    gpcCounts: true,
    kindMask: 0,
    visibilityMask: 0,
    honorReservations: true,
  };
}

/**
 * Compiles `version`'s rules for `purpose` as of `at` (the time fixes the age cutoff). A purpose the version does
 * not cover (directly or through a parent) compiles to rules that answer `no_policy` for everyone.
 */
export function compileVersion(version: PolicyVersion, purpose: string, at: string): CompiledRules {
  const resolved = rulesFor(version, purpose);
  const today = utcDateNumber(at);
  if (!resolved || today === undefined) return closed(version.id, purpose, at);
  const { rules } = resolved;
  const treatment = new Uint8Array(COUNTRY_TABLE.length + 1);
  const code = { excluded: TREATMENT_EXCLUDED, opt_in: TREATMENT_OPT_IN, opt_out: TREATMENT_OPT_OUT };
  treatment.fill(code[rules.jurisdictions.default_treatment], 1);
  for (const group of rules.jurisdictions.groups) {
    for (const country of groupCountries(group.countries)) {
      const index = COUNTRY_INDEX.get(country);
      if (index !== undefined) treatment[index] = code[group.treatment];
    }
  }
  treatment[0] = TREATMENT_EXCLUDED;
  let minorSignalMask = 0;
  if (rules.minors.exclude_signals.includes('self_declared_minor')) minorSignalMask |= MEMBER_FLAGS.selfDeclaredMinor;
  if (rules.minors.exclude_signals.includes('in_secondary_education')) {
    minorSignalMask |= MEMBER_FLAGS.inSecondaryEducation;
  }
  let kindMask = 0;
  for (const kind of rules.content.kinds) kindMask |= 1 << kindIndex(kind);
  let visibilityMask = 0;
  for (const visibility of rules.content.visibilities) visibilityMask |= 1 << visibilityIndex(visibility);
  return {
    versionId: version.id,
    purpose,
    at,
    fixedCode: ALLOWED,
    treatment,
    // Of age at `today` iff the birth (YYYYMMDD) is on or before the same month and day minAge years earlier.
    adultCutoff: today - rules.minors.min_age * 10000,
    minorSignalMask,
    unknownAgeIsMinor: rules.minors.unknown_age === 'exclude',
    gpcCounts: rules.signals.gpc_is_withdrawal,
    kindMask,
    visibilityMask,
    honorReservations: rules.signals.honor_content_reservations,
  };
}

/** Compiles the version of `policy` in force at `at` for `purpose`; `no_policy` rules when none is. */
export function compilePolicy(policy: Policy, purpose: string, at: string): CompiledRules {
  const version = versionAt(policy, at);
  return version ? compileVersion(version, purpose, at) : closed(null, purpose, at);
}

/**
 * The member-level decision code (ALLOWED or a reason code up to opted_out) from packed numbers. No allocation.
 */
export function decideMemberFast(
  rules: CompiledRules,
  country: number,
  birth: number,
  flags: number,
  consent: number,
): number {
  if (rules.fixedCode !== ALLOWED) return rules.fixedCode;
  if ((flags & MEMBER_FLAGS.unknown) !== 0) return CODE.unknown_member;
  if ((flags & MEMBER_FLAGS.deleted) !== 0) return CODE.account_deleted;
  if ((flags & MEMBER_FLAGS.deactivated) !== 0) return CODE.account_deactivated;
  if (country === 0) return CODE.unknown_jurisdiction;
  const treatment = rules.treatment[country] ?? TREATMENT_EXCLUDED;
  if (treatment === TREATMENT_EXCLUDED) return CODE.jurisdiction_excluded;
  if ((flags & rules.minorSignalMask) !== 0) return CODE.minor;
  if (birth === 0 ? rules.unknownAgeIsMinor : birth > rules.adultCutoff) return CODE.minor;
  let status = consent & 7;
  if ((consent & CONSENT_CODES.gpc) !== 0 && !rules.gpcCounts) status = CONSENT_CODES.none;
  if (status === CONSENT_CODES.given) return ALLOWED;
  if (status === CONSENT_CODES.none) return treatment === TREATMENT_OPT_OUT ? ALLOWED : CODE.no_consent;
  if (status === CONSENT_CODES.refused) return CODE.opted_out;
  return CODE.no_consent;
}

/** The item-level code (ALLOWED, kind_excluded, visibility_excluded, content_deleted, content_signal). */
export function itemAllowedFast(rules: CompiledRules, kind: number, visibility: number, itemFlags: number): number {
  if (rules.fixedCode !== ALLOWED) return rules.fixedCode;
  if (kind < 0 || ((rules.kindMask >>> kind) & 1) === 0) return CODE.kind_excluded;
  if (visibility < 0 || ((rules.visibilityMask >>> visibility) & 1) === 0) return CODE.visibility_excluded;
  if ((itemFlags & ITEM_FLAGS.deleted) !== 0) return CODE.content_deleted;
  if ((itemFlags & ITEM_FLAGS.reserved) !== 0 && rules.honorReservations) return CODE.content_signal;
  return ALLOWED;
}

/** The full item decision code: the member's code if not allowed, else the item's. */
export function decideItemFast(
  rules: CompiledRules,
  member: PackedMember,
  consent: number,
  kind: number,
  visibility: number,
  itemFlags: number,
): number {
  const code = decideMemberFast(rules, member.country, member.birth, member.flags, consent);
  return code !== ALLOWED ? code : itemAllowedFast(rules, kind, visibility, itemFlags);
}
