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
  /** Skip this pattern when the text has fewer ASCII digits than this (checked once per text). */
  readonly minDigits?: number;
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
  readonly prefilter?: (text: string) => boolean;
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

function countDigitsUpTo(text: string, cap: number): number {
  let count = 0;
  for (let i = 0; i < text.length && count < cap; i++) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57) count++;
  }
  return count;
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

  function analyze(input: AnalysisInput, options?: AnalyzeOptions): DetectedSpan[] {
    const text = input.text;
    if (spec.prefilter && !spec.prefilter(text)) return [];
    const spans: DetectedSpan[] = [];
    let digits = -1;
    let lower: string | undefined;
    for (const pattern of spec.patterns) {
      if (pattern.minDigits !== undefined) {
        if (digits < 0) digits = countDigitsUpTo(text, 32);
        if (digits < pattern.minDigits) continue;
      }
      if (pattern.anyOf !== undefined) {
        lower ??= text.toLowerCase();
        const haystack = lower;
        if (!pattern.anyOf.some((word) => haystack.includes(word))) continue;
      }
      if (pattern.gate !== undefined && !pattern.gate.test(text)) continue;
      const regex = pattern.regex;
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
