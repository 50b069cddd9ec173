// Where a build reads members and content: the store, or JSONL files in DESIGN.md's schema. Members can be read
// more than once (the snapshot is built in two passes); content is streamed once, in batches, never held whole.

import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ContentItem, Member } from '../domain/index.js';
import type { Store } from '../store/store.js';
import { parquetRowCount, readParquetContentAsJsonLines, readParquetMembers } from './parquet/index.js';
import { forEachLine, parseJsonLine, parseMemberObject } from './parse-lines.js';

/**
 * A batch of content for the workers: whole JSONL lines as raw UTF-8 bytes (transferred to the worker, which decodes
 * and parses them: the coordinator never decodes content), or items already parsed.
 */
export type ContentBatch =
  | {
      readonly kind: 'bytes';
      readonly file: string;
      readonly firstLine: number;
      readonly bytes: Uint8Array;
      /** Rows of a Parquet file turned into JSON lines: a bad one is reported as `FILE: row N`, not `FILE:N`. */
      readonly numbering?: 'row';
    }
  | { readonly kind: 'items'; readonly items: readonly ContentItem[] };

/** Bytes per content batch read from a file (whole lines; a longer line makes a larger batch). */
export const BATCH_BYTES = 1 << 20;

/**
 * Bytes per member batch (whole lines): ~3,000 members of ~180 bytes, fewer than the 4,096 lines a batch had when members
 * were read as lines; each batch's ids go to the store in one consent query.
 */
const MEMBER_BATCH_BYTES = 1 << 19;

/** What the manifest records about each source. */
export interface SourceDescription {
  readonly kind: 'store' | 'file';
  readonly name: string;
  readonly role: 'members' | 'content' | 'members+content';
  readonly sha256: string | null;
  readonly bytes: number | null;
  readonly records: number;
}

/** A malformed member line, reported as `FILE:LINE: field: message`. */
export interface RejectedLine {
  readonly where: string;
  readonly field: string;
  readonly message: string;
}

/** Whole JSONL member lines as raw UTF-8 bytes (in their own ArrayBuffer), for parseMemberLines in another thread. */
export interface MemberLines {
  /** The file name that rejected lines are reported against. */
  readonly file: string;
  readonly firstLine: number;
  readonly bytes: Uint8Array;
}

export interface BuildSource {
  describe(): Promise<readonly SourceDescription[]>;
  countMembers(): Promise<number>;
  /** Every member, in batches; may be called several times and yields the same sequence each time. */
  members(onRejected?: (rejected: RejectedLine) => void): AsyncIterable<readonly Member[]>;
  /**
   * The lines members() parses, unparsed, when the source is JSONL: parseMemberLines of each batch, in order, gives
   * members()' batches and rejected lines. Absent for other sources.
   */
  memberLines?(): AsyncIterable<MemberLines>;
  countContent(): Promise<number>;
  /** Content in batches: `batchSize` items from the store, BATCH_BYTES of whole lines from files. */
  content(batchSize: number): AsyncIterable<ContentBatch>;
}

/**
 * Reads a file as lines, in batches, with the 1-based number of the first line of each batch. Each line is decoded
 * alone from readByteBatches' bytes (no megabyte strings to concatenate and slice).
 */
export async function* readLineBatches(
  path: string,
  batchSize: number,
): AsyncIterable<{ firstLine: number; lines: string[] }> {
  let lineNo = 1;
  let batch: string[] = [];
  let batchFirst = 1;
  for await (const { bytes } of readByteBatches(path, BATCH_BYTES)) {
    const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let start = 0; start < data.length; ) {
      let end = data.indexOf(10, start);
      if (end < 0) end = data.length;
      batch.push(data.toString('utf8', start, end));
      lineNo++;
      start = end + 1;
      if (batch.length >= batchSize) {
        yield { firstLine: batchFirst, lines: batch };
        batch = [];
        batchFirst = lineNo;
      }
    }
  }
  if (batch.length > 0) yield { firstLine: batchFirst, lines: batch };
}

/**
 * Reads a file as batches of whole lines of raw bytes, each at most `targetBytes` long (a longer line makes a larger
 * batch) and in its own ArrayBuffer (so it can be transferred), with the 1-based number of its first line. Lines split
 * at byte 10, as readLineBatches does (UTF-8 never has that byte inside a character). The file is read into one reused
 * buffer: each batch costs one allocation, its own.
 */
export async function* readByteBatches(
  path: string,
  targetBytes: number,
): AsyncIterable<{ firstLine: number; bytes: Uint8Array }> {
  const file = await open(path, 'r');
  try {
    let buffer = Buffer.allocUnsafeSlow(Math.max(1, targetBytes));
    let filled = 0;
    let lineNo = 1;
    let eof = false;
    while (!eof || filled > 0) {
      if (!eof) {
        if (filled === buffer.length) {
          // No line end in a full buffer: a line longer than a batch.
          const bigger = Buffer.allocUnsafeSlow(buffer.length * 2);
          buffer.copy(bigger, 0, 0, filled);
          buffer = bigger;
        }
        const { bytesRead } = await file.read(buffer, filled, buffer.length - filled, null);
        if (bytesRead === 0) eof = true;
        filled += bytesRead;
        if (!eof && filled < buffer.length) continue;
      }
      const end = eof ? filled : buffer.lastIndexOf(10, filled - 1) + 1;
      if (end === 0) continue;
      const bytes = new Uint8Array(end);
      bytes.set(buffer.subarray(0, end));
      let lines = 0;
      for (let i = buffer.indexOf(10); i >= 0 && i < end; i = buffer.indexOf(10, i + 1)) lines++;
      yield { firstLine: lineNo, bytes };
      lineNo += lines;
      buffer.copyWithin(0, end, filled);
      filled -= end;
    }
  } finally {
    await file.close();
  }
}

/** Lines of a file as the digest counts them (a last line without a final newline counts). */
export async function countLines(path: string): Promise<number> {
  const file = await open(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(1 << 20);
    let lines = 0;
    let last = 10;
    for (;;) {
      const { bytesRead } = await file.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      const chunk = buffer.subarray(0, bytesRead);
      for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) lines++;
      last = chunk[bytesRead - 1] ?? 10;
    }
    return last === 10 ? lines : lines + 1;
  } finally {
    await file.close();
  }
}

/**
 * The digest thread's code: sha256, bytes and lines of the file named by its workerData (a last line without a final
 * newline counts). Plain JavaScript evaluated as a script, so it runs the same from compiled output and from the
 * TypeScript sources (tsx, vitest), and loads nothing of ours.
 */
const DIGEST_THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { closeSync, openSync, readSync } = require('node:fs');
const hash = createHash('sha256');
const buffer = Buffer.allocUnsafeSlow(1 << 20);
let bytes = 0;
let lines = 0;
let last = 10;
const fd = openSync(workerData, 'r');
try {
  for (;;) {
    const read = readSync(fd, buffer, 0, buffer.length, null);
    if (read === 0) break;
    const chunk = buffer.subarray(0, read);
    hash.update(chunk);
    bytes += read;
    for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) lines++;
    last = chunk[read - 1];
  }
} finally {
  closeSync(fd);
}
if (bytes > 0 && last !== 10) lines++;
parentPort.postMessage({ sha256: hash.digest('hex'), bytes, lines });
`;

/**
 * sha256, size and line count of a file, computed in a thread of its own (~0.4 CPU-s per 460 MB): the coordinator
 * snapshots the members meanwhile.
 */
export function digestFile(path: string): Promise<{ sha256: string; bytes: number; lines: number }> {
  return new Promise((resolve, reject) => {
    const thread = new Worker(DIGEST_THREAD, { eval: true, workerData: path });
    let result: { sha256: string; bytes: number; lines: number } | undefined;
    thread.once('message', (message: { sha256: string; bytes: number; lines: number }) => {
      result = message;
    });
    thread.once('error', reject);
    thread.once('exit', (code) => {
      if (result) resolve(result);
      else reject(new Error(`digest of ${basename(path)} stopped (exit code ${code})`));
    });
  });
}

/**
 * Parses a batch of member lines as members() does (blank lines skipped, each line decoded alone): the members, and
 * the malformed lines as `FILE:LINE`.
 */
export function parseMemberLines(batch: MemberLines): { members: Member[]; rejected: RejectedLine[] } {
  const members: Member[] = [];
  const rejected = forEachMember(batch, (member) => members.push(member));
  return { members, rejected };
}

/**
 * parseMemberLines giving each member to `onMember` as soon as it is parsed (so that it need not outlive its line):
 * returns the malformed lines.
 */
export function forEachMember(batch: MemberLines, onMember: (member: Member) => void): RejectedLine[] {
  const rejected: RejectedLine[] = [];
  const data = Buffer.from(batch.bytes.buffer, batch.bytes.byteOffset, batch.bytes.byteLength);
  forEachLine(data, batch.firstLine, (line, lineNo) => {
    if (line.trim() === '') return;
    const json = parseJsonLine(line);
    const parsed = json.ok ? parseMemberObject(json.value) : json;
    if (parsed.ok) onMember(parsed.value);
    else rejected.push({ where: `${batch.file}:${lineNo}`, field: parsed.field, message: parsed.message });
  });
  return rejected;
}

/** Parquet input is chosen by file extension; everything else is read as JSONL. */
function isParquet(path: string): boolean {
  return path.toLowerCase().endsWith('.parquet');
}

/** Members and content from JSONL or Parquet files (by extension). Blank lines are skipped. */
export function fileSource(membersFile: string, contentFiles: readonly string[]): BuildSource {
  const digests = new Map<string, Promise<{ sha256: string; bytes: number; lines: number }>>();
  const digest = (path: string) => {
    let found = digests.get(path);
    if (!found) {
      found = digestFile(path).then(async (d) => (isParquet(path) ? { ...d, lines: await parquetRowCount(path) } : d));
      digests.set(path, found);
    }
    return found;
  };
  const file = basename(membersFile);
  async function* memberLines(): AsyncIterable<MemberLines> {
    for await (const { firstLine, bytes } of readByteBatches(membersFile, MEMBER_BATCH_BYTES)) {
      yield { file, firstLine, bytes };
    }
  }
  return {
    async describe() {
      const out: SourceDescription[] = [];
      for (const [path, role] of [
        [membersFile, 'members'],
        ...contentFiles.map((f) => [f, 'content'] as const),
      ] as const) {
        const d = await digest(path);
        out.push({ kind: 'file', name: basename(path), role, sha256: d.sha256, bytes: d.bytes, records: d.lines });
      }
      return out;
    },
    async countMembers() {
      // Counted here rather than taken from the digest: the member snapshot needs the count first, and waiting for the
      // digest thread to start and read the whole file kept this thread idle (~0.2 s with 60,000 members).
      return isParquet(membersFile) ? parquetRowCount(membersFile) : countLines(membersFile);
    },
    async *members(onRejected) {
      if (isParquet(membersFile)) {
        yield* readParquetMembers(membersFile, onRejected);
        return;
      }
      for await (const lines of memberLines()) {
        const { members, rejected } = parseMemberLines(lines);
        if (onRejected) for (const r of rejected) onRejected(r);
        yield members;
      }
    },
    ...(isParquet(membersFile) ? {} : { memberLines }),
    async countContent() {
      let total = 0;
      for (const file of contentFiles) total += (await digest(file)).lines;
      return total;
    },
    async *content() {
      for (const file of contentFiles) {
        if (isParquet(file)) {
          for await (const { firstRow, bytes } of readParquetContentAsJsonLines(file, BATCH_BYTES)) {
            yield { kind: 'bytes', file: basename(file), firstLine: firstRow, bytes, numbering: 'row' };
          }
          continue;
        }
        for await (const { firstLine, bytes } of readByteBatches(file, BATCH_BYTES)) {
          yield { kind: 'bytes', file: basename(file), firstLine, bytes };
        }
      }
    },
  };
}

/** Members and content from the store, in id order. */
export function storeSource(store: Store): BuildSource {
  return {
    async describe() {
      const members = await store.countMembers();
      const content = await store.countContent();
      return [
        { kind: 'store', name: store.location, role: 'members', sha256: null, bytes: null, records: members },
        { kind: 'store', name: store.location, role: 'content', sha256: null, bytes: null, records: content },
      ];
    },
    countMembers: () => store.countMembers(),
    async *members() {
      yield* store.scanMembers({ batchSize: 2000 });
    },
    countContent: () => store.countContent(),
    async *content(batchSize) {
      for await (const items of store.scanContent({ batchSize })) yield { kind: 'items', items };
    },
  };
}
