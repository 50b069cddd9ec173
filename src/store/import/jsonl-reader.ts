// Streams a JSONL file line by line, hashing the bytes as they pass, and reports lines that are not JSON objects
// as issues. Shared by every importer so they all number lines and word problems the same way.

import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { ConsentError } from '../../consent/errors.js';

/** One problem with one line of an input file, already worded as `FILE:LINE: field: expected ..., found ...`. */
export interface ImportIssue {
  readonly line: number;
  readonly field?: string;
  readonly message: string;
}

/** What every importer returns. */
export interface ImportReport {
  readonly file: string;
  /** sha256 of the file's bytes. */
  readonly fileSha256: string;
  /** Non-blank lines read. */
  readonly lines: number;
  /** Records written (0 when nothing was committed). */
  readonly imported: number;
  /** Lines rejected with an issue. */
  readonly rejected: number;
  /** Lines skipped because they repeat a request already recorded with the same content. */
  readonly duplicates: number;
  /** The first `MAX_REPORTED_ISSUES` issues, in line order. */
  readonly issues: readonly ImportIssue[];
  /** False when strict mode refused the file, or nothing was valid. */
  readonly committed: boolean;
}

export const MAX_REPORTED_ISSUES = 1000;

export type JsonlLine =
  | { readonly line: number; readonly record: Readonly<Record<string, unknown>> }
  | { readonly line: number; readonly record?: undefined; readonly problem: string };

/** Formats an issue the way every importer reports it. */
export function lineIssue(file: string, line: number, field: string | undefined, message: string): ImportIssue {
  return field === undefined
    ? { line, message: `${file}:${line}: ${message}` }
    : { line, field, message: `${file}:${line}: ${field}: ${message}` };
}

/**
 * Reads `path` as JSONL. Yields each non-blank line as an object, or with the problem that makes it unusable.
 * `digest()` returns the file's sha256 once iteration has finished.
 */
export function readJsonl(path: string): { lines: AsyncIterable<JsonlLine>; digest(): string } {
  const hash = createHash('sha256');
  let digest: string | undefined;
  async function* lines(): AsyncGenerator<JsonlLine> {
    const stream = createReadStream(path);
    const opened = new Promise<void>((resolve, reject) => {
      stream.once('open', () => resolve());
      stream.once('error', reject);
    });
    try {
      await opened;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
      throw new ConsentError('ASSENT_ERR_IMPORT_UNREADABLE', `${path}: cannot read the file (${code})`, { code });
    }
    stream.on('data', (chunk) => hash.update(chunk));
    const reader = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
    let line = 0;
    for await (const text of reader) {
      line += 1;
      if (text.trim() === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        yield { line, problem: 'expected a JSON object, found text that is not valid JSON' };
        continue;
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        const found = Array.isArray(value) ? 'a list' : value === null ? 'null' : `a ${typeof value}`;
        yield { line, problem: `expected a JSON object, found ${found}` };
        continue;
      }
      yield { line, record: value as Record<string, unknown> };
    }
    digest = hash.digest('hex');
  }
  return {
    lines: lines(),
    digest: () => {
      if (digest === undefined) throw new Error('readJsonl: digest() called before the file was read to the end');
      return digest;
    },
  };
}

/** Collects issues and counts for a report, keeping at most MAX_REPORTED_ISSUES. */
export class IssueCollector {
  readonly issues: ImportIssue[] = [];
  rejected = 0;

  constructor(private readonly file: string) {}

  add(line: number, field: string | undefined, message: string): void {
    this.rejected += 1;
    if (this.issues.length < MAX_REPORTED_ISSUES) this.issues.push(lineIssue(this.file, line, field, message));
  }

  /** Adds one rejected line with several field issues (each reported, counted once). */
  addAll(line: number, issues: readonly { field: string; message: string }[]): void {
    this.rejected += 1;
    for (const issue of issues) {
      if (this.issues.length < MAX_REPORTED_ISSUES)
        this.issues.push(lineIssue(this.file, line, issue.field, issue.message));
    }
  }
}
