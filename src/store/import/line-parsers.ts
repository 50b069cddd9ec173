// Pure parsers for member and content records (JSONL lines or any source): a record in, a domain value or the
// list of field issues out. The import commands and the build pipeline's JSONL sources share them.

import {
  ACCOUNT_STATES,
  CONTENT_KINDS,
  type ContentItem,
  type ContentSignals,
  type Member,
  VISIBILITIES,
} from '../../domain/index.js';
import { type FieldIssue, FieldReader, type ParseResult, parseIsoDate } from './fields.js';

export interface LineParseOptions {
  /** `created_at` for members whose line has none (default: now). */
  readonly now?: string;
}

function result<T>(reader: FieldReader, build: () => T): ParseResult<T> {
  return reader.issues.length > 0 ? { ok: false, issues: reader.issues } : { ok: true, value: build() };
}

/**
 * Parses a member record: `member_id, country, birth_date?, birth_year?, self_declared_minor?,
 * in_secondary_education?, language?, account_state?, names?, created_at?`.
 *
 * @example parseMemberLine({ member_id: 'm1', country: 'us-ca' }) // ok, country 'US-CA'
 */
export function parseMemberLine(
  record: Readonly<Record<string, unknown>>,
  options: LineParseOptions = {},
): ParseResult<Member> {
  const r = new FieldReader(record);
  const id = r.id('member_id');
  const country = r.jurisdiction('country');
  let birthDate: string | null = null;
  if (r.has('birth_date')) {
    birthDate = parseIsoDate(r.raw('birth_date')) ?? null;
    if (birthDate === null) r.fail('birth_date', 'a calendar date YYYY-MM-DD', r.raw('birth_date'), true);
  }
  let birthYear: number | null = null;
  if (r.has('birth_year')) {
    const raw = r.raw('birth_year');
    if (typeof raw === 'number' && Number.isInteger(raw) && raw >= 1900 && raw <= 2100) birthYear = raw;
    else r.fail('birth_year', 'a year between 1900 and 2100', raw, true);
  }
  const selfDeclaredMinor = r.boolean('self_declared_minor', false);
  const inSecondaryEducation = r.boolean('in_secondary_education', false);
  const language = r.language('language');
  const accountState = r.has('account_state') ? r.oneOf('account_state', ACCOUNT_STATES) : 'active';
  let names: string[] = [];
  if (r.has('names')) {
    const raw = r.raw('names');
    if (Array.isArray(raw) && raw.every((n) => typeof n === 'string')) names = raw as string[];
    else r.fail('names', 'a list of strings', raw, true);
  }
  const createdAt = r.has('created_at') ? r.timestamp('created_at') : (options.now ?? new Date().toISOString());
  return result(r, () => {
    const ageSignals: { selfDeclaredMinor?: boolean; inSecondaryEducation?: boolean } = {};
    if (r.has('self_declared_minor')) ageSignals.selfDeclaredMinor = selfDeclaredMinor === true;
    if (r.has('in_secondary_education')) ageSignals.inSecondaryEducation = inSecondaryEducation === true;
    return {
      id: id ?? '',
      country: country ?? null,
      birthDate,
      birthYear,
      ageSignals,
      language: language ?? null,
      accountState: accountState ?? 'active',
      names,
      createdAt: createdAt ?? '',
    };
  });
}

/**
 * Parses a content record: `content_id, author_id (or member_id), kind, visibility, text, created_at, language?,
 * deleted?, aipref?, tdm_reservation?`.
 */
export function parseContentLine(record: Readonly<Record<string, unknown>>): ParseResult<ContentItem> {
  const r = new FieldReader(record);
  const id = r.id('content_id');
  const authorField = r.has('author_id') || !r.has('member_id') ? 'author_id' : 'member_id';
  const authorId = r.id(authorField);
  const kind = r.oneOf('kind', CONTENT_KINDS);
  const visibility = r.oneOf('visibility', VISIBILITIES);
  const text = r.string('text', true);
  const createdAt = r.timestamp('created_at');
  const language = r.language('language');
  const deleted = r.boolean('deleted', false);
  const aipref = r.optionalString('aipref', false);
  const tdmReservation = r.has('tdm_reservation') ? r.boolean('tdm_reservation', false) : undefined;
  return result(r, () => {
    const signals: { aipref?: string; tdmReservation?: boolean } = {};
    if (typeof aipref === 'string') signals.aipref = aipref;
    if (tdmReservation !== undefined) signals.tdmReservation = tdmReservation;
    return {
      id: id ?? '',
      authorId: authorId ?? '',
      kind: kind ?? 'post',
      visibility: visibility ?? 'public',
      text: text ?? '',
      createdAt: createdAt ?? '',
      language: language ?? null,
      deleted: deleted === true,
      signals: signals as ContentSignals,
    };
  });
}

export type { FieldIssue, ParseResult };
