import { describe, expect, it } from 'vitest';
import type { EntityType } from '../../domain/index.js';
import { foldToken } from './fold.js';
import { compileKnownIdentities } from './known-identities.js';
import { createKnownIdentityRecognizer } from './known-recognizer.js';

const matcher = compileKnownIdentities([
  { value: 'José Álvarez' },
  { value: 'Ana' },
  { value: 'Ana María López García' },
  { value: 'María López' },
  { value: 'Günther Straße' },
  { value: "Siobhán O'Neill" },
  { value: 'Zoë' },
  { value: 'ACME-4471', type: 'ID' },
  { value: 'Nguyễn Văn Minh' },
  { value: 'ئاوه‌ز' },
  { value: '   ' },
]);

const found = (text: string): string[] => matcher.match(text).map((m) => text.slice(m.start, m.end));

describe('compileKnownIdentities', () => {
  it.each<[string, string[]]>([
    ['jose alvarez said hi', ['jose alvarez']],
    ['JOSÉ ÁLVAREZ', ['JOSÉ ÁLVAREZ']],
    ['Joseph Alvarez', []],
    ['josé, álvarez', []],
    ['a note from Ana', ['Ana']],
    ['Banana and Anastasia', []],
    ['ana maría lópez garcía signed', ['ana maría lópez garcía']],
    ['Ana María López was there', ['Ana', 'María López']],
    ['gunther strasse', ['gunther strasse']],
    ['GÜNTHER STRASSE', ['GÜNTHER STRASSE']],
    ["siobhan o'neill", ["siobhan o'neill"]],
    ['zoe and Zoë', ['zoe', 'Zoë']],
    ['ticket acme-4471 closed', ['acme-4471']],
    ['ticket acme-44711 closed', []],
    ['nguyen van minh', ['nguyen van minh']],
    // a zero-width non-joiner belongs inside a Kurdish or Persian word
    ['سڵاو ئاوه‌ز!', ['ئاوه‌ز']],
    ['', []],
  ])('%j -> %j', (text, expected) => {
    expect(found(text)).toEqual(expected);
  });

  it('maps offsets to the original string, including astral characters and decomposed input', () => {
    const text = '😀😀 Jose\u0301 A\u0301lvarez!';
    const [m] = matcher.match(text);
    expect(m).toBeDefined();
    expect(text.slice(m?.start, m?.end)).toBe('Jose\u0301 A\u0301lvarez');
    expect(m?.type).toBe('PERSON');
  });

  it('keeps entry types and counts what it compiled', () => {
    expect(matcher.match('acme-4471')[0]?.type).toBe<EntityType>('ID');
    expect(matcher.size).toBe(10);
    expect(matcher.skipped).toBe(1);
    expect(matcher.types).toEqual(['PERSON', 'ID']);
  });

  it('picks the longest of overlapping entries', () => {
    const m = compileKnownIdentities([{ value: 'John Smith' }, { value: 'Smith Jones Corp', type: 'ORGANIZATION' }]);
    const text = 'John Smith Jones Corp';
    expect(m.match(text).map((x) => [text.slice(x.start, x.end), x.type])).toEqual([
      ['Smith Jones Corp', 'ORGANIZATION'],
    ]);
  });
});

describe('foldToken', () => {
  it.each([
    ['Álvarez', 'alvarez'],
    ['Straße', 'strasse'],
    ['ØRSTED', 'orsted'],
    ['Łukasz', 'lukasz'],
    ['plain', 'plain'],
  ])('%s -> %s', (input, output) => {
    expect(foldToken(input)).toBe(output);
  });

  // The definition, for every string: foldToken's shortcuts (ASCII, Latin letters one by one) must agree with it.
  const special: Record<string, string> = {
    ß: 'ss',
    ẞ: 'ss',
    æ: 'ae',
    œ: 'oe',
    ø: 'o',
    ł: 'l',
    đ: 'd',
    ð: 'd',
    þ: 'th',
    ı: 'i',
    ſ: 's',
  };
  const plainFold = (token: string): string =>
    token
      .normalize('NFD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .replace(/[ßẞæœøłđðþıſ]/g, (ch) => special[ch] ?? ch)
      .normalize('NFC');

  it('equals NFD, marks removed, lower-cased, special letters, NFC, for Latin text and its neighbours', () => {
    const chars = Array.from({ length: 0x400 }, (_, code) => String.fromCharCode(code));
    const contexts = ['a', 'Z', '\u0301', 'É', 'ß', 'ẞ', 'İ', 'Σ', 'x\u0327', '1', '\t', 'ǅ', 'ﬁ', '😀'];
    const tokens = [...chars, 'Ñuñoa', 'ØRSTED\u0301', 'Ǖbel', 'Kęstutis', 'ΟΔΟΣ', 'Ὀδυσσεύς', 'Москва', '\ud800é'];
    for (const ch of chars) for (const context of contexts) tokens.push(ch + context, context + ch + context);
    for (const token of tokens) expect([token, foldToken(token)]).toEqual([token, plainFold(token)]);
  });
});

describe('createKnownIdentityRecognizer', () => {
  it('reports spans with score 1 and an explanation on request', () => {
    const recognizer = createKnownIdentityRecognizer(matcher);
    const spans = recognizer.analyze({ text: 'cc ana' }, { explain: true });
    expect(spans).toHaveLength(1);
    expect(spans[0]).toMatchObject({ start: 3, end: 6, type: 'PERSON', score: 1, recognizer: 'known-identity' });
    expect(spans[0]?.explanation?.recognizer).toBe('known-identity');
    expect(recognizer.types).toEqual(['PERSON', 'ID']);
  });
});
