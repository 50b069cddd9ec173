// The redaction step of a build: detect personal data (recognizers -> spans), then apply the policy's operator per
// entity type. Detection is the full engine of src/redact by default; a small pattern analyzer (e-mail, phone, URL,
// IP, card with Luhn check, IBAN) is the fast option. The member-directory name filter is always on.

import type { EntityType, Span } from '../domain/index.js';
import {
  createAnalyzer,
  createAnonymizer,
  createDefaultRecognizers,
  type OperatorConfig,
  type RedactionConfig,
} from '../redact/index.js';
import { givesWords, shareNameData, type TaggedWords } from '../redact/names/index.js';
import { mayBeNameWord, mayHoldKey, type NameFilterData, normaliseName, scanAsciiNameWord } from './name-filter.js';

/** An operator as a policy writes it (src/policy's redaction schema). */
export interface PolicyOperator {
  readonly operator: 'replace' | 'pseudonymize' | 'mask' | 'remove' | 'keep' | 'drop_record';
  readonly placeholder?: string;
  readonly keep_last?: number;
  readonly char?: string;
}

/** Serializable redaction settings, as a policy gives them for a purpose. */
export interface RedactionSettings {
  readonly default: PolicyOperator;
  readonly types: Readonly<Partial<Record<EntityType, PolicyOperator>>>;
  /** Spans scoring below are ignored. */
  readonly minScore: number;
}

export const DEFAULT_REDACTION: RedactionSettings = Object.freeze({
  default: Object.freeze({ operator: 'replace' as const, placeholder: '<{type}>' }),
  types: Object.freeze({
    SECRET: Object.freeze({ operator: 'drop_record' as const }),
    CREDIT_CARD: Object.freeze({ operator: 'drop_record' as const }),
  }),
  minScore: 0.5,
});

export interface RedactionResult {
  readonly text: string;
  /** The record must not be written (a `drop_record` operator matched). */
  readonly dropped: boolean;
  readonly counts: Readonly<Partial<Record<EntityType, number>>>;
}

function operatorConfig(op: PolicyOperator, pseudonymKey: string): OperatorConfig {
  switch (op.operator) {
    case 'replace':
      return { operator: 'replace', params: { placeholder: op.placeholder ?? '<{type}>' } };
    case 'pseudonymize':
      return { operator: 'pseudonymize', params: { key: pseudonymKey } };
    case 'mask':
      return {
        operator: 'mask',
        params: { keep: op.keep_last ?? 0, ...(op.char !== undefined ? { char: op.char } : {}) },
      };
    default:
      return { operator: op.operator };
  }
}

/** The anonymizer config of src/redact for the policy's settings; pseudonyms are keyed per build. */
export function redactionConfig(settings: RedactionSettings, pseudonymKey: string): RedactionConfig {
  return {
    default: operatorConfig(settings.default, pseudonymKey),
    entities: Object.fromEntries(
      Object.entries(settings.types).map(([type, op]) => [type, operatorConfig(op as PolicyOperator, pseudonymKey)]),
    ),
    minScore: settings.minScore,
  };
}

/** Turns text into redacted text; one per worker, reused for every record. */
export interface Redactor {
  redact(text: string, lang?: string | null): RedactionResult;
}

/** Finds spans in text (`lang`: BCP 47 tag when known). */
export interface Analyze {
  (text: string, lang?: string | null): readonly Span[];
  /** The name tagger's tokens of `text` when it was the text analyzed last (the engine has them; see findMemberNames). */
  readonly wordsOf?: (text: string) => TaggedWords | undefined;
}

/** Which detector a build runs: the full engine of src/redact (default), or the fast patterns of this module. */
export const ANALYZERS = ['engine', 'fast'] as const;
export type AnalyzerChoice = (typeof ANALYZERS)[number];

/** The analyzer for a choice; the engine is created once per worker. */
export function createAnalyze(choice: AnalyzerChoice, minScore: number): Analyze {
  if (choice === 'fast') return basicAnalyze;
  const recognizers = createDefaultRecognizers();
  const engine = createAnalyzer({ minScore, recognizers });
  const analyze = (text: string, lang?: string | null): readonly Span[] =>
    engine.analyze(lang ? { text, lang } : { text });
  const tagger = recognizers.find(givesWords);
  return tagger === undefined ? analyze : Object.assign(analyze, { wordsOf: (text: string) => tagger.wordsOf(text) });
}

/** Before the worker threads start: the engine's name data, loaded once here and shared (see shareNameData). */
export function shareAnalyzerData(choice: AnalyzerChoice): void {
  if (choice === 'engine') shareNameData();
}

interface Pattern {
  readonly type: EntityType;
  readonly regex: RegExp;
  readonly score: number;
  readonly validate?: (match: string) => boolean;
  /** A necessary condition for a valid match, cheaper than the regex (digits in the text, a literal). */
  readonly gate: (text: string, digits: number) => boolean;
}

function luhn(value: string): boolean {
  const digits = value.replace(/\D/g, '');
  if (digits.length < 13 || digits.length > 19) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

const WWW = /www\./i;

const PATTERNS: readonly Pattern[] = [
  {
    type: 'EMAIL',
    regex: /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}/gu,
    score: 0.95,
    gate: (text) => text.includes('@'),
  },
  {
    type: 'URL',
    regex: /\bhttps?:\/\/[^\s<>"']+|\bwww\.[^\s<>"']+/gi,
    score: 0.8,
    gate: (text) => text.includes('://') || WWW.test(text),
  },
  {
    type: 'IP_ADDRESS',
    regex: /\b(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)\b/g,
    score: 0.8,
    gate: (_, digits) => digits >= 4,
  },
  {
    type: 'CREDIT_CARD',
    regex: /\b\d(?:[ -]?\d){12,18}\b/g,
    score: 0.9,
    validate: luhn,
    gate: (_, digits) => digits >= 13,
  },
  {
    type: 'IBAN',
    regex: /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b/g,
    score: 0.85,
    gate: (_, digits) => digits >= 2,
  },
  {
    type: 'PHONE',
    regex: /(?<![\w+])\+?\(?\d{1,4}\)?(?:[ .-]?\(?\d{1,4}\)?){2,5}(?![\w])/g,
    score: 0.7,
    validate: (m) => {
      const n = m.replace(/\D/g, '').length;
      return n >= 7 && n <= 15 && !/^\d{4}-\d{2}-\d{2}$/.test(m.trim());
    },
    gate: (_, digits) => digits >= 7,
  },
];

/** A word of a name: letters (and marks) with inner apostrophes or hyphens, as in O'Brien or Jean-Luc. */
const NAME_WORD = /\p{L}[\p{L}\p{M}]*(?:['’-]\p{L}[\p{L}\p{M}]*)*/uy;
/** What may stand between two words of one name: spaces, at most one period (initials), nothing else. */
const NAME_GAP = /^\s*\.?\s+$|^\.?\s+$/;
const MAX_NAME_WORDS = 4;
/** Folded forms of non-ASCII words (ASCII words fold by lower-casing); cleared when full. */
const foldedWords = new Map<string, string>();
const FOLDED_WORDS_MAX = 1 << 16;

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

function isAsciiLetter(code: number): boolean {
  const lower = code | 32;
  return lower >= 97 && lower <= 122;
}

/** Whether the word nameWordEnd found last is all ASCII. */
let wordIsAscii = true;

/**
 * End of the NAME_WORD match starting at `at`, or -1 when none starts there. findMemberNames calls it only for words
 * `scanAsciiNameWord` could not take (a word that starts with, or runs into, a non-ASCII character), so it goes to
 * the regex directly and the words are exactly NAME_WORD's.
 */
function nameWordEnd(text: string, at: number): number {
  const first = text.charCodeAt(at);
  if (first < 128 && !isAsciiLetter(first)) return -1;
  NAME_WORD.lastIndex = at;
  if (!NAME_WORD.test(text)) return -1;
  const end = NAME_WORD.lastIndex;
  wordIsAscii = true;
  for (let i = at; i < end; i++) {
    if (text.charCodeAt(i) >= 128) {
      wordIsAscii = false;
      break;
    }
  }
  return end;
}

/** Name words of the text being searched (reused: one text at a time per thread). */
const scratch = {
  ordinals: new Int32Array(64),
  starts: new Int32Array(64),
  ends: new Int32Array(64),
  keys: [] as string[],
};

function growScratch(): void {
  const grow = (from: Int32Array) => {
    const to = new Int32Array(from.length * 2);
    to.set(from);
    return to;
  };
  scratch.ordinals = grow(scratch.ordinals);
  scratch.starts = grow(scratch.starts);
  scratch.ends = grow(scratch.ends);
}

/** Records name word number `count` of the text: its ordinal among all words, its range, its folded form if not ASCII. */
function keepNameWord(count: number, ordinal: number, start: number, end: number, key: string): void {
  if (count === scratch.ordinals.length) growScratch();
  scratch.ordinals[count] = ordinal;
  scratch.starts[count] = start;
  scratch.ends[count] = end;
  scratch.keys[count] = key;
}

/** normaliseName of one non-ASCII word, from a cache. */
function foldedWord(word: string): string {
  let folded = foldedWords.get(word);
  if (folded === undefined) {
    folded = normaliseName(word);
    if (foldedWords.size >= FOLDED_WORDS_MAX) foldedWords.clear();
    foldedWords.set(word, folded);
  }
  return folded;
}

/** True when the text between two words is a valid gap inside one name (see NAME_GAP). */
function isNameGap(text: string, from: number, to: number): boolean {
  if (to === from + 1 && text.charCodeAt(from) === 32) return true;
  return NAME_GAP.test(text.slice(from, to));
}

/**
 * Steps through text[from, to) as findMemberNames reads a text: keeps each name word (numbered from `ordinal` on,
 * with `count` kept before), and returns where the walk stops (`to`, or `to + 1` when a surrogate pair straddles `to`,
 * which the tagger's tokens should never make). Counts go back through `walk`.
 */
function walkWords(
  text: string,
  names: NameFilterData,
  from: number,
  to: number,
  count: number,
  ordinal: number,
): number {
  let at = from;
  while (at < to) {
    const code = text.charCodeAt(at);
    if (code < 128) {
      if (!isAsciiLetter(code)) {
        at++;
        continue;
      }
      // Most words are ASCII: delimited and tested against the filter in one pass.
      const scanned = scanAsciiNameWord(names, text, at);
      if (scanned >= 0) {
        const end = scanned >>> 1;
        if ((scanned & 1) === 1) keepNameWord(count++, ordinal, at, end, '');
        ordinal++;
        at = end;
        continue;
      }
    }
    const end = nameWordEnd(text, at);
    if (end < 0) {
      // A code point that starts no word: step over it whole (a surrogate pair is one code point). A lone high
      // surrogate is one unit: stepping over the unit after it too would cut the first letter off a name right
      // behind it ("\ud800quillon vasterby" was left unredacted).
      const pair = code >= 0xd800 && code <= 0xdbff && at + 1 < text.length && isLowSurrogate(text.charCodeAt(at + 1));
      at += pair ? 2 : 1;
      continue;
    }
    let key = '';
    let isNameWord: boolean;
    if (wordIsAscii) isNameWord = mayBeNameWord(names, text, at, end);
    else {
      key = foldedWord(text.slice(at, end));
      // Folding rarely puts a space in a word (NFKC does for a few letters and marks, such as the ligature U+FDFA or
      // U+037A); then each part must be a name word.
      isNameWord = key.includes(' ')
        ? key.split(' ').every((w) => mayBeNameWord(names, w, 0, w.length))
        : mayBeNameWord(names, key, 0, key.length);
    }
    if (isNameWord) keepNameWord(count++, ordinal, at, end, key);
    ordinal++;
    at = end;
  }
  walk.count = count;
  walk.ordinal = ordinal;
  return at;
}

/** walkWords' counts (module state: one text at a time per thread, as `scratch`). */
const walk = { count: 0, ordinal: 0 };

/** What a token of the name tagger is to findMemberNames, memoised per word (see NameWordMemo). */
const TOKEN_UNKNOWN = 0;
/** One ASCII word that is not a name word. */
const TOKEN_OTHER_WORD = 1;
/** One ASCII word that may be a name word. */
const TOKEN_NAME_WORD = 2;
/** ASCII without letters: no word. */
const TOKEN_NO_WORD = 3;
/** Anything else (non-ASCII, letters mixed with digits): walked character by character. */
const TOKEN_WALK = 4;

/**
 * What findMemberNames learnt about the words of one name tagger's word cache, for one name filter: the tagger
 * tokenizes and hashes every word of a text already, so a word seen before costs one look-up here instead of a
 * second walk over its characters. Entries carry the cache generation they were made in.
 */
export class NameWordMemo {
  private kinds = new Uint8Array(1024);
  private generations = new Float64Array(1024);

  kind(id: number, generation: number): number {
    return id < this.kinds.length && this.generations[id] === generation ? (this.kinds[id] as number) : TOKEN_UNKNOWN;
  }

  set(id: number, generation: number, kind: number): void {
    if (id >= this.kinds.length) {
      const length = Math.max(id + 1, this.kinds.length * 2);
      const kinds = new Uint8Array(length);
      kinds.set(this.kinds);
      this.kinds = kinds;
      // A fresh slot's kind is TOKEN_UNKNOWN, whatever its generation says.
      const generations = new Float64Array(length);
      generations.set(this.generations);
      this.generations = generations;
    }
    this.kinds[id] = kind;
    this.generations[id] = generation;
  }
}

/** The kind of token text[start, end) (see TOKEN_*). */
function tokenKind(text: string, names: NameFilterData, start: number, end: number): number {
  if (isAsciiLetter(text.charCodeAt(start))) {
    const scanned = scanAsciiNameWord(names, text, start);
    if (scanned >>> 1 !== end || scanned < 0) return TOKEN_WALK;
    return (scanned & 1) === 1 ? TOKEN_NAME_WORD : TOKEN_OTHER_WORD;
  }
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code >= 128 || isAsciiLetter(code)) return TOKEN_WALK;
  }
  return TOKEN_NO_WORD;
}

/** The name tagger's tokens of the text being searched, with the memo of their words (see NameWordMemo). */
export interface TokenizedText {
  readonly words: TaggedWords;
  readonly memo: NameWordMemo;
}

/**
 * Spans of member-directory names: every run of 2-4 whole words, in any case and with or without diacritics, that
 * the filter holds. The longest run starting at a word wins; matching resumes after it.
 *
 * Each word is tested once against the filter of name words, and only runs of name words are looked up (so a run
 * like "proud strategy design" is no longer redacted when its key happens to be a false positive of the name
 * filter). The key of a run is its words' folded forms joined by one space, which is what normaliseName gives for
 * the run with its gaps' periods replaced by spaces (NFKC does not compose across the gap's whitespace, and the gap
 * holds nothing else).
 *
 * With `tokenized` (the name tagger's tokens of this text), the words are found token by token, with the same
 * result: a word never crosses a token's edge (a token is a maximal run of letters, marks, digits and inner joiners),
 * and the text between tokens is whitespace, which holds no word.
 */
export function findMemberNames(text: string, names: NameFilterData, tokenized?: TokenizedText): Span[] {
  // Only name words are kept, each with its ordinal among all words (a run is consecutive ordinals).
  let count = 0;
  let ordinal = 0;
  if (tokenized === undefined) {
    walkWords(text, names, 0, text.length, 0, 0);
    count = walk.count;
  } else {
    const { words, memo } = tokenized;
    const { starts: tokenStarts, ends: tokenEnds, ids, generation } = words;
    // Where walking the whole text would be: a token's start, or one past it if a walk stepped over a pair that
    // straddles the token's end.
    let resume = 0;
    for (let t = 0; t < words.count; t++) {
      const start = tokenStarts[t] as number;
      const end = tokenEnds[t] as number;
      const id = ids[t] as number;
      let kind = memo.kind(id, generation);
      if (kind === TOKEN_UNKNOWN) {
        kind = tokenKind(text, names, start, end);
        memo.set(id, generation, kind);
      }
      if (resume > start) kind = TOKEN_WALK;
      if (kind === TOKEN_OTHER_WORD) ordinal++;
      else if (kind === TOKEN_NAME_WORD) keepNameWord(count++, ordinal++, start, end, '');
      else if (kind === TOKEN_WALK) {
        resume = walkWords(text, names, Math.max(start, resume), end, count, ordinal);
        count = walk.count;
        ordinal = walk.ordinal;
      }
    }
  }
  const spans: Span[] = [];
  if (count < 2) return spans;
  const { ordinals, starts, ends, keys } = scratch;
  const keyOf = (i: number): string => keys[i] || text.slice(starts[i] ?? 0, ends[i] ?? 0).toLowerCase();
  let i = 0;
  while (i < count) {
    let matchedEnd = -1;
    let matchedLast = i;
    let key = '';
    for (let last = i + 1; last < i + MAX_NAME_WORDS && last < count; last++) {
      // Every word of a name is a name word: a run through any other word can match no name, nor can a longer one.
      if (ordinals[last] !== (ordinals[last - 1] ?? 0) + 1) break;
      if (!isNameGap(text, ends[last - 1] ?? 0, starts[last] ?? 0)) break;
      key = `${key === '' ? keyOf(i) : key} ${keyOf(last)}`;
      if (mayHoldKey(names, key)) {
        matchedEnd = ends[last] ?? 0;
        matchedLast = last;
      }
    }
    if (matchedEnd >= 0) {
      spans.push({
        start: starts[i] ?? 0,
        end: matchedEnd,
        type: 'PERSON',
        score: 1,
        recognizer: 'member_directory',
      });
      i = matchedLast + 1;
    } else i++;
  }
  return spans;
}

/** The most digits any pattern's gate asks for (CREDIT_CARD: 13). */
const GATE_DIGITS = 13;
const ASCII_DIGIT = /[0-9]/;

/**
 * The number of ASCII digits in the text, counted up to GATE_DIGITS (the gates give the same answers). The first
 * digit is found by the regex engine, so a text without digits costs one native scan rather than a loop in JavaScript.
 */
function digitCount(text: string): number {
  let i = text.search(ASCII_DIGIT);
  if (i < 0) return 0;
  let digits = 0;
  for (; i < text.length && digits < GATE_DIGITS; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
  }
  return digits;
}

/** The built-in pattern analyzer (see the module comment). */
export function basicAnalyze(text: string): Span[] {
  const spans: Span[] = [];
  const digits = digitCount(text);
  for (const pattern of PATTERNS) {
    if (!pattern.gate(text, digits)) continue;
    for (const match of text.matchAll(pattern.regex)) {
      if (pattern.validate && !pattern.validate(match[0])) continue;
      const start = match.index ?? 0;
      spans.push({
        start,
        end: start + match[0].length,
        type: pattern.type,
        score: pattern.score,
        recognizer: 'build_basic',
      });
    }
  }
  return spans;
}

const NO_COUNTS: Readonly<Partial<Record<EntityType, number>>> = Object.freeze({});

/**
 * Creates a redactor: the analyzer's spans plus member-directory names, anonymized with src/redact's operators
 * under the policy's settings.
 */
export function createRedactor(
  settings: RedactionSettings,
  names: NameFilterData,
  analyze: Analyze,
  pseudonymKey: string,
): Redactor {
  const anonymizer = createAnonymizer(redactionConfig(settings, pseudonymKey));
  // Member names are looked for in the name tagger's tokens when the analyzer has them (the engine does).
  const memo = new NameWordMemo();
  return {
    redact(text: string, lang?: string | null): RedactionResult {
      const found = analyze(text, lang);
      const words = analyze.wordsOf?.(text);
      const named = findMemberNames(text, names, words === undefined ? undefined : { words, memo });
      if (found.length === 0 && named.length === 0) return { text, dropped: false, counts: NO_COUNTS };
      const spans = named.length === 0 ? found : found.length === 0 ? named : [...found, ...named];
      const result = anonymizer.anonymize(text, spans);
      const counts: Partial<Record<EntityType, number>> = {};
      for (const type in result.counts) {
        const n = result.counts[type as EntityType] ?? 0;
        if (n > 0) counts[type as EntityType] = n;
      }
      return { text: result.text ?? '', dropped: result.dropped, counts };
    },
  };
}

const PLACEHOLDER = /<[A-Z_]+(?:_[0-9a-f]{4,})?>|\[[A-Z_]+(?:_[0-9a-f]{4,})?\]|\*{2,}/g;

/**
 * The text with every placeholder, pseudonym and mask run blanked to spaces of the same length, so a re-scan
 * neither counts them nor reads them as context (`<LOCATION>. We went from 9` is not an address line).
 */
export function blankRedactionOutput(text: string): string {
  return text.replace(PLACEHOLDER, (match) => ' '.repeat(match.length));
}

/**
 * True when the span [start, end) of `text` covers nothing but redaction output (placeholders such as `<EMAIL>`,
 * pseudonyms such as `[PERSON_1a2b3c4d]`, mask characters): a re-scan must not count its own placeholders.
 */
export function isRedactionOutput(text: string, start: number, end: number): boolean {
  const covered = new Uint8Array(end - start);
  for (const match of text.matchAll(PLACEHOLDER)) {
    const from = Math.max(start, match.index ?? 0);
    const to = Math.min(end, (match.index ?? 0) + match[0].length);
    for (let i = from; i < to; i++) covered[i - start] = 1;
  }
  for (let i = start; i < end; i++) {
    if (covered[i - start] === 0 && /[\p{L}\p{N}]/u.test(text[i] ?? '')) return false;
  }
  return true;
}
