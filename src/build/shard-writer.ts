// Shard sinks: Parquet (our streaming writer in ./parquet, GZIP pages, no timestamps, so equal rows give equal bytes)
// or gzipped JSONL (fixed level, mtime 0). Records are appended one at a time and written as row groups fill, so a
// shard never has to be held in memory. Each sink writes to a temporary name, hashes the bytes as they are written,
// fsyncs, and renames, so a shard file either is complete or does not exist under its final name.

import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync, writevSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { packageVersion } from '../version.js';
// The writer's own module, not ./parquet/index.js: a build worker then loads no Parquet reader code.
import { type CellValue, ParquetWriter, type StringColumn } from './parquet/parquet-writer.js';

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

/** An OutputRecord with its text given as UTF-8 bytes (pass 2 reads them from spill files and never decodes them). */
export interface Utf8TextRecord extends Omit<OutputRecord, 'text'> {
  readonly text: Uint8Array;
}

/** What a finished shard is: its digest and size, as the manifest records them. */
export interface ShardWritten {
  readonly sha256: string;
  readonly bytes: number;
  readonly records: number;
}

/** An open shard: append records in their final order, then close (or abort). */
export interface ShardWriter {
  append(record: OutputRecord | Utf8TextRecord): void;
  /** Writes what is buffered, fsyncs, renames the temporary file into place. */
  close(): Promise<ShardWritten>;
  /** Removes the temporary file; the final name is never touched. */
  abort(): void;
}

export interface ShardWriterOptions {
  /** Parquet rows per row group (memory is bounded by one row group). Default 50,000. */
  readonly rowGroupRows?: number;
}

export function shardExtension(format: ShardFormat): string {
  return format === 'parquet' ? '.parquet' : '.jsonl.gz';
}

/** `data-00003-of-00008.parquet` */
export function shardFileName(index: number, count: number, format: ShardFormat): string {
  const pad = (n: number) => String(n).padStart(5, '0');
  return `data-${pad(index)}-of-${pad(count)}${shardExtension(format)}`;
}

/** The columns of every Parquet shard; `author` is present only in builds whose policy asks for it. */
export function shardColumns(withAuthor: boolean): readonly StringColumn[] {
  return [
    { name: 'text', optional: false, dictionary: false },
    { name: 'kind', optional: false, dictionary: true },
    { name: 'language', optional: true, dictionary: true },
    { name: 'month', optional: false, dictionary: true },
    ...(withAuthor ? [{ name: 'author', optional: false, dictionary: true }] : []),
  ];
}

const WRITE_BUFFER = 1 << 20;

/** Uncompressed JSONL bytes per gzip member: small shards stay a single member, large ones stream. */
const JSONL_MEMBER = 8 << 20;

/** A temporary file that hashes what is written and coalesces small chunks into large writes. */
class HashingFile {
  private readonly fd: number;
  private readonly hash = createHash('sha256');
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  bytes = 0;

  constructor(readonly path: string) {
    rmSync(path, { force: true });
    this.fd = openSync(path, 'w');
  }

  write(chunk: Buffer): void {
    this.hash.update(chunk);
    this.bytes += chunk.length;
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    if (this.pendingBytes >= WRITE_BUFFER) this.flush();
  }

  private flush(): void {
    if (this.pendingBytes === 0) return;
    // One gathered write of the chunks as they are (no megabyte copy into a new buffer); a short write, rare for a
    // regular file, is finished chunk by chunk.
    let written = writevSync(this.fd, this.pending);
    for (const chunk of this.pending) {
      if (written >= chunk.length) {
        written -= chunk.length;
        continue;
      }
      for (let at = written; at < chunk.length; ) at += writeSync(this.fd, chunk, at, chunk.length - at);
      written = 0;
    }
    this.pending = [];
    this.pendingBytes = 0;
  }

  /** Flushes, fsyncs and closes; returns the digest. */
  finish(): string {
    try {
      this.flush();
      fsyncSync(this.fd);
    } finally {
      closeSync(this.fd);
    }
    return this.hash.digest('hex');
  }

  discard(): void {
    try {
      closeSync(this.fd);
    } catch {
      // already closed by a failed finish
    }
    rmSync(this.path, { force: true });
  }
}

/**
 * Opens a shard for streaming writes to `path` (through `path.tmp`).
 *
 * @example
 * const shard = openShardWriter(path, 'parquet', false);
 * for (const r of records) shard.append(r);
 * const { sha256, bytes } = await shard.close();
 */
export function openShardWriter(
  path: string,
  format: ShardFormat,
  withAuthor: boolean,
  options: ShardWriterOptions = {},
): ShardWriter {
  const file = new HashingFile(`${path}.tmp`);
  let records = 0;
  let done = false;
  let append: (record: OutputRecord | Utf8TextRecord) => void;
  let end: () => void;
  try {
    if (format === 'jsonl') {
      let text = '';
      const flushMember = () => {
        if (text !== '') file.write(gzipSync(Buffer.from(text, 'utf8'), { level: 6 }));
        text = '';
      };
      append = (given) => {
        const r =
          typeof given.text === 'string'
            ? given
            : { ...given, text: Buffer.from(given.text.buffer, given.text.byteOffset, given.text.length).toString() };
        text += `${JSON.stringify(withAuthor ? r : { text: r.text, kind: r.kind, language: r.language, month: r.month })}\n`;
        if (text.length >= JSONL_MEMBER) flushMember();
      };
      end = flushMember;
    } else {
      const writer = new ParquetWriter(
        shardColumns(withAuthor),
        {
          // The package version only: codeVersion() would also run git, a child process per worker thread.
          createdBy: `assent ${packageVersion()}`,
          compression: 'gzip',
          ...(options.rowGroupRows !== undefined ? { rowGroupRows: options.rowGroupRows } : {}),
        },
        (chunk) => file.write(chunk),
      );
      // One row array for every record (appendRow keeps none of it), not a new one per record.
      const row: CellValue[] = withAuthor ? [null, null, null, null, null] : [null, null, null, null];
      append = (r) => {
        row[0] = r.text;
        row[1] = r.kind;
        row[2] = r.language;
        row[3] = r.month;
        if (withAuthor) row[4] = r.author ?? null;
        writer.appendRow(row);
      };
      end = () => writer.close();
    }
  } catch (error) {
    file.discard();
    throw error;
  }
  return {
    append(record) {
      if (done) throw new Error('the shard is already closed');
      append(record);
      records++;
    },
    async close() {
      if (done) throw new Error('the shard is already closed');
      done = true;
      let sha256: string;
      try {
        end();
        sha256 = file.finish();
      } catch (error) {
        file.discard();
        throw error;
      }
      renameSync(file.path, path);
      return { sha256, bytes: file.bytes, records };
    },
    abort() {
      if (done) return;
      done = true;
      file.discard();
    },
  };
}

/** Writes records to `path` atomically in the given format; returns the file's sha256 and size. */
export async function writeShard(
  path: string,
  records: Iterable<OutputRecord>,
  format: ShardFormat,
  withAuthor: boolean,
): Promise<ShardWritten> {
  const shard = openShardWriter(path, format, withAuthor);
  try {
    for (const r of records) shard.append(r);
  } catch (error) {
    shard.abort();
    throw error;
  }
  return shard.close();
}

/** Reads a shard back (for scans and tests). */
export async function readShard(path: string): Promise<OutputRecord[]> {
  if (path.endsWith('.jsonl.gz')) {
    return gunzipSync(readFileSync(path))
      .toString('utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as OutputRecord);
  }
  // Loaded here only: build workers write shards and never read one (parquetjs takes ~0.13 CPU-s to load).
  const { default: parquet } = await import('@dsnp/parquetjs');
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
