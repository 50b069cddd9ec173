// Reading build input from Parquet files in DESIGN.md's member/content schema, with @dsnp/parquetjs's reader (which
// decodes one row group at a time, so a file is never held whole). Values are normalised to what the JSONL parsers
// accept: timestamps become ISO strings, 64-bit integers numbers, and LIST columns (as pyarrow writes them) arrays.

import { basename } from 'node:path';
import type { Member } from '../../domain/index.js';
import { BuildError } from '../build-error.js';
import { parseMemberObject } from '../parse-lines.js';
import type { RejectedLine } from '../source.js';

type Row = Record<string, unknown>;

/** The columns a file must have to be read as members or as content (the others are optional). */
export const REQUIRED_COLUMNS = Object.freeze({
  members: ['member_id'],
  content: ['content_id', 'author_id', 'kind', 'visibility', 'text', 'created_at'],
} as const);

/** The slice of parquetjs's reader used here. */
interface RowReader {
  getRowCount(): { valueOf(): number } | number | bigint;
  getSchema(): { fields: Record<string, unknown> };
  getCursor(): { next(): Promise<unknown> };
  close(): Promise<void>;
}

async function openReader(path: string): Promise<RowReader> {
  // Loaded on first use: parquetjs and its dependencies take ~0.13 CPU-s to load, and most builds read JSONL.
  const { default: parquet } = await import('@dsnp/parquetjs');
  try {
    return (await parquet.ParquetReader.openFile(path)) as unknown as RowReader;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new BuildError(
      'ASSENT_BUILD_BAD_OPTION',
      `${basename(path)}: expected a Parquet file, found one that ${
        /not valid parquet/i.test(reason) ? 'lacks the PAR1 markers' : `cannot be read (${reason})`
      }`,
    );
  }
}

/** Turns a parquetjs value into the JSON-like value DESIGN.md's JSONL would hold. */
export function normalizeParquetValue(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (Array.isArray(value)) return value.map(normalizeParquetValue);
  if (Buffer.isBuffer(value)) return value;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Row);
    // The three-level LIST layout: { list: [{ element: v }, ...] } (pyarrow names the leaf `element` or `item`);
    // parquetjs reads an empty list as { list: null }.
    if (
      entries.length === 1 &&
      entries[0]?.[0] === 'list' &&
      (entries[0][1] === null || Array.isArray(entries[0][1]))
    ) {
      return ((entries[0][1] ?? []) as unknown[]).map((entry) => {
        if (entry !== null && typeof entry === 'object' && !Array.isArray(entry)) {
          const inner = Object.values(entry as Row);
          return normalizeParquetValue(inner.length === 1 ? inner[0] : entry);
        }
        return normalizeParquetValue(entry);
      });
    }
    return Object.fromEntries(entries.map(([k, v]) => [k, normalizeParquetValue(v)]));
  }
  return value;
}

/** Rows in the file, from its footer. */
export async function parquetRowCount(path: string): Promise<number> {
  const reader = await openReader(path);
  try {
    return Number(reader.getRowCount());
  } finally {
    await reader.close();
  }
}

/**
 * The rows of a Parquet file in order, in batches of about `batchRows`, each with the 1-based number of its first
 * row. Fails with a user error naming the file when a column that `role` needs is missing.
 */
export async function* readParquetRows(
  path: string,
  role: keyof typeof REQUIRED_COLUMNS,
  batchRows: number,
): AsyncIterable<{ firstRow: number; rows: Row[] }> {
  const reader = await openReader(path);
  try {
    const columns = new Set(Object.keys(reader.getSchema().fields));
    const missing = REQUIRED_COLUMNS[role].filter((c) => !columns.has(c));
    if (missing.length > 0) {
      throw new BuildError(
        'ASSENT_BUILD_BAD_OPTION',
        `${basename(path)}: expected ${role} columns ${missing.join(', ')}, found only ${[...columns].join(', ') || 'none'}`,
      );
    }
    const cursor = reader.getCursor();
    let rows: Row[] = [];
    let firstRow = 1;
    for (let row = await cursor.next(); row; row = await cursor.next()) {
      rows.push(normalizeParquetValue(row) as Row);
      if (rows.length >= batchRows) {
        yield { firstRow, rows };
        firstRow += rows.length;
        rows = [];
      }
    }
    if (rows.length > 0) yield { firstRow, rows };
  } finally {
    await reader.close();
  }
}

/**
 * Content rows as JSON lines in raw UTF-8 (the form workers parse), about `targetBytes` per batch, with the number of
 * the first row: the build reports a bad row as `FILE: row N: field: ...`.
 */
export async function* readParquetContentAsJsonLines(
  path: string,
  targetBytes: number,
): AsyncIterable<{ firstRow: number; bytes: Uint8Array }> {
  let text = '';
  let firstRow = 1;
  let next = 1;
  for await (const batch of readParquetRows(path, 'content', 1024)) {
    for (const row of batch.rows) {
      text += `${JSON.stringify(row)}\n`;
      next++;
      if (text.length >= targetBytes) {
        yield { firstRow, bytes: new Uint8Array(Buffer.from(text, 'utf8')) };
        text = '';
        firstRow = next;
      }
    }
  }
  if (text !== '') yield { firstRow, bytes: new Uint8Array(Buffer.from(text, 'utf8')) };
}

/** Members from a Parquet file, in batches; a bad row is reported as `FILE: row N` and skipped. */
export async function* readParquetMembers(
  path: string,
  onRejected?: (rejected: RejectedLine) => void,
): AsyncIterable<readonly Member[]> {
  const name = basename(path);
  for await (const { firstRow, rows } of readParquetRows(path, 'members', 4096)) {
    const batch: Member[] = [];
    rows.forEach((row, i) => {
      const parsed = parseMemberObject(row);
      if (parsed.ok) batch.push(parsed.value);
      else onRejected?.({ where: `${name}: row ${firstRow + i}`, field: parsed.field, message: parsed.message });
    });
    yield batch;
  }
}
