// Streams a JSONL file line by line, hashing the bytes as they pass, and reports lines that are not JSON objects
// as issues. Shared by every importer so they all number lines and word problems the same way.

import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
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

function parseLine(line: number, text: string): JsonlLine {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { line, problem: 'expected a JSON object, found text that is not valid JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const found = Array.isArray(value) ? 'a list' : value === null ? 'null' : `a ${typeof value}`;
    return { line, problem: `expected a JSON object, found ${found}` };
  }
  return { line, record: value as Record<string, unknown> };
}

/** Formats an issue the way every importer reports it. */
export function lineIssue(file: string, line: number, field: string | undefined, message: string): ImportIssue {
  return field === undefined
    ? { line, message: `${file}:${line}: ${message}` }
    : { line, field, message: `${file}:${line}: ${field}: ${message}` };
}

/**
 * Reads `path` as JSONL. Yields the non-blank lines, in batches as they arrive, each as an object or with the
 * problem that makes it unusable.
 * `digest()` returns the file's sha256 once iteration has finished.
 */
export function readJsonl(path: string): { lines: AsyncIterable<readonly JsonlLine[]>; digest(): string } {
  const hash = createHash('sha256');
  let digest: string | undefined;
  async function* lines(): AsyncGenerator<readonly JsonlLine[]> {
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
    let line = 0;
    for await (const texts of splitLines(stream, hash)) {
      const batch: JsonlLine[] = [];
      for (const text of texts) {
        line += 1;
        if (text.trim() !== '') batch.push(parseLine(line, text));
      }
      if (batch.length > 0) yield batch;
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

/** Splits a byte stream into lines (LF or CRLF), hashing the bytes; faster than node:readline for big files. */
async function* splitLines(stream: AsyncIterable<Buffer>, hash: Hash): AsyncGenerator<string[]> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  for await (const chunk of stream) {
    hash.update(chunk);
    const text = rest + decoder.write(chunk);
    const lines: string[] = [];
    let start = 0;
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
      lines.push(text.charCodeAt(end - 1) === 13 ? text.slice(start, end - 1) : text.slice(start, end));
      start = end + 1;
    }
    rest = text.slice(start);
    if (lines.length > 0) yield lines;
  }
  rest += decoder.end();
  if (rest !== '') yield [rest.endsWith('\r') ? rest.slice(0, -1) : rest];
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
