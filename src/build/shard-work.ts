// The work a build worker does. Pass 1 decides and redacts each item and appends the allowed records to spill files
// per output shard (binary, with a per-record author index and lineage leaf). Pass 2 turns one shard's spill files
// into the final shard: drop members who withdrew during the build, order by content-id hash, remove exact
// duplicates (keeping the smallest content-id hash), write, and compute the shard's lineage root.

import { createHmac } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { ContentItem } from '../domain/index.js';
import { itemReason } from './build-policy.js';
import { compareHash64, hash64 } from './hash.js';
import { lookupMember, reasonOfCode } from './member-snapshot.js';
import { lineageLeaf, sortedMerkleRoot } from './merkle.js';
import { parseContentObject, parseJsonLine } from './parse-lines.js';
import { createAnalyze, createRedactor, type Redactor } from './redaction.js';
import { type OutputRecord, writeShard } from './shard-writer.js';
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
const FLUSH_AT = 1 << 18;

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
  const buffers: Buffer[][] = Array.from({ length: init.shardCount }, () => []);
  const sizes = new Array<number>(init.shardCount).fill(0);
  const fds = new Map<number, number>();
  let lastAuthor = '';
  let lastPseudonym = '';

  const flushShard = (shard: number) => {
    const parts = buffers[shard] ?? [];
    if (parts.length === 0) return;
    let fd = fds.get(shard);
    if (fd === undefined) {
      fd = openSync(spillPath(init.spillDir, init.workerIndex, shard), 'w');
      fds.set(shard, fd);
    }
    writeSync(fd, Buffer.concat(parts));
    buffers[shard] = [];
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
    for (const [type, n] of Object.entries(redacted.counts)) stats.redactions[type] = (stats.redactions[type] ?? 0) + n;
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
    const record: OutputRecord = {
      text: redacted.text,
      kind: item.kind,
      language: item.language,
      month: monthOf(item.createdAt),
      ...(init.authorKey ? { author: pseudonym } : {}),
    };
    const payload = Buffer.from(JSON.stringify(record), 'utf8');
    const contentHash = hash64(item.id);
    const textHash = hash64(redacted.text);
    const shard = textHash.hi % init.shardCount;
    const out = Buffer.allocUnsafe(HEADER + payload.length);
    out.writeUInt32LE(contentHash.hi, 0);
    out.writeUInt32LE(contentHash.lo, 4);
    out.writeUInt32LE(textHash.hi, 8);
    out.writeUInt32LE(textHash.lo, 12);
    out.writeUInt32LE(index, 16);
    lineageLeaf(pseudonym, item.id).copy(out, 20);
    out.writeUInt32LE(payload.length, 52);
    payload.copy(out, HEADER);
    (buffers[shard] as Buffer[]).push(out);
    sizes[shard] = (sizes[shard] ?? 0) + out.length;
    if ((sizes[shard] ?? 0) >= FLUSH_AT) flushShard(shard);
  };

  return {
    process(batch) {
      const stats = emptyStats();
      if (batch.kind === 'items') {
        for (const item of batch.items) handle(item, stats);
        return stats;
      }
      batch.lines.forEach((line, i) => {
        if (line.trim() === '') return;
        const json = parseJsonLine(line);
        const parsed = json.ok ? parseContentObject(json.value) : json;
        if (parsed.ok) {
          handle(parsed.value, stats);
          return;
        }
        stats.rejected++;
        if (stats.rejectedSamples.length < MAX_REJECTED_SAMPLES) {
          stats.rejectedSamples.push(`${batch.file}:${batch.firstLine + i}: ${parsed.field}: ${parsed.message}`);
        }
      });
      return stats;
    },
    finish() {
      for (let s = 0; s < init.shardCount; s++) flushShard(s);
      for (const fd of fds.values()) closeSync(fd);
      fds.clear();
    },
  };
}

interface SpillEntry {
  chHi: number;
  chLo: number;
  thHi: number;
  thLo: number;
  member: number;
  leaf: Buffer;
  payload: Buffer;
}

function readSpill(files: readonly string[]): SpillEntry[] {
  const entries: SpillEntry[] = [];
  for (const file of files) {
    if (!existsSync(file)) continue;
    const data = readFileSync(file);
    let at = 0;
    while (at + HEADER <= data.length) {
      const length = data.readUInt32LE(at + 52);
      entries.push({
        chHi: data.readUInt32LE(at),
        chLo: data.readUInt32LE(at + 4),
        thHi: data.readUInt32LE(at + 8),
        thLo: data.readUInt32LE(at + 12),
        member: data.readUInt32LE(at + 16),
        leaf: data.subarray(at + 20, at + 52),
        payload: data.subarray(at + HEADER, at + HEADER + length),
      });
      at += HEADER + length;
    }
  }
  return entries;
}

/** Pass 2 for one shard (see the module comment). */
export async function finishShard(task: ShardTask): Promise<ShardResult> {
  const entries = readSpill(task.spillFiles);
  entries.sort(
    (a, b) =>
      compareHash64(a.chHi, a.chLo, b.chHi, b.chLo) ||
      compareHash64(a.thHi, a.thLo, b.thHi, b.thLo) ||
      Buffer.compare(a.payload, b.payload),
  );
  const seen = new Map<string, string[]>();
  const records: OutputRecord[] = [];
  const leaves: Buffer[] = [];
  const members: number[] = [];
  let duplicates = 0;
  let withdrawnDropped = 0;
  for (const entry of entries) {
    if (task.withdrawn[entry.member] === 1) {
      withdrawnDropped++;
      continue;
    }
    const record = JSON.parse(entry.payload.toString('utf8')) as OutputRecord;
    const key = `${entry.thHi}:${entry.thLo}`;
    const texts = seen.get(key);
    if (texts?.includes(record.text)) {
      duplicates++;
      continue;
    }
    if (texts) texts.push(record.text);
    else seen.set(key, [record.text]);
    records.push(record);
    leaves.push(Buffer.from(entry.leaf));
    members.push(entry.member);
  }
  const written = await writeShard(task.outPath, records, task.format, task.withAuthor);
  return {
    shard: task.shard,
    sha256: written.sha256,
    bytes: written.bytes,
    records: records.length,
    duplicates,
    withdrawnDropped,
    merkleRoot: sortedMerkleRoot(leaves).toString('hex'),
    memberIndexes: Uint32Array.from(members),
  };
}
