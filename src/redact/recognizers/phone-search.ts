// findNumbers' answer for one phone candidate, computed with fewer libphonenumber calls where the library's source
// shows the answer is the same (libphonenumber-js 1.13: PhoneNumberMatcher.js, findNumbers/*.js, parse.js and the
// helpers it calls). phone.test.ts compares each shortcut with findNumbers over a table of shapes.

import { Metadata } from 'libphonenumber-js/core';
import {
  type CountryCode,
  findNumbers,
  getCountryCallingCode,
  isSupportedCountry,
  parsePhoneNumberFromString,
} from 'libphonenumber-js/max';
import metadata from 'libphonenumber-js/max/metadata';

/**
 * A number libphonenumber found in a candidate. findNumbers' default leniency, VALID, returns only numbers whose
 * isValid() held, so every one is valid; asking isValid() again cost a sixth of the library's time per candidate.
 */
export interface FoundNumber {
  readonly startsAt: number;
  readonly endsAt: number;
}

export const NONE: readonly FoundNumber[] = Object.freeze([]);

// A candidate of digits alone, or '+' and digits (half the candidates of social posts).
const DIGITS_ONLY = /^\+?\d{1,17}$/;
/** The most digits a candidate of phone.ts holds (DIGITS_ONLY's bound too). */
const MAX_DIGITS = 17;

/** How many ASCII digits `text` holds (pattern-recognizer's countDigits only says whether there are at least N). */
export function digitCount(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}

// Digit groups separated by spaces, dots or hyphens, after an optional '+' or one leading bracketed group: no '/',
// no other bracket, no extension (the shapes phone.ts's CANDIDATE gives, minus those; most of the rest).
const GROUPED = /^(?:\+[ \u00a0]?|\(\d{1,5}\)[ \u00a0]?)?\d+(?:[ \u00a0.-]{1,3}\d+)*$/;

/**
 * The numbers findNumbers(candidate, { defaultCountry: region, v2: true }) returns, for a candidate matched by
 * phone.ts's CANDIDATE (at most 17 digits, at most three separator characters in a row).
 */
export function searchCandidate(candidate: string, region: CountryCode | undefined): readonly FoundNumber[] {
  return (
    shortcut(candidate, region) ??
    findNumbers(candidate, region ? { defaultCountry: region, v2: true } : { v2: true }).map((n) => ({
      startsAt: n.startsAt,
      endsAt: n.endsAt,
    }))
  );
}

/**
 * findNumbers' answer when at most one parse and the library's metadata give it (see below); undefined otherwise.
 * A candidate no numbering plan can accept is answered without parsing: on unseen posts most rejected candidates are.
 */
export function shortcut(candidate: string, region: CountryCode | undefined): readonly FoundNumber[] | undefined {
  const digitsOnly = DIGITS_ONLY.test(candidate);
  if (!digitsOnly && !GROUPED.test(candidate)) return undefined;
  // The argument below holds for what phone.ts passes: a supported region and at most 17 digits (so fewer groups than
  // the 21 digit blocks findNumbers' pattern reads, and a bounded number of pieces). Anything else goes to findNumbers.
  if (region !== undefined && !isSupportedCountry(region)) return undefined;
  if (!digitsOnly && digitCount(candidate) > MAX_DIGITS) return undefined;
  const whole = [{ startsAt: 0, endsAt: candidate.length }];
  const plans = region === undefined || candidate.startsWith('+') ? null : regionPlans(region);
  if (!plans) {
    if (digitsOnly && candidate.startsWith('+') && !canBeValidWithPlus(candidate.slice(1))) return NONE;
    if (isFoundWhole(candidate, region)) return whole;
    return digitsOnly ? NONE : undefined;
  }
  const groups = candidate.match(/\d+/g) ?? [];
  if (pieceCanBeFound(groups.join(''), plans) && isFoundWhole(candidate, region)) return whole;
  return digitsOnly || !partCanBeFound(groups, plans) ? NONE : undefined;
}

/** parseAndVerify's number checks at leniency VALID, without the candidate checks (see below). */
function isFoundWhole(candidate: string, region: CountryCode | undefined): boolean {
  const number = parsePhoneNumberFromString(candidate, region ? { defaultCountry: region } : {});
  return number?.isPossible() === true && number.isValid();
}

// How findNumbers reads a DIGITS_ONLY candidate (1 to 17 digits, with or without a leading '+'). PhoneNumberMatcher's
// pattern matches the whole candidate at 0 (one lead '+', one digit block of up to 20); its date, time-stamp, bracket
// and page-range filters cannot match (no '/', ' ', '-' or brackets), and the candidate is the whole text it searches,
// so no neighbouring character rejects it. It then parses the candidate as parsePhoneNumberFromString does (its
// 'extended' option is read by the v1 API only) and keeps the number if isPossible() and, at the default leniency
// VALID, isValid() hold (its 'x' extension check finds no 'x'). Failing that, its inner matches split on '/', '(',
// hyphens, dots and spaces, of which there are none: nothing else is tried.
//
// How it reads a GROUPED candidate. Its pattern (a lead '+' or '(', then digit blocks of up to 20 with up to four
// punctuation characters between them, spaces and no-break spaces included) matches the whole candidate at 0; the
// pre-candidate trim needs '/' or '\' before 'x', the slash-date filter a '/', the time-stamp filter a ':' after the
// candidate, and the candidate is the whole text, so none applies. isValidCandidate's bracket check accepts one
// leading bracketed group and its page-range check needs a '(' after digits, so the first number tried is the whole
// candidate, parsed as above: if isPossible() and isValid() hold it is the only number found (the search resumes at
// the end). Otherwise findNumbers tries inner matches: pieces split on '(', ' - ', dots or spaces and trimmed of
// trailing punctuation, so each piece holds whole digit groups. The only piece with every group is the candidate
// itself, already rejected; every other piece leaves out the first group or the last one, and carries no '+' unless
// it starts at the candidate's start. parse() reads a piece by its digits (and '+') alone.

/** A numbering plan's national-prefix step, as extractNationalNumberFromPossiblyIncompleteNumber builds it. */
interface NationalPrefix {
  readonly pattern?: RegExp;
  readonly transform?: string;
}

/** What parse() and the checks after it may do with a number once its calling code is known. */
interface CodePlans {
  readonly callingCode: string;
  // The national-prefix step of the code's main country (Metadata.selectNumberingPlan(callingCode) selects the
  // first country listed for the code).
  readonly main: NationalPrefix;
  // The countries sharing the code, by possible length: isPossible() and isValid() judge a number by one of them
  // (its country, else the main one), and isPossible() needs its length among that country's possible lengths.
  readonly byLength: ReadonlyMap<number, readonly CountryPlan[]>;
}

/** What isPossible() and isValid() (getNumberType, isNumberTypeEqualTo) test a national number against. */
interface CountryPlan {
  readonly pattern: RegExp;
  // The country's number types (fixed line, mobile, toll free, ...), or null when its metadata has none (isValid()
  // then tests the pattern alone).
  readonly types: readonly { readonly lengths?: readonly number[]; readonly pattern: RegExp }[] | null;
}

/** The same for a number read in a region without a calling code. */
interface RegionPlans {
  readonly code: CodePlans;
  // The region's international prefix ('00', '011', ...): a piece starting with it is read as international.
  readonly idd: RegExp;
  readonly region: NationalPrefix;
}

interface PlanMethods {
  possibleLengths(): number[] | undefined;
  IDDPrefix(): string | undefined;
  nationalNumberPattern?(): string | undefined;
  nationalPrefixForParsing?(): string | undefined;
  nationalPrefixTransformRule?(): string | undefined;
  hasTypes?(): boolean;
  types?(): unknown;
  type?(name: string): { pattern(): string | undefined; possibleLengths(): number[] | undefined } | undefined;
}

// getNumberType's types: FIXED_LINE, then NON_FIXED_LINE_PHONE_TYPES (the ten slots of a plan's types).
const TYPES = [
  'FIXED_LINE',
  'MOBILE',
  'PREMIUM_RATE',
  'TOLL_FREE',
  'SHARED_COST',
  'VOIP',
  'PERSONAL_NUMBER',
  'PAGER',
  'UAN',
  'VOICEMAIL',
] as const;

/** Whether a piece leaving out the first digit group or the last one may be found (see pieceCanBeFound). */
function partCanBeFound(groups: readonly string[], plans: RegionPlans): boolean {
  const last = groups.length - 1;
  for (let first = 0; first <= last; first++) {
    let digits = '';
    for (let end = first; end <= last - (first === 0 ? 1 : 0); end++) {
      digits += groups[end];
      if (pieceCanBeFound(digits, plans)) return true;
    }
  }
  return false;
}

/**
 * Whether a piece of these digits, without '+', may give a number whose isPossible() and isValid() hold.
 *
 * A piece that does not start with the region's international prefix is read as a national number of a country
 * sharing the region's calling code. parse() takes its digits, may strip that calling code from their start, then
 * runs the national-prefix step of the region (or of the code's main country, when stripped), which keeps the
 * digits, drops the prefix match or applies the transform rule. Every outcome of those choices is tested, a superset
 * of the one parse() makes (see canBeFound). A piece starting with the international prefix may be anything.
 */
function pieceCanBeFound(digits: string, plans: RegionPlans): boolean {
  const { code } = plans;
  if (digits.search(plans.idd) === 0) return true;
  if (afterNationalPrefix(digits, plans.region).some((n) => canBeFound(n, code))) return true;
  if (!digits.startsWith(code.callingCode)) return false;
  return afterNationalPrefix(digits.slice(code.callingCode.length), code.main).some((n) => canBeFound(n, code));
}

/**
 * False if a '+' number of these digits cannot be valid, so parsing it would find nothing. extractCountryCallingCode
 * takes the first one to three digits that are a calling code; parse() then runs the code's main national-prefix
 * step on the rest (see pieceCanBeFound). Codes without countries (non-geographic) are left to the library.
 */
function canBeValidWithPlus(digits: string): boolean {
  for (let length = 1; length <= 3; length++) {
    const callingCode = digits.slice(0, length);
    if (Object.hasOwn(metadata.nonGeographic ?? {}, callingCode)) return true;
    if (!Object.hasOwn(metadata.country_calling_codes, callingCode)) continue;
    const code = codePlans(callingCode);
    return !code || afterNationalPrefix(digits.slice(length), code.main).some((n) => canBeFound(n, code));
  }
  return true;
}

/**
 * Whether a national number can pass isPossible() and isValid() in some country sharing the code: its length must be
 * one of the country's possible lengths, its pattern must match and, when the country has number types, so must one
 * type's pattern, at one of that type's lengths.
 */
function canBeFound(national: string, code: CodePlans): boolean {
  const countries = code.byLength.get(national.length);
  if (!countries) return false;
  for (const c of countries) {
    if (!c.pattern.test(national)) continue;
    if (c.types === null) return true;
    for (const t of c.types) {
      if ((!t.lengths || t.lengths.includes(national.length)) && t.pattern.test(national)) return true;
    }
  }
  return false;
}

function afterNationalPrefix(digits: string, prefix: NationalPrefix): string[] {
  const match = prefix.pattern?.exec(digits);
  if (!match || !prefix.pattern) return [digits];
  const out = [digits, digits.slice(match[0].length)];
  if (prefix.transform) out.push(digits.replace(prefix.pattern, prefix.transform));
  return out;
}

const plansByCode = new Map<string, CodePlans | null>();
const plansByRegion = new Map<CountryCode, RegionPlans | null>();

// The library's metadata, read through its Metadata class (null where a plan lacks what the arguments above need).
const meta = new Metadata(metadata);
function plan(country: CountryCode): PlanMethods {
  meta.selectNumberingPlan(country);
  return meta.numberingPlan as unknown as PlanMethods;
}

function codePlans(callingCode: string): CodePlans | null {
  let plans = plansByCode.get(callingCode);
  if (plans === undefined) {
    plans = readCodePlans(callingCode);
    plansByCode.set(callingCode, plans);
  }
  return plans;
}

function readCodePlans(callingCode: string): CodePlans | null {
  const codes = (metadata.country_calling_codes[callingCode] ?? []) as CountryCode[];
  const main = codes[0];
  if (!main) return null;
  const byLength = new Map<number, CountryPlan[]>();
  for (const country of codes) {
    const p = plan(country);
    const lengths = p.possibleLengths();
    const pattern = p.nationalNumberPattern?.();
    const types = numberTypes(p);
    if (!lengths || lengths.length === 0 || typeof pattern !== 'string' || types === undefined) return null;
    // matchesEntirely's construction.
    const countryPlan = { pattern: new RegExp(`^(?:${pattern})$`), types };
    for (const length of new Set(lengths)) byLength.set(length, [...(byLength.get(length) ?? []), countryPlan]);
  }
  const mainPrefix = nationalPrefix(plan(main));
  return mainPrefix ? { callingCode, main: mainPrefix, byLength } : null;
}

function regionPlans(region: CountryCode): RegionPlans | null {
  let plans = plansByRegion.get(region);
  if (plans === undefined) {
    plans = readRegionPlans(region);
    plansByRegion.set(region, plans);
  }
  return plans;
}

function readRegionPlans(region: CountryCode): RegionPlans | null {
  const code = codePlans(getCountryCallingCode(region));
  const p = plan(region);
  const regionPrefix = nationalPrefix(p);
  const idd = p.IDDPrefix();
  if (!code || !regionPrefix || typeof idd !== 'string' || idd === '') return null;
  // stripIddPrefix's construction (it requires a match at 0).
  return { code, idd: new RegExp(idd), region: regionPrefix };
}

function nationalPrefix(p: PlanMethods): NationalPrefix | null {
  if (!p.nationalPrefixForParsing || !p.nationalPrefixTransformRule) return null;
  const pattern = p.nationalPrefixForParsing();
  const transform = p.nationalPrefixTransformRule();
  if (!pattern) return {};
  // extractNationalNumberFromPossiblyIncompleteNumber's construction.
  return { pattern: new RegExp(`^(?:${pattern})`), ...(transform ? { transform } : {}) };
}

/** The plan's number types as isNumberTypeEqualTo reads them; undefined when they cannot be read (or are more). */
function numberTypes(p: PlanMethods): CountryPlan['types'] | undefined {
  if (!p.hasTypes || !p.types || !p.type) return undefined;
  if (!p.hasTypes()) return null;
  const slots = p.types();
  if (!Array.isArray(slots) || slots.length > TYPES.length) return undefined;
  const types: { lengths?: readonly number[]; pattern: RegExp }[] = [];
  for (const name of TYPES) {
    const type = p.type(name);
    const pattern = type?.pattern();
    // isNumberTypeEqualTo: no type or an empty pattern never matches.
    if (!type || !pattern) continue;
    const lengths = type.possibleLengths();
    types.push({ ...(lengths ? { lengths } : {}), pattern: new RegExp(`^(?:${pattern})$`) });
  }
  return types;
}
