// Parsing JSONL source lines (DESIGN.md's import schema) into domain records for builds. Failures are data: the
// field and what was expected versus found, never the value itself when it may be personal.

import {
  ACCOUNT_STATES,
  type AccountState,
  type ContentItem,
  type ContentSignals,
  isContentKind,
  isVisibility,
  type Member,
} from '../domain/index.js';

export type LineResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly field: string; readonly message: string };

type Json = Record<string, unknown>;

function fail<T>(field: string, message: string): LineResult<T> {
  return { ok: false, field, message };
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? 'a string' : `a ${typeof value}`;
}

/** The number at text[at, at + length) of ASCII digits, or -1 if any is not a digit. */
function digitsAt(text: string, at: number, length: number): number {
  let n = 0;
  for (let i = at; i < at + length; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (month 1-12). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  return era * 146097 + yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear - 719468;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Milliseconds of `YYYY-MM-DDTHH:MM:SSZ` or `YYYY-MM-DDTHH:MM:SS.sssZ` with every field in range, or NaN for any
 * other text. Where it gives a number, Date.parse gives the same one (about ten times slower).
 */
function canonicalUtcMillis(text: string): number {
  const length = text.length;
  if ((length !== 20 && length !== 24) || text.charCodeAt(length - 1) !== 90) return Number.NaN;
  if (text[4] !== '-' || text[7] !== '-' || text[10] !== 'T' || text[13] !== ':' || text[16] !== ':') return Number.NaN;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  const hour = digitsAt(text, 11, 2);
  const minute = digitsAt(text, 14, 2);
  const second = digitsAt(text, 17, 2);
  const milli = length === 24 ? (text[19] === '.' ? digitsAt(text, 20, 3) : -1) : 0;
  if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59)
    return Number.NaN;
  if (second < 0 || second > 59 || milli < 0) return Number.NaN;
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > (MONTH_DAYS[month - 1] ?? 0) + (leap ? 1 : 0)) return Number.NaN;
  return ((daysFromCivil(year, month, day) * 24 + hour) * 60 + minute) * 60_000 + second * 1000 + milli;
}

// The last timestamp read, its value and whether it was canonical: a build reads each item's timestamp when its line
// is parsed and again when the item is decided, one after the other in the same thread.
let lastTimestamp = '';
let lastTimestampMillis = Number.NaN;
let lastTimestampCanonical = false;

/** Milliseconds since the epoch of a timestamp as Date.parse reads it (NaN when it is none). */
export function timestampMillis(text: string): number {
  if (text === lastTimestamp) return lastTimestampMillis;
  const fast = canonicalUtcMillis(text);
  lastTimestamp = text;
  lastTimestampCanonical = !Number.isNaN(fast);
  lastTimestampMillis = lastTimestampCanonical ? fast : Date.parse(text);
  return lastTimestampMillis;
}

const DATE_PREFIX = /^\d{4}-\d{2}-\d{2}/;

function isTimestamp(value: unknown): value is string {
  if (typeof value !== 'string' || Number.isNaN(timestampMillis(value))) return false;
  // A canonical UTC timestamp starts with its date by construction; another text Date.parse reads must too.
  return lastTimestampCanonical || DATE_PREFIX.test(value);
}

/** Parses one JSON text line; a syntax error is reported against the whole line. */
export function parseJsonLine(line: string): LineResult<Json> {
  try {
    const value: unknown = JSON.parse(line);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return fail('(line)', `expected a JSON object, found ${kindOf(value)}`);
    }
    return { ok: true, value: value as Json };
  } catch {
    return fail('(line)', 'expected a JSON object, found text that is not valid JSON');
  }
}

export function parseContentObject(obj: Json): LineResult<ContentItem> {
  const id = obj.content_id;
  if (typeof id !== 'string' || id === '')
    return fail('content_id', `expected a non-empty string, found ${kindOf(id)}`);
  const author = obj.author_id;
  if (typeof author !== 'string' || author === '') {
    return fail('author_id', `expected a non-empty string, found ${kindOf(author)}`);
  }
  if (!isContentKind(obj.kind)) return fail('kind', 'expected a known content kind such as "post"');
  if (!isVisibility(obj.visibility)) return fail('visibility', 'expected public, connections, group or private');
  if (typeof obj.text !== 'string') return fail('text', `expected a string, found ${kindOf(obj.text)}`);
  if (!isTimestamp(obj.created_at)) return fail('created_at', 'expected an ISO 8601 timestamp');
  const language = obj.language ?? null;
  if (language !== null && typeof language !== 'string') return fail('language', 'expected a BCP 47 tag or null');
  return {
    ok: true,
    value: {
      id,
      authorId: author,
      kind: obj.kind,
      visibility: obj.visibility,
      text: obj.text,
      createdAt: obj.created_at,
      language,
      deleted: obj.deleted === true,
      signals: contentSignals(obj.aipref, obj.tdm_reservation),
    },
  };
}

/** The signals of an item that has none: one shared value rather than an object per item. */
const NO_SIGNALS: ContentSignals = Object.freeze({});

function contentSignals(aipref: unknown, tdmReservation: unknown): ContentSignals {
  const hasAipref = typeof aipref === 'string';
  if (!hasAipref && tdmReservation !== true) return NO_SIGNALS;
  return {
    ...(hasAipref ? { aipref } : {}),
    ...(tdmReservation === true ? { tdmReservation: true } : {}),
  };
}

export function parseMemberObject(obj: Json): LineResult<Member> {
  const id = obj.member_id;
  if (typeof id !== 'string' || id === '') return fail('member_id', `expected a non-empty string, found ${kindOf(id)}`);
  const country = obj.country ?? null;
  if (country !== null && typeof country !== 'string') return fail('country', 'expected an ISO 3166 code or null');
  const state = obj.account_state ?? 'active';
  if (!(ACCOUNT_STATES as readonly unknown[]).includes(state)) {
    return fail('account_state', 'expected active, deactivated or deleted');
  }
  const names = obj.names ?? [];
  if (!Array.isArray(names) || !names.every((n) => typeof n === 'string')) {
    return fail('names', 'expected an array of strings');
  }
  const birthDate = obj.birth_date ?? null;
  if (birthDate !== null && (typeof birthDate !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(birthDate))) {
    return fail('birth_date', 'expected YYYY-MM-DD');
  }
  const birthYear = obj.birth_year ?? null;
  if (birthYear !== null && !Number.isInteger(birthYear)) return fail('birth_year', 'expected an integer year');
  return {
    ok: true,
    value: {
      id,
      country,
      birthDate,
      birthYear: birthYear as number | null,
      ageSignals: {
        ...(obj.self_declared_minor === true ? { selfDeclaredMinor: true } : {}),
        ...(obj.in_secondary_education === true ? { inSecondaryEducation: true } : {}),
      },
      language: typeof obj.language === 'string' ? obj.language : null,
      accountState: state as AccountState,
      names: names as string[],
      createdAt: typeof obj.created_at === 'string' ? obj.created_at : '1970-01-01T00:00:00.000Z',
    },
  };
}

/**
 * Calls `visit` with each line of `data` (split on '\n') and its number, counting from `firstLine`. Each line is
 * decoded alone: a string of its own in the young generation, not a slice of one large string that only a full
 * collection frees.
 */
export function forEachLine(data: Buffer, firstLine: number, visit: (line: string, lineNo: number) => void): void {
  let lineNo = firstLine;
  for (let start = 0; start < data.length; lineNo++) {
    let end = data.indexOf(10, start);
    if (end < 0) end = data.length;
    visit(data.toString('utf8', start, end), lineNo);
    start = end + 1;
  }
}
