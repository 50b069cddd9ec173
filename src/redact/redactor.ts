// The redactor: analyzer then anonymizer, for one record.

import type { Analyzer } from './analyzer.js';
import type { AnonymizedText, Anonymizer } from './anonymizer.js';
import type { AnalysisInput, DetectedSpan } from './recognizer.js';

export interface Redactor {
  /** Detects and redacts one record. */
  redact(input: AnalysisInput): AnonymizedText & { readonly spans: readonly DetectedSpan[] };
}

/** Joins an analyzer and an anonymizer. Example: `createRedactor({ analyzer: createAnalyzer(), anonymizer: createAnonymizer() })`. */
export function createRedactor(parts: { analyzer: Analyzer; anonymizer: Anonymizer }): Redactor {
  return Object.freeze({
    redact(input: AnalysisInput) {
      const spans = parts.analyzer.analyze(input);
      return { ...parts.anonymizer.anonymize(input.text, spans), spans };
    },
  });
}
