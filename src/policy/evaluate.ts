// Evaluation, the reference ("slow") path: effective dating, defaults, and decisions with a reason and a sentence.
// Every rule is one check in DECISION_REASONS order; a decision is the first failing check, and `explain` shows all.

import {
  type ConsentMethod,
  type ConsentStatus,
  type ContentItem,
  DECISION_REASONS,
  type Decision,
  type DecisionReason,
  MEMBER_REASONS,
  type Member,
  type Notice,
  parseJurisdiction,
  permits,
  purposeLineage,
  reservesTraining,
} from '../domain/index.js';
import {
  COUNTRY_TOKENS,
  type JurisdictionGroup,
  type Policy,
  type PolicyVersion,
  type PurposeRules,
  type Treatment,
} from './schema.js';

/** The consent state as the ledger gives it; `method` lets the policy discount Global Privacy Control signals. */
export interface ConsentInput {
  readonly status: ConsentStatus;
  /** `default`: no event applies. The policy then derives the default itself and ignores `status`. */
  readonly source: 'explicit' | 'default';
  /** How the deciding event was recorded; a `gpc` event is ignored when the policy does not count GPC. */
  readonly method?: ConsentMethod;
}

export interface MemberDecisionInput {
  readonly policy: Policy;
  /** The author; `undefined` when the directory has no such member. */
  readonly member: Member | undefined;
  readonly purpose: string;
  /** ISO timestamp the decision is for (valid time). */
  readonly at: string;
  /** The ledger's state for (member, purpose) at `at`; `undefined` when none was looked up (same as default). */
  readonly consent: ConsentInput | undefined;
}

export interface ItemDecisionInput extends MemberDecisionInput {
  readonly item: ContentItem;
}

export interface DecisionCheck {
  readonly reason: DecisionReason;
  /** `null` when the check could not be made because an earlier one failed (no rules, no member). */
  readonly passed: boolean | null;
  readonly detail: string;
}

export interface Explanation {
  readonly decision: Decision;
  readonly checks: readonly DecisionCheck[];
}

/** Rules for a purpose in a version, and which purpose key they were written for (a parent, when inherited). */
export interface ResolvedRules {
  readonly rules: PurposeRules;
  readonly declaredFor: string;
}

export interface TreatmentMatch {
  readonly treatment: Treatment;
  /** The group the country is in, or null for the default treatment or an unknown country. */
  readonly group: string | null;
  /** The parsed country, or null when missing or not an ISO code (then the treatment is always `excluded`). */
  readonly country: string | null;
}

/**
 * The version in force at `at`: the last one whose `valid_from` is not after `at`, unless it ended
 * (`valid_until`) before `at`. `undefined` before the first version, after an ending, or for an unparsable time.
 */
export function versionAt(policy: Policy, at: string): PolicyVersion | undefined {
  const time = Date.parse(at);
  if (Number.isNaN(time)) return undefined;
  const bounds = versionBounds(policy);
  let found = -1;
  for (let i = 0; i < bounds.length; i += 1) {
    if ((bounds[i]?.from ?? Number.POSITIVE_INFINITY) <= time) found = i;
    else break;
  }
  const bound = bounds[found];
  if (!bound || time >= bound.until) return undefined;
  return policy.versions[found];
}

// Parsed version bounds and country lookups are cached per (immutable) policy object: decisions are hot paths.
const BOUNDS = new WeakMap<Policy, ReadonlyArray<{ readonly from: number; readonly until: number }>>();

function versionBounds(policy: Policy): ReadonlyArray<{ readonly from: number; readonly until: number }> {
  let bounds = BOUNDS.get(policy);
  if (!bounds) {
    bounds = policy.versions.map((version) => ({
      from: Date.parse(version.valid_from),
      until: version.valid_until === undefined ? Number.POSITIVE_INFINITY : Date.parse(version.valid_until),
    }));
    BOUNDS.set(policy, bounds);
  }
  return bounds;
}

/**
 * The rules governing `purpose` in `version`. A child purpose (`train_ai_system.generative`) that the version does
 * not list inherits its nearest listed ancestor's rules (`train_ai_system`); a parent never inherits from a child.
 * `undefined` means the purpose is not covered and decisions fail closed with `no_policy`.
 */
export function rulesFor(version: PolicyVersion, purpose: string): ResolvedRules | undefined {
  for (const key of purposeLineage(purpose)) {
    const rules = version.purposes[key];
    if (rules) return { rules, declaredFor: key };
  }
  return undefined;
}

/** Expands group entries (`EU`, `EEA`, codes) to the countries they name. */
export function groupCountries(entries: readonly string[]): string[] {
  return entries.flatMap((entry) => COUNTRY_TOKENS[entry] ?? [entry]);
}

/** How a member's country is treated for a purpose. Unknown or missing countries are always `excluded`. */
export function treatmentFor(
  version: PolicyVersion,
  purpose: string,
  country: string | null,
): TreatmentMatch | undefined {
  const resolved = rulesFor(version, purpose);
  if (!resolved) return undefined;
  const parsed = parseJurisdiction(country);
  if (!parsed) return UNKNOWN_COUNTRY;
  const group = groupIndex(resolved.rules).get(parsed.country);
  return group
    ? { treatment: group.treatment, group: group.name, country: parsed.country }
    : { treatment: resolved.rules.jurisdictions.default_treatment, group: null, country: parsed.country };
}

const UNKNOWN_COUNTRY: TreatmentMatch = Object.freeze({ treatment: 'excluded', group: null, country: null });
const GROUPS = new WeakMap<PurposeRules, ReadonlyMap<string, JurisdictionGroup>>();

/** Country → its group (validation guarantees at most one), cached per rules object. */
function groupIndex(rules: PurposeRules): ReadonlyMap<string, JurisdictionGroup> {
  let index = GROUPS.get(rules);
  if (!index) {
    const built = new Map<string, JurisdictionGroup>();
    for (const group of rules.jurisdictions.groups) {
      for (const country of groupCountries(group.countries)) if (!built.has(country)) built.set(country, group);
    }
    index = built;
    GROUPS.set(rules, index);
  }
  return index;
}

/**
 * The status a member has for `purpose` at `at` when no consent event applies:
 * opt_out → `ConsentGiven` (on by default, whatever the notice mechanism, including notice_only);
 * opt_in → `ConsentUnknown` (no choice yet; nothing is permitted until the member gives consent);
 * excluded, unknown jurisdiction, unknown member, or no policy → `ConsentUnknown` (fail closed).
 */
export function defaultStatus(policy: Policy, purpose: string, member: Member | undefined, at: string): ConsentStatus {
  const version = versionAt(policy, at);
  if (!version || !member) return 'ConsentUnknown';
  const match = treatmentFor(version, purpose, member.country);
  return match?.treatment === 'opt_out' ? 'ConsentGiven' : 'ConsentUnknown';
}

/** The notice shown for `purpose` at `at` (inherited from a parent purpose like the rules), as a domain Notice. */
export function noticeFor(policy: Policy, purpose: string, at: string): Notice | undefined {
  const version = versionAt(policy, at);
  const resolved = version && rulesFor(version, purpose);
  if (!resolved) return undefined;
  const { id, version: noticeVersion, mechanism, texts } = resolved.rules.notice;
  return { id, version: noticeVersion, purpose, mechanism, texts };
}

/** Whether a Global Privacy Control signal counts as a withdrawal for `purpose` at `at` (fail closed: yes). */
export function gpcIsWithdrawal(policy: Policy, purpose: string, at: string): boolean {
  const version = versionAt(policy, at);
  const resolved = version && rulesFor(version, purpose);
  return resolved ? resolved.rules.signals.gpc_is_withdrawal : true;
}

/** What a withdrawal does to models already trained, for `purpose` at `at`. */
export function withdrawalEffect(policy: Policy, purpose: string, at: string): PurposeRules['on_withdrawal'] {
  const version = versionAt(policy, at);
  const resolved = version && rulesFor(version, purpose);
  return resolved ? resolved.rules.on_withdrawal : 'forward_only';
}

interface Ymd {
  readonly y: number;
  readonly m: number;
  readonly d: number;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(y: number, m: number): number {
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return m === 2 && leap ? 29 : (MONTH_DAYS[m - 1] ?? 0);
}

/** A calendar date `YYYY-MM-DD`, or undefined when it is not one (30 February is not). */
export function parseCalendarDate(raw: string | null): Ymd | undefined {
  const match = raw === null ? null : /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
  if (!match) return undefined;
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return undefined;
  return { y, m, d };
}

function utcYmd(at: string): Ymd | undefined {
  const ms = Date.parse(at);
  if (Number.isNaN(ms)) return undefined;
  const date = new Date(ms);
  return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() };
}

/** Whole years from `birth` to `on`. Someone born on 29 February turns a year older on 1 March in common years. */
function yearsBetween(birth: Ymd, on: Ymd): number {
  const beforeBirthday = on.m < birth.m || (on.m === birth.m && on.d < birth.d);
  return on.y - birth.y - (beforeBirthday ? 1 : 0);
}

/** A usable birth year (a whole number in a plausible range), else undefined. */
function plausibleYear(year: number | null): number | undefined {
  return year !== null && Number.isInteger(year) && year >= 1800 && year <= 9999 ? year : undefined;
}

/**
 * The member's age at `at` and how it is known. With only a birth year the member is taken to be born on
 * 31 December of that year, the latest date possible: they count as a minor whenever they could be one.
 */
export function ageAt(member: Member, at: string): MemberAge | undefined {
  const on = utcYmd(at);
  return on ? ageOn(member, on) : undefined;
}

export interface MemberAge {
  readonly age: number;
  readonly basis: 'birth_date' | 'birth_year';
}

function ageOn(member: Member, on: Ymd): MemberAge | undefined {
  const birth = parseCalendarDate(member.birthDate);
  if (birth) return { age: yearsBetween(birth, on), basis: 'birth_date' };
  const year = plausibleYear(member.birthYear);
  if (year !== undefined) return { age: yearsBetween({ y: year, m: 12, d: 31 }, on), basis: 'birth_year' };
  return undefined;
}

type Outcome = { readonly passed: boolean | null; readonly detail: string };

interface Context {
  readonly input: MemberDecisionInput;
  /** The decision time's UTC calendar date; undefined when the time does not parse. */
  readonly on: Ymd | undefined;
  readonly item: ContentItem | undefined;
  readonly versionId: string | null;
  readonly resolved: ResolvedRules | undefined;
  readonly match: TreatmentMatch | undefined;
}

const NOT_CHECKED_RULES: Outcome = { passed: null, detail: 'Not checked: no policy rules apply.' };
const NOT_CHECKED_MEMBER: Outcome = { passed: null, detail: 'Not checked: the member is not in the directory.' };

function pass(detail: string): Outcome {
  return { passed: true, detail };
}
function fail(detail: string): Outcome {
  return { passed: false, detail };
}

function effectiveConsent(consent: ConsentInput | undefined, rules: PurposeRules): ConsentInput | undefined {
  if (!consent || consent.source === 'default') return undefined;
  if (consent.method === 'gpc' && !rules.signals.gpc_is_withdrawal) return undefined;
  return consent;
}

const REFUSALS: ReadonlySet<ConsentStatus> = new Set(['ConsentWithdrawn', 'ConsentRefused']);

function checkNoPolicy(ctx: Context): Outcome {
  const { policy, purpose, at } = ctx.input;
  if (ctx.on === undefined) return fail('The decision time is not a valid ISO 8601 timestamp.');
  if (ctx.versionId === null) return fail(`No version of policy ${policy.name} is in force at ${at}.`);
  if (!ctx.resolved) return fail(`Purpose ${purpose} is not covered by ${ctx.versionId}.`);
  const inherited = ctx.resolved.declaredFor === purpose ? '' : ` (rules inherited from ${ctx.resolved.declaredFor})`;
  return pass(`${ctx.versionId} is in force at ${at} and covers ${purpose}${inherited}.`);
}

function memberCheck(ctx: Context, check: (member: Member, rules: PurposeRules, version: string) => Outcome): Outcome {
  if (!ctx.resolved || ctx.versionId === null) return NOT_CHECKED_RULES;
  if (!ctx.input.member) return NOT_CHECKED_MEMBER;
  return check(ctx.input.member, ctx.resolved.rules, ctx.versionId);
}

function checkMinor(member: Member, rules: PurposeRules, version: string, at: string, on: Ymd | undefined): Outcome {
  const minors = rules.minors;
  const signals: string[] = [];
  if (minors.exclude_signals.includes('self_declared_minor') && member.ageSignals.selfDeclaredMinor === true) {
    signals.push('declared being under 18');
  }
  if (minors.exclude_signals.includes('in_secondary_education') && member.ageSignals.inSecondaryEducation === true) {
    signals.push('is in secondary education');
  }
  if (signals.length > 0) return fail(`The member ${signals.join(' and ')}, a minor signal under ${version}.`);
  const age = on && ageOn(member, on);
  if (!age) {
    return minors.unknown_age === 'exclude'
      ? fail(`The member's age is unknown and ${version} excludes members of unknown age.`)
      : pass(`The member's age is unknown and ${version} includes members of unknown age without a minor signal.`);
  }
  const basis = age.basis === 'birth_date' ? 'by birth date' : 'by birth year, counting the latest possible birthday';
  return age.age < minors.min_age
    ? fail(`The member is, or may be, under ${minors.min_age} at ${at.slice(0, 10)} (${basis}).`)
    : pass(`The member is at least ${minors.min_age} at ${at.slice(0, 10)} (${basis}).`);
}

function checkConsent(ctx: Context, reason: 'no_consent' | 'opted_out'): Outcome {
  return memberCheck(ctx, (_member, rules) => {
    const match = ctx.match;
    if (!match || match.country === null || match.treatment === 'excluded') {
      return { passed: null, detail: 'Not checked: the jurisdiction is excluded.' };
    }
    const consent = effectiveConsent(ctx.input.consent, rules);
    const gpcIgnored =
      ctx.input.consent?.source === 'explicit' && ctx.input.consent.method === 'gpc' && consent === undefined
        ? ' (a Global Privacy Control signal is not counted by this policy)'
        : '';
    if (!consent) {
      if (match.treatment === 'opt_out') {
        return pass(`No choice is recorded${gpcIgnored}; under opt_out the setting is on by default.`);
      }
      return reason === 'no_consent'
        ? fail(
            `No choice is recorded${gpcIgnored}; country ${match.country} is treated as opt_in, which needs consent.`,
          )
        : { passed: null, detail: 'Not checked: no choice is recorded.' };
    }
    if (permits(consent.status)) return pass('The member gave consent.');
    const refused = REFUSALS.has(consent.status);
    const via = consent.method === 'gpc' ? ' through a Global Privacy Control signal' : '';
    if (reason === 'no_consent') {
      return refused
        ? pass('A choice is recorded (see opted_out).')
        : fail(`The recorded status ${consent.status} does not permit use.`);
    }
    return refused
      ? fail(`The member's recorded choice is ${consent.status}${via}.`)
      : { passed: null, detail: 'Not checked: no valid consent.' };
  });
}

function itemCheck(ctx: Context, check: (item: ContentItem, rules: PurposeRules, version: string) => Outcome): Outcome {
  if (!ctx.resolved || ctx.versionId === null) return NOT_CHECKED_RULES;
  if (!ctx.item) return { passed: null, detail: 'Not checked: no content item.' };
  return check(ctx.item, ctx.resolved.rules, ctx.versionId);
}

const CHECKS: Readonly<Record<DecisionReason, (ctx: Context) => Outcome>> = {
  no_policy: checkNoPolicy,
  unknown_member: (ctx) => {
    if (!ctx.resolved) return NOT_CHECKED_RULES;
    return ctx.input.member
      ? pass('The member is in the directory.')
      : fail('The author is not in the member directory.');
  },
  account_deleted: (ctx) =>
    memberCheck(ctx, (member) =>
      member.accountState === 'deleted' ? fail('The account is deleted.') : pass('The account is not deleted.'),
    ),
  account_deactivated: (ctx) =>
    memberCheck(ctx, (member) =>
      member.accountState === 'deactivated'
        ? fail('The account is deactivated.')
        : pass('The account is not deactivated.'),
    ),
  unknown_jurisdiction: (ctx) =>
    memberCheck(ctx, () =>
      ctx.match?.country === null
        ? fail(
            'The member\u2019s country is missing or not an ISO 3166-1 code; unknown jurisdictions are always excluded.',
          )
        : pass(`The member\u2019s country ${ctx.match?.country ?? ''} is known.`),
    ),
  jurisdiction_excluded: (ctx) =>
    memberCheck(ctx, (_member, _rules, version) => {
      const match = ctx.match;
      if (!match || match.country === null)
        return { passed: null, detail: 'Not checked: the jurisdiction is unknown.' };
      const where = match.group === null ? 'is in no group' : `is in group ${match.group}`;
      const sentence = `Country ${match.country} ${where}, treated as ${match.treatment} under ${version}.`;
      return match.treatment === 'excluded' ? fail(sentence) : pass(sentence);
    }),
  minor: (ctx) =>
    memberCheck(ctx, (member, rules, version) => checkMinor(member, rules, version, ctx.input.at, ctx.on)),
  no_consent: (ctx) => checkConsent(ctx, 'no_consent'),
  opted_out: (ctx) => checkConsent(ctx, 'opted_out'),
  kind_excluded: (ctx) =>
    itemCheck(ctx, (item, rules, version) =>
      rules.content.kinds.includes(item.kind)
        ? pass(`Content kind ${item.kind} is in scope under ${version}.`)
        : fail(`Content kind ${item.kind} is out of scope under ${version}.`),
    ),
  visibility_excluded: (ctx) =>
    itemCheck(ctx, (item, rules, version) =>
      rules.content.visibilities.includes(item.visibility)
        ? pass(`Visibility ${item.visibility} is in scope under ${version}.`)
        : fail(`Visibility ${item.visibility} is out of scope under ${version}.`),
    ),
  content_deleted: (ctx) =>
    itemCheck(ctx, (item) => (item.deleted ? fail('The content was deleted.') : pass('The content is not deleted.'))),
  content_signal: (ctx) =>
    itemCheck(ctx, (item, rules, version) => {
      if (!reservesTraining(item.signals)) return pass('The content carries no reservation.');
      return rules.signals.honor_content_reservations
        ? fail('The content carries a reservation from AI training (aipref or TDMRep).')
        : pass(`The content carries a reservation, which ${version} does not honor.`);
    }),
};

function contextOf(input: MemberDecisionInput, item: ContentItem | undefined): Context {
  const version = versionAt(input.policy, input.at);
  const resolved = version && rulesFor(version, input.purpose);
  const match = version && input.member ? treatmentFor(version, input.purpose, input.member.country) : undefined;
  return { input, on: utcYmd(input.at), item, versionId: version?.id ?? null, resolved, match };
}

function run(ctx: Context, reasons: readonly DecisionReason[], all: boolean): Explanation {
  const checks: DecisionCheck[] = [];
  let decision: Decision | undefined;
  for (const reason of reasons) {
    const outcome = CHECKS[reason](ctx);
    checks.push({ reason, passed: outcome.passed, detail: outcome.detail });
    if (outcome.passed === false && !decision) {
      decision = {
        allowed: false,
        reason,
        policyVersion: reason === 'no_policy' ? null : ctx.versionId,
        detail: outcome.detail,
      };
      if (!all) break;
    }
  }
  if (!decision) {
    const subject = ctx.item ? `this ${ctx.item.kind}` : 'the member\u2019s data';
    decision = {
      allowed: true,
      reason: null,
      policyVersion: ctx.versionId ?? '',
      detail: `${ctx.versionId ?? ''} allows ${subject} for ${ctx.input.purpose}: every check passed.`,
    };
  }
  return { decision, checks };
}

/**
 * The member-level decision (reasons `no_policy` through `opted_out`): whether any of this member's data may be
 * used for the purpose at `at`, and if not the first reason.
 *
 * @example decideMember({ policy, member, purpose: 'train_ai_system.generative', at, consent: state })
 */
export function decideMember(input: MemberDecisionInput): Decision {
  return run(contextOf(input, undefined), MEMBER_REASONS, false).decision;
}

/** The decision for one item of the member (`input.member` is its author), every reason in the fixed order. */
export function decideItem(input: ItemDecisionInput): Decision {
  return run(contextOf(input, input.item), DECISION_REASONS, false).decision;
}

/** Every rule checked in order with its outcome and sentence, and the decision; for `assent explain`. */
export function explainItem(input: ItemDecisionInput): Explanation {
  return run(contextOf(input, input.item), DECISION_REASONS, true);
}

/** Like `explainItem` for the member-level rules only (no content item). */
export function explainMember(input: MemberDecisionInput): Explanation {
  return run(contextOf(input, undefined), MEMBER_REASONS, true);
}
