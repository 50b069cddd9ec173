// The work a build worker does. Pass 1 decides and redacts each item and appends the allowed records to spill files
// per output shard (binary, with a per-record author index and lineage leaf). Pass 2 turns one shard's spill files
// into the final shard: drop members who withdrew during the build, order by content-id hash, remove exact
// duplicates (keeping the smallest content-id hash), write, and compute the shard's lineage root.

import { closeSync, existsSync, openSync, readSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { ContentItem, EntityType } from '../domain/index.js';
import { itemReason } from './build-policy.js';
import { createHmacSha256, hash64, MessageBytes, sha256Into } from './hash.js';
import { orderByKey64 } from './key-order.js';
import { lookupMember, reasonOfCode } from './member-snapshot.js';
import { sortedLeavesRootAt } from './merkle.js';
import { forEachLine, parseContentObject, parseJsonLine, timestampMillis } from './parse-lines.js';
import { type Analyze, createAnalyze, createRedactor, type Redactor } from './redaction.js';
import { openShardWriter, type Utf8TextRecord } from './shard-writer.js';
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

/**
 * The unsigned little-endian 32-bit integer at data[at] (the caller knows the 4 bytes are there): Buffer's
 * readUInt32LE checks its argument on every call, and pass 2 reads a dozen of these per record.
 */
function u32(data: Uint8Array, at: number): number {
  return (
    ((data[at] as number) | ((data[at + 1] as number) << 8) | ((data[at + 2] as number) << 16)) +
    (data[at + 3] as number) * 0x1000000
  );
}

const FIELD_SLOTS = 256;
/** Longest field value FieldStrings keeps. */
const FIELD_KEPT = 32;

/**
 * The strings of the few distinct values of a record's kind, language and month, by their UTF-8 bytes: a hash of the
 * bytes and a comparison in JavaScript instead of a call into C++ and a new string per field per record. A slot
 * holds the last value hashed to it (a copy of its bytes), so any other value is decoded as before.
 */
class FieldStrings {
  private readonly bytes: (Uint8Array | undefined)[] = new Array(FIELD_SLOTS).fill(undefined);
  private readonly strings: string[] = new Array(FIELD_SLOTS).fill('');

  get(data: Buffer, start: number, end: number): string {
    const length = end - start;
    if (length > FIELD_KEPT) return data.toString('utf8', start, end);
    let h = 0x811c9dc5 ^ length;
    for (let i = start; i < end; i++) h = Math.imul(h ^ (data[i] as number), 0x01000193);
    const slot = (h ^ (h >>> 16)) & (FIELD_SLOTS - 1);
    const kept = this.bytes[slot];
    if (kept !== undefined && kept.length === length) {
      let i = 0;
      while (i < length && kept[i] === data[start + i]) i++;
      if (i === length) return this.strings[slot] as string;
    }
    const value = data.toString('utf8', start, end);
    this.bytes[slot] = new Uint8Array(data.subarray(start, end)); // a copy: the spill buffer is reused
    this.strings[slot] = value;
    return value;
  }
}

const fieldStrings = new FieldStrings();

/** Where the field fieldAt read last ends (a variable, so a field allocates no result object). */
let fieldEnd = 0;

/**
 * The string field whose u32 length is at payload[at] (null for NO_VALUE), its end in fieldEnd. `few`: one of few
 * values (kind, language, month, from FieldStrings); an author pseudonym is one of many.
 */
function fieldAt(payload: Buffer, at: number, few: boolean): string | null {
  const length = u32(payload, at);
  if (length === NO_VALUE) {
    fieldEnd = at + 4;
    return null;
  }
  fieldEnd = at + 4 + length;
  return few ? fieldStrings.get(payload, at + 4, fieldEnd) : payload.toString('utf8', at + 4, fieldEnd);
}

/** Reads the record a spill entry's payload holds (the layout written in pass 1); the text stays UTF-8 bytes. */
function decodeRecord(payload: Buffer, start: number): Utf8TextRecord {
  const length = u32(payload, start);
  const text = payload.subarray(start + 4, start + 4 + length);
  const kind = fieldAt(payload, start + 4 + length, true) ?? '';
  const language = fieldAt(payload, fieldEnd, true);
  const month = fieldAt(payload, fieldEnd, true) ?? '';
  const author = fieldAt(payload, fieldEnd, false);
  return author === null ? { text, kind, language, month } : { text, kind, language, month, author };
}
/** Largest spill chunk per shard; chunks are smaller when there are more than MAX_BUFFERED / FLUSH_AT shards. */
const FLUSH_AT = 1 << 18;
const MAX_BUFFERED = 8 << 20;

/** Spill file of one worker for one shard. */
export function spillPath(spillDir: string, workerIndex: number, shard: number): string {
  return join(spillDir, `w${String(workerIndex).padStart(3, '0')}-s${String(shard).padStart(5, '0')}.bin`);
}

const HEX_DIGITS = Buffer.from('0123456789abcdef', 'latin1');

/**
 * Pass 1's member pseudonyms (the first 32 hex digits of HMAC-SHA256(build key, member id)) and lineage leaves
 * (merkle.ts's lineageLeaf: sha256 of 0x00, pseudonym, "\n", content id), hashed with hash.ts's JavaScript SHA-256
 * into the spill chunk: no Hash object, Buffer or digest string per record.
 */
export interface LineageHasher {
  /** Sets the member the next leaves are for; returns its pseudonym. */
  member(memberId: string): string;
  /** Writes the 32-byte leaf of (current member, content id) at out[at]. */
  leafInto(contentId: string, out: Uint8Array, at: number): void;
}

export function createLineageHasher(buildKey: Buffer): LineageHasher {
  const hmac = createHmacSha256(buildKey);
  const message = new MessageBytes();
  const mac = Buffer.allocUnsafe(32);
  const pseudonym = Buffer.allocUnsafe(32);
  return {
    member(memberId) {
      message.reset().text(memberId);
      hmac.into(message.bytes, message.length, mac, 0);
      for (let i = 0; i < 16; i++) {
        const byte = mac[i] ?? 0;
        pseudonym[2 * i] = HEX_DIGITS[byte >>> 4] ?? 0;
        pseudonym[2 * i + 1] = HEX_DIGITS[byte & 15] ?? 0;
      }
      return pseudonym.toString('latin1');
    },
    leafInto(contentId, out, at) {
      message.reset().byte(0).raw(pseudonym, 0, 32).byte(10).text(contentId);
      sha256Into(message.bytes, message.length, out, at);
    },
  };
}

/** Length of a month `YYYY-MM` at the start of an ISO timestamp (a record's month is createdAt's first 7 units). */
const MONTH_LENGTH = 7;

/** UTF-8 byte length of text[0, end): `end` when ASCII, found without a call into C++ for the short fields. */
function utf8Length(text: string, end: number): number {
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) >= 128) return Buffer.byteLength(end === text.length ? text : text.slice(0, end), 'utf8');
  }
  return end;
}

/** Writes text[0, end) as UTF-8 at out[at] (ASCII by char codes, anything else by Buffer.write); returns the bytes. */
function writeUtf8(out: Buffer, text: string, end: number, at: number): number {
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128) return out.write(end === text.length ? text : text.slice(0, end), at, 'utf8');
    out[at + i] = c;
  }
  return end;
}

export interface DecidePass {
  process(batch: ContentBatch): PassStats;
  /** Writes every buffered record and closes the spill files. */
  finish(): void;
}

/** The redactor of pass 1 for a build's settings (with `analyze` when one was prepared for them already). */
export function createBuildRedactor(
  init: WorkerInit,
  analyze: Analyze = createAnalyze(init.analyzer, init.redaction.minScore),
): Redactor {
  return createRedactor(init.redaction, init.names, analyze, init.buildKey);
}

/**
 * Creates pass 1 for one worker. `redactor` may be one kept from an earlier pass of the same build (a distributed
 * worker runs one pass per job): its analyzer's model and caches are loaded already.
 */
export function createDecidePass(init: WorkerInit, redactor: Redactor = createBuildRedactor(init)): DecidePass {
  const lineage = createLineageHasher(Buffer.from(init.buildKey, 'hex'));
  // Records are written straight into one chunk per shard (memory outside the JS heap, so buffered records cost the
  // garbage collector nothing), allocated once and reused: a chunk is appended to the shard's spill file when the
  // next record does not fit. All chunks together hold about MAX_BUFFERED whatever the shard count.
  const chunkSize = Math.max(4096, Math.min(FLUSH_AT, Math.floor(MAX_BUFFERED / init.shardCount)));
  const chunks: (Buffer | undefined)[] = new Array(init.shardCount).fill(undefined);
  const used = new Uint32Array(init.shardCount);
  let lookedUpAuthor: string | undefined;
  let lookedUpIndex = -1;
  // Undefined before the first record, so the first one always sets the hasher's member.
  let lastAuthor: string | undefined;
  let lastPseudonym = '';

  // Appends and closes: no descriptor stays open, so thousands of shards need no more than one at a time. Pass 1
  // starts with an empty spill directory (run-build.ts), so appending never follows a stale file.
  const append = (shard: number, bytes: Buffer) => {
    const fd = openSync(spillPath(init.spillDir, init.workerIndex, shard), 'a');
    try {
      writeSync(fd, bytes);
    } finally {
      closeSync(fd);
    }
  };
  const flushShard = (shard: number) => {
    const chunk = chunks[shard];
    if (chunk === undefined || used[shard] === 0) return;
    append(shard, chunk.subarray(0, used[shard]));
    used[shard] = 0;
  };
  /** Where reserve's room starts in the buffer it returned (a variable, so a record allocates no result object). */
  let reservedAt = 0;
  /** Room for `bytes` more for the shard: its chunk (at reservedAt), or a buffer of its own (at 0) if larger. */
  const reserve = (shard: number, bytes: number): Buffer => {
    const at = used[shard] ?? 0;
    let chunk = chunks[shard];
    if (chunk !== undefined && at + bytes <= chunk.length) {
      used[shard] = at + bytes;
      reservedAt = at;
      return chunk;
    }
    flushShard(shard);
    reservedAt = 0;
    if (bytes > chunkSize) return Buffer.allocUnsafe(bytes);
    if (chunk === undefined) {
      chunk = Buffer.allocUnsafeSlow(chunkSize);
      chunks[shard] = chunk;
    }
    used[shard] = bytes;
    return chunk;
  };

  const asOf = Date.parse(init.asOf);
  const handle = (item: ContentItem, stats: PassStats) => {
    stats.items++;
    if (timestampMillis(item.createdAt) > asOf) {
      stats.createdAfterAsOf++;
      return;
    }
    // Items arrive grouped by author more often than not: one snapshot lookup per run of the same author.
    if (item.authorId !== lookedUpAuthor) {
      lookedUpAuthor = item.authorId;
      lookedUpIndex = lookupMember(init.snapshot, item.authorId);
    }
    const index = lookedUpIndex;
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
      lastPseudonym = lineage.member(item.authorId);
    }
    const pseudonym = lastPseudonym;
    const text = redacted.text;
    const { kind, language, createdAt } = item;
    const monthEnd = Math.min(MONTH_LENGTH, createdAt.length);
    const author = init.authorKey ? pseudonym : null;
    const textBytes = Buffer.byteLength(text, 'utf8');
    const kindBytes = utf8Length(kind, kind.length);
    const languageBytes = language === null ? 0 : utf8Length(language, language.length);
    const monthBytes = utf8Length(createdAt, monthEnd);
    const authorBytes = author === null ? 0 : author.length; // hex digits
    const length = 5 * 4 + textBytes + kindBytes + languageBytes + monthBytes + authorBytes;
    const contentHash = hash64(item.id);
    const textHash = hash64(text);
    const shard = textHash.hi % init.shardCount;
    const total = HEADER + length;
    const out = reserve(shard, total);
    const base = reservedAt;
    out.writeUInt32LE(contentHash.hi, base);
    out.writeUInt32LE(contentHash.lo, base + 4);
    out.writeUInt32LE(textHash.hi, base + 8);
    out.writeUInt32LE(textHash.lo, base + 12);
    out.writeUInt32LE(index, base + 16);
    lineage.leafInto(item.id, out, base + 20);
    out.writeUInt32LE(length, base + 52);
    // The record: each field as a u32 byte length (NO_VALUE for a null language or no author) and its UTF-8 bytes.
    let at = base + HEADER;
    at = out.writeUInt32LE(textBytes, at);
    at += out.write(text, at, 'utf8');
    at = out.writeUInt32LE(kindBytes, at);
    at += writeUtf8(out, kind, kind.length, at);
    at = out.writeUInt32LE(language === null ? NO_VALUE : languageBytes, at);
    if (language !== null) at += writeUtf8(out, language, language.length, at);
    at = out.writeUInt32LE(monthBytes, at);
    at += writeUtf8(out, createdAt, monthEnd, at);
    at = out.writeUInt32LE(author === null ? NO_VALUE : authorBytes, at);
    if (author !== null) writeUtf8(out, author, author.length, at);
    // A record larger than a chunk was written in a buffer of its own (the shard's chunk is flushed already).
    if (out !== chunks[shard]) append(shard, out);
  };

  return {
    process(batch) {
      const stats = emptyStats();
      if (batch.kind === 'items') {
        for (const item of batch.items) handle(item, stats);
        return stats;
      }
      const { bytes } = batch;
      const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      const at = batch.numbering === 'row' ? `${batch.file}: row ` : `${batch.file}:`;
      forEachLine(data, batch.firstLine, (line, lineNo) => {
        if (line.charCodeAt(0) !== 123 && line.trim() === '') return; // blank line ('{' starts every record)
        const json = parseJsonLine(line);
        const parsed = json.ok ? parseContentObject(json.value) : json;
        if (parsed.ok) {
          handle(parsed.value, stats);
          return;
        }
        stats.rejected++;
        if (stats.rejectedSamples.length < MAX_REJECTED_SAMPLES) {
          stats.rejectedSamples.push(`${at}${lineNo}: ${parsed.field}: ${parsed.message}`);
        }
      });
      return stats;
    },
    finish() {
      for (let s = 0; s < init.shardCount; s++) flushShard(s);
    },
  };
}

/** A shard's spill entries: every spill file in one buffer, each entry's offset, and its sort keys. */
interface Spill {
  readonly data: Buffer;
  readonly count: number;
  readonly offsets: Uint32Array;
  /** Content-id hash and text hash of each entry, as high and low 32-bit halves. */
  readonly chHi: Uint32Array;
  readonly chLo: Uint32Array;
  readonly thHi: Uint32Array;
  readonly thLo: Uint32Array;
}

/** The spill buffer of the last shard, reused by the next one in this thread (allocated once, not per shard). */
let spareSpillBuffer: Buffer | undefined;
/** Bytes per read of a spill file (a size the CPU's cache holds: the entries' headers are read right after). */
const READ_CHUNK = 1 << 17;
/** A larger spill buffer is freed after its shard rather than kept. */
const KEEP_SPILL_BUFFER = 64 << 20;

function readSpill(files: readonly string[]): Spill {
  const present = files.filter((file) => existsSync(file));
  const sizes = present.map((file) => statSync(file).size);
  const total = sizes.reduce((a, b) => a + b, 0);
  // Taken, not shared: a second shard running meanwhile in this thread gets a buffer of its own.
  let buffer = spareSpillBuffer;
  spareSpillBuffer = undefined;
  // With room to spare (a quarter, at most KEEP_SPILL_BUFFER in all), so that the next, slightly larger shard reuses
  // the buffer instead of faulting in a new one.
  if (buffer === undefined || buffer.length < total) {
    buffer = Buffer.allocUnsafeSlow(Math.max(total, Math.min(KEEP_SPILL_BUFFER, total + (total >>> 2))));
  }
  const data = buffer.subarray(0, total);
  // Each entry's header is read right after the chunk holding it was read, while those bytes are still in the CPU's
  // cache: a separate pass over a shard's megabytes afterwards missed the cache at every entry.
  let capacity = Math.max(64, Math.ceil(total / 256));
  let offsets = new Uint32Array(capacity);
  let chHi = new Uint32Array(capacity);
  let chLo = new Uint32Array(capacity);
  let thHi = new Uint32Array(capacity);
  let thLo = new Uint32Array(capacity);
  const grown = (from: Uint32Array) => {
    const to = new Uint32Array(capacity);
    to.set(from);
    return to;
  };
  let count = 0;
  let next = 0;
  let filled = 0;
  present.forEach((file, i) => {
    const fd = openSync(file, 'r');
    try {
      const end = filled + (sizes[i] ?? 0);
      while (filled < end) {
        const read = readSync(fd, data, filled, Math.min(READ_CHUNK, end - filled), null);
        if (read === 0) throw new Error(`spill file ${file} shrank while being read`);
        filled += read;
        for (; next + HEADER <= filled; next += HEADER + u32(data, next + 52), count++) {
          if (count === capacity) {
            capacity *= 2;
            offsets = grown(offsets);
            chHi = grown(chHi);
            chLo = grown(chLo);
            thHi = grown(thHi);
            thLo = grown(thLo);
          }
          offsets[count] = next;
          chHi[count] = u32(data, next);
          chLo[count] = u32(data, next + 4);
          thHi[count] = u32(data, next + 8);
          thLo[count] = u32(data, next + 12);
        }
      }
    } finally {
      closeSync(fd);
    }
  });
  return {
    data,
    count,
    offsets: offsets.subarray(0, count),
    chHi: chHi.subarray(0, count),
    chLo: chLo.subarray(0, count),
    thHi: thHi.subarray(0, count),
    thLo: thLo.subarray(0, count),
  };
}

function releaseSpill(spill: Spill): void {
  const buffer = Buffer.from(spill.data.buffer);
  if (buffer.length <= KEEP_SPILL_BUFFER && (spareSpillBuffer?.length ?? 0) < buffer.length) spareSpillBuffer = buffer;
}

/** Pass 2 for one shard (see the module comment). Records stream into the shard writer as they are kept. */
export async function finishShard(task: ShardTask): Promise<ShardResult> {
  const spill = readSpill(task.spillFiles);
  const { data, count, offsets, thHi, thLo } = spill;
  try {
    const textAt = (i: number) => (offsets[i] ?? 0) + HEADER;
    const textEnd = (i: number) => textAt(i) + 4 + u32(data, textAt(i));
    // Content-id hash, then text hash, then the record's bytes, then the rest of the entry (author index, lineage
    // leaf): a total order whatever the spill files' order.
    const order = orderByKey64(spill.chHi, spill.chLo, (a, b) => {
      const ha = thHi[a] ?? 0;
      const hb = thHi[b] ?? 0;
      if (ha !== hb) return ha < hb ? -1 : 1;
      const la = thLo[a] ?? 0;
      const lb = thLo[b] ?? 0;
      if (la !== lb) return la < lb ? -1 : 1;
      const pa = textAt(a);
      const pb = textAt(b);
      return (
        data.compare(data, pb, pb + u32(data, pb - 4), pa, pa + u32(data, pa - 4)) ||
        data.compare(data, pb - HEADER + 16, pb - 4, pa - HEADER + 16, pa - 4)
      );
    });
    // Entries kept so far, by text hash (open addressing; the text's bytes settle a collision of both halves).
    let capacity = 16;
    while (capacity < count * 2) capacity *= 2;
    const kept = new Int32Array(capacity).fill(-1);
    const mask = capacity - 1;
    // Where each kept record's lineage leaf is in `data`: the root is computed from the spill buffer itself.
    const leaves = new Uint32Array(count);
    const members = new Uint32Array(count);
    let records = 0;
    let duplicates = 0;
    let withdrawnDropped = 0;
    const writer = openShardWriter(task.outPath, task.format, task.withAuthor);
    try {
      for (const i of order) {
        const at = offsets[i] ?? 0;
        const member = u32(data, at + 16);
        if (task.withdrawn[member] === 1) {
          withdrawnDropped++;
          continue;
        }
        const hi = thHi[i] ?? 0;
        const lo = thLo[i] ?? 0;
        const start = textAt(i);
        const end = textEnd(i);
        let slot = lo & mask;
        let duplicate = false;
        for (let j = kept[slot] ?? -1; j >= 0; slot = (slot + 1) & mask, j = kept[slot] ?? -1) {
          if (thHi[j] === hi && thLo[j] === lo && data.compare(data, textAt(j), textEnd(j), start, end) === 0) {
            duplicate = true;
            break;
          }
        }
        if (duplicate) {
          duplicates++;
          continue;
        }
        kept[slot] = i;
        writer.append(decodeRecord(data, start));
        leaves[records] = at + 20;
        members[records] = member;
        records++;
      }
    } catch (error) {
      writer.abort();
      throw error;
    }
    const root = sortedLeavesRootAt(data, leaves, records);
    const written = await writer.close();
    return {
      shard: task.shard,
      sha256: written.sha256,
      bytes: written.bytes,
      records: written.records,
      duplicates,
      withdrawnDropped,
      merkleRoot: root.toString('hex'),
      memberIndexes: members.slice(0, records),
    };
  } finally {
    releaseSpill(spill);
  }
}
