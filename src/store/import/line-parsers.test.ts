// Member and content line parsers, table-driven: what they accept and normalise, and what they reject with which
// field — without echoing personal values.

import { describe, expect, it } from 'vitest';
import { parseIsoTimestamp } from './fields.js';
import { parseContentLine, parseMemberLine } from './line-parsers.js';

const NOW = '2025-06-01T00:00:00.000Z';

describe('parseIsoTimestamp', () => {
  it.each([
    ['2025-11-03', '2025-11-03T00:00:00.000Z'],
    ['2025-11-03T01:02:03Z', '2025-11-03T01:02:03.000Z'],
    ['2025-11-03T01:00:00+01:00', '2025-11-03T00:00:00.000Z'],
    ['2025-11-03T01:00:00.123456-0130', '2025-11-03T02:30:00.123Z'],
    ['2024-02-29T00:00Z', '2024-02-29T00:00:00.000Z'],
    ['2024-13-01', undefined],
    ['2023-02-29', undefined],
    ['2025-11-03T24:00:00Z', undefined],
    ['2025-11-03T10:00:00', undefined],
    ['yesterday', undefined],
    [20251103, undefined],
  ])('%s → %s', (input, expected) => {
    expect(parseIsoTimestamp(input)).toBe(expected);
  });
});

describe('parseMemberLine', () => {
  it('accepts a full line and normalises codes', () => {
    const result = parseMemberLine(
      {
        member_id: 'm1',
        country: 'us-ca',
        birth_date: '2008-02-29',
        birth_year: 2008,
        self_declared_minor: true,
        in_secondary_education: false,
        language: 'pt-BR',
        account_state: 'deactivated',
        names: ['Ana Souza'],
        created_at: '2020-01-01',
        extra_field: 'ignored',
      },
      { now: NOW },
    );
    expect(result).toEqual({
      ok: true,
      value: {
        id: 'm1',
        country: 'US-CA',
        birthDate: '2008-02-29',
        birthYear: 2008,
        ageSignals: { selfDeclaredMinor: true, inSecondaryEducation: false },
        language: 'pt-BR',
        accountState: 'deactivated',
        names: ['Ana Souza'],
        createdAt: '2020-01-01T00:00:00.000Z',
      },
    });
  });

  it('fills defaults for a minimal line', () => {
    expect(parseMemberLine({ member_id: 'm2' }, { now: NOW })).toMatchObject({
      ok: true,
      value: { country: null, accountState: 'active', names: [], ageSignals: {}, createdAt: NOW },
    });
  });

  it.each([
    [{ country: 'XX' }, 'country', 'expected an ISO 3166-1 alpha-2 code such as US or US-CA, found "XX"'],
    [{ member_id: '' }, 'member_id', 'expected an id (1 to 200 characters), found ""'],
    [
      { birth_date: '2001-02-30' },
      'birth_date',
      'expected a calendar date YYYY-MM-DD, found a string of 10 characters',
    ],
    [{ birth_year: 1850 }, 'birth_year', 'expected a year between 1900 and 2100, found a number'],
    [{ self_declared_minor: 'yes' }, 'self_declared_minor', 'expected true or false, found "yes"'],
    [{ language: 'english!' }, 'language', 'expected a BCP 47 language tag such as en or pt-BR, found "english!"'],
    [{ account_state: 'banned' }, 'account_state', 'expected one of active, deactivated, deleted, found "banned"'],
    [{ names: 'Ana Souza' }, 'names', 'expected a list of strings, found a string of 9 characters'],
    [
      { created_at: 'last week' },
      'created_at',
      'expected an ISO 8601 timestamp such as 2025-11-03T00:00:00Z, found "last week"',
    ],
  ])('rejects %j', (overrides, field, message) => {
    const result = parseMemberLine({ member_id: 'm1', country: 'US', ...overrides }, { now: NOW });
    expect(result).toEqual({ ok: false, issues: [{ field, message }] });
  });
});

describe('parseContentLine', () => {
  const base = {
    content_id: 'c1',
    author_id: 'm1',
    kind: 'post',
    visibility: 'public',
    text: 'Hello from Lisbon',
    created_at: '2025-01-01T00:00:00Z',
  };

  it('accepts a line with signals, and member_id as the author', () => {
    const { author_id: _unused, ...withoutAuthor } = base;
    expect(
      parseContentLine({
        ...withoutAuthor,
        member_id: 'm9',
        aipref: 'train-ai=n',
        tdm_reservation: 1,
        deleted: true,
        language: 'pt',
      }),
    ).toEqual({
      ok: true,
      value: {
        id: 'c1',
        authorId: 'm9',
        kind: 'post',
        visibility: 'public',
        text: 'Hello from Lisbon',
        createdAt: '2025-01-01T00:00:00.000Z',
        language: 'pt',
        deleted: true,
        signals: { aipref: 'train-ai=n', tdmReservation: true },
      },
    });
  });

  it.each([
    [{ kind: 'tweet' }, 'kind'],
    [{ visibility: 'secret' }, 'visibility'],
    [{ text: 42 }, 'text'],
    [{ created_at: undefined }, 'created_at'],
    [{ author_id: undefined }, 'author_id'],
    [{ tdm_reservation: 'maybe' }, 'tdm_reservation'],
  ])('rejects %j naming the field', (overrides, field) => {
    const result = parseContentLine({ ...base, ...overrides });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((i) => i.field)).toEqual([field]);
  });

  it('never echoes the text of a post', () => {
    const result = parseContentLine({ ...base, text: ['Call me at +1 555 0100'] });
    expect(JSON.stringify(result)).not.toContain('555');
  });
});
