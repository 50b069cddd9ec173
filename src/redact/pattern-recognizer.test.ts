import { describe, expect, it } from 'vitest';
import { seededRandom } from '../domain/seeded-random.js';
import {
  buildWithoutGates,
  createPatternRecognizer,
  findContextWords,
  findContextWordsOneByOne,
  hasAscii,
  type PatternSpec,
  textFeatures,
  wordGate,
  wordsNotAfter,
} from './pattern-recognizer.js';

// Gates are necessary conditions of their regex: the same patterns without gates must find the same spans.
const GATED: readonly PatternSpec[] = [
  {
    name: 'words',
    regex: /(?<!\p{L})(?:sunday|año|día|zz|q)(?!\p{L})/giu,
    score: 0.9,
    anyOf: ['sunday', 'año', 'día', 'zz', 'q', 'sundays'],
  },
  { name: 'literals', regex: /Box \d+|C\/[a-z]+|Ñu|x/g, score: 0.9, literals: ['Box', 'C/', 'Ñu', 'x'] },
  {
    name: 'shape',
    regex: /[A-Z]\d{3}[A-Z]/g,
    score: 0.9,
    minDigits: 3,
    minDigitRun: 3,
    upperBeforeDigit: true,
    digitBeforeUpper: true,
  },
  { name: 'characters', regex: /[a-z]+@[a-z]+|\d+:\d+/g, score: 0.9, literals: ['@', ':'] },
  { name: 'between-levels', regex: /\d{5}[a-z]{0,20}/g, score: 0.9, minDigits: 5, minDigitRun: 5, minAlnumRun: 5 },
  { name: 'spaced', regex: /[ \t]\d{2}/g, score: 0.9, spaceBeforeDigit: true, gate: /\s\d/ },
  {
    name: 'anchored',
    regex: /(?<![\w.])[a-zé.]{1,10}#[a-z]+/gu,
    score: 0.9,
    // 'é' is not in the run class: a unit from 128 on always counts as in it.
    anchor: { text: '#', within: 10, run: /[a-z.]/ },
  },
];

const build = () => createPatternRecognizer({ name: 'gated', types: ['ID'], patterns: GATED });
const gated = build();
const plain = buildWithoutGates(build);

const PIECES = [
  'sunday',
  'SUNDAY',
  'ſunday',
  'Sundays',
  'año',
  'AÑO',
  'día',
  'Zz',
  'q',
  'İ',
  'K',
  'Box 12',
  'box 12',
  'C/mayor',
  'ñu',
  'Ñu',
  'x',
  'X',
  'A123B',
  'a123b',
  'A 123B',
  'ab@cd',
  '12:30',
  '12345',
  '1234',
  'abcdefghij0123456789',
  ' 42',
  '\t7',
  ' ',
  '.',
  '@',
  ':',
  '-',
  '😂',
  '\u0000',
  'é',
  '#',
  'ab#c',
  'a.bé#xy',
  'abcdefghijk#z',
];

describe('pattern gates', () => {
  it('never hide a match: gated and ungated patterns find the same spans', () => {
    const random = seededRandom(7);
    const texts = [...PIECES];
    for (let i = 0; i < 3000; i++) {
      let text = '';
      const n = 1 + Math.floor(random() * 8);
      for (let j = 0; j < n; j++) text += PIECES[Math.floor(random() * PIECES.length)] + (random() < 0.5 ? ' ' : '');
      texts.push(text, text.repeat(60)); // the repeat is longer than the short-text paths
    }
    let matched = 0;
    for (const text of texts) {
      const expected = plain.analyze({ text });
      expect(gated.analyze({ text }), text).toEqual(expected);
      matched += expected.length;
    }
    expect(matched).toBeGreaterThan(1000);
  });

  it('reads a long s as s in word lists, as a regex with the i and u flags does', () => {
    expect(gated.analyze({ text: 'on ſunday' }).map((s) => s.start)).toEqual([3]);
  });
});

describe('findContextWords', () => {
  it('finds the same words, in list order, as the word-by-word definition', () => {
    const random = seededRandom(11);
    const lists: readonly (readonly string[])[] = [
      ['tel', 'telefon', 'teléfono', 'phone', 'text me', 'home', 'ho', 'tel'],
      ['né', 'née', 'b.', 'd.o.b', 'd.o.b.', 'dob', 'geb.'],
      ['a', 'ab', 'ba', 'ſ', 'k', '𝐀b'],
    ];
    const units = [
      'tel',
      'telefon',
      'ón',
      'é',
      'e',
      ' ',
      '.',
      'b',
      'a',
      'ho',
      'me',
      'text',
      'ſ',
      'k',
      '𝐀',
      '\ud835',
      'x',
      '1',
      '-',
    ];
    let found = 0;
    for (let i = 0; i < 20_000; i++) {
      let window = '';
      const n = Math.floor(random() * 12);
      for (let j = 0; j < n; j++) window += units[Math.floor(random() * units.length)];
      for (const words of lists) {
        const expected = findContextWordsOneByOne(window, words);
        expect(findContextWords(window, words), window).toEqual(expected);
        found += expected.length;
      }
    }
    expect(found).toBeGreaterThan(5000);
  });
});

describe('wordsNotAfter', () => {
  const WORDS = ['in', 'In', 'from', 'año', 'im jahr', 'n'];
  const PARTS = ['in', 'In', 'IN', 'from', 'año', 'AÑO', 'im jahr', 'n', 'x', '7', ' ', '\t', 'é', '😂', 'K', 'ſ'];

  it.each([
    ['[\\p{L}\\d]', 'gu'],
    ['[\\p{L}]', 'giu'],
    ['[\\w-]', 'g'],
  ])('matches as (?<!%s)(?:words) does, flags %s', (notAfter, flags) => {
    const leading = new RegExp(`(?<!${notAfter})(?:${WORDS.join('|')})[ \\t]`, flags);
    const consuming = new RegExp(`${wordsNotAfter(notAfter, WORDS)}[ \\t]`, flags);
    const random = seededRandom(11);
    for (let i = 0; i < 3000; i++) {
      let text = '';
      const n = 1 + Math.floor(random() * 10);
      for (let j = 0; j < n; j++) text += PARTS[Math.floor(random() * PARTS.length)];
      const all = (regex: RegExp) => [...text.matchAll(regex)].map((m) => [m.index, m[0]]);
      expect(all(consuming), text).toEqual(all(leading));
    }
  });

  it.each(['', 'a|b', '(x)', 'n.', 'a?'])('refuses a word that is not plain text: %j', (word) => {
    expect(() => wordsNotAfter('\\p{L}', [word])).toThrow(/not plain text/);
  });
});

describe('textFeatures', () => {
  const PARTS = [
    ...['a', 'Z', '7', '12', '0000', ' ', '\t', '@', '.', ':', '/', '-', ',', '=', 'é', 'ſ', '😂', '٣', 'x1'],
    ...['(', '[', '{', '<', ')', ']', '}', '>'],
  ];
  const longest = (text: string, unit: RegExp) => {
    let best = 0;
    for (const run of text.match(new RegExp(`${unit.source}+`, 'g')) ?? []) best = Math.max(best, run.length);
    return Math.min(best, 32);
  };

  it('counts digits and finds the longest runs as their plain definitions do', () => {
    const random = seededRandom(5);
    for (let i = 0; i < 3000; i++) {
      let text = '';
      const n = Math.floor(random() * 40);
      for (let j = 0; j < n; j++) text += PARTS[Math.floor(random() * PARTS.length)];
      const features = textFeatures(text);
      expect(features.digits, text).toBe(Math.min((text.match(/[0-9]/g) ?? []).length, 32));
      expect(features.longestDigitRun, text).toBe(longest(text, /[0-9]/));
      expect(features.longestAlnumRun, text).toBe(longest(text, /[A-Za-z0-9]/));
      for (const char of '@.:/-,=a7 ') expect(hasAscii(features, char), `${char} in ${text}`).toBe(text.includes(char));
      expect(features.openingBracket, text).toBe(/[([{<]/.test(text));
    }
  });
});

describe('wordGate', () => {
  const spelled = wordGate('anyOf', ['dot', 'punkt']);
  const capital = wordGate('literals', ['AT ']);
  it.each([
    ['jsmith dot com', true, false],
    ['jsmith DOT com', true, false],
    ['hans pun\u212at de', true, false],
    ['a dotted line', true, false],
    ['AT home', false, true],
    ['at home', false, false],
    ['dto, pun kt, AT', false, false],
    ['', false, false],
  ])('%j: anyOf %s, literals %s', (text, inLowerCase, asWritten) => {
    expect(spelled(textFeatures(text))).toBe(inLowerCase);
    expect(capital(textFeatures(text))).toBe(asWritten);
  });
});

describe('anchor run classes', () => {
  it.each([/ab/, /[\u0100-\u0200]/u, /\d+/])(
    'rejects %s, which would let the regex start only at the anchor',
    (run) => {
      const spec = {
        name: 'bad-run',
        types: ['ID' as const],
        patterns: [{ name: 'p', regex: /[a-z]+#/g, score: 0.9, anchor: { text: '#', within: 10, run } }],
      };
      expect(() => createPatternRecognizer(spec)).toThrow(/anchor run/);
    },
  );
});
