// The analyzer: runs recognizers over a record, drops low scores and resolves overlaps into disjoint spans.

import { DIRECT_IDENTIFIERS, ENTITY_TYPES, type EntityType } from '../domain/index.js';
import {
  type AnalysisInput,
  type AnalyzeOptions,
  type DetectedSpan,
  primaryLanguage,
  type Recognizer,
} from './recognizer.js';
import { createDefaultRecognizers } from './registry.js';

export interface AnalyzerOptions {
  /** Recognizers to run; defaults to every built-in one (registry.ts). */
  readonly recognizers?: readonly Recognizer[];
  /** Spans scoring below this are dropped before overlap resolution (default 0.5). */
  readonly minScore?: number;
}

export interface Analyzer {
  readonly recognizers: readonly Recognizer[];
  /** Disjoint spans sorted by start offset. */
  analyze(input: AnalysisInput, options?: AnalyzeOptions): DetectedSpan[];
}

export const DEFAULT_MIN_SCORE = 0.5;

const TYPE_RANK = new Map(ENTITY_TYPES.map((type, index) => [type, index]));

/** How much length adds to a candidate's rank: 0.0025 per character, at most 0.25 (100 characters). */
const LENGTH_WEIGHT = 0.0025;
const LENGTH_CAP = 100;

/** A candidate's rank: its score, plus a little for length, so that a long reading (a street address, an e-mail)
 * wins over a slightly more confident short reading inside it (a place name, a person's name). */
export function overlapRank(span: { start: number; end: number; score: number }): number {
  return span.score + LENGTH_WEIGHT * Math.min(span.end - span.start, LENGTH_CAP);
}

/**
 * Types read by shape, checksum or label: every direct identifier but PERSON, and the identifiers outside the
 * evaluation's "any direct identifier" list that are read the same way (a passport number after its label, a MAC
 * address, a wallet address with its checksum). Policies drop records for several of them, so a number labelled as
 * a passport must not lose to a phone reading of the same digits because one type sits outside that list.
 */
const STRUCTURED = new Set<EntityType>([
  ...DIRECT_IDENTIFIERS.filter((type) => type !== 'PERSON'),
  'PASSPORT',
  'MAC_ADDRESS',
  'CRYPTO_WALLET',
]);

/**
 * Drops every span that lies strictly inside a span of a structured direct-identifier type (tier 0: a place name
 * inside a street address, a name inside an e-mail address): the longer reading is the identifier, the inner one is
 * a part of it.
 */
function dropContainedInDirect(spans: readonly DetectedSpan[]): DetectedSpan[] {
  const byStart = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: DetectedSpan[] = [];
  let reach = -1; // furthest end of a direct-identifier span started so far
  let reachStart = -1;
  for (const span of byStart) {
    const inside = span.end <= reach && !(span.start === reachStart && span.end === reach);
    if (!inside) kept.push(span);
    if (overlapTier(span.type) === 0 && span.end > reach) {
      reach = span.end;
      reachStart = span.start;
    }
  }
  return kept;
}

/**
 * Tier 0: structured identifiers (STRUCTURED: every direct identifier but PERSON, and PASSPORT, MAC_ADDRESS,
 * CRYPTO_WALLET), found by shape, checksum or label. Tier 1: the rest (names, places, organisations from the
 * statistical tagger; dates, ages, postal codes). A model's confident guess that a token is a name must not hide an
 * API key or an e-mail address under a weaker type.
 */
export function overlapTier(type: EntityType): number {
  return STRUCTURED.has(type) ? 0 : 1;
}

/**
 * Sorts `spans` by start in place (stable; nothing to do when they already are) and says whether none is empty and
 * none overlaps another (the rule then keeps them all).
 */
function sortDisjointByStart(spans: DetectedSpan[]): boolean {
  let sorted = true;
  for (let i = 1; i < spans.length && sorted; i++)
    sorted = (spans[i - 1] as DetectedSpan).start <= (spans[i] as DetectedSpan).start;
  if (!sorted) spans.sort((a, b) => a.start - b.start);
  let reach = -1;
  for (const span of spans) {
    if (span.start < reach || span.end <= span.start) return false;
    reach = span.end;
  }
  return true;
}

/**
 * The overlap rule, total and deterministic. First, a span strictly inside a tier-0 span is dropped.
 * Then candidates are ranked by overlapTier (0 first), overlapRank (higher first), length (longer first), start
 * (earlier first), entity type (order of ENTITY_TYPES), recognizer name; each candidate is kept when it overlaps no
 * candidate kept before it. Given the `text`, a candidate that overlaps one kept before it keeps its parts that
 * overlap nothing kept (keepRemainders): "@Satya Nadella" read as the handle "@Satya" and the name "Satya Nadella"
 * keeps "Nadella" as PERSON, where the name was dropped whole and "Nadella" left in. The result is sorted by start.
 */
export function resolveOverlaps(spans: readonly DetectedSpan[], textLength: number, text?: string): DetectedSpan[] {
  return resolveOwned([...spans], textLength, text);
}

/** Texts up to this length share one zeroed byte array for the overlap rule (allocating one costs more than the rule). */
const SHARED_TAKEN_LENGTH = 1 << 16;
let sharedTaken = new Uint8Array(1024);

/**
 * A zeroed byte per character of the text: the shared one (grown when needed), or a new one for a long text or for
 * spans reaching outside the text (marks past its end would then be read back).
 */
function takenScratch(spans: readonly DetectedSpan[], textLength: number): Uint8Array {
  if (textLength > SHARED_TAKEN_LENGTH) return new Uint8Array(textLength);
  for (const span of spans) if (span.start < 0 || span.end > textLength) return new Uint8Array(textLength);
  if (sharedTaken.length < textLength) sharedTaken = new Uint8Array(Math.max(textLength, sharedTaken.length * 2));
  return sharedTaken;
}

/**
 * resolveOverlaps on an array the caller gives away (the analyzer's candidates): it is sorted in place and returned
 * when it is already disjoint. A stable sort by start keeps the order of spans with the same start, so the rule's
 * ties fall as they do on the original order.
 */
function resolveOwned(spans: DetectedSpan[], textLength: number, text?: string): DetectedSpan[] {
  if (spans.length <= 1 || sortDisjointByStart(spans)) return spans;
  const ranked = dropContainedInDirect(spans).sort(
    (a, b) =>
      overlapTier(a.type) - overlapTier(b.type) ||
      overlapRank(b) - overlapRank(a) ||
      b.end - b.start - (a.end - a.start) ||
      a.start - b.start ||
      (TYPE_RANK.get(a.type) ?? 0) - (TYPE_RANK.get(b.type) ?? 0) ||
      (a.recognizer < b.recognizer ? -1 : a.recognizer > b.recognizer ? 1 : 0),
  );
  // One byte per character marks what is taken: the check costs the span's length, never the number of spans.
  const taken = takenScratch(ranked, textLength);
  const kept: DetectedSpan[] = [];
  for (const span of ranked) {
    let free = true;
    for (let i = span.start; i < span.end; i++) {
      if (taken[i] !== 0) {
        free = false;
        break;
      }
    }
    if (!free) {
      if (text !== undefined) keepRemainders(span, taken, text, kept);
      continue;
    }
    taken.fill(takenMark(span.type), span.start, span.end);
    kept.push(span);
  }
  // The scratch is left all zero for the next record.
  if (taken === sharedTaken) for (const span of kept) taken.fill(0, span.start, span.end);
  return kept.sort((a, b) => a.start - b.start);
}

// What the overlap rule's scratch holds per character: 0 free, else the kind of span kept there.
const TIER_1 = 1;
const WEB = 2;
const STRUCTURED_OTHER = 3;
const WEB_TYPES = new Set<EntityType>(['EMAIL', 'URL', 'USERNAME']);
const takenMark = (type: EntityType): number =>
  overlapTier(type) === 1 ? TIER_1 : WEB_TYPES.has(type) ? WEB : STRUCTURED_OTHER;

const FIRST_WORD_CHAR = /[\p{L}\p{N}]/u;
const WORD_CHAR_OR_MARK = /^[\p{L}\p{N}\p{M}]$/u;
// Three letters or digits in a row (marks between them count with their letter): "de", "CV to" and a lone initial are
// what a wrong edge of a span leaves, not a name or a number.
const WORD_OF_THREE = /(?:[\p{L}\p{N}]\p{M}*){3}/u;

/**
 * The parts of `span` that no kept span covers, each trimmed to its first letter or digit and its last letter, digit
 * or mark (whole code points), kept when they hold three letters or digits in a row, as spans of their own with the
 * span's type, score and recognizer (marked taken, so later candidates see them).
 */
function keepRemainders(span: DetectedSpan, taken: Uint8Array, text: string, kept: DetectedSpan[]): void {
  let i = span.start;
  while (i < span.end) {
    while (i < span.end && taken[i] !== 0) i++;
    let j = i;
    while (j < span.end && taken[j] === 0) j++;
    const piece = text.slice(i, j);
    const first = piece.search(FIRST_WORD_CHAR);
    // Before an e-mail address, URL or handle, what is left of a name, place or organisation is a word the tagger
    // wrongly took with it ("Visit Google.com", "on Instagram JaneDoe", "Send your CV to ana@x.io"); after one, it is
    // the rest of a name ("@Satya Nadella").
    const beforeWebIdentifier = j < span.end && taken[j] === WEB && overlapTier(span.type) === 1;
    if (first >= 0 && WORD_OF_THREE.test(piece) && !beforeWebIdentifier) {
      let last = piece.length;
      for (;;) {
        const low = piece.charCodeAt(last - 1);
        const size = low >= 0xdc00 && low <= 0xdfff && last >= 2 ? 2 : 1;
        if (WORD_CHAR_OR_MARK.test(piece.slice(last - size, last)) || last - size <= first) break;
        last -= size;
      }
      taken.fill(takenMark(span.type), i + first, i + last);
      kept.push({ ...span, start: i + first, end: i + last });
    }
    i = j;
  }
}

/**
 * Creates an analyzer. Example: `createAnalyzer().analyze({ text: 'mail me: a@b.co' })` →
 * `[{ start: 9, end: 15, type: 'EMAIL', score: 1, recognizer: 'email' }]`.
 */
export function createAnalyzer(options: AnalyzerOptions = {}): Analyzer {
  const recognizers = Object.freeze([...(options.recognizers ?? createDefaultRecognizers())]);
  const minScore = options.minScore ?? DEFAULT_MIN_SCORE;

  // The recognizers that run for a language tag, per tag seen (records share a few tags).
  const byTag = new Map<string | undefined, readonly Recognizer[]>();
  let lastTag: string | undefined;
  let active = activeFor(undefined);

  function activeFor(tag: string | undefined): readonly Recognizer[] {
    let list = byTag.get(tag);
    if (list === undefined) {
      const lang = primaryLanguage(tag);
      list = recognizers.filter((r) => lang === undefined || !r.languages || r.languages.includes(lang));
      if (byTag.size >= 256) byTag.clear();
      byTag.set(tag, list);
    }
    return list;
  }

  function analyze(input: AnalysisInput, analyzeOptions?: AnalyzeOptions): DetectedSpan[] {
    if (input.text.length === 0) return [];
    if (input.lang !== lastTag) {
      lastTag = input.lang;
      active = activeFor(input.lang);
    }
    const candidates: DetectedSpan[] = [];
    for (const recognizer of active) {
      if (recognizer.analyzeInto !== undefined) recognizer.analyzeInto(input, candidates, analyzeOptions);
      else for (const span of recognizer.analyze(input, analyzeOptions)) candidates.push(span);
    }
    // Spans below minScore or empty are dropped (a filtered copy only when there is one).
    let allKept = true;
    for (const span of candidates) allKept &&= span.score >= minScore && span.end > span.start;
    return resolveOwned(
      allKept ? candidates : candidates.filter((span) => span.score >= minScore && span.end > span.start),
      input.text.length,
      input.text,
    );
  }

  return Object.freeze({ recognizers, analyze });
}
