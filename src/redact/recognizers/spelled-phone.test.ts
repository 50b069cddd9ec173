import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../domain/seeded-random.js';
import { resolveOverlaps } from '../analyzer.js';
import { buildWithoutGates } from '../pattern-recognizer.js';
import { createSpelledPhoneRecognizer } from './spelled-phone.js';

const recognizer = createSpelledPhoneRecognizer();
type Case = readonly [text: string, expected: readonly string[]];

function detected(text: string): string[] {
  const spans = recognizer.analyze({ text }).filter((s) => s.score >= 0.5);
  return resolveOverlaps(spans, text.length).map((s) => text.slice(s.start, s.end));
}

const cases: readonly Case[] = [
  [
    'my number is five five five one two three four five six seven',
    ['five five five one two three four five six seven'],
  ],
  ['call me at nine one seven, five five five, oh one nine nine', ['nine one seven, five five five, oh one nine nine']],
  ['mi número: seis uno dos tres cuatro cinco seis siete ocho', ['seis uno dos tres cuatro cinco seis siete ocho']],
  ['text 555 one two three 4567 after six', ['555 one two three 4567']],
  ['Five-Five-Five, Eight-Six-Seven, Five-Three-Oh-Nine!', ['Five-Five-Five, Eight-Six-Seven, Five-Three-Oh-Nine']],
  ['ring me on double five triple seven two one zero', ['double five triple seven two one zero']],
  ['my number is nine one seven, five five five, oh one nine one', ['nine one seven, five five five, oh one nine one']],
  ['call me at five five five, oh one two five', ['five five five, oh one two five']],
  ['phone: two one two, five five five, oh two one two', ['two one two, five five five, oh two one two']],
  ['meu celular é nove meia dois três quatro cinco um dois', ['nove meia dois três quatro cinco um dois']],
  ['appelle-moi au zéro six douze', []],
  ['ruf an: null eins sieben zwei drei vier fünf sechs', ['null eins sieben zwei drei vier fünf sechs']],
  ['chiama il tre tre otto uno due tre quattro cinque', ['tre tre otto uno due tre quattro cinque']],
  // Too few digits, or too few of them words: the phone recognizer's, or not a number.
  ['call five five five one two', []],
  ['call 555 1234 one more time', []],
  ['one, two, three, four, five', []],
  // Counting, a countdown, a chant.
  ['one, two, three, four, five, six, seven, eight, nine, ten', []],
  ['ten, nine, eight, seven, six, five, four, three, two, one, liftoff', []],
  ['uno, dos, tres, cuatro, cinco, seis, siete', []],
  ['testing one two, one two, one two, one two', []],
  ['oh oh oh oh oh oh oh oh', []],
  ['un um oh un 23 oh 45', []],
  ['one two three, one two three, one two three', []],
  // Numbers in prose.
  ['one or two of them came from five to seven, top ten', []],
  ['I have two kids, one is six and one is nine', []],
  ['someone phoned: none, two-tone, often', []],
  ['seven 12345 one two three four', []],
  // Counts, chants, scores, formations and sums (review 2026-11-30).
  ['five, six, seven, eight, one, two, three, four', []],
  ['one two three four, one two three four', []],
  ['five four three two one, five four three two one', []],
  ['one two three four five, one two three four five', []],
  ['four four two, four three three, three five two', []],
  ['She won six four, four six, six three, seven six.', []],
  ['the scores were five four, six three, two six, seven five, six four, four six and seven six', []],
  [
    'call me: five five, five one, two three, four five, six seven',
    ['five five, five one, two three, four five, six seven'],
  ],
  [
    'it is five five five, one two, three four, five six seven',
    ['five five five, one two, three four, five six seven'],
  ],
  ['it is five five five one, two three four five six seven', ['five five five one, two three four five six seven']],
  ['Results: three-one, two-two, four-zero, one-one', []],
  ['sets went six four, four six, seven five, six three, six two, seven six in the final', []],
  // Pairs that cannot be game or set scores are a number said in pairs, as French numbers are: a digit over 7, a
  // pair whose larger digit is under 4, a first pair opening with a zero (review 2026-11-30).
  [
    "c'est zéro six, un deux, trois quatre, cinq six, sept huit",
    ['zéro six, un deux, trois quatre, cinq six, sept huit'],
  ],
  ["it's nine one, seven five, five five, oh one, nine nine", ['nine one, seven five, five five, oh one, nine nine']],
  [
    'zéro six, cinq quatre, six trois, sept cinq, six quatre',
    ['zéro six, cinq quatre, six trois, sept cinq, six quatre'],
  ],
  ['two one, three two, one one, two oh, one two', ['two one, three two, one one, two oh, one two']],
  ['six four, four six, seven five, six three, five eight', ['six four, four six, seven five, six three, five eight']],
  // ... and score-like pairs after a phone word are a number.
  [
    'call me: six four, four six, seven five, six three, five two',
    ['six four, four six, seven five, six three, five two'],
  ],
  ['The array is [1, 2, null, null, null, 6, 7]', []],
  ['three one four one five nine two six', []],
  // Two numbers in one run of more than 15 digits: cut at a comma or a dot, or between two full numbers.
  [
    'call me at five five five one two three four five six seven, eight eight eight one two three four five six seven',
    ['five five five one two three four five six seven', 'eight eight eight one two three four five six seven'],
  ],
  [
    'call me at five five five one two three four five six seven nine one seven five five five oh one nine nine',
    ['five five five one two three four five six seven', 'nine one seven five five five oh one nine nine'],
  ],
  [
    'mi número es seis uno dos tres cuatro cinco seis siete ocho. seis uno dos cero cero cero uno dos tres',
    ['seis uno dos tres cuatro cinco seis siete ocho', 'seis uno dos cero cero cero uno dos tres'],
  ],
  [
    'phone: two one two five five five one two three four, three one two five five five nine eight seven six, four one five five five five two four six eight',
    [
      'two one two five five five one two three four',
      'three one two five five five nine eight seven six',
      'four one five five five five two four six eight',
    ],
  ],
  // Without a phone word the numbers cut from a long run stay under the threshold: digits of pi, a binary string,
  // lottery numbers, two numbers said at once (review 2026-11-30).
  [
    'pi to twenty places: one four one five nine two six five three five eight nine seven nine three two three eight four six',
    [],
  ],
  ['the key is one zero one one zero one zero zero one one one, zero one zero one zero one one zero one one', []],
  [
    'the lottery numbers were four eight one five one six two three four two, seven one three two eight nine five five six one',
    [],
  ],
  ['it was five five five one two three four five six seven nine one seven five five five oh one nine nine', []],
  [
    'two one two five five five one two three four, three one two five five five nine eight seven six, four one five five five five two four six eight',
    [],
  ],
  // Past three numbers' length (45 digits) a run is a page of digits, not cut.
  [`phone: ${'two one two five five five one two three four, '.repeat(5)}`, []],
  // The second of two numbers given as alternatives keeps the first one's phone word.
  [
    'call me at five five five one two three four five six seven or eight eight eight one two three four',
    ['five five five one two three four five six seven', 'eight eight eight one two three four'],
  ],
  [
    'meine Nummer: null eins sieben zwei drei vier fünf sechs sieben oder null eins sechs zwei neun neun acht',
    ['null eins sieben zwei drei vier fünf sechs sieben', 'null eins sechs zwei neun neun acht'],
  ],
  [
    'mi número es seis uno dos tres cuatro cinco seis siete ocho o seis uno dos cero cero cero uno',
    ['seis uno dos tres cuatro cinco seis siete ocho', 'seis uno dos cero cero cero uno'],
  ],
  // ... but not across other words, nor without a phone word before the first.
  [
    'call me at five five five one two three four five six seven, it was eight eight eight one two three four',
    ['five five five one two three four five six seven'],
  ],
  ['it was five five five one two three four five or eight eight eight one two three four', []],
  // A landline or a messaging app is a phone word too.
  [
    'me liga no nove nove oito sete seis cinco quatro três dois ou no fixo três dois um meia meia sete oito',
    ['nove nove oito sete seis cinco quatro três dois', 'três dois um meia meia sete oito'],
  ],
  ['el fijo: nueve uno dos tres cuatro cinco seis', ['nueve uno dos tres cuatro cinco seis']],
  ['tenho três filhos, um de dois, um de quatro e um de sete anos, e o fixo quebrou', []],
  // Long counting, chants and count-ins stay whole, and rejected; so does a run with no cut between two numbers.
  ['one two three four five six seven eight nine, one two three four five six seven eight nine', []],
  ['one, two, three, four, five, six, seven, eight, nine, one, two, three, four, five, six, seven, eight, nine', []],
  ['call: one two three four five six seven eight, one two three four five six seven eight, one two', []],
  ['five six seven eight one two three four five six seven eight one two three four five six', []],
  ['phone: five five five one two three four nine one seven five five five oh one nine', []],
];

describe('spelled-phone recognizer', () => {
  it.each(cases)('%j → %j', (text, expected) => {
    expect(detected(text)).toEqual(expected);
  });

  it('reads 4 MB of digit words in bounded matches (an unbounded run overflowed the regex stack)', () => {
    expect(recognizer.analyze({ text: 'one '.repeat(1 << 20) })).toEqual([]);
  });

  it('cuts many long runs in one record, in order (one pass over the spans, not a splice per run)', () => {
    const run = 'five five five one two three four five six seven, nine one seven five five five oh one nine nine; ';
    const text = run.repeat(5000);
    const spans = recognizer.analyze({ text });
    expect(spans).toHaveLength(10000);
    expect(spans.every((span, i) => i === 0 || (spans[i - 1] as (typeof spans)[number]).end <= span.start)).toBe(true);
    expect(text.slice(spans[9999]?.start, spans[9999]?.end)).toBe('nine one seven five five five oh one nine nine');
    // No phone word: each number is kept under the threshold, for a phone word the analyzer may add.
    expect(new Set(spans.map((span) => span.score))).toEqual(new Set([0.35]));
  });

  it('scores a run after a phone word higher', () => {
    const [plain] = recognizer.analyze({ text: 'it was five five five one two one three' });
    const [long] = recognizer.analyze({ text: 'it was five five five one two one three four four two' });
    const [called] = recognizer.analyze({ text: 'call me: five five five one two one three' });
    // Alone, a run of seven to nine digits stays under the threshold; ten or more reach it; a phone word lifts any.
    expect(plain?.score).toBe(0.35);
    expect(long?.score).toBe(0.6);
    expect(called?.score).toBeCloseTo(0.9);
  });
});

// The gates (a digit word of three letters or more, a digit word between separators before another token) are
// necessary conditions: texts of digit words, digits, separators and case folds get the same spans with them as
// without them.
const PIECES = [
  ...['one', 'Two', 'THREE', 'five', 'ſix', 'ſeven', 'oh', 'zéro', 'ZÉRO', 'três', 'TRÊS', 'fünf', 'FÜNF', 'seis'],
  ...['double', 'triple', 'un', 'UM', 'none', 'someone', 'ten', 'or', '555', '4567', '12345', '0', 'ñ', 'ő', 'x'],
  ...[' ', ' ', ' ', ', ', '-', '.', '  ', '\u00a0', '\t', ' - ', '', 'é'],
];

describe('spelled-phone gates', () => {
  it('finds the spans the ungated recognizer finds', () => {
    const ungated = buildWithoutGates(createSpelledPhoneRecognizer);
    const random = seededRandom(20261130);
    const pick = () => PIECES[Math.floor(random() * PIECES.length)] as string;
    let spans = 0;
    for (let n = 0; n < 20000; n++) {
      let text = '';
      const count = 4 + Math.floor(random() * 24);
      for (let i = 0; i < count; i++) text += pick() + (random() < 0.7 ? ' ' : '');
      const expected = ungated.analyze({ text });
      spans += expected.length;
      expect(recognizer.analyze({ text }), text).toEqual(expected);
    }
    expect(spans).toBeGreaterThan(500);
  });
});
