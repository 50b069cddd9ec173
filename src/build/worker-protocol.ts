// Messages between the build coordinator and its worker threads. Everything is structured-cloneable; the member
// snapshot and name filter travel as SharedArrayBuffers, so workers share one copy.

import type { ItemRules } from './build-policy.js';
import type { MemberSnapshotData } from './member-snapshot.js';
import type { NameFilterData } from './name-filter.js';
import type { AnalyzerChoice, RedactionSettings } from './redaction.js';
import type { ShardFormat } from './shard-writer.js';
import type { ContentBatch } from './source.js';

/**
 * What a worker can prepare before the build's inputs are read: the analyzer, warmed on one text (it maps the name
 * model and gazetteer the coordinator loaded before starting the threads), while the coordinator digests the sources
 * and snapshots the members.
 */
export interface WarmSettings {
  readonly analyzer: AnalyzerChoice;
  readonly minScore: number;
}

export interface WorkerInit {
  readonly workerIndex: number;
  readonly snapshot: MemberSnapshotData;
  readonly names: NameFilterData;
  readonly itemRules: ItemRules;
  readonly redaction: RedactionSettings;
  readonly analyzer: AnalyzerChoice;
  /** Null when no policy version is in force: every item is then `no_policy`. */
  readonly policyVersion: string | null;
  /** hex key for per-build pseudonyms (HMAC). */
  readonly buildKey: string;
  readonly authorKey: boolean;
  readonly shardCount: number;
  readonly spillDir: string;
  /** The build's as-of time: items created later did not exist then and are skipped (counted). */
  readonly asOf: string;
}

/** Counters of the decide-and-redact pass; they add up the same whatever the number of workers. */
export interface PassStats {
  items: number;
  /** Items created after the as-of time (not decided: they did not exist yet). */
  createdAfterAsOf: number;
  allowed: number;
  reasons: Record<string, number>;
  redactions: Record<string, number>;
  dropped: number;
  rejected: number;
  rejectedSamples: string[];
}

export function emptyStats(): PassStats {
  return {
    items: 0,
    createdAfterAsOf: 0,
    allowed: 0,
    reasons: {},
    redactions: {},
    dropped: 0,
    rejected: 0,
    rejectedSamples: [],
  };
}

export const MAX_REJECTED_SAMPLES = 20;

const SAMPLE_AT = /^(.*?):(?: row )?(\d+): /;

/** Orders rejected-line samples (`FILE:LINE: field: message`, `FILE: row N: ...`) by file name, then line or row. */
export function compareSamples(a: string, b: string): number {
  const x = SAMPLE_AT.exec(a);
  const y = SAMPLE_AT.exec(b);
  if (x && y && x[1] === y[1]) return Number(x[2]) - Number(y[2]) || (a < b ? -1 : a > b ? 1 : 0);
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Adds `from` into `into`. Samples keep the first MAX_REJECTED_SAMPLES by compareSamples: each batch keeps its first
 * lines, so the merged set is the same whatever the batches, workers and order of replies.
 */
export function mergeStats(into: PassStats, from: PassStats): void {
  into.items += from.items;
  into.createdAfterAsOf += from.createdAfterAsOf;
  into.allowed += from.allowed;
  into.dropped += from.dropped;
  into.rejected += from.rejected;
  for (const [k, v] of Object.entries(from.reasons)) into.reasons[k] = (into.reasons[k] ?? 0) + v;
  for (const [k, v] of Object.entries(from.redactions)) into.redactions[k] = (into.redactions[k] ?? 0) + v;
  if (from.rejectedSamples.length > 0) {
    const samples = [...into.rejectedSamples, ...from.rejectedSamples].sort(compareSamples);
    into.rejectedSamples = samples.slice(0, MAX_REJECTED_SAMPLES);
  }
}

export interface ShardTask {
  readonly shard: number;
  readonly spillFiles: readonly string[];
  readonly outPath: string;
  readonly format: ShardFormat;
  readonly withAuthor: boolean;
  /** One byte per snapshot member: 1 when a withdrawal was recorded since the build started (strict mode). */
  readonly withdrawn: Uint8Array;
}

export interface ShardResult {
  readonly shard: number;
  readonly sha256: string;
  readonly bytes: number;
  readonly records: number;
  readonly duplicates: number;
  readonly withdrawnDropped: number;
  /** hex Merkle root over the shard's sorted lineage leaves. */
  readonly merkleRoot: string;
  /** Snapshot index of the author of every record kept (lineage counts). */
  readonly memberIndexes: Uint32Array;
}

export type ToWorker =
  /** The first message: answered once the thread has loaded its modules and prepared the analyzer, if any. */
  | { readonly type: 'warm'; readonly id: number; readonly warm: WarmSettings | null }
  | { readonly type: 'init'; readonly id: number; readonly init: WorkerInit }
  | { readonly type: 'batch'; readonly id: number; readonly batch: ContentBatch }
  | { readonly type: 'flush'; readonly id: number }
  | { readonly type: 'shard'; readonly id: number; readonly task: ShardTask };

export type FromWorker =
  | { readonly type: 'done'; readonly id: number; readonly stats?: PassStats; readonly shard?: ShardResult }
  | { readonly type: 'error'; readonly id: number; readonly message: string };
