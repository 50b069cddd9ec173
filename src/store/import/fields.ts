// Field readers for JSONL import lines: each reads one field, normalises it, or records an issue saying what was
// expected and what was found. Personal values (names, texts, birth dates) are described, never echoed.

import { parseJurisdiction } from '../../domain/index.js';

/** One problem with one field of a record. `message` is "expected ..., found ...". */
export interface FieldIssue {
  readonly field: string;
  readonly message: string;
}

/** A parsed record or the list of what is wrong with it. */
export type ParseResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly issues: readonly FieldIssue[] };

const ISO_TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?([Zz]|[+-]\d{2}(?::?\d{2})?))?$/;
const CANONICAL_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{3})?Z$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const LANGUAGE_TAG = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/;
const MAX_ID_LENGTH = 200;

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  if (month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) return 29;
  return MONTH_DAYS[month - 1] ?? 0;
}

function validDate(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/**
 * Parses an ISO 8601 date (`2025-11-03`, midnight UTC) or timestamp with a zone (`Z` or an offset) into the
 * canonical `toISOString()` form; undefined for anything else, including impossible dates such as 2024-02-30.
 *
 * @example parseIsoTimestamp('2025-11-03T01:00:00+01:00') // '2025-11-03T00:00:00.000Z'
 */
export function parseIsoTimestamp(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  // Fast path for the canonical UTC form, which is what machine-written files (and every import) mostly carry.
  if (CANONICAL_UTC.test(value)) {
    const y = Number(value.slice(0, 4));
    const mo = Number(value.slice(5, 7));
    const d = Number(value.slice(8, 10));
    const hour = Number(value.slice(11, 13));
    if (!validDate(y, mo, d) || hour > 23 || value.charAt(14) > '5' || value.charAt(17) > '5') return undefined;
    return value.length === 24 ? value : `${value.slice(0, 19)}.000Z`;
  }
  const m = ISO_TIMESTAMP.exec(value.trim());
  if (!m) return undefined;
  const [, ys, ms, ds, hh, mi, ss, frac, zone] = m;
  const y = Number(ys);
  const mo = Number(ms);
  const d = Number(ds);
  if (!validDate(y, mo, d)) return undefined;
  if (hh === undefined) return new Date(Date.UTC(y, mo - 1, d)).toISOString();
  if (Number(hh) > 23 || Number(mi) > 59 || Number(ss ?? '0') > 59) return undefined;
  const millis = (frac ?? '').padEnd(3, '0').slice(0, 3);
  let offset = (zone ?? 'Z').toUpperCase();
  if (offset !== 'Z' && !offset.includes(':')) offset = `${offset.slice(0, 3)}:${offset.slice(3) || '00'}`;
  const parsed = Date.parse(`${ys}-${ms}-${ds}T${hh}:${mi}:${ss ?? '00'}.${millis}${offset}`);
  return Number.isNaN(parsed) ? undefined : new Date(parsed).toISOString();
}

/** Parses `YYYY-MM-DD` (a real calendar date). */
export function parseIsoDate(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const m = ISO_DATE.exec(value);
  if (!m) return undefined;
  return validDate(Number(m[1]), Number(m[2]), Number(m[3])) ? value : undefined;
}

/** Describes a found value: codes and ids are quoted (shortened), personal values only by their type. */
export function describeFound(value: unknown, personal = false): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (personal) return typeof value === 'string' ? `a string of ${value.length} characters` : `a ${typeof value}`;
  if (typeof value === 'string') {
    const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
    return JSON.stringify(shown);
  }
  return String(value);
}

/** Reads fields of one record, collecting issues instead of throwing. */
export class FieldReader {
  readonly issues: FieldIssue[] = [];

  constructor(private readonly record: Readonly<Record<string, unknown>>) {}

  /** True when the field is present and not null. */
  has(field: string): boolean {
    const value = this.record[field];
    return value !== undefined && value !== null;
  }

  raw(field: string): unknown {
    return this.record[field];
  }

  fail(field: string, expected: string, found: unknown, personal = false): undefined {
    this.issues.push({ field, message: `expected ${expected}, found ${describeFound(found, personal)}` });
    return undefined;
  }

  /** A non-empty identifier without control characters. */
  id(field: string): string | undefined {
    const value = this.record[field];
    if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
    if (typeof value !== 'string' || value.trim() === '' || value.length > MAX_ID_LENGTH || /\p{Cc}/u.test(value)) {
      return this.fail(field, `an id (1 to ${MAX_ID_LENGTH} characters)`, value);
    }
    return value;
  }

  optionalId(field: string): string | null | undefined {
    return this.has(field) ? this.id(field) : null;
  }

  /** A string; `personal` strings are never echoed in issues. */
  string(field: string, personal: boolean): string | undefined {
    const value = this.record[field];
    if (typeof value !== 'string') return this.fail(field, 'a string', value, personal);
    return value;
  }

  optionalString(field: string, personal: boolean): string | null | undefined {
    return this.has(field) ? this.string(field, personal) : null;
  }

  oneOf<T extends string>(
    field: string,
    allowed: readonly T[],
    aliases: Readonly<Record<string, T>> = {},
  ): T | undefined {
    const value = this.record[field];
    if (typeof value === 'string') {
      if ((allowed as readonly string[]).includes(value)) return value as T;
      const alias = aliases[value.toLowerCase()];
      if (alias !== undefined) return alias;
    }
    const shown = [...Object.keys(aliases), ...allowed];
    const list = shown.length > 8 ? `${shown.slice(0, 8).join(', ')}, ...` : shown.join(', ');
    return this.fail(field, `one of ${list}`, value);
  }

  boolean(field: string, fallback: boolean): boolean | undefined {
    if (!this.has(field)) return fallback;
    const value = this.record[field];
    if (typeof value === 'boolean') return value;
    if (value === 0 || value === 1) return value === 1;
    return this.fail(field, 'true or false', value);
  }

  timestamp(field: string): string | undefined {
    const value = this.record[field];
    const parsed = parseIsoTimestamp(value);
    return parsed ?? this.fail(field, 'an ISO 8601 timestamp such as 2025-11-03T00:00:00Z', value);
  }

  optionalTimestamp(field: string): string | null | undefined {
    return this.has(field) ? this.timestamp(field) : null;
  }

  jurisdiction(field: string): string | null | undefined {
    if (!this.has(field)) return null;
    const value = this.record[field];
    const parsed = parseJurisdiction(value);
    if (parsed === undefined) return this.fail(field, 'an ISO 3166-1 alpha-2 code such as US or US-CA', value);
    return parsed.subdivision ?? parsed.country;
  }

  language(field: string): string | null | undefined {
    if (!this.has(field)) return null;
    const value = this.record[field];
    if (typeof value !== 'string' || !LANGUAGE_TAG.test(value)) {
      return this.fail(field, 'a BCP 47 language tag such as en or pt-BR', value);
    }
    return value;
  }
}
