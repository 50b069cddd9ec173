import { describe, expect, it } from 'vitest';
import { parseContentObject, parseJsonLine, parseMemberObject } from './parse-lines.js';

const content = {
  content_id: 'c1',
  author_id: 'm1',
  kind: 'post',
  visibility: 'public',
  text: 'hello',
  created_at: '2024-05-01T00:00:00Z',
  language: 'en',
};

describe('content lines', () => {
  it('parses a valid line with its signals', () => {
    const parsed = parseContentObject({ ...content, aipref: 'train-ai=n', deleted: true });
    expect(parsed).toMatchObject({
      ok: true,
      value: { id: 'c1', authorId: 'm1', deleted: true, signals: { aipref: 'train-ai=n' } },
    });
  });

  it.each([
    [{ ...content, content_id: 7 }, 'content_id', 'expected a non-empty string, found a number'],
    [{ ...content, author_id: '' }, 'author_id', 'expected a non-empty string, found a string'],
    [{ ...content, kind: 'tweet' }, 'kind', 'expected a known content kind such as "post"'],
    [{ ...content, visibility: 'friends' }, 'visibility', 'expected public, connections, group or private'],
    [{ ...content, text: null }, 'text', 'expected a string, found null'],
    [{ ...content, created_at: 'yesterday' }, 'created_at', 'expected an ISO 8601 timestamp'],
  ])('rejects %j at %s', (obj, field, message) => {
    expect(parseContentObject(obj)).toEqual({ ok: false, field, message });
  });

  it.each([['{"a":'], ['[1]'], ['"text"']])('rejects the line %j as a whole', (line) => {
    expect(parseJsonLine(line).ok).toBe(false);
  });
});

describe('member lines', () => {
  it('parses names and age signals', () => {
    const parsed = parseMemberObject({
      member_id: 'm1',
      country: 'US',
      names: ['Ana Souza'],
      self_declared_minor: true,
    });
    expect(parsed).toMatchObject({
      ok: true,
      value: { id: 'm1', names: ['Ana Souza'], ageSignals: { selfDeclaredMinor: true } },
    });
  });

  it.each([
    [{ member_id: 'm1', account_state: 'banned' }, 'account_state'],
    [{ member_id: 'm1', names: 'Ana' }, 'names'],
    [{ member_id: 'm1', birth_date: '01/02/2000' }, 'birth_date'],
    [{ member_id: 'm1', birth_year: 1990.5 }, 'birth_year'],
    [{ country: 'US' }, 'member_id'],
  ])('rejects %j at %s', (obj, field) => {
    expect(parseMemberObject(obj)).toMatchObject({ ok: false, field });
  });
});
