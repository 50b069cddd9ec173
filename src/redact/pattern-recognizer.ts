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
  /** Skip this pattern when no ASCII capital letter stands right before an ASCII digit (regexes requiring `[A-Z]\d`). */
  readonly upperBeforeDigit?: boolean;
  /** Skip this pattern when no ASCII digit stands right before an ASCII capital letter (regexes requiring `\d[A-Z]`). */
  readonly digitBeforeUpper?: boolean;
  /** Skip this pattern unless the text contains one of these substrings, exactly as written (case-sensitive). */
  readonly literals?: readonly string[];
  /** Skip this pattern unless the lower-cased text contains one of these substrings. */
  readonly anyOf?: readonly string[];
  /** Skip this pattern unless this (non-global) regex matches the text somewhere: a cheap anchored gate. */
  readonly gate?: RegExp;
  /**
   * A string every match holds, starting at most `within` code units after the match's start (count a letter of
   * \p{L} as two: it may be a surrogate pair). The regex then starts `within` before each occurrence instead of at
   * every position of a long text without one (an e-mail address holds '@' within 128 code units of its start).
   * With `run`, a one-character class that every code unit between the match's start and the anchor is in (for ASCII
   * units; a unit from 128 on always counts as in it), the regex starts no earlier than the run of such units ending
   * at the anchor: an e-mail address starts where the local part before its '@' does, not 128 code units before it.
   */
  readonly anchor?: { readonly text: string; readonly within: number; readonly run?: RegExp };
  /**
   * As `anchor`, with any ASCII digit for the string: every match holds a digit at most this many code units after
   * its start (a number after a label of bounded length: the regex starts this far before each digit).
   */
  readonly digitAnchor?: number;
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

/** `text` as a regex source that matches it literally. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Regex source of `(?<!C)(?:word|word...)` (C: `notAfter`, a class that may not stand right before the word) that
 * starts on a consumed character: each word, then a look-behind for C before it. The matches are the same (the
 * look-behind reads back over the word just matched, then tests the character before it), and V8 skips quickly to
 * a possible first letter, where a leading look-behind made it try every position. Words are plain text: a word
 * that is a pattern might match a different text backwards. Example: `wordsNotAfter('[\\p{L}\\d]', ['in', 'from'])`.
 */
export function wordsNotAfter(notAfter: string, words: readonly string[]): string {
  for (const word of words) {
    if (word.length === 0 || /[\\^$.*+?()[\]{}|/]/.test(word))
      throw new Error(`wordsNotAfter: not plain text: ${word}`);
  }
  return `(?:${words.map((word) => `${word}(?<!${notAfter}${word})`).join('|')})`;
}

/** Cap of the digit counts in TextFeatures: no gate needs more. */
const DIGIT_CAP = 32;

/**
 * Facts about a record's text computed in one pass and shared by every recognizer, so that a pattern that cannot
 * match (too few digits, a missing character or word) is skipped without running its regex: records are short
 * and most carry no identifier, so the cost of a record is mostly the regexes started on it.
 */
export interface TextFeatures {
  /** ASCII digits, counted up to 32. */
  readonly digits: number;
  /** The longest run of consecutive ASCII digits, up to 32. */
  readonly longestDigitRun: number;
  /** The longest run of consecutive ASCII letters and digits, up to 32. */
  readonly longestAlnumRun: number;
  /** The ASCII characters present. */
  readonly ascii: AsciiSet;
  /** Whether the text holds an opening bracket: '(', '[', '{' or '<'. */
  readonly openingBracket: boolean;
  /** The text in lower case, long s (U+017F) as 's' (computed on first use). */
  lower(): string;
}

/** A set of 128 bits, four 32-bit words: ASCII characters (bit `code & 31` of word `code >> 5`). */
export type AsciiSet = readonly [number, number, number, number];

/*
 * The record's gate bits: one 31-bit word in which every pattern's numeric and one-character gates are a mask, so
 * that a pattern that cannot match is skipped with one AND. Bit i of a level list means "at least LEVELS[i]"; a gate
 * value between levels uses the level below it (a weaker, still necessary condition) and is then compared exactly.
 */
const DIGIT_LEVELS = [1, 3, 4, 6, 7, 9, 11, 14] as const;
const DIGIT_RUN_LEVELS = [2, 3, 4, 5, 7, 9, 11, 12] as const;
const ALNUM_RUN_LEVELS = [4, 15, 26] as const;
const DIGIT_RUN_SHIFT = DIGIT_LEVELS.length;
const ALNUM_RUN_SHIFT = DIGIT_RUN_SHIFT + DIGIT_RUN_LEVELS.length;
const SPACE_BEFORE_DIGIT_BIT = 1 << (ALNUM_RUN_SHIFT + ALNUM_RUN_LEVELS.length);
const UPPER_BEFORE_DIGIT_BIT = SPACE_BEFORE_DIGIT_BIT << 1;
const DIGIT_BEFORE_UPPER_BIT = SPACE_BEFORE_DIGIT_BIT << 2;
/** One-character literals with a bit of their own (the rest are searched as words). */
const GATE_CHARS = '@.:/-,=';
const CHAR_SHIFT = ALNUM_RUN_SHIFT + ALNUM_RUN_LEVELS.length + 3;
/** Set when the text holds an opening bracket: '(', '[', '{' or '<' (TextFeatures.openingBracket). */
const OPENING_BRACKET_BIT = 1 << (CHAR_SHIFT + GATE_CHARS.length);
if (CHAR_SHIFT + GATE_CHARS.length + 1 > 31) throw new Error('gate bits: more than 31');

function levelBits(value: number, levels: readonly number[], shift: number): number {
  let bits = 0;
  for (let i = 0; i < levels.length && value >= (levels[i] as number); i++) bits |= 1 << (shift + i);
  return bits;
}

/** The bit of the highest level at or below `value` (0 when none), and whether that level is `value` itself. */
function levelGate(value: number, levels: readonly number[], shift: number): { bit: number; exact: boolean } {
  let at = -1;
  for (let i = 0; i < levels.length && value >= (levels[i] as number); i++) at = i;
  return at < 0 ? { bit: 0, exact: value <= 0 } : { bit: 1 << (shift + at), exact: levels[at] === value };
}

/** Per ASCII code: its gate bit when it is one of GATE_CHARS, else 0. */
const GATE_CHAR_BIT = new Int32Array(128);
for (let i = 0; i < GATE_CHARS.length; i++) GATE_CHAR_BIT[GATE_CHARS.charCodeAt(i)] = 1 << (CHAR_SHIFT + i);
/** The gate bits of GATE_CHARS together. */
const GATE_CHAR_MASK = GATE_CHAR_BIT.reduce((bits, bit) => bits | bit, 0);
/** The class bits of ASCII_INFO (below). */
const DIGIT = 1;
const ASCII_LETTER = 2;
const UPPER = 4;
if ((GATE_CHAR_MASK & (DIGIT | ASCII_LETTER | UPPER)) !== 0) throw new Error('gate bits: class bits overlap');
/**
 * Per ASCII code, one read for the features pass: its gate bit (GATE_CHAR_BIT) and, in bits the gate characters
 * do not use, DIGIT, ASCII_LETTER (A-Z, a-z) and UPPER (A-Z).
 */
const ASCII_INFO = new Int32Array(GATE_CHAR_BIT);
for (let code = 48; code <= 57; code++) ASCII_INFO[code] = DIGIT;
for (let code = 65; code <= 90; code++) ASCII_INFO[code] = ASCII_LETTER | UPPER;
for (let code = 97; code <= 122; code++) ASCII_INFO[code] = ASCII_LETTER;
for (const bracket of '([{<') ASCII_INFO[bracket.charCodeAt(0)] = OPENING_BRACKET_BIT;
/** The bits of ASCII_INFO that go into the gate bits. */
const CHAR_GATE_MASK = GATE_CHAR_MASK | OPENING_BRACKET_BIT;

/*
 * Lower case one code unit at a time, for the word scan: the code units of the text's toLowerCase() (long s as 's')
 * at the same positions, except at the units whose lower case is not one unit everywhere: U+0130 (two units) and
 * U+03A3 (final sigma depends on the letters around it). They lower to SPECIAL_UNIT, and a text holding one has its
 * lower-case words searched in lower() as well. A surrogate stays itself: an astral letter lowers to another astral
 * letter of the same length, and an anyOf word holding a surrogate is searched in lower() on its own.
 */
const SPECIAL_UNIT = 0xffff;
/** Per code unit from 128 on: its lower case, 0 until computed (no unit from 128 on lowers to 0). */
const lowerUnits = new Uint16Array(0x10000);

function lowerUnit(code: number): number {
  if (code < 128) return code >= 65 && code <= 90 ? code | 32 : code;
  let low = lowerUnits[code] as number;
  if (low === 0) {
    if (code === 0x130 || code === 0x3a3 || code === SPECIAL_UNIT) low = SPECIAL_UNIT;
    else if (code === 0x17f) low = 115;
    else if (code >= 0xd800 && code <= 0xdfff) low = code;
    else {
      const lower = String.fromCharCode(code).toLowerCase();
      low = lower.length === 1 ? lower.charCodeAt(0) : SPECIAL_UNIT;
    }
    lowerUnits[code] = low;
  }
  return low;
}

/*
 * The word index keys a word by the buckets of its first two code units, 128 of them: an ASCII unit is its own
 * bucket (upper and lower case apart, so that a case-sensitive literal "St" is not looked for at every "st"); any
 * other unit goes by its lower case's low seven bits (words are compared, the buckets only narrow the candidates).
 */
const BUCKET_BITS = 7;
const PAIR_MASK = (1 << (2 * BUCKET_BITS)) - 1;

/** Slots of WordIndex.tripleHeads: 2^15. */
const TRIPLE_SLOT_BITS = 15;

/** The slot of the buckets of a word's first three units (a pair's key and the third's bucket), hashed. */
function tripleSlot(key: number, third: number): number {
  return Math.imul((key << BUCKET_BITS) | third, 0x9e3779b1) >>> (32 - TRIPLE_SLOT_BITS);
}

/** The bucket of a code unit. */
function bucketOf(code: number): number {
  return code < 128 ? code : lowerUnit(code) & 127;
}

/** The buckets of the text units whose lower case is `low`: an ASCII lower-case letter has two. */
function lowerBuckets(low: number): number[] {
  return low >= 97 && low <= 122 ? [low, low - 32] : [bucketOf(low)];
}

/** A recognizer caches the patterns whose masks pass for this many gate-bit values (direct-mapped, 2^bits slots). */
const PLAN_SLOT_BITS = 8;

class Features implements TextFeatures {
  #lower: string | undefined;
  #ascii: AsciiSet | undefined;
  /** The word index's scan number of this text (WordIndex.found). */
  wordScan = 0;
  constructor(
    readonly text: string,
    readonly digits: number,
    readonly longestDigitRun: number,
    readonly longestAlnumRun: number,
    readonly gateBits: number,
    /** The text has a long s (U+017F), which lower() spells 's'. */
    readonly longS: boolean,
  ) {
    // MurmurHash3's finalizer: the bits differ in a few places, high and low, and must spread over every slot.
    let hash = gateBits ^ (gateBits >>> 16);
    hash = Math.imul(hash, 0x85ebca6b);
    hash ^= hash >>> 13;
    hash = Math.imul(hash, 0xc2b2ae35);
    this.gateSlot = (hash ^ (hash >>> 16)) & ((1 << PLAN_SLOT_BITS) - 1);
  }
  /** The slot of gateBits in a recognizer's cache of the patterns whose masks pass (createPatternRecognizer). */
  readonly gateSlot: number;
  get openingBracket(): boolean {
    return (this.gateBits & OPENING_BRACKET_BIT) !== 0;
  }
  /** The ASCII characters present (computed on first use: the gate characters have gate bits). */
  get ascii(): AsciiSet {
    if (this.#ascii === undefined) {
      const words = [0, 0, 0, 0];
      for (let i = 0; i < this.text.length; i++) {
        const code = this.text.charCodeAt(i);
        if (code < 128) words[code >> 5] = (words[code >> 5] as number) | (1 << (code & 31));
      }
      this.#ascii = [words[0] as number, words[1] as number, words[2] as number, words[3] as number];
    }
    return this.#ascii;
  }
  /**
   * The text in lower case, long s as 's': a word list (anyOf) is searched in it, and must be found wherever its
   * pattern's regex can match, even with the i and u flags, which read 'ſ' as 's' (and the Kelvin sign as 'k', which
   * toLowerCase does too).
   */
  lower(): string {
    if (this.#lower === undefined) {
      const lower = this.text.toLowerCase();
      this.#lower = this.longS ? lower.replaceAll('\u017f', 's') : lower;
    }
    return this.#lower;
  }
}

/**
 * The words of every word list, indexed by the buckets of their first two code units: literals are found in the
 * text as written, anyOf words in its lower-cased form (keyed under both cases of an ASCII letter). The scan runs
 * inside featuresOf's pass over a record: at each position one table read says whether some word starts with the
 * two units before it and has a third unit in the current one's bucket; only then are words compared. The cost is
 * one table read per character, whatever the number of lists and words.
 */
class WordIndex {
  /** Lists registered; a list's number is its index in `found`. */
  lists = 0;
  /** Per pair of buckets: bit (bucket & 31) set for each word's third unit; all bits for a word of two. */
  readonly thirdMasks = new Int32Array(1 << (2 * BUCKET_BITS));
  /** The same for the fourth unit; all bits for a word of two or three. */
  readonly fourthMasks = new Int32Array(1 << (2 * BUCKET_BITS));
  /** First entry of a word of two units per pair of buckets, -1 when none. */
  readonly heads = new Int16Array(1 << (2 * BUCKET_BITS)).fill(-1);
  /**
   * First entry of a longer word per slot of its first three units' buckets (tripleSlot), -1 when none: a text's
   * "con" walks the few words that go on so, not every word starting "co" (most calls find a word's first four units,
   * so the walk was most of their cost).
   */
  readonly tripleHeads = new Int16Array(1 << TRIPLE_SLOT_BITS).fill(-1);
  readonly nextEntry: number[] = [];
  readonly words: string[] = [];
  /** Per entry: whether the word is searched as written (a literal) rather than in the lower-cased text. */
  readonly asWritten: boolean[] = [];
  /** Per entry: the word's third and fourth units, -1 beyond its end. */
  readonly thirds: number[] = [];
  readonly fourths: number[] = [];
  readonly owners: number[] = [];
  /** Words the pass does not look for, searched one by one: of one code unit, or anyOf words with a surrogate. */
  readonly loose: { word: string; list: number; asWritten: boolean }[] = [];
  /** Per list, the scan number (`generation`) of the last scan that found one of its words. */
  found = new Int32Array(16);
  generation = 0;
  /** Per list, the groups it is a member of (found with it), or undefined. */
  readonly groups: (number[] | undefined)[] = [];

  /** A new list number (its words are added by the caller). */
  private newList(): number {
    const list = this.lists++;
    if (this.found.length < this.lists) {
      const found = new Int32Array(this.lists * 2);
      found.set(this.found);
      this.found = found;
    }
    return list;
  }

  /**
   * A list with no words of its own, found whenever one of `lists` is: a recognizer whose every pattern needs a word
   * of some list is skipped with one read when the record holds none (most records hold no word of secret's lists).
   */
  addGroup(lists: readonly number[]): number {
    const group = this.newList();
    for (const list of new Set(lists)) {
      const groups = this.groups[list];
      if (groups === undefined) this.groups[list] = [group];
      else groups.push(group);
    }
    // Texts scanned before did not mark the group.
    this.nextGeneration();
    lastFeatures = undefined;
    return group;
  }

  /** Marks `list` and its groups found in scan `generation`. */
  mark(list: number, generation: number): void {
    this.found[list] = generation;
    const groups = this.groups[list];
    if (groups !== undefined) for (const group of groups) this.found[group] = generation;
  }

  add(words: readonly string[], asWritten: boolean): number {
    const list = this.newList();
    for (const word of words) {
      // The pass reads a surrogate as itself, not as half of a letter that may have a lower case of its own.
      // A word whose first unit is in bucket 0 would be looked for before the text's first unit (featuresOf).
      if (word.length < 2 || (!asWritten && /[\ud800-\udfff]/.test(word)) || bucketOf(word.charCodeAt(0)) === 0) {
        this.loose.push({ word, list, asWritten });
        continue;
      }
      // A literal is keyed by its own units; an anyOf word by every unit that lowers to its own (both cases).
      const firsts = asWritten ? [bucketOf(word.charCodeAt(0))] : lowerBuckets(word.charCodeAt(0));
      const seconds = asWritten ? [bucketOf(word.charCodeAt(1))] : lowerBuckets(word.charCodeAt(1));
      // A word of two units has no third; a longer one is keyed by its third unit's buckets as by the first two.
      const thirdBuckets =
        word.length === 2 ? [-1] : asWritten ? [bucketOf(word.charCodeAt(2))] : lowerBuckets(word.charCodeAt(2));
      // The third unit's bucket, modulo 32: a letter's two cases share a bit.
      const thirdBit = word.length > 2 ? 1 << bucketOf(word.charCodeAt(2)) : -1;
      const fourthBit = word.length > 3 ? 1 << bucketOf(word.charCodeAt(3)) : -1;
      for (const first of firsts) {
        for (const second of seconds) {
          const key = (first << BUCKET_BITS) | second;
          this.thirdMasks[key] = (this.thirdMasks[key] as number) | thirdBit;
          this.fourthMasks[key] = (this.fourthMasks[key] as number) | fourthBit;
          for (const third of thirdBuckets) {
            if (this.words.length >= 0x7fff) throw new Error('word lists: more than 32767 word keys');
            const heads = third < 0 ? this.heads : this.tripleHeads;
            const slot = third < 0 ? key : tripleSlot(key, third);
            this.nextEntry.push(heads[slot] as number);
            heads[slot] = this.words.length;
            this.words.push(word);
            this.asWritten.push(asWritten);
            this.thirds.push(word.length > 2 ? word.charCodeAt(2) : -1);
            this.fourths.push(word.length > 3 ? word.charCodeAt(3) : -1);
            this.owners.push(list);
          }
        }
      }
    }
    // Texts scanned before did not look for these words.
    this.nextGeneration();
    lastFeatures = undefined;
    return list;
  }

  /** A new scan number (restarting before it wraps: found is then cleared). */
  nextGeneration(): number {
    if (this.generation === 0x7fffffff) {
      this.found.fill(0);
      this.generation = 0;
    }
    return ++this.generation;
  }

  /** Whether the text of `features` holds a word of list `list`. */
  has(features: Features, list: number): boolean {
    if (features.wordScan !== this.generation) this.rescan(features);
    return this.found[list] === features.wordScan;
  }

  /**
   * Marks the lists of the words starting at `start`, whose first two units are in the bucket pair `key` and whose
   * third unit, when the text has one there, is in bucket `thirdBucket` (-1 when it has none; the caller has checked
   * the buckets of the third and fourth units against the masks, where the text has them).
   */
  matchAt(text: string, start: number, key: number, thirdBucket: number, generation: number): void {
    for (let entry = this.heads[key] as number; entry >= 0; entry = this.nextEntry[entry] as number) {
      const owner = this.owners[entry] as number;
      if (this.found[owner] === generation) continue;
      const word = this.words[entry] as string;
      if (this.asWritten[entry] ? text.startsWith(word, start) : lowerStartsWith(text, word, start)) {
        this.mark(owner, generation);
      }
    }
    if (thirdBucket < 0) return;
    const first = this.tripleHeads[tripleSlot(key, thirdBucket)] as number;
    if (first < 0) return;
    const { found, words, owners, thirds, fourths, asWritten, nextEntry } = this;
    const third = start + 2 < text.length ? text.charCodeAt(start + 2) : -2;
    const fourth = start + 3 < text.length ? text.charCodeAt(start + 3) : -2;
    const lowerThird = third < 0 ? third : lowerUnit(third);
    const lowerFourth = fourth < 0 ? fourth : lowerUnit(fourth);
    for (let entry = first; entry >= 0; entry = nextEntry[entry] as number) {
      const wantedThird = thirds[entry] as number;
      const wantedFourth = fourths[entry] as number;
      const written = asWritten[entry] as boolean;
      if (wantedThird >= 0 && wantedThird !== (written ? third : lowerThird)) continue;
      if (wantedFourth >= 0 && wantedFourth !== (written ? fourth : lowerFourth)) continue;
      const owner = owners[entry] as number;
      if (found[owner] === generation) continue;
      const word = words[entry] as string;
      if (written ? text.startsWith(word, start) : lowerStartsWith(text, word, start)) this.mark(owner, generation);
    }
  }

  /** What the pass leaves: the loose words, and anyOf words in lower() when the text has a special unit. */
  finish(features: Features, special: boolean): void {
    const generation = features.wordScan;
    if (special) {
      const lower = features.lower();
      let key = lower.length > 0 ? bucketOf(lower.charCodeAt(0)) : 0;
      for (let start = 0; start + 1 < lower.length; start++) {
        key = ((key << BUCKET_BITS) | bucketOf(lower.charCodeAt(start + 1))) & PAIR_MASK;
        let entry = this.heads[key] as number;
        // The words of two units, then the longer ones keyed by the third unit's bucket.
        for (let chain = 0; chain < 2; chain++) {
          for (; entry >= 0; entry = this.nextEntry[entry] as number) {
            const owner = this.owners[entry] as number;
            if (this.asWritten[entry] || this.found[owner] === generation) continue;
            if (lower.startsWith(this.words[entry] as string, start)) this.mark(owner, generation);
          }
          if (start + 2 >= lower.length) break;
          entry = this.tripleHeads[tripleSlot(key, bucketOf(lower.charCodeAt(start + 2)))] as number;
        }
      }
    }
    for (const { word, list, asWritten } of this.loose) {
      if (this.found[list] === generation) continue;
      if ((asWritten ? features.text : features.lower()).includes(word)) this.mark(list, generation);
    }
  }

  /** Scans the text of `features` again (another text was scanned since, or lists were added). */
  private rescan(features: Features): void {
    const text = features.text;
    const generation = this.nextGeneration();
    features.wordScan = generation;
    let special = false;
    let key = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (lowerUnit(code) === SPECIAL_UNIT) special = true;
      key = ((key << BUCKET_BITS) | bucketOf(code)) & PAIR_MASK;
      if (i >= 1)
        this.matchAt(text, i - 1, key, i + 1 < text.length ? bucketOf(text.charCodeAt(i + 1)) : -1, generation);
    }
    this.finish(features, special);
  }
}

/** Whether `text` lower-cased unit by unit holds `word` at `start`. */
function lowerStartsWith(text: string, word: string, start: number): boolean {
  if (start + word.length > text.length) return false;
  for (let i = 0; i < word.length; i++) {
    if (lowerUnit(text.charCodeAt(start + i)) !== word.charCodeAt(i)) return false;
  }
  return true;
}

/** Every word list: literals and anyOf lists. */
const wordIndex = new WordIndex();

/** One list number per distinct word list and use. */
const wordLists = new Map<string, number>();

function wordListOf(use: 'literals' | 'anyOf', words: readonly string[]): number {
  const key = `${use}\u0000${words.join('\u0000')}`;
  let list = wordLists.get(key);
  if (list === undefined) {
    // A word holding another word of the list is found whenever that one is: only the shortest forms are indexed,
    // each once (street-address's suffix lists share words).
    const distinct = [...new Set(words)];
    const shortest = distinct.filter((word) => !distinct.some((other) => other !== word && word.includes(other)));
    list = wordIndex.add(shortest, use === 'literals');
    wordLists.set(key, list);
  }
  return list;
}

/** One group number per distinct set of lists (WordIndex.addGroup). */
const wordGroups = new Map<string, number>();

function wordGroupOf(lists: readonly number[]): number {
  const key = [...new Set(lists)].sort((a, b) => a - b).join(',');
  let group = wordGroups.get(key);
  if (group === undefined) {
    group = wordIndex.addGroup(lists);
    wordGroups.set(key, group);
  }
  return group;
}

let lastText: string | undefined;
let lastFeatures: Features | undefined;

/**
 * Whether `text` holds a word of `words` as written (`literals`) or in its lower case (`anyOf`), answered as a
 * pattern's gate is: the test of the word index (gates.test.ts). Not exported from index.ts.
 */
export function textHasWords(text: string, words: readonly string[], use: 'literals' | 'anyOf'): boolean {
  const list = wordListOf(use, words);
  return wordIndex.has(featuresOf(text), list);
}

/**
 * A test of whether a record holds a word of `words`, as written (`literals`) or in its lower case (`anyOf`), answered
 * by the shared pass as a pattern's word gate is: for prefilters. Call it once, when the recognizer is built (each
 * new list makes the next record's pass look for more words). Example:
 * `const spelled = wordGate('anyOf', ['dot', 'punto']); ... prefilter: (text, features) => spelled(features)`.
 */
export function wordGate(use: 'literals' | 'anyOf', words: readonly string[]): (features: TextFeatures) => boolean {
  const list = wordListOf(use, words);
  return (features) => {
    if (!(features instanceof Features)) throw new Error('wordGate: features not made by textFeatures');
    return wordIndex.has(features, list);
  };
}

/** The features of `text`; the last text's features are kept, so recognizers run on one record compute them once. */
export function textFeatures(text: string): TextFeatures {
  return featuresOf(text);
}

/** The features of `text` (the last text's are kept: every recognizer asks for those of the same record). */
function featuresOf(text: string): Features {
  // Small, so that it is inlined into each recognizer's call; the pass is a call of its own.
  return lastFeatures !== undefined && lastText === text ? lastFeatures : computeFeatures(text);
}

/** The features of `text` and, in the same pass, the word lists it holds (WordIndex). */
function computeFeatures(text: string): Features {
  const index = wordIndex;
  const generation = index.nextGeneration();
  const { thirdMasks, fourthMasks } = index;
  let digits = 0;
  let run = 0;
  let longestDigitRun = 0;
  let alnumRun = 0;
  let longestAlnumRun = 0;
  let spaceBeforeDigit = false;
  let upperBeforeDigit = false;
  let digitBeforeUpper = false;
  let longS = false;
  let special = false;
  let charBits = 0;
  let before = -1; // the previous code unit
  let key = 0; // the buckets of the units three and two back
  let previous = 0; // the bucket of the unit before
  // A run's length is compared with the longest when the run ends (and after the loop), not at each unit.
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    let bucket: number;
    if (code - 97 < 26 && code >= 97 && run === 0) {
      // A lower-case ASCII letter outside a digit run, most of a text: only the letter-or-digit run grows.
      bucket = code;
      alnumRun++;
    } else if (code < 128) {
      bucket = code;
      const info = ASCII_INFO[code] as number;
      charBits |= info;
      if ((info & ASCII_LETTER) !== 0) {
        if (run > 0) {
          if (run > longestDigitRun) longestDigitRun = run;
          run = 0;
          if ((info & UPPER) !== 0) digitBeforeUpper = true;
        }
        alnumRun++;
      } else if ((info & DIGIT) !== 0) {
        if (before === 32 || before === 9) spaceBeforeDigit = true;
        else if (before >= 65 && before <= 90) upperBeforeDigit = true;
        digits++;
        run++;
        alnumRun++;
      } else {
        if (run > longestDigitRun) longestDigitRun = run;
        run = 0;
        if (alnumRun > longestAlnumRun) longestAlnumRun = alnumRun;
        alnumRun = 0;
      }
    } else {
      if (run > longestDigitRun) longestDigitRun = run;
      run = 0;
      if (alnumRun > longestAlnumRun) longestAlnumRun = alnumRun;
      alnumRun = 0;
      if (code === 0x17f) longS = true;
      const low = lowerUnit(code);
      if (low === SPECIAL_UNIT) special = true;
      bucket = low & 127;
    }
    // Words starting three units back whose third and fourth units may be the last one and this one. Before the
    // fourth unit, the key holds bucket 0 where the text has no unit, and no indexed word starts in bucket 0.
    if (((thirdMasks[key] as number) & (1 << previous)) !== 0 && ((fourthMasks[key] as number) & (1 << bucket)) !== 0) {
      index.matchAt(text, i - 3, key, previous, generation);
    }
    key = ((key << BUCKET_BITS) | previous) & PAIR_MASK;
    previous = bucket;
    before = code;
  }
  if (run > longestDigitRun) longestDigitRun = run;
  if (alnumRun > longestAlnumRun) longestAlnumRun = alnumRun;
  charBits &= CHAR_GATE_MASK;
  // Words of three units or fewer at the end.
  const length = text.length;
  if (length >= 3 && ((thirdMasks[key] as number) & (1 << previous)) !== 0 && fourthMasks[key] === -1) {
    index.matchAt(text, length - 3, key, previous, generation);
  }
  key = ((key << BUCKET_BITS) | previous) & PAIR_MASK;
  if (length >= 2 && thirdMasks[key] === -1) index.matchAt(text, length - 2, key, -1, generation);
  digits = Math.min(digits, DIGIT_CAP);
  longestDigitRun = Math.min(longestDigitRun, DIGIT_CAP);
  longestAlnumRun = Math.min(longestAlnumRun, DIGIT_CAP);
  const bits =
    charBits |
    levelBits(digits, DIGIT_LEVELS, 0) |
    levelBits(longestDigitRun, DIGIT_RUN_LEVELS, DIGIT_RUN_SHIFT) |
    levelBits(longestAlnumRun, ALNUM_RUN_LEVELS, ALNUM_RUN_SHIFT) |
    (spaceBeforeDigit ? SPACE_BEFORE_DIGIT_BIT : 0) |
    (upperBeforeDigit ? UPPER_BEFORE_DIGIT_BIT : 0) |
    (digitBeforeUpper ? DIGIT_BEFORE_UPPER_BIT : 0);
  const features = new Features(text, digits, longestDigitRun, longestAlnumRun, bits, longS);
  features.wordScan = generation;
  index.finish(features, special);
  lastText = text;
  lastFeatures = features;
  return features;
}

/** True when the text has the ASCII character `char` (one code unit below 128). */
export function hasAscii(features: TextFeatures, char: string): boolean {
  const code = char.charCodeAt(0);
  if (code >= 128) return false;
  const gateBit = GATE_CHAR_BIT[code] as number;
  if (gateBit !== 0 && features instanceof Features) return (features.gateBits & gateBit) !== 0;
  return ((features.ascii[code >> 5] as number) & (1 << (code & 31))) !== 0;
}

/**
 * A pattern with its gates compiled: the numeric and one-character gates into masks of Features.gateBits, the rest
 * (exact numbers between levels, word lists, a gate regex) checked after them. Every instance has the same fields.
 */
class CompiledPattern {
  readonly regex: RegExp;
  /** Gate bits that must all be set. */
  readonly need: number;
  /** Gate bits of which one must be set (one-character literals), or 0. */
  readonly needOne: number;
  /** Whether a check beyond the masks remains (checkedGatesPass). */
  readonly checked: boolean;
  readonly minDigits: number;
  readonly minDigitRun: number;
  readonly minAlnumRun: number;
  /** List numbers in wordIndex, -1 when none. */
  readonly literals: number;
  readonly anyOf: number;
  readonly gate: RegExp | undefined;
  /** Per ASCII code: 1 when the code is in the anchor's `run` class; undefined without one. */
  readonly anchorRun: Uint8Array | undefined;
  constructor(readonly spec: PatternSpec) {
    this.regex = spec.regex;
    const run = spec.anchor?.run;
    if (run === undefined) this.anchorRun = undefined;
    else {
      const table = new Uint8Array(128);
      // Without g or y, test reads each character from its start.
      const unit = new RegExp(run.source, run.flags.replace(/[gy]/g, ''));
      for (let code = 0; code < 128; code++) table[code] = unit.test(String.fromCharCode(code)) ? 1 : 0;
      // A run that is not one character class (say /ab/) takes no character: the regex would start at the anchor
      // itself and miss every match.
      if (!/^\[.*\]$/.test(run.source) || table.every((x) => x === 0))
        throw new Error(`anchor run ${run.source}: expected one character class holding some ASCII character`);
      this.anchorRun = table;
    }
    this.minDigits = spec.minDigits ?? 0;
    this.minDigitRun = spec.minDigitRun ?? 0;
    this.minAlnumRun = spec.minAlnumRun ?? 0;
    const digits = levelGate(this.minDigits, DIGIT_LEVELS, 0);
    const digitRun = levelGate(this.minDigitRun, DIGIT_RUN_LEVELS, DIGIT_RUN_SHIFT);
    const alnumRun = levelGate(this.minAlnumRun, ALNUM_RUN_LEVELS, ALNUM_RUN_SHIFT);
    this.need =
      digits.bit |
      digitRun.bit |
      alnumRun.bit |
      (spec.spaceBeforeDigit ? SPACE_BEFORE_DIGIT_BIT : 0) |
      (spec.upperBeforeDigit ? UPPER_BEFORE_DIGIT_BIT : 0) |
      (spec.digitBeforeUpper ? DIGIT_BEFORE_UPPER_BIT : 0);
    const oneCharacter = spec.literals?.every((literal) => literal.length === 1 && GATE_CHARS.includes(literal));
    let needOne = 0;
    for (const literal of oneCharacter ? (spec.literals ?? []) : []) {
      needOne |= 1 << (CHAR_SHIFT + GATE_CHARS.indexOf(literal));
    }
    this.needOne = needOne;
    this.literals = spec.literals && !oneCharacter ? wordListOf('literals', spec.literals) : -1;
    this.anyOf = spec.anyOf ? wordListOf('anyOf', spec.anyOf) : -1;
    this.gate = spec.gate;
    const exact = digits.exact && digitRun.exact && alnumRun.exact;
    this.checked = !exact || this.literals >= 0 || this.anyOf >= 0 || this.gate !== undefined;
  }
}

/** The gates the masks leave: exact digit counts between levels, word lists, the gate regex. */
function checkedGatesPass(pattern: CompiledPattern, features: Features): boolean {
  if (features.digits < pattern.minDigits) return false;
  if (features.longestDigitRun < pattern.minDigitRun) return false;
  if (features.longestAlnumRun < pattern.minAlnumRun) return false;
  if (pattern.literals >= 0 && !wordIndex.has(features, pattern.literals)) return false;
  if (pattern.anyOf >= 0 && !wordIndex.has(features, pattern.anyOf)) return false;
  return pattern.gate === undefined || pattern.gate.test(features.text);
}

const LETTER = /\p{L}/u;

/** Per code unit: 1 when it is a letter on its own (LETTER.test of the one code unit), 2 when not, 0 unknown yet. */
const letterUnits = new Uint8Array(0x10000);
for (let code = 0; code < 128; code++) {
  letterUnits[code] = (code >= 65 && code <= 90) || (code >= 97 && code <= 122) ? 1 : 2;
}

function isLetterUnit(code: number): boolean {
  let known = letterUnits[code] as number;
  if (known === 0) {
    known = LETTER.test(String.fromCharCode(code)) ? 1 : 2;
    letterUnits[code] = known;
  }
  return known === 1;
}

/**
 * A context word list compiled for one pass over a window: the words by their first code unit, so that a window is
 * read once instead of once per word (lists hold up to ~40 words and windows ~40 characters).
 */
class ContextMatcher {
  /** Word numbers by first code unit below 128 (an array read), and by the others (a map). */
  readonly byAscii: (number[] | undefined)[] = new Array(128).fill(undefined);
  readonly byFirst = new Map<number, number[]>();
  /** Per word: the number of the last search that found it. */
  readonly found: Int32Array;
  search = 0;
  constructor(readonly words: readonly string[]) {
    this.found = new Int32Array(words.length);
    words.forEach((word, index) => {
      const first = word.charCodeAt(0);
      const list = first < 128 ? this.byAscii[first] : this.byFirst.get(first);
      if (list) list.push(index);
      else if (first < 128) this.byAscii[first] = [index];
      else this.byFirst.set(first, [index]);
    });
  }

  /** The words found in `window` at word boundaries, in list order (as findContextWords defines it). */
  find(window: string): string[] {
    if (this.search === 0x7fffffff) {
      this.found.fill(0);
      this.search = 0;
    }
    const search = ++this.search;
    const { words, found, byAscii, byFirst } = this;
    const length = window.length;
    let count = 0;
    let previous = -1; // the unit before `at`
    for (let at = 0; at < length; at++) {
      const code = window.charCodeAt(at);
      // A word starts at a word boundary: not right after a letter (whatever the word).
      const afterLetter = previous >= 0 && isLetterUnit(previous);
      previous = code;
      if (afterLetter) continue;
      const candidates = code < 128 ? byAscii[code] : byFirst.size === 0 ? undefined : byFirst.get(code);
      if (candidates === undefined) continue;
      for (const index of candidates) {
        if (found[index] === search) continue;
        const word = words[index] as string;
        if (!window.startsWith(word, at)) continue;
        const after = at + word.length;
        if (after < length && isLetterUnit(window.charCodeAt(after))) continue;
        found[index] = search;
        count++;
      }
    }
    const result: string[] = [];
    if (count === 0) return result;
    for (let index = 0; index < words.length; index++) if (found[index] === search) result.push(words[index] as string);
    return result;
  }
}

const contextMatchers = new WeakMap<readonly string[], ContextMatcher | null>();

/** The context words present in `window` (lower-cased), each at word boundaries. */
export function findContextWords(window: string, words: readonly string[]): string[] {
  let matcher = contextMatchers.get(words);
  if (matcher === undefined) {
    // An empty word is found everywhere by indexOf; such a list keeps the word-by-word search.
    matcher = words.some((word) => word.length === 0) ? null : new ContextMatcher(words);
    contextMatchers.set(words, matcher);
  }
  if (matcher !== null) return matcher.find(window);
  return findContextWordsOneByOne(window, words);
}

/** The definition findContextWords keeps: each word's occurrences in turn, the first at word boundaries counts. */
export function findContextWordsOneByOne(window: string, words: readonly string[]): string[] {
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

const ASCII_DIGIT = /[0-9]/g;

/** The position of the first ASCII digit of `text` at or after `from`, -1 when none (the regex engine scans faster). */
function nextDigit(text: string, from: number): number {
  ASCII_DIGIT.lastIndex = from;
  return ASCII_DIGIT.test(text) ? ASCII_DIGIT.lastIndex - 1 : -1;
}

function contextWindow(text: string, start: number, end: number, spec: ContextSpec): string {
  const before = spec.before ?? 40;
  const after = spec.after ?? 0;
  const left = text.slice(Math.max(0, start - before), start);
  const right = after > 0 ? text.slice(end, Math.min(text.length, end + after)) : '';
  return `${left} ${right}`.toLowerCase();
}

/** Whether recognizers built now use their gates and prefilters (false only inside buildWithoutGates). */
let gatesOn = true;

/**
 * Builds recognizers with every gate and prefilter switched off: the reference that gates.test.ts compares the real
 * recognizers against, since a gate that wrongly says "cannot match" hides personal data. Not exported from
 * index.ts: a testing aid, not part of the public behaviour. Example: `buildWithoutGates(createDefaultRecognizers)`.
 */
export function buildWithoutGates<T>(build: () => T): T {
  const previous = gatesOn;
  gatesOn = false;
  try {
    return build();
  } finally {
    gatesOn = previous;
  }
}

/** Whether a recognizer built now should use its gates: read by recognizers with hand-written ones (phone). */
export function gatesEnabled(): boolean {
  return gatesOn;
}

/** The pattern with its gates removed (minDigits ... gate): the regex alone decides. */
function withoutGates(pattern: PatternSpec): PatternSpec {
  const {
    minDigits: _minDigits,
    minDigitRun: _minDigitRun,
    minAlnumRun: _minAlnumRun,
    spaceBeforeDigit: _spaceBeforeDigit,
    upperBeforeDigit: _upperBeforeDigit,
    digitBeforeUpper: _digitBeforeUpper,
    literals: _literals,
    anyOf: _anyOf,
    gate: _gate,
    anchor: _anchor,
    digitAnchor: _digitAnchor,
    ...rest
  } = pattern;
  return rest;
}

/** The recognizer without its prefilter and with every pattern's gates removed. */
function ungatedSpec(spec: PatternRecognizerSpec): PatternRecognizerSpec {
  const { prefilter: _prefilter, ...rest } = spec;
  return { ...rest, patterns: spec.patterns.map(withoutGates) };
}

/** Builds a recognizer from patterns, context words and validators. */
export function createPatternRecognizer(declared: PatternRecognizerSpec): Recognizer {
  const spec = gatesOn ? declared : ungatedSpec(declared);
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
  // When every pattern needs a word of some list, a record holding no word of those lists has nothing to match.
  const wordGroup = patterns.every((pattern) => pattern.literals >= 0 || pattern.anyOf >= 0)
    ? wordGroupOf(patterns.map((pattern) => (pattern.literals >= 0 ? pattern.literals : pattern.anyOf)))
    : -1;
  const prefilter = spec.prefilter;
  // Bits every pattern needs: without them the recognizer has nothing to do (one AND, before the slot's lookup).
  const needAll = patterns.reduce((bits, pattern) => bits & pattern.need, -1);
  // Per slot of gate bits (Features.gateSlot): the bits last seen there and the patterns whose masks they pass.
  const slotBits = new Int32Array(1 << PLAN_SLOT_BITS).fill(-1);
  const slotPatterns: (readonly CompiledPattern[])[] = new Array(1 << PLAN_SLOT_BITS).fill(patterns);

  function analyzeInto(input: AnalysisInput, spans: DetectedSpan[], options?: AnalyzeOptions): void {
    const text = input.text;
    const features = featuresOf(text);
    const bits = features.gateBits;
    if ((bits & needAll) !== needAll) return;
    const slot = features.gateSlot;
    let open = slotPatterns[slot] as readonly CompiledPattern[];
    if (slotBits[slot] !== bits) {
      open = patterns.filter(
        (compiled) =>
          (bits & compiled.need) === compiled.need && (compiled.needOne === 0 || (bits & compiled.needOne) !== 0),
      );
      slotBits[slot] = bits;
      slotPatterns[slot] = open;
    }
    if (open.length === 0) return;
    if (wordGroup >= 0 && !wordIndex.has(features, wordGroup)) return;
    // The prefilter runs once some pattern's masks pass (both are pure, so the order is free).
    if (prefilter !== undefined && !prefilter(text, features)) return;
    for (const compiled of open) {
      if (compiled.checked && !checkedGatesPass(compiled, features)) continue;
      matchPattern(compiled, input, spans, options);
    }
  }

  function matchPattern(
    compiled: CompiledPattern,
    input: AnalysisInput,
    spans: DetectedSpan[],
    options?: AnalyzeOptions,
  ) {
    const text = input.text;
    const pattern = compiled.spec;
    const regex = compiled.regex;
    const anchor = pattern.anchor;
    // A digit is looked for with a regex call of its own: worth it only where the pattern's regex would otherwise scan
    // well over a hundred characters before a digit.
    const digitAnchor =
      pattern.digitAnchor !== undefined && text.length > pattern.digitAnchor + 128 ? pattern.digitAnchor : undefined;
    regex.lastIndex = 0;
    for (;;) {
      if (anchor !== undefined) {
        // No match starts more than `within` before the next occurrence of the anchor, and none without one.
        const at = text.indexOf(anchor.text, regex.lastIndex);
        if (at === -1) break;
        let from = at - anchor.within;
        const run = compiled.anchorRun;
        if (run !== undefined) {
          // Nor before the run of `run` units that ends at the anchor (a match starting before it would hold a unit
          // outside the class before its first anchor).
          let start = at;
          while (start > from && start > regex.lastIndex) {
            const code = text.charCodeAt(start - 1);
            if (code < 128 && run[code] === 0) break;
            start--;
          }
          from = start;
        }
        if (from > regex.lastIndex) regex.lastIndex = from;
      }
      if (digitAnchor !== undefined) {
        const at = nextDigit(text, regex.lastIndex);
        if (at === -1) break;
        if (at - digitAnchor > regex.lastIndex) regex.lastIndex = at - digitAnchor;
      }
      const m = regex.exec(text);
      if (m === null) break;
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

  return Object.freeze({
    name: spec.name,
    types: spec.types,
    ...(spec.languages ? { languages: spec.languages } : {}),
    analyze(input: AnalysisInput, options?: AnalyzeOptions): DetectedSpan[] {
      const spans: DetectedSpan[] = [];
      analyzeInto(input, spans, options);
      return spans;
    },
    analyzeInto,
  });
}
