// The redaction step of a build: detect personal data (recognizers -> spans), then apply the policy's operator per
// entity type. Until the full engine in src/redact is wired in, this module carries a small pattern analyzer
// (e-mail, phone, URL, IP, card with Luhn check, IBAN) plus the member-directory name filter, which is always on.

import type { EntityType, Span } from '../domain/index.js';
import { hash64 } from './hash.js';
import { mayHoldName, type NameFilterData } from './name-filter.js';

export const OPERATORS = ['replace', 'pseudonymize', 'mask', 'remove', 'drop_record'] as const;
export type Operator = (typeof OPERATORS)[number];

/** Serializable redaction settings, as a policy gives them for a purpose. */
export interface RedactionSettings {
  readonly defaultOperator: Operator;
  readonly operators: Readonly<Partial<Record<EntityType, Operator>>>;
  /** Spans scoring below are ignored. */
  readonly minScore: number;
}

export const DEFAULT_REDACTION: RedactionSettings = Object.freeze({
  defaultOperator: 'replace',
  operators: Object.freeze({}),
  minScore: 0.5,
});

export interface RedactionResult {
  readonly text: string;
  /** The record must not be written (a `drop_record` operator matched). */
  readonly dropped: boolean;
  readonly counts: Readonly<Partial<Record<EntityType, number>>>;
}

/** Turns text into redacted text; one per worker, reused for every record. */
export interface Redactor {
  redact(text: string): RedactionResult;
}

/** Finds spans in text. The engine from src/redact satisfies this shape. */
export type Analyze = (text: string) => readonly Span[];

interface Pattern {
  readonly type: EntityType;
  readonly regex: RegExp;
  readonly score: number;
  readonly validate?: (match: string) => boolean;
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

const PATTERNS: readonly Pattern[] = [
  { type: 'EMAIL', regex: /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}/gu, score: 0.95 },
  { type: 'URL', regex: /\bhttps?:\/\/[^\s<>"']+|\bwww\.[^\s<>"']+/gi, score: 0.8 },
  { type: 'IP_ADDRESS', regex: /\b(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)\b/g, score: 0.8 },
  { type: 'CREDIT_CARD', regex: /\b\d(?:[ -]?\d){12,18}\b/g, score: 0.9, validate: luhn },
  { type: 'IBAN', regex: /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b/g, score: 0.85 },
  {
    type: 'PHONE',
    regex: /(?<![\w+])\+?\(?\d{1,4}\)?(?:[ .-]?\(?\d{1,4}\)?){2,5}(?![\w])/g,
    score: 0.7,
    validate: (m) => {
      const n = m.replace(/\D/g, '').length;
      return n >= 7 && n <= 15 && !/^\d{4}-\d{2}-\d{2}$/.test(m.trim());
    },
  },
];

const CAPITALISED_RUN = /\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){1,3}/gu;

/** Spans of member-directory names: every run of 2-4 capitalised words, and its sub-runs, checked in the filter. */
export function findMemberNames(text: string, names: NameFilterData): Span[] {
  const spans: Span[] = [];
  for (const match of text.matchAll(CAPITALISED_RUN)) {
    const words = [...match[0].matchAll(/\S+/g)];
    let found = false;
    for (let len = words.length; len >= 2 && !found; len--) {
      for (let i = 0; i + len <= words.length && !found; i++) {
        const first = words[i];
        const last = words[i + len - 1];
        if (!first || !last) continue;
        const start = (first.index ?? 0) + (match.index ?? 0);
        const end = (last.index ?? 0) + last[0].length + (match.index ?? 0);
        if (mayHoldName(names, text.slice(start, end))) {
          spans.push({ start, end, type: 'PERSON', score: 1, recognizer: 'member_directory' });
          found = true;
        }
      }
    }
  }
  return spans;
}

/** The built-in pattern analyzer (see the module comment). */
export function basicAnalyze(text: string): Span[] {
  const spans: Span[] = [];
  for (const pattern of PATTERNS) {
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

/** Keeps the longest, then highest-scoring, of overlapping spans; result sorted by start. */
export function resolveOverlaps(spans: readonly Span[]): Span[] {
  const sorted = [...spans].sort(
    (a, b) => a.start - b.start || b.end - b.start - (a.end - a.start) || b.score - a.score,
  );
  const out: Span[] = [];
  for (const span of sorted) {
    const last = out[out.length - 1];
    if (last && span.start < last.end) continue;
    out.push(span);
  }
  return out;
}

function applyOperator(operator: Operator, span: Span, original: string): string {
  switch (operator) {
    case 'replace':
    case 'drop_record':
      return `<${span.type}>`;
    case 'pseudonymize': {
      const h = hash64(`${span.type}\u0000${original}`);
      return `<${span.type}_${h.lo.toString(16).padStart(8, '0')}>`;
    }
    case 'mask':
      return '*'.repeat(original.length);
    case 'remove':
      return '';
  }
}

/** Creates a redactor: the analyzer's spans plus member-directory names, then the policy's operators. */
export function createRedactor(
  settings: RedactionSettings,
  names: NameFilterData,
  analyze: Analyze = basicAnalyze,
): Redactor {
  return {
    redact(text: string): RedactionResult {
      const found = [...analyze(text), ...findMemberNames(text, names)].filter(
        (s) => s.score >= settings.minScore || s.recognizer === 'member_directory',
      );
      if (found.length === 0) return { text, dropped: false, counts: {} };
      const spans = resolveOverlaps(found);
      const counts: Partial<Record<EntityType, number>> = {};
      let dropped = false;
      let out = '';
      let at = 0;
      for (const span of spans) {
        const operator = settings.operators[span.type] ?? settings.defaultOperator;
        if (operator === 'drop_record') dropped = true;
        counts[span.type] = (counts[span.type] ?? 0) + 1;
        out += text.slice(at, span.start) + applyOperator(operator, span, text.slice(span.start, span.end));
        at = span.end;
      }
      out += text.slice(at);
      return { text: out, dropped, counts };
    },
  };
}
