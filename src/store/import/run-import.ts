// The shape every JSONL import shares: read and parse the file line by line, hand valid lines to the importer in
// chunks inside one transaction, append one audit entry when something was written, and, in strict mode, roll
// everything back when any line was rejected. The importers (members, content, consent) supply only the steps
// that differ.

import type { Store } from '../store.js';
import type { FieldIssue } from './fields.js';
import { type ImportReport, IssueCollector, readJsonl } from './jsonl-reader.js';

/** A valid line, with its line number for issues found while writing. */
export interface ParsedLine<T> {
  readonly line: number;
  readonly value: T;
}

export interface ImportWriteContext {
  readonly tx: Store;
  readonly issues: IssueCollector;
  /** True once strict mode will refuse the file: keep validating, write nothing. */
  refusing(): boolean;
}

export interface ImportSteps<T> {
  readonly strict: boolean;
  readonly chunkSize: number;
  parse(
    record: Readonly<Record<string, unknown>>,
  ): { ok: true; value: T } | { ok: false; issues: readonly FieldIssue[] };
  /** Validates and writes one chunk; returns how many records it wrote. Issues it finds go to `ctx.issues`. */
  write(ctx: ImportWriteContext, chunk: readonly ParsedLine<T>[]): Promise<number>;
  /** Appends the import's audit entry; called once, inside the transaction, only when records were written. */
  audit(tx: Store, summary: { imported: number; rejected: number; fileSha256: string }): Promise<void>;
  /** Lines skipped as repeats of something already recorded. */
  duplicates?(): number;
}

class StrictRefusal extends Error {}

/** Runs one import of `path` into `store` as {@link ImportSteps} describe. */
export async function runJsonlImport<T>(store: Store, path: string, steps: ImportSteps<T>): Promise<ImportReport> {
  const { lines, digest } = readJsonl(path);
  const issues = new IssueCollector(path);
  const refusing = () => steps.strict && issues.rejected > 0;
  let read = 0;
  let imported = 0;
  let committed = false;
  try {
    await store.transaction(async (tx) => {
      const ctx: ImportWriteContext = { tx, issues, refusing };
      const flush = async (chunk: ParsedLine<T>[]) => {
        if (chunk.length > 0) imported += await steps.write(ctx, chunk);
      };
      let chunk: ParsedLine<T>[] = [];
      for await (const batch of lines) {
        for (const entry of batch) {
          read += 1;
          if (entry.record === undefined) {
            issues.add(entry.line, undefined, entry.problem);
            continue;
          }
          const parsed = steps.parse(entry.record);
          if (!parsed.ok) {
            issues.addAll(entry.line, parsed.issues);
            continue;
          }
          chunk.push({ line: entry.line, value: parsed.value });
          if (chunk.length >= steps.chunkSize) {
            await flush(chunk);
            chunk = [];
          }
        }
      }
      await flush(chunk);
      if (refusing()) throw new StrictRefusal();
      if (imported === 0) return;
      await steps.audit(tx, { imported, rejected: issues.rejected, fileSha256: digest() });
      committed = true;
    });
  } catch (error) {
    if (!(error instanceof StrictRefusal)) throw error;
    imported = 0;
  }
  return {
    file: path,
    fileSha256: digest(),
    lines: read,
    imported,
    rejected: issues.rejected,
    duplicates: steps.duplicates?.() ?? 0,
    // Writers find some problems a chunk after the parser's, so order by line.
    issues: [...issues.issues].sort((a, b) => a.line - b.line),
    committed,
  };
}
