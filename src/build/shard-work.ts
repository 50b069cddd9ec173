// The work a build worker does. Pass 1 decides and redacts each item and appends the allowed records to spill files
// per output shard (binary, with a per-record author index and lineage leaf). Pass 2 turns one shard's spill files
// into the final shard: drop members who withdrew during the build, order by content-id hash, remove exact
// duplicates (keeping the smallest content-id hash), write, and compute the shard's lineage root.

import { createHmac } from 'node:crypto';
import { closeSync, existsSync, openSync, readSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { ContentItem, EntityType } from '../domain/index.js';
import { itemReason } from './build-policy.js';
import { hash64 } from './hash.js';
import { lookupMember, reasonOfCode } from './member-snapshot.js';
import { lineageLeaf, sortedLatin1MerkleRoot } from './merkle.js';
import { parseContentObject, parseJsonLine } from './parse-lines.js';
import { createAnalyze, createRedactor, type Redactor } from './redaction.js';
import { type OutputRecord, openShardWriter } from './shard-writer.js';
import type { ContentBatch } from './source.js';
import {
  emptyStats,
  MAX_REJECTED_SAMPLES,
  type PassStats,
  type ShardResult,
  type ShardTask,
  type WorkerInit,
} from './worker-protocol.js';

const HEADER = 4 * 5 + 32 + 4;
/** Field length that stands for null (no language) or absent (no author key). */
const NO_VALUE = 0xffffffff;

/** Reads the record a spill entry's payload holds (the layout written in pass 1). */
function decodeRecord(payload: Buffer, start: number): OutputRecord {
  let at = start;
  const field = (): string | null => {
    const length = payload.readUInt32LE(at);
    at += 4;
    if (length === NO_VALUE) return null;
    at += length;
    return payload.toString('utf8', at - length, at);
  };
  const text = field() ?? '';
  const kind = field() ?? '';
  const language = field();
  const month = field() ?? '';
  const author = field();
  return author === null ? { text, kind, language, month } : { text, kind, language, month, author };
}
/** A shard's buffer is written at this size; all of them when the worker holds MAX_BUFFERED (any shard count). */
const FLUSH_AT = 1 << 18;
const MAX_BUFFERED = 8 << 20;

/** Spill file of one worker for one shard. */
export function spillPath(spillDir: string, workerIndex: number, shard: number): string {
  return join(spillDir, `w${String(workerIndex).padStart(3, '0')}-s${String(shard).padStart(5, '0')}.bin`);
}

/** A month `YYYY-MM` from an ISO timestamp. */
function monthOf(createdAt: string): string {
  return createdAt.slice(0, 7);
}

export interface DecidePass {
  process(batch: ContentBatch): PassStats;
  /** Writes every buffered record and closes the spill files. */
  finish(): void;
}

/** Creates pass 1 for one worker. */
export function createDecidePass(init: WorkerInit): DecidePass {
  const redactor: Redactor = createRedactor(
    init.redaction,
    init.names,
    createAnalyze(init.analyzer, init.redaction.minScore),
    init.buildKey,
  );
  const key = Buffer.from(init.buildKey, 'hex');
  // Records are written straight into a chunk per shard (memory outside the JS heap, so buffered records cost the
  // garbage collector nothing); full chunks wait in `parts` until the shard is flushed.
  const chunkSize = Math.max(4096, Math.min(FLUSH_AT, Math.floor(MAX_BUFFERED / init.shardCount)));
  const chunks: (Buffer | undefined)[] = new Array(init.shardCount).fill(undefined);
  const used = new Array<number>(init.shardCount).fill(0);
  const parts: Buffer[][] = Array.from({ length: init.shardCount }, () => []);
  const sizes = new Array<number>(init.shardCount).fill(0);
  let buffered = 0;
  let lastAuthor = '';
  let lastPseudonym = '';

  /** Room for `bytes` more in the shard's chunk; returns the chunk and the offset to write at. */
  const reserve = (shard: number, bytes: number): { chunk: Buffer; at: number } => {
    let chunk = chunks[shard];
    const at = used[shard] ?? 0;
    if (chunk === undefined || at + bytes > chunk.length) {
      if (chunk !== undefined && at > 0) (parts[shard] as Buffer[]).push(chunk.subarray(0, at));
      chunk = Buffer.allocUnsafeSlow(Math.max(chunkSize, bytes));
      chunks[shard] = chunk;
      used[shard] = bytes;
      return { chunk, at: 0 };
    }
    used[shard] = at + bytes;
    return { chunk, at };
  };

  // Appends and closes: no descriptor stays open, so thousands of shards need no more than one at a time. Pass 1
  // starts with an empty spill directory (run-build.ts), so appending never follows a stale file.
  const flushShard = (shard: number) => {
    const pending = parts[shard] as Buffer[];
    const chunk = chunks[shard];
    const inChunk = used[shard] ?? 0;
    if (chunk !== undefined && inChunk > 0) pending.push(chunk.subarray(0, inChunk));
    if (pending.length === 0) return;
    const fd = openSync(spillPath(init.spillDir, init.workerIndex, shard), 'a');
    try {
      writeSync(fd, pending.length === 1 ? (pending[0] as Buffer) : Buffer.concat(pending));
    } finally {
      closeSync(fd);
    }
    // The chunk is reused from the start: what it held is written (writeSync returns when the bytes are copied).
    parts[shard] = [];
    used[shard] = 0;
    buffered -= sizes[shard] ?? 0;
    sizes[shard] = 0;
  };

  const asOf = Date.parse(init.asOf);
  const handle = (item: ContentItem, stats: PassStats) => {
    stats.items++;
    if (Date.parse(item.createdAt) > asOf) {
      stats.createdAfterAsOf++;
      return;
    }
    const index = lookupMember(init.snapshot, item.authorId);
    const reason =
      init.policyVersion === null
        ? 'no_policy'
        : index < 0
          ? 'unknown_member'
          : (reasonOfCode(init.snapshot.reasons[index] ?? 0) ?? itemReason(init.itemRules, item));
    if (reason !== null) {
      stats.reasons[reason] = (stats.reasons[reason] ?? 0) + 1;
      return;
    }
    stats.allowed++;
    const redacted = redactor.redact(item.text, item.language);
    for (const type in redacted.counts) {
      stats.redactions[type] = (stats.redactions[type] ?? 0) + (redacted.counts[type as EntityType] ?? 0);
    }
    if (redacted.dropped) {
      stats.dropped++;
      return;
    }
    // Items arrive grouped by author more often than not: one HMAC per run of the same author.
    if (item.authorId !== lastAuthor) {
      lastAuthor = item.authorId;
      lastPseudonym = createHmac('sha256', key).update(item.authorId).digest('hex').slice(0, 32);
    }
    const pseudonym = lastPseudonym;
    const text = redacted.text;
    const month = monthOf(item.createdAt);
    const author = init.authorKey ? pseudonym : null;
    const textBytes = Buffer.byteLength(text, 'utf8');
    const kindBytes = Buffer.byteLength(item.kind, 'utf8');
    const languageBytes = item.language === null ? 0 : Buffer.byteLength(item.language, 'utf8');
    const monthBytes = Buffer.byteLength(month, 'utf8');
    const authorBytes = author === null ? 0 : Buffer.byteLength(author, 'utf8');
    const length = 5 * 4 + textBytes + kindBytes + languageBytes + monthBytes + authorBytes;
    const contentHash = hash64(item.id);
    const textHash = hash64(text);
    const shard = textHash.hi % init.shardCount;
    const total = HEADER + length;
    const { chunk: out, at: base } = reserve(shard, total);
    out.writeUInt32LE(contentHash.hi, base);
    out.writeUInt32LE(contentHash.lo, base + 4);
    out.writeUInt32LE(textHash.hi, base + 8);
    out.writeUInt32LE(textHash.lo, base + 12);
    out.writeUInt32LE(index, base + 16);
    lineageLeaf(pseudonym, item.id).copy(out, base + 20);
    out.writeUInt32LE(length, base + 52);
    // The record: each field as a u32 byte length (NO_VALUE for a null language or no author) and its UTF-8 bytes.
    let at = base + HEADER;
    at = out.writeUInt32LE(textBytes, at);
    at += out.write(text, at, 'utf8');
    at = out.writeUInt32LE(kindBytes, at);
    at += out.write(item.kind, at, 'utf8');
    at = out.writeUInt32LE(item.language === null ? NO_VALUE : languageBytes, at);
    if (item.language !== null) at += out.write(item.language, at, 'utf8');
    at = out.writeUInt32LE(monthBytes, at);
    at += out.write(month, at, 'utf8');
    at = out.writeUInt32LE(author === null ? NO_VALUE : authorBytes, at);
    if (author !== null) out.write(author, at, 'utf8');
    sizes[shard] = (sizes[shard] ?? 0) + total;
    buffered += total;
    if ((sizes[shard] ?? 0) >= FLUSH_AT) flushShard(shard);
    else if (buffered >= MAX_BUFFERED) for (let s = 0; s < init.shardCount; s++) flushShard(s);
  };

  return {
    process(batch) {
      const stats = emptyStats();
      if (batch.kind === 'items') {
        for (const item of batch.items) handle(item, stats);
        return stats;
      }
      const { bytes } = batch;
      const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
      const at = batch.numbering === 'row' ? `${batch.file}: row ` : `${batch.file}:`;
      let lineNo = batch.firstLine;
      for (let start = 0; start < text.length; lineNo++) {
        let end = text.indexOf('\n', start);
        if (end < 0) end = text.length;
        const line = text.slice(start, end);
        start = end + 1;
        if (line.charCodeAt(0) !== 123 && line.trim() === '') continue; // blank line ('{' starts every record)
        const json = parseJsonLine(line);
        const parsed = json.ok ? parseContentObject(json.value) : json;
        if (parsed.ok) {
          handle(parsed.value, stats);
          continue;
        }
        stats.rejected++;
        if (stats.rejectedSamples.length < MAX_REJECTED_SAMPLES) {
          stats.rejectedSamples.push(`${at}${lineNo}: ${parsed.field}: ${parsed.message}`);
        }
      }
      return stats;
    },
    finish() {
      for (let s = 0; s < init.shardCount; s++) flushShard(s);
    },
  };
}

/** A shard's spill entries: one buffer holding every spill file, and each entry's offset and sort keys. */
interface Spill {
  readonly data: Buffer;
  readonly count: number;
  readonly offsets: Uint32Array;
  /** chHi, chLo, thHi, thLo of entry i at 4i .. 4i+3. */
  readonly keys: Uint32Array;
}

function readSpill(files: readonly string[]): Spill {
  const present = files.filter((file) => existsSync(file));
  const sizes = present.map((file) => statSync(file).size);
  const data = Buffer.allocUnsafe(sizes.reduce((a, b) => a + b, 0));
  let filled = 0;
  present.forEach((file, i) => {
    const fd = openSync(file, 'r');
    try {
      const end = filled + (sizes[i] ?? 0);
      while (filled < end) {
        const read = readSync(fd, data, filled, end - filled, null);
        if (read === 0) throw new Error(`spill file ${file} shrank while being read`);
        filled += read;
      }
    } finally {
      closeSync(fd);
    }
  });
  let count = 0;
  for (let at = 0; at + HEADER <= data.length; at += HEADER + data.readUInt32LE(at + 52)) count++;
  const offsets = new Uint32Array(count);
  const keys = new Uint32Array(count * 4);
  let at = 0;
  for (let i = 0; i < count; i++) {
    offsets[i] = at;
    keys[4 * i] = data.readUInt32LE(at);
    keys[4 * i + 1] = data.readUInt32LE(at + 4);
    keys[4 * i + 2] = data.readUInt32LE(at + 8);
    keys[4 * i + 3] = data.readUInt32LE(at + 12);
    at += HEADER + data.readUInt32LE(at + 52);
  }
  return { data, count, offsets, keys };
}

/** Pass 2 for one shard (see the module comment). Records stream into the shard writer as they are kept. */
export async function finishShard(task: ShardTask): Promise<ShardResult> {
  const { data, count, offsets, keys } = readSpill(task.spillFiles);
  // Content-id hash, then text hash, then the record's bytes: a total order whatever the spill files' order.
  const order = Array.from({ length: count }, (_, i) => i);
  order.sort((a, b) => {
    for (let k = 0; k < 4; k++) {
      const x = keys[4 * a + k] ?? 0;
      const y = keys[4 * b + k] ?? 0;
      if (x !== y) return x < y ? -1 : 1;
    }
    const pa = (offsets[a] ?? 0) + HEADER;
    const pb = (offsets[b] ?? 0) + HEADER;
    return data.compare(data, pb, pb + data.readUInt32LE(pb - 4), pa, pa + data.readUInt32LE(pa - 4));
  });
  // Texts kept so far, by the first half of their hash (the second half and the text itself settle a collision).
  const seen = new Map<number, { lo: number; text: string }[]>();
  const leaves: string[] = [];
  const members: number[] = [];
  let duplicates = 0;
  let withdrawnDropped = 0;
  const writer = openShardWriter(task.outPath, task.format, task.withAuthor);
  try {
    for (const i of order) {
      const at = offsets[i] ?? 0;
      const member = data.readUInt32LE(at + 16);
      if (task.withdrawn[member] === 1) {
        withdrawnDropped++;
        continue;
      }
      const record = decodeRecord(data, at + HEADER);
      const thHi = keys[4 * i + 2] ?? 0;
      const thLo = keys[4 * i + 3] ?? 0;
      const kept = seen.get(thHi);
      if (kept?.some((k) => k.lo === thLo && k.text === record.text)) {
        duplicates++;
        continue;
      }
      if (kept) kept.push({ lo: thLo, text: record.text });
      else seen.set(thHi, [{ lo: thLo, text: record.text }]);
      writer.append(record);
      leaves.push(data.toString('latin1', at + 20, at + 52));
      members.push(member);
    }
  } catch (error) {
    writer.abort();
    throw error;
  }
  const written = await writer.close();
  return {
    shard: task.shard,
    sha256: written.sha256,
    bytes: written.bytes,
    records: written.records,
    duplicates,
    withdrawnDropped,
    merkleRoot: sortedLatin1MerkleRoot(leaves).toString('hex'),
    memberIndexes: Uint32Array.from(members),
  };
}
