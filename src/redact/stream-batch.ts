// Processing a batch of JSONL lines into output lines; the same code runs inline and inside pool workers.

import type { EntityType } from '../domain/index.js';
import { createAnalyzer } from './analyzer.js';
import { createAnonymizer, type RedactionConfig, zeroCounts } from './anonymizer.js';
import { compileKnownIdentities, createKnownIdentityRecognizer, type KnownIdentity } from './known/index.js';
import type { Recognizer } from './recognizer.js';
import { createDefaultRecognizers } from './registry.js';
import { formatDetectLine, formatErrorLine, formatRedactLine, parseRecordLine } from './stream-record.js';

export type StreamMode = 'detect' | 'redact';

/** Plain, structured-cloneable settings (they cross to worker threads). */
export interface BatchSettings {
  readonly mode: StreamMode;
  readonly minScore?: number;
  readonly redaction?: RedactionConfig;
  readonly maxLineLength?: number;
  /** Names (and other values) to find wherever they appear: the member directory, a removal list. */
  readonly knownIdentities?: readonly KnownIdentity[];
}

export interface BatchCounts {
  records: number;
  errors: number;
  dropped: number;
  entities: Record<EntityType, number>;
}

export interface BatchResult {
  /** The output lines, each followed by a newline: one string, so a worker's answer crosses threads in one piece. */
  readonly text: string;
  readonly counts: BatchCounts;
}

export function emptyBatchCounts(): BatchCounts {
  return { records: 0, errors: 0, dropped: 0, entities: zeroCounts() };
}

export function addBatchCounts(into: BatchCounts, from: BatchCounts): void {
  into.records += from.records;
  into.errors += from.errors;
  into.dropped += from.dropped;
  for (const [type, n] of Object.entries(from.entities) as [EntityType, number][]) into.entities[type] += n;
}

export type BatchProcessor = (lines: readonly string[], firstLineNumber: number) => BatchResult;

/** Builds the per-line engine once (recognizers compiled once per thread). */
export function createBatchProcessor(settings: BatchSettings, recognizers?: readonly Recognizer[]): BatchProcessor {
  const known = settings.knownIdentities?.length
    ? [createKnownIdentityRecognizer(compileKnownIdentities(settings.knownIdentities))]
    : [];
  const all = known.length > 0 ? [...(recognizers ?? createDefaultRecognizers()), ...known] : recognizers;
  const analyzer = createAnalyzer({
    ...(all ? { recognizers: all } : {}),
    ...(settings.minScore !== undefined ? { minScore: settings.minScore } : {}),
  });
  const anonymizer = settings.mode === 'redact' ? createAnonymizer(settings.redaction) : undefined;

  return (lines, firstLineNumber) => {
    const counts = emptyBatchCounts();
    const out: string[] = new Array(lines.length);
    for (let i = 0; i < lines.length; i++) {
      const lineNumber = firstLineNumber + i;
      counts.records++;
      const parsed = parseRecordLine(lines[i] as string, lineNumber, settings.maxLineLength);
      if (!parsed.ok) {
        counts.errors++;
        out[i] = formatErrorLine(parsed.id, parsed.error);
        continue;
      }
      const { record } = parsed;
      try {
        const spans = analyzer.analyze(record);
        if (anonymizer) {
          const text = anonymizer.anonymizeCounting(record.text, spans, counts.entities);
          if (text === null) counts.dropped++;
          out[i] = formatRedactLine(record.id, text);
        } else {
          for (const span of spans) counts.entities[span.type]++;
          out[i] = formatDetectLine(record.id, spans);
        }
      } catch (error) {
        // A bug, not bad input: report the line without its content and go on.
        counts.errors++;
        const name = error instanceof Error ? error.name : 'Error';
        out[i] = formatErrorLine(record.id, `line ${lineNumber}: internal error (${name}) while processing the record`);
      }
    }
    return { text: out.length > 0 ? `${out.join('\n')}\n` : '', counts };
  };
}
