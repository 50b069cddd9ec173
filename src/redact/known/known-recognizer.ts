// The known-identity recognizer: wraps a compiled KnownIdentityMatcher behind the Recognizer seam.

import type { AnalysisInput, AnalyzeOptions, DetectedSpan, Recognizer } from '../recognizer.js';
import type { KnownIdentityMatcher } from './known-identities.js';

export const KNOWN_IDENTITY_RECOGNIZER = 'known-identity';

/**
 * A recognizer reporting every known identity in a text with score 1 (the match is exact, so it is certain).
 * @example createKnownIdentityRecognizer(compileKnownIdentities(directoryNames))
 */
export function createKnownIdentityRecognizer(matcher: KnownIdentityMatcher): Recognizer {
  return Object.freeze({
    name: KNOWN_IDENTITY_RECOGNIZER,
    types: matcher.types.length > 0 ? matcher.types : Object.freeze(['PERSON' as const]),
    analyze(input: AnalysisInput, options?: AnalyzeOptions): DetectedSpan[] {
      return matcher.match(input.text).map((m) => {
        const span = { start: m.start, end: m.end, type: m.type, score: 1, recognizer: KNOWN_IDENTITY_RECOGNIZER };
        return options?.explain === true
          ? {
              ...span,
              explanation: {
                recognizer: KNOWN_IDENTITY_RECOGNIZER,
                originalScore: 1,
                validation: 'not_applicable' as const,
                note: 'whole-token match against the known-identity list (case and diacritics ignored)',
              },
            }
          : span;
      });
    },
  });
}
