// Shard sinks: Parquet (@dsnp/parquetjs, which writes no timestamps, so equal rows give equal bytes) or gzipped
// JSONL (fixed level, mtime 0). Each writes to a temporary name, fsyncs, and renames, so a shard file either is
// complete or does not exist under its final name.

import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import parquet from '@dsnp/parquetjs';

export const FORMATS = ['parquet', 'jsonl'] as const;
export type ShardFormat = (typeof FORMATS)[number];

/** One training record: only minimised fields. */
export interface OutputRecord {
  readonly text: string;
  readonly kind: string;
  readonly language: string | null;
  /** `YYYY-MM` of creation. */
  readonly month: string;
  /** Per-build pseudonymous author key, only when the policy asks for it. */
  readonly author?: string;
}

export function shardExtension(format: ShardFormat): string {
  return format === 'parquet' ? '.parquet' : '.jsonl.gz';
}

/** `data-00003-of-00008.parquet` */
export function shardFileName(index: number, count: number, format: ShardFormat): string {
  const pad = (n: number) => String(n).padStart(5, '0');
  return `data-${pad(index)}-of-${pad(count)}${shardExtension(format)}`;
}

/** The Parquet schema of every shard; `author` is present only in builds whose policy asks for it. */
export function parquetSchema(withAuthor: boolean): InstanceType<typeof parquet.ParquetSchema> {
  return new parquet.ParquetSchema({
    text: { type: 'UTF8', compression: 'GZIP' },
    kind: { type: 'UTF8', compression: 'GZIP' },
    language: { type: 'UTF8', optional: true, compression: 'GZIP' },
    month: { type: 'UTF8', compression: 'GZIP' },
    ...(withAuthor ? { author: { type: 'UTF8', compression: 'GZIP' } } : {}),
  });
}

function fsyncFile(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Writes records to `path` atomically in the given format; returns the file's sha256 and size. */
export async function writeShard(
  path: string,
  records: readonly OutputRecord[],
  format: ShardFormat,
  withAuthor: boolean,
): Promise<{ sha256: string; bytes: number }> {
  const temp = `${path}.tmp`;
  rmSync(temp, { force: true });
  if (format === 'jsonl') {
    let text = '';
    for (const r of records) {
      text += `${JSON.stringify(withAuthor ? r : { text: r.text, kind: r.kind, language: r.language, month: r.month })}\n`;
    }
    writeFileSync(temp, gzipSync(Buffer.from(text, 'utf8'), { level: 6 }));
  } else {
    const writer = await parquet.ParquetWriter.openFile(parquetSchema(withAuthor), temp, { rowGroupSize: 20_000 });
    for (const r of records) {
      await writer.appendRow(
        withAuthor ? { ...r } : { text: r.text, kind: r.kind, language: r.language, month: r.month },
      );
    }
    await writer.close();
  }
  fsyncFile(temp);
  const bytes = readFileSync(temp);
  renameSync(temp, path);
  return { sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length };
}

/** Reads a shard back (for scans and tests). */
export async function readShard(path: string): Promise<OutputRecord[]> {
  if (path.endsWith('.jsonl.gz')) {
    const { gunzipSync } = await import('node:zlib');
    return gunzipSync(readFileSync(path))
      .toString('utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as OutputRecord);
  }
  const reader = await parquet.ParquetReader.openFile(path);
  try {
    const cursor = reader.getCursor();
    const out: OutputRecord[] = [];
    for (let row = await cursor.next(); row; row = await cursor.next()) out.push(row as unknown as OutputRecord);
    return out;
  } finally {
    await reader.close();
  }
}
