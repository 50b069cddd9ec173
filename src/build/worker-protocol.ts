// Messages between the build coordinator and its worker threads. Everything is structured-cloneable; the member
// snapshot and name filter travel as SharedArrayBuffers, so workers share one copy.

import { ACCOUNT_STATES, type AccountState, type AgeSignals, type Member } from '../domain/index.js';
import type { ItemRules } from './build-policy.js';
import type { MemberSnapshotData } from './member-snapshot.js';
import type { NameFilterData } from './name-filter.js';
import type { AnalyzerChoice, RedactionSettings } from './redaction.js';
import type { ShardFormat } from './shard-writer.js';
import type { ContentBatch, MemberLines, RejectedLine } from './source.js';

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

/**
 * Strings as one string and their lengths (-1 for null): a structured clone copies one string instead of making one
 * per value (for 400,000 members' fields, ~0.02 instead of ~0.35 s to receive).
 */
export interface PackedStrings {
  readonly text: string;
  readonly lengths: Int32Array;
}

/** Collects strings into PackedStrings. */
class StringPacker {
  private readonly parts: string[] = [];
  private lengths: Int32Array;
  private count = 0;

  constructor(expected: number) {
    this.lengths = new Int32Array(Math.max(8, expected));
  }

  add(value: string | null): void {
    if (this.count === this.lengths.length) {
      const grown = new Int32Array(this.lengths.length * 2);
      grown.set(this.lengths);
      this.lengths = grown;
    }
    if (value === null) this.lengths[this.count++] = -1;
    else {
      this.lengths[this.count++] = value.length;
      this.parts.push(value);
    }
  }

  finish(): PackedStrings {
    return { text: this.parts.join(''), lengths: this.lengths.slice(0, this.count) };
  }
}

/** Reads PackedStrings back in order: `next()` gives the next value. */
export function stringReader(packed: PackedStrings): { next(): string | null } {
  let at = 0;
  let index = 0;
  return {
    next() {
      const length = packed.lengths[index++] ?? -1;
      if (length < 0) return null;
      const value = packed.text.slice(at, at + length);
      at += length;
      return value;
    },
  };
}

/** Members parsed by a worker, by field (see PackedStrings), with the batch's malformed lines. */
export interface PackedMembers {
  readonly count: number;
  /** Each member's id, country, birth date, language and creation time, member after member. */
  readonly fields: PackedStrings;
  /** Every member's names, one after the other; `nameCounts[i]` of them are member i's. */
  readonly names: PackedStrings;
  readonly nameCounts: Uint32Array;
  /** NaN for none. */
  readonly birthYears: Float64Array;
  /** Bit 0: self-declared minor, bit 1: in secondary education, bits 2-3: index in ACCOUNT_STATES. */
  readonly flags: Uint8Array;
  readonly rejected: RejectedLine[];
}

const FIELDS_PER_MEMBER = 5;

/** Packs members one at a time (see PackedMembers). */
export class MemberPacker {
  private readonly fields = new StringPacker(4096 * FIELDS_PER_MEMBER);
  private readonly names = new StringPacker(4096);
  private nameCounts = new Uint32Array(4096);
  private birthYears = new Float64Array(4096);
  private flags = new Uint8Array(4096);
  private count = 0;

  add(m: Member): void {
    if (this.count === this.flags.length) {
      const grow = <T extends Uint32Array | Float64Array | Uint8Array>(from: T, to: T): T => {
        to.set(from);
        return to;
      };
      this.nameCounts = grow(this.nameCounts, new Uint32Array(this.count * 2));
      this.birthYears = grow(this.birthYears, new Float64Array(this.count * 2));
      this.flags = grow(this.flags, new Uint8Array(this.count * 2));
    }
    const i = this.count++;
    this.fields.add(m.id);
    this.fields.add(m.country);
    this.fields.add(m.birthDate);
    this.fields.add(m.language);
    this.fields.add(m.createdAt);
    for (const name of m.names) this.names.add(name);
    this.nameCounts[i] = m.names.length;
    this.birthYears[i] = m.birthYear ?? Number.NaN;
    this.flags[i] =
      (m.ageSignals.selfDeclaredMinor === true ? 1 : 0) |
      (m.ageSignals.inSecondaryEducation === true ? 2 : 0) |
      (ACCOUNT_STATES.indexOf(m.accountState) << 2);
  }

  finish(rejected: RejectedLine[]): PackedMembers {
    const n = this.count;
    return {
      count: n,
      fields: this.fields.finish(),
      names: this.names.finish(),
      nameCounts: this.nameCounts.slice(0, n),
      birthYears: this.birthYears.slice(0, n),
      flags: this.flags.slice(0, n),
      rejected,
    };
  }
}

export function packMembers(members: readonly Member[], rejected: RejectedLine[]): PackedMembers {
  const packer = new MemberPacker();
  for (const member of members) packer.add(member);
  return packer.finish(rejected);
}

/**
 * A member's age signals by flags & 3, as parseMemberObject makes them (a signal is present only when true); shared,
 * frozen values instead of an object per member.
 */
const AGE_SIGNALS: readonly AgeSignals[] = Object.freeze([
  Object.freeze({}),
  Object.freeze({ selfDeclaredMinor: true }),
  Object.freeze({ inSecondaryEducation: true }),
  Object.freeze({ selfDeclaredMinor: true, inSecondaryEducation: true }),
]);

/** The members packMembers packed, equal to those parseMemberObject made. */
export function unpackMembers(packed: PackedMembers): Member[] {
  const members = new Array<Member>(packed.count);
  const fields = stringReader(packed.fields);
  const names = stringReader(packed.names);
  for (let i = 0; i < packed.count; i++) {
    const flags = packed.flags[i] ?? 0;
    const id = fields.next() as string;
    const country = fields.next();
    const birthDate = fields.next();
    const language = fields.next();
    const createdAt = fields.next() as string;
    const memberNames = new Array<string>(packed.nameCounts[i] ?? 0);
    for (let k = 0; k < memberNames.length; k++) memberNames[k] = names.next() as string;
    const birthYear = packed.birthYears[i] ?? Number.NaN;
    members[i] = {
      id,
      country,
      birthDate,
      birthYear: Number.isNaN(birthYear) ? null : birthYear,
      ageSignals: AGE_SIGNALS[flags & 3] as AgeSignals,
      language,
      accountState: ACCOUNT_STATES[flags >>> 2] as AccountState,
      names: memberNames,
      createdAt,
    };
  }
  return members;
}

/** What the member snapshot's first pass needs of a batch: the members' id hashes and their number of names. */
export interface MemberIdHashes {
  /** The high half of each member's hash64(id). */
  readonly hashes: Uint32Array;
  readonly names: number;
}

export type ToWorker =
  /** The first message: answered once the thread has loaded its modules and prepared the analyzer, if any. */
  | { readonly type: 'warm'; readonly id: number; readonly warm: WarmSettings | null }
  | { readonly type: 'init'; readonly id: number; readonly init: WorkerInit }
  | { readonly type: 'batch'; readonly id: number; readonly batch: ContentBatch }
  | { readonly type: 'flush'; readonly id: number }
  | { readonly type: 'shard'; readonly id: number; readonly task: ShardTask }
  /** Parse member lines for the coordinator's member snapshot (answered with `members`); needs no init. */
  | { readonly type: 'members'; readonly id: number; readonly lines: MemberLines }
  /** Parse member lines for the snapshot's first pass (answered with `memberIds`); needs no init. */
  | { readonly type: 'member-ids'; readonly id: number; readonly lines: MemberLines }
  /** Add member names to the snapshot's name filter (sent to one worker only: the filter has one writer). */
  | { readonly type: 'names'; readonly id: number; readonly filter: NameFilterData; readonly names: PackedStrings };

export type FromWorker =
  | {
      readonly type: 'done';
      readonly id: number;
      readonly stats?: PassStats;
      readonly shard?: ShardResult;
      readonly members?: PackedMembers;
      readonly memberIds?: MemberIdHashes;
    }
  | { readonly type: 'error'; readonly id: number; readonly message: string };
