// Parsing JSONL source lines (DESIGN.md's import schema) into domain records for builds. Failures are data: the
// field and what was expected versus found, never the value itself when it may be personal.

import {
  ACCOUNT_STATES,
  type AccountState,
  type ContentItem,
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

function isTimestamp(value: unknown): value is string {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) && !Number.isNaN(Date.parse(value));
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
      signals: {
        ...(typeof obj.aipref === 'string' ? { aipref: obj.aipref } : {}),
        ...(obj.tdm_reservation === true ? { tdmReservation: true } : {}),
      },
    },
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
