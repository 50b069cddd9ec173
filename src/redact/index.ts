// Public API of the redaction engine: analyzer (recognizers → spans), anonymizer (operators on spans), redactor,
// and the JSONL streaming services behind `assent detect` and `assent redact`.

export { type Analyzer, type AnalyzerOptions, createAnalyzer, DEFAULT_MIN_SCORE, resolveOverlaps } from './analyzer.js';
export {
  type AnonymizedText,
  type Anonymizer,
  createAnonymizer,
  DEFAULT_REDACTION_CONFIG,
  type OperatorConfig,
  type RedactionConfig,
  RedactionConfigError,
  type RedactionConfigIssue,
  validateRedactionConfig,
  zeroCounts,
} from './anonymizer.js';
export { findOperator, normalizeForPseudonym, OPERATORS, type Operator, type OperatorName } from './operators/index.js';
export { createPatternRecognizer, type PatternRecognizerSpec, type PatternSpec } from './pattern-recognizer.js';
export type { AnalysisInput, AnalyzeOptions, DetectedSpan, Explanation, Recognizer } from './recognizer.js';
export { createRedactor, type Redactor } from './redactor.js';
export { createDefaultRecognizers, RECOGNIZER_FACTORIES } from './registry.js';
export { detectStream, redactStream, type StreamCounts, type StreamOptions } from './stream.js';
export { type ParsedLine, parseRecordLine, type StreamRecord } from './stream-record.js';
