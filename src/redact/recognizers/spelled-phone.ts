// PHONE: numbers written in words to dodge scrapers ("five five five one two three four five six seven", "nine one
// seven, five five five, oh one nine nine", "seis uno dos tres cuatro cinco seis siete ocho"), digit groups allowed
// among the words ("555 one two three 4567"). libphonenumber cannot check them; a run counts when it holds 7 to 15
// digits, three of them in words, and does not read as counting, a countdown or a chant (below).

import type { PatternMatch, Validation } from '../pattern-recognizer.js';
import { createPatternRecognizer, wordsNotAfter } from '../pattern-recognizer.js';
import type { AnalysisInput, AnalyzeOptions, DetectedSpan, Recognizer } from '../recognizer.js';

/** Digit words and their digits: English (with "oh"), Spanish, Portuguese, French, German, Italian. */
const DIGIT_WORDS: Readonly<Record<string, number>> = Object.freeze({
  zero: 0,
  oh: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  cero: 0,
  uno: 1,
  dos: 2,
  tres: 3,
  cuatro: 4,
  cinco: 5,
  seis: 6,
  siete: 7,
  ocho: 8,
  nueve: 9,
  um: 1,
  dois: 2,
  duas: 2,
  três: 3,
  quatro: 4,
  meia: 6,
  sete: 7,
  oito: 8,
  nove: 9,
  zéro: 0,
  un: 1,
  deux: 2,
  trois: 3,
  quatre: 4,
  cinq: 5,
  sept: 7,
  huit: 8,
  neuf: 9,
  null: 0,
  eins: 1,
  zwei: 2,
  zwo: 2,
  drei: 3,
  vier: 4,
  fünf: 5,
  sechs: 6,
  sieben: 7,
  acht: 8,
  neun: 9,
  due: 2,
  tre: 3,
  quattro: 4,
  cinque: 5,
  sei: 6,
  sette: 7,
  otto: 8,
});
/** "double five" is 55, "triple seven" 777. */
const REPEATS: Readonly<Record<string, number>> = Object.freeze({ double: 2, triple: 3, doble: 2 });

const WORDS = Object.keys(DIGIT_WORDS);
const SP = '[ \\t\\u00a0]';
const NOT_LETTER_OR_DIGIT_AFTER = '(?![\\p{L}\\p{N}])';
const WORD = `(?:${WORDS.join('|')})`;
const REPEAT = `(?:${Object.keys(REPEATS).join('|')})`;
// A token: a digit word (after "double" or "triple" maybe) or a group of one to four digits, not inside a longer word
// or number. The first token reads the character before it in a look-behind after its first word or digit, so that
// the regex starts on a character it consumes (README).
const TOKEN = `(?:(?:${REPEAT}${SP}{1,2})?${WORD}|\\d{1,4})${NOT_LETTER_OR_DIGIT_AFTER}`;
const FIRST_TOKEN = `(?:${wordsNotAfter('[\\p{L}\\p{N}]', Object.keys(REPEATS))}${SP}{1,2}${WORD}|${wordsNotAfter('[\\p{L}\\p{N}]', WORDS)}|\\d(?<![\\p{L}\\p{N}]\\d)\\d{0,3})${NOT_LETTER_OR_DIGIT_AFTER}`;
// Between tokens: spaces, or one comma, dot or hyphen with spaces around it maybe. Every repetition needs a separator
// and a token, and a separator holds no token character, so the run is read one way, in linear time.
const SEPARATOR = `(?:${SP}{0,2}[,.-]${SP}{0,2}|${SP}{1,2})`;
// Three tokens at least: a valid run holds three digit words; 48 at most (a valid run spells 15 digits at most, so
// more tokens only ever fail it), so that a page of digit words is read in bounded matches: an unbounded run of 4 MB
// of "one " overflowed the regex engine's backtracking stack.
const RUN = new RegExp(`${FIRST_TOKEN}(?:${SEPARATOR}${TOKEN}){2,47}`, 'giu');

/*
 * Gates, so that the run regex starts on few texts (most posts hold a digit word somewhere: "un", "um", "three"):
 * - a digit word of three letters or more, anywhere (the shared pass's word list, anyOf): a valid run holds one, as
 *   a number spelled with "oh", "un" and "um" alone is no number (validate);
 * - a separator, a digit word, a separator and the start of another token (a regex that starts on a separator, where
 *   one starting on the words' letters ran 3x slower): of a valid run's three digit words or more, the second is
 *   neither its first token nor its last.
 */
const LONG_WORDS = WORDS.filter((word) => word.length >= 3);
const SEPARATOR_CHAR = '[ \\t\\u00a0,.-]';
const GATE = new RegExp(`${SEPARATOR_CHAR}${WORD}${SEPARATOR_CHAR}{1,5}(?:${WORD}|${REPEAT}|\\d)`, 'iu');

const TOKENS = /[\p{L}]+|\d+/gu;
const LONG_S = /\u017f/g;
const KELVIN = /\u212a/g;

/**
 * The digits a run spells, how many of them are words and how many of those have three letters or more; null when a
 * word is not a digit word (the regex's tokens are).
 */
function digitsOf(value: string): Read | null {
  // The pattern's validate and refine read the same run one after the other: the last read is kept.
  if (value !== lastValue) {
    lastRead = NON_ASCII.test(value) ? digitsOfAny(value) : digitsOfAscii(value);
    lastValue = value;
  }
  return lastRead;
}

type Read = { readonly digits: string; readonly words: number; readonly longWords: number };
let lastValue = '';
let lastRead: Read | null = { digits: '', words: 0, longWords: 0 };

const NON_ASCII = /[^\t -~]/u;

/** The digits of a run as its tokens are read: digit groups as written, digit words after their repeat word. */
class DigitReader {
  digits = '';
  words = 0;
  longWords = 0;
  private repeat = 1;

  /** Reads a lower-case word token; false when it is neither a repeat word ("double") nor a digit word. */
  word(token: string): boolean {
    const times = REPEATS[token];
    if (times !== undefined) {
      this.repeat = times;
      return true;
    }
    const digit = DIGIT_WORDS[token];
    if (digit === undefined) return false;
    this.digits += this.repeat === 1 ? String(digit) : String(digit).repeat(this.repeat);
    this.repeat = 1;
    this.words++;
    if (token.length >= 3) this.longWords++;
    return true;
  }

  read(): Read {
    return { digits: this.digits, words: this.words, longWords: this.longWords };
  }
}

/** digitsOf for ASCII text, read character by character: no token regex, no lower-casing of the whole run. */
function digitsOfAscii(value: string): Read | null {
  const reader = new DigitReader();
  const n = value.length;
  let i = 0;
  while (i < n) {
    const code = value.charCodeAt(i);
    if (code >= 48 && code <= 57) {
      let j = i + 1;
      while (j < n && isAsciiDigit(value.charCodeAt(j))) j++;
      reader.digits += value.slice(i, j);
      i = j;
      continue;
    }
    if (!isAsciiLetter(code)) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < n && isAsciiLetter(value.charCodeAt(j))) j++;
    const token = value.slice(i, j).toLowerCase();
    i = j;
    if (!reader.word(token)) return null;
  }
  return reader.read();
}

function isAsciiDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isAsciiLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function digitsOfAny(value: string): Read | null {
  // The regex's i and u flags read the long s as 's' and the Kelvin sign as 'k'; toLowerCase leaves both.
  const lower = value.toLowerCase().replace(LONG_S, 's').replace(KELVIN, 'k');
  const reader = new DigitReader();
  for (const [token] of lower.matchAll(TOKENS)) {
    if (token.charCodeAt(0) <= 57) reader.digits += token;
    else if (!reader.word(token)) return null;
  }
  return reader.read();
}

/**
 * Counting ("one two three four five six seven") or a countdown: each digit one more, or each one less, than the
 * last, going round after eight or nine as a dance count does ("five six seven eight one two three four").
 */
function isCounting(digits: string): boolean {
  for (const step of [1, -1]) {
    let steps = true;
    for (let i = 1; i < digits.length && steps; i++) {
      const difference = digits.charCodeAt(i) - digits.charCodeAt(i - 1);
      steps = difference === step || difference === -7 * step || difference === -9 * step;
    }
    if (steps) return true;
  }
  return false;
}

/**
 * A chant, a count-in or a formation said twice: one to eight digits over and over ("one two one two", "one two three
 * four, one two three four", "five four three two one, five four three two one").
 */
function isRepetition(digits: string): boolean {
  // The block is said in full twice at least: a number whose last digits repeat its first is no chant ("nine one
  // seven, five five five, oh one nine one").
  for (let period = 1; period <= 8 && period * 2 <= digits.length; period++) {
    let repeats = true;
    for (let i = period; i < digits.length && repeats; i++) repeats = digits[i] === digits[i - period];
    if (repeats) return true;
  }
  return false;
}

/** Minimum digits and digit words of a spelled-out number. */
const MIN_DIGITS = 7;
const MAX_DIGITS = 15;
/** A run is split into numbers up to three numbers long; a longer one is a page of digits (and costs more to cut). */
const MAX_SPLIT_DIGITS = 3 * MAX_DIGITS;
const MIN_WORDS = 3;

/**
 * Without a phone word, short runs are more often scores, formations, counts and sums than numbers ("six four, four
 * six, six three", "four four two, four three three", "three one four one five nine two six"): the pattern's own
 * score (LONE_SCORE) is under the threshold, and a run reaches it alone only with ten digits or more.
 */
const LONE_SCORE = 0.35;
const LONG_RUN_SCORE = 0.6;
const LONG_RUN_DIGITS = 10;

function longRun(match: PatternMatch): { start: number; end: number; score?: number } {
  const digits = digitsOf(match.value)?.digits.length ?? 0;
  return digits >= LONG_RUN_DIGITS
    ? { start: match.start, end: match.end, score: LONG_RUN_SCORE }
    : { start: match.start, end: match.end };
}

/** Whether a read run is one spelled phone number: enough digits and words, not counting or a chant. */
function isPhoneRun(read: { digits: string; words: number; longWords: number }): boolean {
  const { digits } = read;
  if (read.words < MIN_WORDS || read.longWords === 0) return false;
  if (digits.length < MIN_DIGITS || digits.length > MAX_DIGITS) return false;
  return !isCounting(digits) && !isRepetition(digits);
}

/**
 * A run is kept whole when it is one number, and kept for splitting (`phonesIn`) when it is too long for one and
 * not counting or a chant as a whole ("call five five five one two three four five six seven, eight eight eight ...").
 */
function validate(match: PatternMatch): Validation {
  const read = digitsOf(match.value);
  if (read === null) return 'invalid';
  if (read.digits.length > MAX_DIGITS) {
    return read.digits.length > MAX_SPLIT_DIGITS || isLongChant(read.digits) ? 'invalid' : 'valid';
  }
  return isPhoneRun(read) ? 'valid' : 'invalid';
}

/**
 * A long run that counts on or says one block again as a whole, with any block length and going round after nine to
 * one as well ("one two ... nine, one two ... nine"): no piece of it is a phone number.
 */
function isLongChant(digits: string): boolean {
  for (let period = 1; period * 2 <= digits.length; period++) {
    let repeats = true;
    for (let i = period; i < digits.length && repeats; i++) repeats = digits[i] === digits[i - period];
    if (repeats) return true;
  }
  for (const step of [1, -1]) {
    let steps = true;
    for (let i = 1; i < digits.length && steps; i++) {
      const difference = digits.charCodeAt(i) - digits.charCodeAt(i - 1);
      steps = difference === step || difference === -7 * step || difference === -8 * step || difference === -9 * step;
    }
    if (steps) return true;
  }
  return false;
}

/** One token of a run: a digit word (with its "double" or "triple"), or a group of digits. */
interface RunToken {
  readonly start: number;
  readonly end: number;
  /** Whether a comma or a dot stands between this token and the one before it. */
  readonly afterPunctuation: boolean;
  /** What the token spells (digitsOf). */
  readonly digits: string;
  readonly words: number;
  readonly longWords: number;
}

const RUN_TOKEN = new RegExp(`(?:${REPEAT}${SP}{1,2})?\\p{L}+|\\d+`, 'giu');

const NO_DIGITS = Object.freeze({ digits: '', words: 0, longWords: 0 });

/** What one token spells: a group of digits or a digit word as written read directly, anything else by digitsOf. */
function tokenDigits(token: string): { digits: string; words: number; longWords: number } {
  const code = token.charCodeAt(0);
  if (code >= 48 && code <= 57) return { digits: token, words: 0, longWords: 0 };
  const digit = DIGIT_WORDS[token];
  if (digit !== undefined) return { digits: String(digit), words: 1, longWords: token.length >= 3 ? 1 : 0 };
  return digitsOf(token) ?? NO_DIGITS;
}

function tokensOf(value: string): RunToken[] {
  const tokens: RunToken[] = [];
  let last = 0;
  for (const m of value.matchAll(RUN_TOKEN)) {
    const start = m.index;
    const between = value.slice(last, start);
    const read = tokenDigits(m[0]);
    tokens.push({
      start,
      end: start + m[0].length,
      afterPunctuation: between.includes(',') || between.includes('.'),
      ...read,
    });
    last = start + m[0].length;
  }
  return tokens;
}

/** Kinds of a piece of a split run: not a number, a number of 7 to 9 digits, a number of 10 or more. */
const FILLER = 0;
const SHORT_NUMBER = 1;
const FULL_NUMBER = 2;

/**
 * The phone numbers in a run too long to be one, as ranges of `value`: the run is cut into pieces at commas and
 * dots, or between two pieces that are each a full number of ten digits or more said one after the other ("five five
 * five one two three four five six seven nine one seven five five five oh one nine nine"); the cuts chosen cover the
 * most digits with numbers, with the fewest cuts that have no punctuation, in the fewest pieces. A piece that is no
 * number (counting, a chant, too short) is left. A dynamic programme over the run's tokens: O(tokens × 15).
 */
export function phonesIn(value: string): { start: number; end: number; digits: number }[] {
  const tokens = tokensOf(value);
  const n = tokens.length;
  // best[i][kind]: the best cut of tokens [0, i) whose last piece is of that kind; bestAt[i]: the best of the three.
  const best: (Cut | undefined)[][] = Array.from({ length: n + 1 }, () => [undefined, undefined, undefined]);
  const bestAt: (Cut | undefined)[] = new Array(n + 1).fill(undefined);
  const start: Cut = { covered: 0, weakCuts: 0, pieces: 0, from: -1, kind: FILLER, digits: 0, previous: undefined };
  bestAt[0] = start;
  // The best cut before a piece of filler ending at i: a filler piece starts at 0 or after a comma or a dot.
  let beforeFiller: Cut | undefined = start;
  let fillerFrom = 0;
  const offer = (i: number, cut: Cut) => {
    const row = best[i] as (Cut | undefined)[];
    if (isBetter(cut, row[cut.kind])) row[cut.kind] = cut;
    if (isBetter(cut, bestAt[i])) bestAt[i] = cut;
  };
  for (let i = 1; i <= n; i++) {
    if (beforeFiller !== undefined) offer(i, piece(beforeFiller, fillerFrom, FILLER, 0, 0, false));
    const read = { digits: '', words: 0, longWords: 0 };
    for (let j = i - 1; j >= 0; j--) {
      const first = tokens[j] as RunToken;
      read.digits = first.digits + read.digits;
      if (read.digits.length > MAX_DIGITS) break;
      read.words += first.words;
      read.longWords += first.longWords;
      const kind = read.digits.length >= LONG_RUN_DIGITS ? FULL_NUMBER : SHORT_NUMBER;
      // A cut needs a comma or a dot, or two full numbers on either side of it (checked before the piece is read).
      const weak = j > 0 && !first.afterPunctuation;
      const before = !weak ? bestAt[j] : kind === FULL_NUMBER ? best[j]?.[FULL_NUMBER] : undefined;
      if (before === undefined || !isPhoneRun(read)) continue;
      offer(i, piece(before, j, kind, read.digits.length, read.digits.length, weak));
    }
    // Filler after this point starts at token i: after a comma or a dot only.
    if (i < n && (tokens[i] as RunToken).afterPunctuation && isBetter(bestAt[i] as Cut, beforeFiller)) {
      beforeFiller = bestAt[i];
      fillerFrom = i;
    }
  }
  const phones: { start: number; end: number; digits: number }[] = [];
  let i = n;
  for (let cut = bestAt[n]; cut !== undefined && cut.from >= 0; cut = cut.previous) {
    if (cut.kind !== FILLER) {
      phones.push({
        start: (tokens[cut.from] as RunToken).start,
        end: (tokens[i - 1] as RunToken).end,
        digits: cut.digits,
      });
    }
    i = cut.from;
  }
  return phones.reverse();
}

/** A way of cutting a run's first tokens into pieces: what its numbers cover and its last piece. */
interface Cut {
  readonly covered: number;
  /** Cuts between two numbers said one after the other, without a comma or a dot. */
  readonly weakCuts: number;
  readonly pieces: number;
  /** The last piece's first token (-1 for the empty cut). */
  readonly from: number;
  readonly kind: number;
  readonly digits: number;
  readonly previous: Cut | undefined;
}

function piece(previous: Cut, from: number, kind: number, covered: number, digits: number, weak: boolean): Cut {
  return {
    covered: previous.covered + covered,
    weakCuts: previous.weakCuts + (weak ? 1 : 0),
    pieces: previous.pieces + 1,
    from,
    kind,
    digits,
    previous,
  };
}

/** More digits in numbers, then fewer cuts without punctuation, then fewer pieces. */
function isBetter(a: Cut, b: Cut | undefined): boolean {
  if (b === undefined || a.covered !== b.covered) return b === undefined || a.covered > b.covered;
  return a.weakCuts !== b.weakCuts ? a.weakCuts < b.weakCuts : a.pieces < b.pieces;
}

const PUNCTUATION = /[,.]/u;
const PAIR_SEPARATOR = /[ \t\u00a0]*[,.][ \t\u00a0]*/u;

/**
 * Scores and sets said as pairs between commas ("five four, six three, two six, seven five, six four, four six"):
 * three pairs or more and nothing else, each pair as a game or set score reads (both digits at most 7, the larger
 * 4 to 7, the games of a set won or under way), the first not opening with a zero (a trunk prefix: French numbers
 * are said in pairs, "zéro six, un deux, trois quatre, cinq six, sept huit"). Without a phone word such a run stays
 * under the threshold however long it is; pairs that cannot be scores ("nine one, seven five, five five, oh one,
 * nine nine") are read as a number.
 */
function isScoreList(value: string): boolean {
  const groups = value.split(PAIR_SEPARATOR);
  if (groups.length < 3) return false;
  for (const [index, group] of groups.entries()) {
    const digits = digitsOf(group)?.digits;
    if (digits?.length !== 2) return false;
    const a = digits.charCodeAt(0) - 48;
    const b = digits.charCodeAt(1) - 48;
    if (index === 0 && a === 0) return false;
    const larger = Math.max(a, b);
    if (larger < 4 || larger > 7) return false;
  }
  return true;
}

/** Added to a run's score by a phone word before it. */
const CONTEXT_BOOST = 0.55;
const CALLED_SCORE = Math.min(1, LONE_SCORE + CONTEXT_BOOST);
/**
 * What may stand between two numbers given as alternatives ("call me at ... or ...", "... ou ...", "... oder ..."):
 * the second is a phone number as the first is, though its phone word is now out of the context window.
 */
const ALTERNATIVE = /^[ \t\u00a0,;:/-]*(?:(?:or|and|o|ou|oder|und|y|e|et|oppure)[ \t\u00a0,;:/-]*)?$/iu;

/**
 * Phone numbers spelled out in words. A run too long for one number (validate) comes out of the pattern recognizer
 * whole and is replaced here by the numbers in it (`phonesIn`): over the threshold after a phone word, under it
 * without one (16 to 45 digits said at once with no phone word are more often pi, a binary string or lottery numbers
 * than phone numbers).
 */
export function createSpelledPhoneRecognizer(): Recognizer {
  const runs = createRunRecognizer();
  function analyzeInto(input: AnalysisInput, spans: DetectedSpan[], options?: AnalyzeOptions): void {
    const first = spans.length;
    runs.analyzeInto?.(input, spans, options);
    const text = input.text;
    // The end of the last number said after a phone word, while only "or", "and" and punctuation follow it.
    let calledEnd = -1;
    // The spans are built anew once (a splice per long run shifted every later span: quadratic time on a page of
    // long runs).
    const kept: DetectedSpan[] = [];
    for (let i = first; i < spans.length; i++) {
      const span = spans[i] as DetectedSpan;
      const value = text.slice(span.start, span.end);
      const called =
        span.score >= CALLED_SCORE - 1e-9 || (calledEnd >= 0 && ALTERNATIVE.test(text.slice(calledEnd, span.start)));
      if (called) calledEnd = span.end;
      const digits = digitsOf(value)?.digits ?? '';
      if (digits.length <= MAX_DIGITS) {
        if (called && span.score < CALLED_SCORE) kept.push({ ...span, score: CALLED_SCORE });
        else if (!called && isScoreList(value)) kept.push({ ...span, score: LONE_SCORE });
        else kept.push(span);
        continue;
      }
      // Without a comma or a dot, a run is cut only between two full numbers: under 20 digits it holds none.
      if (digits.length < 2 * LONG_RUN_DIGITS && !PUNCTUATION.test(value)) continue;
      const score = called ? CALLED_SCORE : LONE_SCORE;
      for (const phone of phonesIn(value)) {
        kept.push({ ...span, start: span.start + phone.start, end: span.start + phone.end, score });
      }
    }
    spans.length = first;
    for (const span of kept) spans.push(span);
  }
  return Object.freeze({
    name: runs.name,
    types: runs.types,
    analyze(input: AnalysisInput, options?: AnalyzeOptions): DetectedSpan[] {
      const spans: DetectedSpan[] = [];
      analyzeInto(input, spans, options);
      return spans;
    },
    analyzeInto,
  });
}

function createRunRecognizer(): Recognizer {
  return createPatternRecognizer({
    name: 'spelled-phone',
    types: ['PHONE'],
    // Words that say a number is a phone number (the idea of phone.ts's list, in the same languages as the digits).
    context: {
      words: [
        'phone',
        'number',
        'call',
        'text me',
        'ring',
        'cell',
        'mobile',
        'whatsapp',
        'tel',
        'número',
        'numero',
        'teléfono',
        'telefono',
        'llámame',
        'llamar',
        'móvil',
        'movil',
        'celular',
        'telefone',
        'ligar',
        'liga',
        'numéro',
        'téléphone',
        'telephone',
        'portable',
        'appelle',
        'appeler',
        'handy',
        'telefon',
        'nummer',
        'anrufen',
        'ruf',
        'chiama',
        'cellulare',
        'reach me',
        // Landlines and messaging apps: "ou no fixo ...", "meu zap", "el fijo", "le fixe", "Festnetz".
        'landline',
        'fixo',
        'zap',
        'whats',
        'fijo',
        'fixe',
        'festnetz',
        'cel',
      ],
      boost: CONTEXT_BOOST,
    },
    patterns: [
      { name: 'digit-words', regex: RUN, score: LONE_SCORE, validate, refine: longRun, anyOf: LONG_WORDS, gate: GATE },
    ],
  });
}
