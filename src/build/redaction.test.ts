import { describe, expect, it } from 'vitest';
import { seededRandom } from '../domain/seeded-random.js';
import { createNameRecognizer } from '../redact/names/index.js';
import { addName, createNameFilter, mayBeNameWord, mayHoldName, normaliseName } from './name-filter.js';
import {
  basicAnalyze,
  createAnalyze,
  createRedactor,
  DEFAULT_REDACTION,
  findMemberNames,
  isRedactionOutput,
  NameWordMemo,
} from './redaction.js';

const names = createNameFilter(10);
addName(names, 'Quillon Vasterby');
addName(names, 'Ana Maria Souza');
addName(names, 'Cher');
addName(names, 'José Álvarez');

describe('member-directory name filter', () => {
  it.each([
    ['Quillon Vasterby', true],
    ['quillon  VASTERBY', true],
    ['Ana Maria Souza', true],
    ['Quillon', false],
    ['Cher', false],
    ['Vasterby Quillon', false],
    ['jose alvarez', true],
    ['JOSÉ ÁLVAREZ', true],
    ['Joseph Alvarez', false],
  ])('mayHoldName(%j) is %s', (name, expected) => {
    expect(mayHoldName(names, name)).toBe(expected);
  });
});

describe('build redactor (fast patterns + directory names)', () => {
  const redactor = createRedactor(DEFAULT_REDACTION, names, basicAnalyze, 'k'.repeat(32));
  it.each([
    ['Mail quillon.v@example.org today', 'Mail <EMAIL> today', { EMAIL: 1 }],
    ['Call +1 415 555 0199 now', 'Call <PHONE> now', { PHONE: 1 }],
    ['Thanks Quillon Vasterby and Ana Maria Souza!', 'Thanks <PERSON> and <PERSON>!', { PERSON: 2 }],
    ['See https://example.org/x', 'See <URL>', { URL: 1 }],
    ['Shipped the release on 2024-05-01 to 30 teams.', 'Shipped the release on 2024-05-01 to 30 teams.', {}],
    ['Quillon said hi', 'Quillon said hi', {}],
    ['lunch with quillon vasterby today', 'lunch with <PERSON> today', { PERSON: 1 }],
    ['met jose alvarez, then Ana Maria Souza.', 'met <PERSON>, then <PERSON>.', { PERSON: 2 }],
    ['Joseph Alvarez and the Quillonvasterby team', 'Joseph Alvarez and the Quillonvasterby team', {}],
    ['Quillon, Vasterby', 'Quillon, Vasterby', {}],
  ])('%j -> %j', (text, expected, counts) => {
    const result = redactor.redact(text);
    expect(result.text).toBe(expected);
    expect(result.counts).toEqual(counts);
    expect(result.dropped).toBe(false);
  });

  // The gates count digits only up to the most any of them needs: each pattern right at its threshold, after many
  // other digits, and with one digit fewer.
  it.each([
    ['card 4111111111111111', ['CREDIT_CARD']],
    ['12 34 56 78 90 12 card 4111111111111111', ['CREDIT_CARD', 'PHONE']],
    ['411 1111 1111 1111', ['PHONE']],
    ['ip 10.0.0.1', ['IP_ADDRESS']],
    ['ip 10.0.0.', []],
    ['call 555 01991', ['PHONE']],
    ['call 555 019', []],
    ['2024 2025 2026 2027 then call 555 0199 1', ['PHONE']],
    ['iban DE89 3704 0044 0532 0130 00', ['IBAN']],
    ['no digits at all', []],
  ])('basicAnalyze(%j) finds %j', (text, types) => {
    expect(basicAnalyze(text).map((span) => span.type)).toEqual(types);
  });

  it('drops a record holding a card number that passes the Luhn check, and keeps one that does not', () => {
    expect(redactor.redact('card 4111 1111 1111 1111').dropped).toBe(true);
    expect(redactor.redact('order 4111 1111 1111 1112').dropped).toBe(false);
  });
});

describe('engine redactor with policy operators', () => {
  it('pseudonymizes names deterministically per key and masks phones keeping the last digits', () => {
    const settings = {
      default: { operator: 'replace' as const },
      types: { PERSON: { operator: 'pseudonymize' as const }, PHONE: { operator: 'mask' as const, keep_last: 2 } },
      minScore: 0.5,
    };
    const a = createRedactor(settings, names, createAnalyze('engine', 0.5), 'a'.repeat(32));
    const b = createRedactor(settings, names, createAnalyze('engine', 0.5), 'b'.repeat(32));
    const text = 'Thanks Quillon Vasterby, call +1 415 555 0199.';
    const first = a.redact(text, 'en');
    expect(first.text).not.toContain('Quillon');
    expect(first.text).toMatch(/99\./);
    expect(first.text).not.toContain('415 555');
    expect(a.redact(text, 'en').text).toBe(first.text);
    expect(b.redact(text, 'en').text).not.toBe(first.text);
  });
});

describe('isRedactionOutput', () => {
  it.each([
    ['at <ORGANIZATION>.', 4, 16, true],
    ['Fale com [PERSON_1a2b3c4d]', 9, 26, true],
    ['call ******99', 5, 11, true],
    ['Fale com [PERSON_1a2b3c4d]', 0, 4, false],
    ['Rio de <LOCATION>', 0, 3, false],
  ])('%j [%i, %i) is %s', (text, start, end, expected) => {
    expect(isRedactionOutput(text, start, end)).toBe(expected);
  });
});

/**
 * The first implementation of findMemberNames (one normaliseName per candidate run), with the rule it gained later: a
 * run holds only words the filter of name words may hold. The reference for the fast one.
 */
function referenceMemberNames(text: string, filter: typeof names): [number, number][] {
  const wordRe = /\p{L}[\p{L}\p{M}]*(?:['’-]\p{L}[\p{L}\p{M}]*)*/gu;
  const gap = /^\s*\.?\s+$|^\.?\s+$/;
  const words = [...text.matchAll(wordRe)].map((m) => ({ start: m.index ?? 0, end: (m.index ?? 0) + m[0].length }));
  const nameWord = (w: { start: number; end: number } | undefined) =>
    w !== undefined &&
    normaliseName(text.slice(w.start, w.end))
      .split(' ')
      .every((part) => mayBeNameWord(filter, part, 0, part.length));
  const spans: [number, number][] = [];
  let i = 0;
  while (i < words.length) {
    let matchedEnd = -1;
    let matchedLast = i;
    for (let len = 2; len <= 4 && i + len <= words.length && nameWord(words[i]); len++) {
      const prev = words[i + len - 2];
      const last = words[i + len - 1];
      if (!prev || !last || !gap.test(text.slice(prev.end, last.start)) || !nameWord(last)) break;
      const first = words[i];
      if (first && mayHoldName(filter, text.slice(first.start, last.end).replace(/\s*\.\s*/g, ' '))) {
        matchedEnd = last.end;
        matchedLast = i + len - 1;
      }
    }
    const first = words[i];
    if (matchedEnd >= 0 && first) {
      spans.push([first.start, matchedEnd]);
      i = matchedLast + 1;
    } else i++;
  }
  return spans;
}

describe('findMemberNames', () => {
  const directory = ['Ana Maria Souza', 'José Álvarez', "Seán O'Brien", 'Jean-Luc Picard', 'ZOË Straße', 'Ōta Ken'];
  const pieces = [
    ...directory.flatMap((n) => [n, n.toUpperCase(), n.toLowerCase(), n.normalize('NFD')]),
    'ana',
    'maria',
    'souza',
    'jose',
    'alvarez',
    'Sean',
    "O'Brien",
    'O’Brien',
    'Jean',
    'Luc',
    'team',
    'Week',
    'proud',
    "rock'n'roll",
    'x-ray',
    'Mc-',
    "ab'",
    'Zz',
    'aZ',
    '-',
    "'",
    '’',
    '.',
    ' ',
    ' ',
    '  ',
    '\n',
    '\u00a0',
    ' . ',
    '. ',
    ',',
    'x',
    '9',
    'é',
    '\u0301',
    '😀',
    '𝐀𝐁',
    'ﬁ',
    'Ǆ',
    'İ',
    'ß',
    '…',
    'Souza…',
    // Letters whose folded form holds a space.
    'Ana\ufdfa',
    'a\u037a',
  ];
  // A filter sized for its names, and one far too small for them: in the crowded one most words pass the first
  // probes, so the later probes and the name lookups decide.
  const sized = createNameFilter(50);
  const crowded = createNameFilter(1);
  for (const name of directory) addName(sized, name);
  for (const name of [...directory, ...Array.from({ length: 300 }, (_, i) => `Given${i} Family${i * 7}`)]) {
    addName(crowded, name);
  }

  it.each([
    ['sized', sized],
    ['crowded', crowded],
  ])('finds the same spans as the reference implementation on random texts (%s filter)', (_, filter) => {
    const random = seededRandom(7);
    for (let n = 0; n < 3000; n++) {
      let text = '';
      const count = 1 + Math.floor(random() * 12);
      for (let k = 0; k < count; k++) text += pieces[Math.floor(random() * pieces.length)] ?? '';
      const fast = findMemberNames(text, filter).map((s) => [s.start, s.end]);
      expect(fast, JSON.stringify(text)).toEqual(referenceMemberNames(text, filter));
    }
  });

  // Tokens the name tagger splits differently from name words, and lone surrogates.
  const tokenPieces = [
    ...pieces,
    '\ud800',
    '\udc00',
    '\ud800a',
    '\ud800Ana',
    'souza\ud800',
    'x1',
    'ana2souza',
    '2ana',
    'a_b',
    'Ana_Maria',
    '\u200d',
    'ana\u200dmaria',
    'abc-😀',
    "ana'é",
    'ana-é',
    'x-1',
    '1-ana',
    '@',
    '#Souza',
  ];

  it.each([
    ['sized filter, default word cache', sized, undefined],
    ['crowded filter, default word cache', crowded, undefined],
    ['sized filter, 50-word cache (turned over all the time)', sized, 50],
    ['crowded filter, no word cache', crowded, 0],
  ])("finds the same spans from the name tagger's tokens as from the text (%s)", (_, filter, cacheSize) => {
    const tagger = createNameRecognizer(cacheSize === undefined ? {} : { cacheSize });
    const memo = new NameWordMemo();
    const random = seededRandom(11);
    for (let n = 0; n < 3000; n++) {
      let text = '';
      const count = 1 + Math.floor(random() * 12);
      for (let k = 0; k < count; k++) {
        text += tokenPieces[Math.floor(random() * tokenPieces.length)] ?? '';
        if (random() < 0.5) text += ' ';
      }
      tagger.analyze({ text });
      const words = tagger.wordsOf(text);
      expect(words).toBeDefined();
      if (words === undefined) continue;
      const fromTokens = findMemberNames(text, filter, { words, memo }).map((s) => [s.start, s.end]);
      expect(fromTokens, JSON.stringify(text)).toEqual(findMemberNames(text, filter).map((s) => [s.start, s.end]));
    }
  });

  // A lone high surrogate is one unit that starts no word: the name right behind it is found whole, from the text and
  // from the tokens alike (the walk used to step over the next unit too, and the name lost its first letter).
  it.each<[string, string[]]>([
    ['\ud800ana maria souza', ['ana maria souza']],
    ['x\ud800Ana Maria Souza!', ['Ana Maria Souza']],
    ['\udc00ana maria souza \ud800\udc00 ana maria souza', ['ana maria souza', 'ana maria souza']],
    ['x\ud800 Ana Maria Souza!', ['Ana Maria Souza']],
    ['ana maria souza\ud800 and José Álvarez', ['ana maria souza', 'José Álvarez']],
    ['ana2souza ana maria souza1', ['ana maria souza']],
    ['Ana_Maria Souza, Jean-Luc Picard.', ['Jean-Luc Picard']],
  ])('from the tokens of %j finds %j', (text, expected) => {
    const tagger = createNameRecognizer();
    tagger.analyze({ text });
    const words = tagger.wordsOf(text);
    if (words === undefined) throw new Error('no words');
    const found = findMemberNames(text, sized, { words, memo: new NameWordMemo() }).map((s) =>
      text.slice(s.start, s.end),
    );
    expect(found).toEqual(expected);
    expect(findMemberNames(text, sized).map((s) => text.slice(s.start, s.end))).toEqual(expected);
  });
});

describe('createAnalyze', () => {
  it("gives the name tagger's words of the text it analyzed last (engine only)", () => {
    const engine = createAnalyze('engine', 0.5);
    engine('lunch with quillon vasterby today');
    expect(engine.wordsOf?.('lunch with quillon vasterby today')?.count).toBe(5);
    expect(engine.wordsOf?.('another text')).toBeUndefined();
    expect(createAnalyze('fast', 0.5).wordsOf).toBeUndefined();
  });
});
