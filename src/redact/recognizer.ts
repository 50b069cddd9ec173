// The recognizer seam: a recognizer reads text and returns spans. Pattern recognizers (patterns + context words +
// a validator) and model recognizers (the name tagger) both implement it; the registry lists them all.

import type { EntityType, Span } from '../domain/index.js';

/** The record being analyzed. `country` is the default region for phone numbers and addresses. */
export interface AnalysisInput {
  readonly text: string;
  /** BCP 47 language tag, when known. */
  readonly lang?: string;
  /** ISO 3166-1 alpha-2, when known. */
  readonly country?: string;
}

/** The primary language subtag of a BCP 47 tag, lower-cased ("pt_BR" and "PT-br" give "pt"), or undefined. */
export function primaryLanguage(lang: string | undefined): string | undefined {
  return lang?.split(/[-_]/)[0]?.toLowerCase();
}

/** Why a span was detected: which pattern, which context words raised the score, what the validator said. */
export interface Explanation {
  readonly recognizer: string;
  readonly pattern?: string;
  readonly originalScore: number;
  readonly contextWords?: readonly string[];
  readonly validation?: 'valid' | 'invalid' | 'not_applicable';
  readonly note?: string;
}

export interface DetectedSpan extends Span {
  readonly explanation?: Explanation;
}

export interface AnalyzeOptions {
  /** Attach an explanation to every span (slower; for `--explain` and debugging). */
  readonly explain?: boolean;
}

export interface Recognizer {
  /** Unique name, reported in every span it produces. */
  readonly name: string;
  /** The entity types it can produce. */
  readonly types: readonly EntityType[];
  /** Languages it supports (BCP 47 primary subtags); absent means every language. */
  readonly languages?: readonly string[];
  analyze(input: AnalysisInput, options?: AnalyzeOptions): DetectedSpan[];
  /** The same spans as analyze, appended to `spans` (the analyzer's candidates): no array per call. Optional. */
  analyzeInto?(input: AnalysisInput, spans: DetectedSpan[], options?: AnalyzeOptions): void;
}
