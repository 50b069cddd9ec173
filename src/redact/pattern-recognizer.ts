// Declarative pattern recognizers: regexes (compiled once) + context words + a validator, turned into a Recognizer.
// Every regex here must be linear-time: bounded quantifiers, mandatory separators between repeated groups.

import type { EntityType } from '../domain/index.js';
import type { AnalysisInput, AnalyzeOptions, DetectedSpan, Recognizer } from './recognizer.js';

export type Validation = 'valid' | 'invalid' | 'not_applicable';

/** What a validator sees: the matched value and where it is. */
export interface PatternMatch {
  readonly value: string;
  readonly start: number;
  readonly end: number;
  readonly input: AnalysisInput;
}

/** One regex of a recognizer. The regex must carry the `g` flag; with `group`, also the `d` flag. */
export interface PatternSpec {
  readonly name: string;
  readonly regex: RegExp;
  /** Score when it matches (and validates, when there is a validator). */
  readonly score: number;
  /** Entity type; defaults to the recognizer's first type. */
  readonly type?: EntityType;
  /** Capture group holding the entity (the rest of the match is context). */
  readonly group?: number;
  /** Checksum or range check; `invalid` drops the match. */
  readonly validate?: (match: PatternMatch) => Validation;
  /** Overrides the recognizer's context words for this pattern. */
  readonly context?: ContextSpec;
  /** Skip this pattern when the text has fewer ASCII digits than this (at most 32; see TextFeatures). */
  readonly minDigits?: number;
  /** Skip this pattern when the text has no run of this many consecutive ASCII digits (at most 32). */
  readonly minDigitRun?: number;
  /** Skip this pattern when the text has no run of this many consecutive ASCII letters and digits (at most 32). */
  readonly minAlnumRun?: number;
  /** Skip this pattern when no space or tab stands right before an ASCII digit (for regexes that require `[ \t]\d`). */
  readonly spaceBeforeDigit?: boolean;
  /** Skip this pattern unless the text contains one of these substrings, exactly as written (case-sensitive). */
  readonly literals?: readonly string[];
  /** Skip this pattern unless the lower-cased text contains one of these substrings. */
  readonly anyOf?: readonly string[];
  /** Skip this pattern unless this (non-global) regex matches the text somewhere: a cheap anchored gate. */
  readonly gate?: RegExp;
  /** Adjusts a match before it becomes a span (for example to extend an address over following lines). */
  readonly refine?: (match: PatternMatch) => { start: number; end: number; score?: number; type?: EntityType } | null;
}

export interface ContextSpec {
  /** Lower-case words or phrases, matched at word boundaries (no letter right before or after). */
  readonly words: readonly string[];
  /** Characters before the match to look in (default 40). */
  readonly before?: number;
  /** Characters after the match to look in (default 0). */
  readonly after?: number;
  /** Added to the score when a word is found (default 0.35). */
  readonly boost?: number;
  /** Drop matches without a context word. */
  readonly required?: boolean;
}

export interface PatternRecognizerSpec {
  readonly name: string;
  readonly types: readonly EntityType[];
  readonly languages?: readonly string[];
  readonly patterns: readonly PatternSpec[];
  readonly context?: ContextSpec;
  /** A cheap test on the whole text; false skips every regex (for example: no '@' means no e-mail). */
  readonly prefilter?: (text: string, features: TextFeatures) => boolean;
}

/** Cap of the digit counts in TextFeatures: no gate needs more. */
const DIGIT_CAP = 32;

/**
 * Facts about a record's text computed in one pass and shared by every recognizer, so that a pattern that cannot
 * match (too few digits, a missing character or literal) is skipped without running its regex: records are short
 * and most carry no identifier, so the cost of a record is mostly the regexes started on it.
 */
export interface TextFeatures {
  /** ASCII digits, counted up to 32. */
  readonly digits: number;
  /** The longest run of consecutive ASCII digits, up to 32. */
  readonly longestDigitRun: number;
  /** The longest run of consecutive ASCII letters and digits, up to 32. */
  readonly longestAlnumRun: number;
  /** A space or tab stands right before an ASCII digit somewhere. */
  readonly spaceBeforeDigit: boolean;
  /** The ASCII characters present. */
  readonly ascii: AsciiSet;
  /** The ASCII characters present in the lower-cased text (letters folded; 'i' and 'k' also from U+0130, U+212A). */
  readonly asciiLower: AsciiSet;
  /** The pairs of adjacent ASCII characters of the lower-cased text, hashed into 128 bits (see pairBit). */
  readonly lowerPairs: AsciiSet;
  /** The text in lower case (computed on first use). */
  lower(): string;
}

/** A set of 128 bits, four 32-bit words: ASCII characters (bit `code & 31` of word `code >> 5`), or hashed pairs. */
export type AsciiSet = readonly [number, number, number, number];

/** The bit (0-127) of a pair of adjacent ASCII characters (codes 0-127) in a pair set. */
function pairBit(first: number, second: number): number {
  return Math.imul((first << 7) | second, 0x9e3779b1) >>> 25;
}

/** ASCII upper-case letters in lower case; other code units unchanged. */
function foldAscii(code: number): number {
  return code >= 65 && code <= 90 ? code + 32 : code;
}

/** The pair set of `value`'s adjacent ASCII characters, letters folded to lower case. */
function pairSetOf(value: string): AsciiSet {
  const words = [0, 0, 0, 0];
  for (let i = 1; i < value.length; i++) {
    const first = foldAscii(value.charCodeAt(i - 1));
    const second = foldAscii(value.charCodeAt(i));
    if (first >= 128 || second >= 128) continue;
    const bit = pairBit(first, second);
    words[bit >> 5] = (words[bit >> 5] ?? 0) | (1 << (bit & 31));
  }
  return [words[0] ?? 0, words[1] ?? 0, words[2] ?? 0, words[3] ?? 0];
}

function asciiSetOf(value: string): AsciiSet {
  const words = [0, 0, 0, 0];
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 128) words[code >> 5] = (words[code >> 5] ?? 0) | (1 << (code & 31));
  }
  return [words[0] ?? 0, words[1] ?? 0, words[2] ?? 0, words[3] ?? 0];
}

function isSubset(mask: AsciiSet, present: AsciiSet): boolean {
  return (
    (present[0] & mask[0]) === mask[0] &&
    (present[1] & mask[1]) === mask[1] &&
    (present[2] & mask[2]) === mask[2] &&
    (present[3] & mask[3]) === mask[3]
  );
}

/** Bits of the letters A-Z in word 2 and a-z in word 3 (codes 65-90 and 97-122). */
const LETTER_BITS = 0x07fffffe;

class Features implements TextFeatures {
  #lower: string | undefined;
  constructor(
    readonly text: string,
    readonly digits: number,
    readonly longestDigitRun: number,
    readonly longestAlnumRun: number,
    readonly spaceBeforeDigit: boolean,
    readonly ascii: AsciiSet,
    readonly asciiLower: AsciiSet,
    readonly lowerPairs: AsciiSet,
  ) {}
  lower(): string {
    this.#lower ??= this.text.toLowerCase();
    return this.#lower;
  }
}

let lastText: string | undefined;
let lastFeatures: TextFeatures | undefined;

/** The features of `text`; the last text's features are kept, so recognizers run on one record compute them once. */
export function textFeatures(text: string): TextFeatures {
  if (lastFeatures !== undefined && lastText === text) return lastFeatures;
  let digits = 0;
  let run = 0;
  let longestDigitRun = 0;
  let alnumRun = 0;
  let longestAlnumRun = 0;
  let spaceBeforeDigit = false;
  let before = -1; // the previous code unit
  let w0 = 0;
  let w1 = 0;
  let w2 = 0;
  let w3 = 0;
  let extraLower = 0;
  let p0 = 0;
  let p1 = 0;
  let p2 = 0;
  let p3 = 0;
  let previous = -1; // the previous code unit of the lower-cased text when ASCII, else -1
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // In lower case: ASCII letters folded, U+0130 becomes 'i' + U+0307, the Kelvin sign 'k'.
    const lowered = code < 128 ? foldAscii(code) : code === 0x130 ? 105 : code === 0x212a ? 107 : -1;
    if (lowered >= 0 && previous >= 0) {
      const bit = pairBit(previous, lowered);
      if (bit < 32) p0 |= 1 << bit;
      else if (bit < 64) p1 |= 1 << (bit - 32);
      else if (bit < 96) p2 |= 1 << (bit - 64);
      else p3 |= 1 << (bit - 96);
    }
    previous = code === 0x130 ? -1 : lowered;
    if (code >= 48 && code <= 57) {
      if (before === 32 || before === 9) spaceBeforeDigit = true;
      digits++;
      run++;
      if (run > longestDigitRun) longestDigitRun = run;
    } else {
      run = 0;
    }
    if ((code >= 48 && code <= 57) || ((code | 32) >= 97 && (code | 32) <= 122)) {
      alnumRun++;
      if (alnumRun > longestAlnumRun) longestAlnumRun = alnumRun;
    } else {
      alnumRun = 0;
    }
    if (code < 32) w0 |= 1 << code;
    else if (code < 64) w1 |= 1 << (code - 32);
    else if (code < 96) w2 |= 1 << (code - 64);
    else if (code < 128) w3 |= 1 << (code - 96);
    // toLowerCase maps these two non-ASCII letters to ASCII ones (İ → i + U+0307, Kelvin sign → k).
    else if (code === 0x130) extraLower |= 1 << (105 - 96);
    else if (code === 0x212a) extraLower |= 1 << (107 - 96);
    before = code;
  }
  const features = new Features(
    text,
    Math.min(digits, DIGIT_CAP),
    Math.min(longestDigitRun, DIGIT_CAP),
    Math.min(longestAlnumRun, DIGIT_CAP),
    spaceBeforeDigit,
    [w0, w1, w2, w3],
    // Upper-case letters (word 2) count as their lower-case forms (word 3, same bits).
    [w0, w1, w2 & ~LETTER_BITS, w3 | (w2 & LETTER_BITS) | extraLower],
    [p0, p1, p2, p3],
  );
  lastText = text;
  lastFeatures = features;
  return features;
}

/** True when the text has the ASCII character `char` (one code unit below 128). */
export function hasAscii(features: TextFeatures, char: string): boolean {
  const code = char.charCodeAt(0);
  const word =
    code < 32 ? features.ascii[0] : code < 64 ? features.ascii[1] : code < 96 ? features.ascii[2] : features.ascii[3];
  return code < 128 && (word & (1 << (code & 31))) !== 0;
}

/**
 * A substring to look for, with the set of its ASCII characters and of its adjacent ASCII pairs (folded): a text
 * lacking one of them cannot contain it, and the substring search is skipped.
 */
interface Needle {
  readonly value: string;
  readonly mask: AsciiSet;
  readonly pairs: AsciiSet;
}

function toNeedles(values: readonly string[]): readonly Needle[] {
  return values.map((value) => ({ value, mask: asciiSetOf(value), pairs: pairSetOf(value) }));
}

function mayContain(needle: Needle, present: AsciiSet, pairs: AsciiSet): boolean {
  return isSubset(needle.mask, present) && isSubset(needle.pairs, pairs);
}

function mayContainAny(needles: readonly Needle[], present: AsciiSet, pairs: AsciiSet): boolean {
  for (const needle of needles) if (mayContain(needle, present, pairs)) return true;
  return false;
}

function containsAny(haystack: string, present: AsciiSet, pairs: AsciiSet, needles: readonly Needle[]): boolean {
  for (const needle of needles) if (mayContain(needle, present, pairs) && haystack.includes(needle.value)) return true;
  return false;
}

/**
 * Substrings to look for: their character and pair sets decide for short texts; in a long text every set is
 * present, and one scan by a regex of all the substrings costs less than a substring search per substring.
 */
interface NeedleSet {
  readonly needles: readonly Needle[];
  readonly any: RegExp;
  /** The answer for the last record's features: patterns that share a word list search a record for it once. */
  lastFeatures: TextFeatures | undefined;
  lastFound: boolean;
}

/** Texts longer than this are searched with NeedleSet.any. */
const LONG_TEXT = 512;

function toNeedleSet(values: readonly string[]): NeedleSet {
  const escaped = values.map((value) => value.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&'));
  return { needles: toNeedles(values), any: new RegExp(escaped.join('|')), lastFeatures: undefined, lastFound: false };
}

/** One NeedleSet per distinct word list and use (literals search the text, anyOf its lower-cased form). */
const needleSets = new Map<string, NeedleSet>();

function needleSetOf(use: 'literals' | 'anyOf', values: readonly string[]): NeedleSet {
  const key = `${use}\u0000${values.join('\u0000')}`;
  let set = needleSets.get(key);
  if (set === undefined) {
    set = toNeedleSet(values);
    needleSets.set(key, set);
  }
  return set;
}

/** Whether `haystack` (the record's text, or its lower-cased form for anyOf) holds a word of `set`. */
function containsAnyOf(
  haystack: string,
  features: TextFeatures,
  present: AsciiSet,
  pairs: AsciiSet,
  set: NeedleSet,
): boolean {
  if (set.lastFeatures === features) return set.lastFound;
  const found =
    haystack.length > LONG_TEXT ? set.any.test(haystack) : containsAny(haystack, present, pairs, set.needles);
  set.lastFeatures = features;
  set.lastFound = found;
  return found;
}

/**
 * A pattern with its gates compiled. Every instance has the same fields (absent gates are 0 or undefined), so the
 * per-record checks read one object shape whatever the pattern declared.
 */
class CompiledPattern {
  readonly regex: RegExp;
  readonly minDigits: number;
  readonly minDigitRun: number;
  readonly minAlnumRun: number;
  readonly spaceBeforeDigit: boolean;
  readonly literals: NeedleSet | undefined;
  readonly anyOf: NeedleSet | undefined;
  readonly gate: RegExp | undefined;
  constructor(readonly spec: PatternSpec) {
    this.regex = spec.regex;
    this.minDigits = spec.minDigits ?? 0;
    this.minDigitRun = spec.minDigitRun ?? 0;
    this.minAlnumRun = spec.minAlnumRun ?? 0;
    this.spaceBeforeDigit = spec.spaceBeforeDigit ?? false;
    this.literals = spec.literals ? needleSetOf('literals', spec.literals) : undefined;
    this.anyOf = spec.anyOf ? needleSetOf('anyOf', spec.anyOf) : undefined;
    this.gate = spec.gate;
  }
}

/** True when every cheap gate of the pattern (digit counts, literals, words, gate regex) passes on this text. */
function gatesPass(pattern: CompiledPattern, text: string, features: TextFeatures): boolean {
  if (features.digits < pattern.minDigits) return false;
  if (features.longestDigitRun < pattern.minDigitRun) return false;
  if (features.longestAlnumRun < pattern.minAlnumRun) return false;
  if (pattern.spaceBeforeDigit && !features.spaceBeforeDigit) return false;
  // Folded pairs serve both: a text holding a literal holds its folded pairs in lower case.
  const pairs = features.lowerPairs;
  if (pattern.literals !== undefined && !containsAnyOf(text, features, features.ascii, pairs, pattern.literals)) {
    return false;
  }
  if (pattern.anyOf !== undefined) {
    // The lower-cased text is built only once some word's characters and pairs are all present.
    const words = pattern.anyOf;
    const present = features.asciiLower;
    if (!mayContainAny(words.needles, present, pairs)) return false;
    if (!containsAnyOf(features.lower(), features, present, pairs, words)) return false;
  }
  return pattern.gate === undefined || pattern.gate.test(text);
}

const LETTER = /\p{L}/u;

/** The context words present in `window` (lower-cased), each at word boundaries. */
export function findContextWords(window: string, words: readonly string[]): string[] {
  const found: string[] = [];
  for (const word of words) {
    let at = window.indexOf(word);
    while (at !== -1) {
      const previous = at > 0 ? window.charAt(at - 1) : '';
      const next = window.charAt(at + word.length);
      if ((previous === '' || !LETTER.test(previous)) && (next === '' || !LETTER.test(next))) {
        found.push(word);
        break;
      }
      at = window.indexOf(word, at + 1);
    }
  }
  return found;
}

/** Counts ASCII digits; used by prefilters of digit-based recognizers. */
export function countDigits(text: string, atLeast: number): boolean {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57) {
      count++;
      if (count >= atLeast) return true;
    }
  }
  return false;
}

function contextWindow(text: string, start: number, end: number, spec: ContextSpec): string {
  const before = spec.before ?? 40;
  const after = spec.after ?? 0;
  const left = text.slice(Math.max(0, start - before), start);
  const right = after > 0 ? text.slice(end, Math.min(text.length, end + after)) : '';
  return `${left} ${right}`.toLowerCase();
}

/** Builds a recognizer from patterns, context words and validators. */
export function createPatternRecognizer(spec: PatternRecognizerSpec): Recognizer {
  for (const pattern of spec.patterns) {
    if (!pattern.regex.global) throw new Error(`pattern ${spec.name}/${pattern.name}: regex needs the g flag`);
    if (pattern.group !== undefined && !pattern.regex.hasIndices) {
      throw new Error(`pattern ${spec.name}/${pattern.name}: regex with a group needs the d flag`);
    }
  }
  const firstType = spec.types[0];
  if (firstType === undefined) throw new Error(`recognizer ${spec.name}: no types`);
  const defaultType: EntityType = firstType;
  const patterns = spec.patterns.map((pattern) => new CompiledPattern(pattern));

  function analyze(input: AnalysisInput, options?: AnalyzeOptions): DetectedSpan[] {
    const text = input.text;
    const features = textFeatures(text);
    if (spec.prefilter && !spec.prefilter(text, features)) return [];
    const spans: DetectedSpan[] = [];
    for (const compiled of patterns) {
      if (!gatesPass(compiled, text, features)) continue;
      const pattern = compiled.spec;
      const regex = compiled.regex;
      regex.lastIndex = 0;
      for (let m = regex.exec(text); m !== null; m = regex.exec(text)) {
        if (m[0].length === 0) {
          regex.lastIndex++;
          continue;
        }
        let start = m.index;
        let end = start + m[0].length;
        if (pattern.group !== undefined) {
          const range = m.indices?.[pattern.group];
          if (!range) continue;
          [start, end] = range;
        }
        const match: PatternMatch = { value: text.slice(start, end), start, end, input };
        const validation: Validation = pattern.validate ? pattern.validate(match) : 'not_applicable';
        if (validation === 'invalid') continue;
        let score = pattern.score;
        let type = pattern.type ?? defaultType;
        const context = pattern.context ?? spec.context;
        let contextWords: string[] = [];
        if (context) {
          contextWords = findContextWords(contextWindow(text, start, end, context), context.words);
          if (contextWords.length > 0) score = Math.min(1, score + (context.boost ?? 0.35));
          else if (context.required) continue;
        }
        if (pattern.refine) {
          const refined = pattern.refine(match);
          if (refined === null) continue;
          start = refined.start;
          end = refined.end;
          if (refined.score !== undefined) score = Math.max(score, refined.score);
          if (refined.type !== undefined) type = refined.type;
        }
        const span: DetectedSpan = options?.explain
          ? {
              start,
              end,
              type,
              score,
              recognizer: spec.name,
              explanation: {
                recognizer: spec.name,
                pattern: pattern.name,
                originalScore: pattern.score,
                contextWords,
                validation,
              },
            }
          : { start, end, type, score, recognizer: spec.name };
        spans.push(span);
      }
    }
    return spans;
  }

  return Object.freeze({
    name: spec.name,
    types: spec.types,
    ...(spec.languages ? { languages: spec.languages } : {}),
    analyze,
  });
}
