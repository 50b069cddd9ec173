import { describe, expect, it } from 'vitest';
import { seededRandom } from '../domain/seeded-random.js';
import { parseContentObject, parseJsonLine, parseMemberObject, timestampMillis } from './parse-lines.js';

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

  it('shares one empty signals value between items without signals, and gives each signal', () => {
    const a = parseContentObject({ ...content });
    const b = parseContentObject({ ...content, content_id: 'c2' });
    expect(a.ok && b.ok && a.value.signals === b.value.signals).toBe(true);
    expect(a.ok && Object.isFrozen(a.value.signals) && Object.keys(a.value.signals)).toEqual([]);
    expect(parseContentObject({ ...content, tdm_reservation: true, aipref: 7 })).toMatchObject({
      value: { signals: { tdmReservation: true } },
    });
    expect(parseContentObject({ ...content, tdm_reservation: 'yes', aipref: 'train-ai=n' })).toMatchObject({
      value: { signals: { aipref: 'train-ai=n' } },
    });
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

describe('timestampMillis', () => {
  const pad = (n: number, width: number) => String(n).padStart(width, '0');

  it('gives what Date.parse gives, for canonical UTC timestamps and anything else', () => {
    const random = seededRandom(11);
    const pick = (n: number) => Math.floor(random() * n);
    const samples = [
      '2024-02-29T23:59:59.999Z',
      '2023-02-29T10:00:00Z',
      '1900-02-29T00:00:00.000Z',
      '2000-02-29T00:00:00.000Z',
      '0000-01-01T00:00:00.000Z',
      '9999-12-31T23:59:59.999Z',
      '2024-04-31T00:00:00.000Z',
      '2024-03-15T24:00:00.000Z',
      '2024-12-31T23:59:60.000Z',
      '2024-05-01T00:00:00+02:00',
      '2024-05-01T00:00:00.5Z',
      '2024-05-01',
      '2024-5-01T00:00:00Z',
      'yesterday',
      '',
    ];
    for (let i = 0; i < 20_000; i++) {
      const date = `${pad(pick(10_000), 4)}-${pad(1 + pick(13), 2)}-${pad(pick(33), 2)}`;
      const time = `${pad(pick(25), 2)}:${pad(pick(61), 2)}:${pad(pick(61), 2)}`;
      samples.push(i % 2 ? `${date}T${time}Z` : `${date}T${time}.${pad(pick(1000), 3)}Z`);
    }
    for (const text of samples) expect([text, timestampMillis(text)]).toEqual([text, Date.parse(text)]);
  });

  it('gives the same value when asked again, right away or after another timestamp (it keeps the last one)', () => {
    const texts = ['2024-05-01T00:00:00Z', '2024-05-01T00:00:00+02:00', 'yesterday', '', '2024-05-01T00:00:00Z'];
    for (const a of texts) {
      for (const b of texts) {
        expect([a, b, timestampMillis(a), timestampMillis(a), timestampMillis(b), timestampMillis(a)]).toEqual([
          a,
          b,
          Date.parse(a),
          Date.parse(a),
          Date.parse(b),
          Date.parse(a),
        ]);
      }
    }
  });

  it('accepts as created_at exactly a text starting with a date that Date.parse reads', () => {
    const samples = [
      '2024-05-01T00:00:00Z',
      '2024-05-01T00:00:00.000Z',
      '2024-05-01T00:00:00+02:00',
      '2024-05-01',
      '2024-05-01 10:00',
      '2024-5-01T00:00:00Z',
      '2024-02-30T00:00:00Z',
      '+002024-05-01T00:00:00Z',
      'May 1, 2024',
      '1714521600000',
      'yesterday',
      '',
    ];
    for (const text of samples) {
      const expected = /^\d{4}-\d{2}-\d{2}/.test(text) && !Number.isNaN(Date.parse(text));
      // Twice: the second read comes from the kept timestamp.
      for (let i = 0; i < 2; i++)
        expect([text, parseContentObject({ ...content, created_at: text }).ok]).toEqual([text, expected]);
    }
  });
});
