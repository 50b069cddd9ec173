// The build service behind `assent build`, the demo and the HTTP API: snapshot members and consent, decide and
// redact content in worker threads, write deterministic shards, re-check withdrawals, record lineage, and publish
// the manifest last. A killed build leaves `.assent-partial/` (resumable) and never a manifest.

import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { appendAudit } from '../audit/index.js';
import { type Member, permits, purposeLineage } from '../domain/index.js';
import type { AuditEntryInput, Store } from '../store/store.js';
import { codeVersion } from '../version.js';
import { writeFileAtomic } from './atomic-file.js';
import { BuildError } from './build-error.js';
import type { BuildPolicy } from './build-policy.js';
import { type BuildCounts, type BuildManifest, croissant, datasetCard, type ShardEntry } from './manifest.js';
import {
  lookupMember,
  MemberSnapshotBuilder,
  type MemberSnapshotData,
  snapshotBytes,
  snapshotSize,
} from './member-snapshot.js';
import { merkleRoot } from './merkle.js';
import { addName, createNameFilter, type NameFilterData } from './name-filter.js';
import { type AnalyzerChoice, shareAnalyzerData } from './redaction.js';
import { type ShardFormat, shardFileName } from './shard-writer.js';
import {
  type BuildSource,
  type ContentBatch,
  type MemberLines,
  parseMemberLines,
  type RejectedLine,
  readLineBatches,
} from './source.js';
import { createWorkerPool, type WorkerPool } from './worker-pool.js';
import {
  compareSamples,
  emptyStats,
  MAX_REJECTED_SAMPLES,
  type MemberIdHashes,
  mergeStats,
  type PackedMembers,
  type PackedStrings,
  type PassStats,
  type ShardResult,
  type ShardTask,
  unpackMembers,
  type WorkerInit,
} from './worker-protocol.js';

/** Items per output shard (the shard count depends only on the input size, never on the worker count). */
export const ITEMS_PER_SHARD = 50_000;
const BATCH = 2_000;
const PARTIAL = '.assent-partial';
/**
 * The snapshot's member ids in source order, one JSON array per member batch (in `.assent-partial`, rewritten by every
 * run): publishing reads them back for the lineage rows instead of parsing the members a third time.
 */
const MEMBER_IDS = 'member-ids.jsonl';
/** Name batches sent to worker 0 (see MemberHelpers.addNames) and not yet added, at most. */
const MAX_NAME_BATCHES_QUEUED = 4;
/**
 * A member batch larger than this (it holds a line of megabytes: a member with a huge list of names) is parsed on the
 * coordinator, whose heap is not capped as the workers' are (see worker-pool.ts); batches are ~512 kB otherwise.
 */
const LOCAL_MEMBER_BATCH_BYTES = 4 << 20;
/**
 * Lineage rows per store call (one transaction each): a commit is an fsync, which cost more than the rows at 2,000
 * rows a call; 50,000 keeps a SQLite write transaction short (~0.1 s) for other writers.
 */
const LINEAGE_ROWS_PER_CALL = 50_000;

export interface BuildProgress {
  readonly phase: 'members' | 'decide' | 'shards' | 'publish';
  readonly done: number;
  readonly total: number | null;
}

/** What a build needs from modules outside src/build. */
export interface BuildDeps {
  /** Appends to the hash-chained audit log (src/audit's appendAudit). */
  appendAudit(store: Store, entry: AuditEntryInput): Promise<unknown>;
  now(): string;
}

export interface RunBuildOptions {
  readonly store: Store;
  readonly policy: BuildPolicy;
  readonly purpose: string;
  readonly asOf: string;
  readonly outDir: string;
  readonly format: ShardFormat;
  readonly sources: BuildSource;
  /** Worker threads; defaults to every core. */
  readonly workers?: number;
  readonly onProgress?: (progress: BuildProgress) => void;
  readonly actor: string;
  /** Fail the build when any line is malformed (default: count, report and continue). */
  readonly strict?: boolean;
  /** Items per output shard; part of the inputs (changing it changes the output). */
  readonly itemsPerShard?: number;
  /** Detection: the full src/redact engine (default) or fast patterns (see redaction.ts); part of the inputs. */
  readonly analyzer?: AnalyzerChoice;
  readonly deps?: Partial<BuildDeps>;
  /**
   * Most members whose parsed records the member snapshot's first pass keeps for its second (default 100,000, ~35 MB
   * of heap); more are parsed twice. Memory against time only: never changes the output.
   */
  readonly keepParsedMembers?: number;
  /** Where pass 1 and pass 2 run; default: worker threads of this process (`threadExecutor`). */
  readonly executor?: CreateBuildExecutor;
}

/** Runs a build's pass 1 and pass 2 work: worker threads here, or jobs for other processes (src/build/distributed). */
export interface BuildExecutor {
  /** How many shard tasks to run at once. */
  readonly slots: number;
  /**
   * Pass 1 over every batch into the spill directory; `onStats` sees each batch's (or job's) stats as it finishes.
   * Resolves with the summed stats once every spill file is complete.
   */
  decide(batches: AsyncIterable<ContentBatch>, onStats: (stats: PassStats) => void): Promise<PassStats>;
  /** Pass 2 of one shard; `slot` is below `slots`. */
  shard(task: ShardTask, slot: number): Promise<ShardResult>;
  close(): Promise<void>;
}

export interface BuildExecutorSetup {
  readonly buildId: string;
  /** The build's `.assent-partial` directory. */
  readonly partialDir: string;
  /** The `--workers` count. */
  readonly workers: number;
  /** Pass 1 settings for a worker with this index (the snapshot and name filter are shared, not copied). */
  init(workerIndex: number): WorkerInit;
}

export type CreateBuildExecutor = (setup: BuildExecutorSetup) => Promise<BuildExecutor>;

/**
 * The default executor: the worker threads of `pool` (started by runBuild before the inputs are read, so that they
 * load their modules and analyzer meanwhile). Closing the executor closes the pool.
 */
function threadExecutor(pool: WorkerPool): CreateBuildExecutor {
  return async (setup) => {
    pool.configure((workerIndex) => setup.init(workerIndex));
    return threadWork(pool);
  };
}

function threadWork(pool: WorkerPool): BuildExecutor {
  const workers = pool.size;
  return {
    slots: workers,
    async decide(batches, onStats) {
      const totals = emptyStats();
      const inflight = new Set<Promise<void>>();
      let failed: unknown;
      for await (const batch of batches) {
        if (failed !== undefined) break; // a worker failed (e.g. disk full): stop reading, report below
        const transfer = batch.kind === 'bytes' ? [batch.bytes.buffer as ArrayBuffer] : [];
        const { reply } = await pool.dispatch((id) => ({ type: 'batch', id, batch }), transfer);
        const settle = reply.then((message) => {
          if (message.type === 'done' && message.stats) {
            mergeStats(totals, message.stats);
            onStats(message.stats);
          }
        });
        inflight.add(settle);
        void settle
          .finally(() => inflight.delete(settle))
          .catch((error: unknown) => {
            failed ??= error;
          });
      }
      await Promise.all(inflight);
      if (failed !== undefined) throw failed;
      await Promise.all(Array.from({ length: workers }, (_, w) => pool.send(w, (id) => ({ type: 'flush', id }))));
      return totals;
    },
    async shard(task, slot) {
      const reply = await pool.send(slot, (id) => ({ type: 'shard', id, task }));
      return (reply.type === 'done' ? reply.shard : undefined) as ShardResult;
    },
    close: () => pool.close(),
  };
}

const DEFAULT_DEPS: BuildDeps = { appendAudit, now: () => new Date().toISOString() };

export interface BuildResult {
  readonly buildId: string;
  readonly outDir: string;
  readonly manifest: BuildManifest;
  readonly summary: BuildCounts;
  /** Whether finished shards of an interrupted run were reused. */
  readonly resumed: boolean;
  readonly throughput: { readonly seconds: number; readonly itemsPerSecond: number; readonly peakRssBytes: number };
}

interface PartialState {
  readonly fingerprint: string;
  readonly pass1: PassStats | null;
}

interface ShardMarker {
  readonly file: string;
  readonly sha256: string;
  readonly bytes: number;
  readonly records: number;
  readonly duplicates: number;
  readonly withdrawnDropped: number;
  readonly merkleRoot: string;
  /** Highest ledger seq whose withdrawals the shard reflects. */
  readonly withdrawalsUpTo: number;
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function sortedRecord(record: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : 1)));
}

function readJson<T>(path: string): T | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

function fileSha256(path: string): string | undefined {
  try {
    return createHash('sha256').update(readFileSync(path)).digest('hex');
  } catch {
    return undefined;
  }
}

/**
 * Most members whose parsed records the snapshot's first pass keeps for its second (~330 bytes each: at most ~35 MB of
 * heap, garbage before pass 1 starts); more are parsed twice.
 */
const KEEP_PARSED_MEMBERS = 100_000;

/**
 * The worker threads' share of the member snapshot when the members are parsed twice: they parse the member lines of
 * both passes, and one of them adds the names to the name filter (one writer: two threads setting bits of the same
 * word could lose one).
 */
interface MemberHelpers {
  /** Sends a batch to be parsed; resolves once sent, with the pending result (several batches are in flight). */
  parse(lines: MemberLines): Promise<{ readonly reply: Promise<PackedMembers> }>;
  /** Like parse, for the first pass: the members' id hashes and name count only. */
  parseIds(lines: MemberLines): Promise<{ readonly reply: Promise<MemberIdHashes> }>;
  /** Adds names to the filter (see addName) in the thread that writes it; resolves once they are in. */
  addNames(filter: NameFilterData, names: PackedStrings): Promise<void>;
  /** Batches in flight. */
  readonly ahead: number;
}

/** Worker threads of `pool` as MemberHelpers; the names go to its first thread. */
function memberHelpers(pool: WorkerPool): MemberHelpers {
  return {
    async parse(lines) {
      const { reply } = await pool.dispatch(
        (id) => ({ type: 'members', id, lines }),
        [lines.bytes.buffer as ArrayBuffer],
      );
      return { reply: reply.then((message) => (message as { readonly members: PackedMembers }).members) };
    },
    async parseIds(lines) {
      const { reply } = await pool.dispatch(
        (id) => ({ type: 'member-ids', id, lines }),
        [lines.bytes.buffer as ArrayBuffer],
      );
      return { reply: reply.then((message) => (message as { readonly memberIds: MemberIdHashes }).memberIds) };
    },
    async addNames(filter, names) {
      await pool.send(0, (id) => ({ type: 'names', id, filter, names }));
    },
    ahead: pool.size * 2 + 1,
  };
}

/**
 * The members of `batches` in source order, parsed by the helpers with up to `helpers.ahead` batches in flight (this
 * thread places one batch while they parse the next ones); malformed lines go to `onRejected`, in source order too.
 */
async function* membersParsedElsewhere(
  batches: AsyncIterable<MemberLines>,
  helpers: MemberHelpers,
  onRejected: (r: RejectedLine) => void,
): AsyncIterable<{ readonly members: readonly Member[]; readonly names?: PackedStrings }> {
  type Parsed = {
    readonly members: readonly Member[];
    readonly names?: PackedStrings;
    readonly rejected: RejectedLine[];
  };
  const queue: Promise<Parsed>[] = [];
  const next = async () => {
    const parsed = await (queue.shift() as Promise<Parsed>);
    for (const r of parsed.rejected) onRejected(r);
    return parsed.names === undefined ? { members: parsed.members } : { members: parsed.members, names: parsed.names };
  };
  try {
    for await (const lines of batches) {
      if (lines.bytes.byteLength > LOCAL_MEMBER_BATCH_BYTES) {
        // Parsed here, in its turn; its names are added here too (names undefined).
        queue.push(Promise.resolve(parseMemberLines(lines)));
      } else {
        const { reply } = await helpers.parse(lines);
        const parsed = reply.then((packed) => ({
          members: unpackMembers(packed),
          names: packed.names,
          rejected: packed.rejected,
        }));
        parsed.catch(() => undefined); // awaited in order below; a failure is not unhandled meanwhile
        queue.push(parsed);
      }
      if (queue.length >= helpers.ahead) yield await next();
    }
    while (queue.length > 0) yield await next();
  } finally {
    await Promise.allSettled(queue);
  }
}

interface MemberSnapshot {
  readonly snapshot: MemberSnapshotData;
  readonly names: NameFilterData;
  readonly members: number;
}

/**
 * Builds the member snapshot (two passes) and the name filter, with consent as recorded up to `head`; the second pass
 * also writes the ids of the members to `idsPath` (see MEMBER_IDS).
 */
async function snapshotMembers(
  options: RunBuildOptions,
  head: number,
  onRejected: (r: RejectedLine) => void,
  idsPath: string,
  helpers: MemberHelpers | undefined,
): Promise<MemberSnapshot> {
  const expected = await options.sources.countMembers();
  const builder = new MemberSnapshotBuilder(expected);
  let nameCount = 0;
  // Up to KEEP_PARSED_MEMBERS members, the first pass keeps what it parsed for the second (and reports the malformed
  // lines itself): parsing was most of the second pass. Beyond, the worker threads parse both passes when they can
  // (the snapshot runs before pass 1 can start, while they have little else to do).
  const kept: (readonly Member[])[] | undefined =
    expected <= (options.keepParsedMembers ?? KEEP_PARSED_MEMBERS) ? [] : undefined;
  const memberLines = options.sources.memberLines?.bind(options.sources);
  const elsewhere = helpers !== undefined && kept === undefined && memberLines !== undefined ? helpers : undefined;
  if (elsewhere !== undefined && memberLines !== undefined) {
    // The workers' warm-up takes ~0.3 CPU-s each: they parse, this thread counts (in any order: counts add up).
    const inFlight = new Set<Promise<void>>();
    let failed: unknown;
    for await (const lines of memberLines()) {
      if (failed !== undefined) break;
      if (lines.bytes.byteLength > LOCAL_MEMBER_BATCH_BYTES) {
        // See LOCAL_MEMBER_BATCH_BYTES; its malformed lines are reported by the second pass, as the workers' are.
        for (const member of parseMemberLines(lines).members) {
          builder.count(member.id);
          nameCount += member.names.length;
        }
        continue;
      }
      const { reply } = await elsewhere.parseIds(lines);
      const counted = reply.then(({ hashes, names }) => {
        for (const hi of hashes) builder.countHash(hi);
        nameCount += names;
      });
      inFlight.add(counted);
      void counted
        .finally(() => inFlight.delete(counted))
        .catch((error: unknown) => {
          failed ??= error;
        });
    }
    await Promise.all(inFlight);
    if (failed !== undefined) throw failed;
  } else {
    for await (const batch of options.sources.members(kept === undefined ? undefined : onRejected)) {
      for (const member of batch) {
        builder.count(member.id);
        nameCount += member.names.length;
      }
      kept?.push(batch);
    }
  }
  const names = createNameFilter(nameCount);
  const purposes = [...purposeLineage(options.purpose)];
  if (purposes.length === 0) purposes.push(options.purpose);
  let done = 0;
  // With the worker threads, they parse while this thread places the batch before, and one of them fills the name
  // filter.
  const batches: AsyncIterable<{ readonly members: readonly Member[]; readonly names?: PackedStrings }> =
    elsewhere !== undefined && memberLines !== undefined
      ? membersParsedElsewhere(memberLines(), elsewhere, onRejected)
      : (async function* () {
          for await (const members of kept ?? options.sources.members(onRejected)) yield { members };
        })();
  const namesAdded: Promise<void>[] = [];
  const idsFile = openSync(idsPath, 'w');
  try {
    for await (const { members: batch, names: batchNames } of batches) {
      const ids = batch.map((m) => m.id);
      writeSync(idsFile, `${JSON.stringify(ids)}\n`);
      if (batchNames !== undefined && elsewhere !== undefined) {
        const adding = elsewhere.addNames(names, batchNames);
        adding.catch(() => undefined); // awaited below
        namesAdded.push(adding);
        // Worker 0's queue of name batches is bounded: each holds its batch's names, and adding them may be slower
        // than placing the members (200k members with 30 names each had queued 165M characters).
        const older = namesAdded[namesAdded.length - 1 - MAX_NAME_BATCHES_QUEUED];
        if (older !== undefined) await older;
      }
      const events = await options.store.consentEventsForMembers(ids, purposes);
      const byMember = new Map<string, (typeof events)[number][]>();
      for (const event of events) {
        if (event.seq > head) continue;
        const list = byMember.get(event.memberId);
        if (list) list.push(event);
        else byMember.set(event.memberId, [event]);
      }
      // The filter has one writer at a time: worker 0's batches are in before this thread adds names (a batch parsed
      // here, see LOCAL_MEMBER_BATCH_BYTES).
      if (batchNames === undefined && namesAdded.length > 0) await Promise.all(namesAdded);
      for (const member of batch) {
        builder.place(member.id, options.policy.memberReason(member, byMember.get(member.id) ?? []));
        if (batchNames === undefined) for (const name of member.names) addName(names, name);
      }
      done += batch.length;
      options.onProgress?.({ phase: 'members', done, total: expected });
    }
  } finally {
    closeSync(idsFile);
    await Promise.allSettled(namesAdded);
  }
  await Promise.all(namesAdded);
  return { snapshot: builder.finish(), names, members: done };
}

/** Withdrawals recorded after `afterSeq`: marks the members in `withdrawn`; returns the new head. */
async function collectWithdrawals(
  options: RunBuildOptions,
  snapshot: MemberSnapshotData,
  withdrawn: Uint8Array,
  afterSeq: number,
): Promise<{ head: number; changed: number[] }> {
  const purposes = new Set(purposeLineage(options.purpose));
  purposes.add(options.purpose);
  let head = afterSeq;
  const changed: number[] = [];
  for await (const events of options.store.scanConsentEvents({ afterSeq, batchSize: 1000 })) {
    for (const event of events) {
      head = Math.max(head, event.seq);
      if (!purposes.has(event.purpose) || permits(event.status)) continue;
      const index = lookupMember(snapshot, event.memberId);
      if (index >= 0 && withdrawn[index] !== 1) {
        withdrawn[index] = 1;
        changed.push(index);
      }
    }
  }
  return { head, changed };
}

/**
 * Runs one build to publication. Re-running the same command after a crash resumes from the shards already
 * finished (their sha256 is checked) and gives byte-identical output.
 */
export async function runBuild(options: RunBuildOptions): Promise<BuildResult> {
  const started = Date.now();
  const outDir = resolve(options.outDir);
  if (existsSync(join(outDir, 'manifest.json'))) throw new BuildError('ASSENT_BUILD_OUT_PUBLISHED', outDir);
  const partial = join(outDir, PARTIAL);
  try {
    mkdirSync(join(partial, 'spill'), { recursive: true });
    mkdirSync(join(partial, 'shards'), { recursive: true });
    mkdirSync(join(partial, 'done'), { recursive: true });
  } catch (error) {
    throw new BuildError('ASSENT_BUILD_OUT_UNWRITABLE', outDir, (error as NodeJS.ErrnoException).code ?? 'error');
  }

  const workers = Math.max(1, Math.min(64, options.workers ?? availableParallelism()));
  // The threads start now: each loads its modules and warms the analyzer while this thread digests the sources and
  // snapshots the members; the name model and gazetteer are loaded here first, once, and shared with the threads.
  // Not the analyzer when pass 1 looks finished already (a resumed build).
  const pass1Done = (readJson<PartialState>(join(partial, 'state.json'))?.pass1 ?? null) !== null;
  const warm = { analyzer: options.analyzer ?? 'engine', minScore: options.policy.redaction.minScore };
  let threads: WorkerPool | undefined;
  let executor = options.executor;
  if (executor === undefined) {
    if (!pass1Done) shareAnalyzerData(warm.analyzer);
    threads = createWorkerPool(workers, pass1Done ? null : warm);
    executor = threadExecutor(threads);
  }
  let snapshotting: Promise<MemberSnapshot> | undefined;
  try {
    const head = await options.store.consentHeadSeq();
    // The member snapshot needs the consent head but not the digests of the sources: this thread builds it while they
    // are computed (in a thread of their own for files) and the build is recorded. It is awaited once the build is
    // recorded, so that its failure marks the build failed; it is never left running (finally).
    const memberRejects: RejectedLine[] = [];
    snapshotting = snapshotMembers(
      options,
      head,
      (r) => memberRejects.push(r),
      join(partial, MEMBER_IDS),
      threads === undefined ? undefined : memberHelpers(threads),
    );
    snapshotting.catch(() => undefined);
    const context = { started, outDir, partial, workers, head, snapshotting, memberRejects };
    return await buildWith(options, context, executor);
  } finally {
    await snapshotting?.catch(() => undefined);
    // Every run writes the ids anew (a resumed build too): a failed build keeps none of them.
    rmSync(join(partial, MEMBER_IDS), { force: true });
    await threads?.close();
  }
}

/** What runBuild has started before buildWith. */
interface BuildContext {
  readonly started: number;
  readonly outDir: string;
  readonly partial: string;
  readonly workers: number;
  /** The consent ledger's head when the build started. */
  readonly head: number;
  readonly snapshotting: Promise<MemberSnapshot>;
  /** Malformed member lines, filled in while the snapshot is built. */
  readonly memberRejects: RejectedLine[];
}

/** runBuild once the output directory is ready, the executor chosen and the member snapshot started. */
async function buildWith(
  options: RunBuildOptions,
  { started, outDir, partial, workers, head, snapshotting, memberRejects }: BuildContext,
  createExecutor: CreateBuildExecutor,
): Promise<BuildResult> {
  const { store, policy } = options;
  const deps: BuildDeps = { ...DEFAULT_DEPS, ...options.deps };
  const sources = await options.sources.describe();
  const contentCount = await options.sources.countContent();
  const shardCount = Math.max(1, Math.ceil(contentCount / (options.itemsPerShard ?? ITEMS_PER_SHARD)));
  const code = codeVersion();
  const fingerprint = createHash('sha256')
    .update(
      canonical({
        purpose: options.purpose,
        asOf: options.asOf,
        policy: { name: policy.name, version: policy.versionId, sha256: policy.sha256 },
        sources,
        head,
        format: options.format,
        shardCount,
        // The package version, not the git commit: a checkout that moves on between a crash and the re-run still
        // resumes (the manifest records the commit of the run that published).
        codeVersion: code.version,
        analyzer: options.analyzer ?? 'engine',
        strict: options.strict ?? false,
      }),
    )
    .digest('hex');
  const buildId = `build-${createHash('sha256').update(`${fingerprint}\n${outDir}`).digest('hex').slice(0, 16)}`;
  // Pseudonyms (author keys, lineage leaves, `pseudonymize`) are keyed per build; ASSENT_BUILD_SECRET, when set, keeps
  // them from being recomputed by anyone who knows the inputs.
  const buildKey = createHash('sha256')
    .update(`assent-build-key\n${process.env.ASSENT_BUILD_SECRET ?? ''}\n${fingerprint}`)
    .digest('hex');

  // Resume only a partial build of exactly these inputs; anything else starts clean.
  const statePath = join(partial, 'state.json');
  let state = readJson<PartialState>(statePath);
  if (state?.fingerprint !== fingerprint) {
    for (const dir of ['spill', 'shards', 'done']) {
      rmSync(join(partial, dir), { recursive: true, force: true });
      mkdirSync(join(partial, dir), { recursive: true });
    }
    for (const file of readdirSync(outDir)) if (file.startsWith('data-')) rmSync(join(outDir, file), { force: true });
    state = { fingerprint, pass1: null };
    writeFileAtomic(statePath, JSON.stringify(state));
  }
  const resumed = state.pass1 !== null;

  const existing = await store.getBuild(buildId);
  if (existing)
    await store.updateBuild(buildId, { state: 'running', error: null, progress: { done: 0, total: contentCount } });
  else {
    await store.createBuild({
      id: buildId,
      purpose: options.purpose,
      asOf: options.asOf,
      policyVersion: policy.versionId ?? '(none)',
      state: 'running',
      startedAt: deps.now(),
      publishedAt: null,
      location: outDir,
      progress: { done: 0, total: contentCount },
      manifest: null,
      error: null,
    });
  }
  await deps.appendAudit(store, {
    at: deps.now(),
    actor: options.actor,
    action: 'build.started',
    subject: buildId,
    payload: {
      purpose: options.purpose,
      asOf: options.asOf,
      policy: policy.name,
      version: policy.versionId,
      consentHead: head,
      workers,
      resumed,
    },
  });

  let lastStoreUpdate = 0;
  const progress = (p: BuildProgress) => {
    options.onProgress?.(p);
    const now = Date.now();
    if (p.phase === 'decide' && now - lastStoreUpdate > 1000) {
      lastStoreUpdate = now;
      void store.updateBuild(buildId, { progress: { done: p.done, total: p.total } }).catch(() => undefined);
    }
  };

  let executor: BuildExecutor | undefined;
  try {
    const { snapshot, names, members } = await snapshotting;
    const work = await createExecutor({
      buildId,
      partialDir: partial,
      workers,
      init: (workerIndex) => ({
        workerIndex,
        snapshot,
        names,
        itemRules: policy.itemRules,
        redaction: policy.redaction,
        analyzer: options.analyzer ?? 'engine',
        policyVersion: policy.versionId,
        buildKey,
        authorKey: policy.authorKey,
        shardCount,
        spillDir: join(partial, 'spill'),
        asOf: options.asOf,
      }),
    });
    executor = work;

    // Pass 1: decide and redact into spill files.
    let pass1 = state.pass1;
    if (pass1 === null) {
      // Spill files of a run killed during pass 1 are partial, and which worker wrote what varies: start pass 1 clean.
      rmSync(join(partial, 'spill'), { recursive: true, force: true });
      mkdirSync(join(partial, 'spill'), { recursive: true });
      let decided = 0;
      progress({ phase: 'decide', done: 0, total: contentCount });
      const totals = await work.decide(options.sources.content(BATCH), (stats) => {
        decided += stats.items + stats.rejected;
        progress({ phase: 'decide', done: decided, total: contentCount });
      });
      // Crash-safety tests kill the build here: spill files complete, pass 1 not yet recorded as finished.
      if (process.env.ASSENT_TEST_CRASH_AFTER_SPILL === '1') process.kill(process.pid, 'SIGKILL');
      totals.rejected += memberRejects.length;
      const memberSamples = memberRejects
        .slice(0, MAX_REJECTED_SAMPLES)
        .map((r) => `${r.where}: ${r.field}: ${r.message}`);
      totals.rejectedSamples = [...memberSamples, ...totals.rejectedSamples]
        .sort(compareSamples)
        .slice(0, MAX_REJECTED_SAMPLES);
      pass1 = totals;
      if (options.strict && totals.rejected > 0) {
        throw new BuildError('ASSENT_BUILD_REJECTED_LINES', String(totals.rejected), totals.rejectedSamples[0] ?? '');
      }
      state = { fingerprint, pass1 };
      writeFileAtomic(statePath, JSON.stringify(state));
    }

    // Pass 2: write shards; then re-check withdrawals and rewrite the shards they touch, until none are new.
    const withdrawn = new Uint8Array(new SharedArrayBuffer(Math.max(1, snapshotSize(snapshot))));
    let checkedUpTo = head;
    if (policy.strictWithdrawals) checkedUpTo = (await collectWithdrawals(options, snapshot, withdrawn, head)).head;
    const spillDir = join(partial, 'spill');
    const spillFiles = (shard: number) =>
      readdirSync(spillDir)
        .filter((f) => f.endsWith(`-s${String(shard).padStart(5, '0')}.bin`))
        .sort()
        .map((f) => join(spillDir, f));
    const markers = new Map<number, ShardMarker>();
    const shardMembers = new Map<number, Uint32Array>();
    const crashAfter = Number(process.env.ASSENT_TEST_CRASH_AFTER_SHARDS ?? Number.NaN);
    let written = 0;
    /** Pass 2 of one shard, in the executor's slot `worker`. */
    const startShard = (shard: number, worker: number): Promise<ShardResult> =>
      work.shard(
        {
          shard,
          spillFiles: spillFiles(shard),
          outPath: join(partial, 'shards', shardFileName(shard, shardCount, options.format)),
          format: options.format,
          withAuthor: policy.authorKey,
          withdrawn,
        },
        worker,
      );
    /** Records a finished shard: its resume markers (fsynced), its authors, progress. */
    const recordShard = (shard: number, result: ShardResult) => {
      const marker: ShardMarker = {
        file: shardFileName(shard, shardCount, options.format),
        sha256: result.sha256,
        bytes: result.bytes,
        records: result.records,
        duplicates: result.duplicates,
        withdrawnDropped: result.withdrawnDropped,
        merkleRoot: result.merkleRoot,
        withdrawalsUpTo: checkedUpTo,
      };
      writeFileAtomic(join(partial, 'done', `shard-${shard}.members`), new Uint8Array(result.memberIndexes.buffer));
      writeFileAtomic(join(partial, 'done', `shard-${shard}.json`), JSON.stringify(marker));
      markers.set(shard, marker);
      shardMembers.set(shard, result.memberIndexes);
      written++;
      progress({ phase: 'shards', done: markers.size, total: shardCount });
      if (written === crashAfter) process.kill(process.pid, 'SIGKILL');
    };
    const runShards = async (shards: number[]) => {
      const queue = [...shards];
      await Promise.all(
        Array.from({ length: work.slots }, async (_, worker) => {
          // A slot's next shard is sent before the finished one's markers are written (four fsyncs, ~10-20 ms), so
          // the worker does not wait for them; a slot still runs one shard at a time.
          let shard = queue.shift();
          let running = shard === undefined ? undefined : startShard(shard, worker);
          while (shard !== undefined && running !== undefined) {
            const result = await running;
            const done = shard;
            shard = queue.shift();
            running = shard === undefined ? undefined : startShard(shard, worker);
            try {
              recordShard(done, result);
            } catch (error) {
              running?.catch(() => undefined); // failing anyway: the next shard's outcome no longer matters
              throw error;
            }
          }
        }),
      );
    };

    const todo: number[] = [];
    for (let shard = 0; shard < shardCount; shard++) {
      const marker = readJson<ShardMarker>(join(partial, 'done', `shard-${shard}.json`));
      const path = join(partial, 'shards', shardFileName(shard, shardCount, options.format));
      if (marker && fileSha256(path) === marker.sha256) {
        const raw = readFileSync(join(partial, 'done', `shard-${shard}.members`));
        const indexes = new Uint32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
        // A reused shard must reflect every withdrawal known now.
        if (indexes.some((i) => withdrawn[i] === 1) && marker.withdrawalsUpTo < checkedUpTo) todo.push(shard);
        else {
          markers.set(shard, marker);
          shardMembers.set(shard, indexes);
        }
      } else todo.push(shard);
    }
    progress({ phase: 'shards', done: markers.size, total: shardCount });
    await runShards(todo);
    while (policy.strictWithdrawals) {
      const recheck = await collectWithdrawals(options, snapshot, withdrawn, checkedUpTo);
      checkedUpTo = recheck.head;
      if (recheck.changed.length === 0) break;
      const changed = new Set(recheck.changed);
      const again = [...shardMembers.entries()].filter(([, idx]) => idx.some((i) => changed.has(i))).map(([s]) => s);
      if (again.length === 0) break;
      await runShards(again);
    }
    // The workers are done: stop them before publishing, so their heaps are not held while the lineage rows are
    // written (at 2M items with the engine this was the build's peak RSS: 545 MB).
    await work.close();
    executor = undefined;

    // Publish: shards into place, lineage rows, metadata, and the manifest last.
    progress({ phase: 'publish', done: 0, total: null });
    const counts = new Uint32Array(Math.max(1, snapshotSize(snapshot)));
    const shards: ShardEntry[] = [];
    let records = 0;
    let duplicates = 0;
    let withdrawnDropped = 0;
    const roots: Buffer[] = [];
    for (let shard = 0; shard < shardCount; shard++) {
      const marker = markers.get(shard) as ShardMarker;
      for (const i of shardMembers.get(shard) ?? []) counts[i] = (counts[i] ?? 0) + 1;
      shards.push({ file: marker.file, sha256: marker.sha256, bytes: marker.bytes, records: marker.records });
      records += marker.records;
      duplicates += marker.duplicates;
      withdrawnDropped += marker.withdrawnDropped;
      roots.push(Buffer.from(marker.merkleRoot, 'hex'));
    }
    await store.deleteBuildMembers(buildId);
    let membersInBuild = 0;
    let rows: { buildId: string; memberId: string; items: number }[] = [];
    const seen = new Uint8Array(counts.length);
    // The ids the snapshot wrote, in source order: a member's row comes from its first line, as before.
    for await (const { lines } of readLineBatches(join(partial, MEMBER_IDS), 64)) {
      for (const line of lines) {
        if (line === '') continue;
        for (const memberId of JSON.parse(line) as string[]) {
          const index = lookupMember(snapshot, memberId);
          if (index < 0 || (counts[index] ?? 0) === 0 || seen[index] === 1) continue;
          seen[index] = 1;
          rows.push({ buildId, memberId, items: counts[index] ?? 0 });
          membersInBuild++;
          if (rows.length >= LINEAGE_ROWS_PER_CALL) {
            await store.addBuildMembers(rows);
            rows = [];
          }
        }
      }
    }
    if (rows.length > 0) await store.addBuildMembers(rows);
    // The ids of every member (excluded ones too) are not left a moment longer than needed, not even in a directory a
    // kill between the manifest and the removal of `.assent-partial` would leave behind.
    rmSync(join(partial, MEMBER_IDS), { force: true });

    const manifest: BuildManifest = {
      schema: 'assent.build-manifest/1',
      buildId,
      purpose: options.purpose,
      asOf: options.asOf,
      format: options.format,
      policy: { name: policy.name, version: policy.versionId, sha256: policy.sha256 },
      consentLedgerHead: head,
      strictWithdrawals: policy.strictWithdrawals,
      sources,
      counts: {
        items: pass1.items,
        createdAfterAsOf: pass1.createdAfterAsOf,
        allowed: pass1.allowed,
        records,
        excludedByReason: sortedRecord(pass1.reasons),
        redactionsByType: sortedRecord(pass1.redactions),
        droppedRecords: pass1.dropped,
        duplicatesRemoved: duplicates,
        withdrawnDuringBuild: withdrawnDropped,
        rejectedLines: pass1.rejected,
        members,
        membersInBuild,
      },
      rejectedSamples: pass1.rejectedSamples,
      shards,
      code,
      lineage: {
        merkleRoot: merkleRoot(roots).toString('hex'),
        leaves: 'sha256(0x00 | pseudonym "\\n" content_id), sorted per shard; root over shard roots in shard order',
      },
      snapshot: {
        members: snapshotSize(snapshot),
        bytes: snapshotBytes(snapshot) + names.bits.byteLength + names.wordBits.byteLength,
        hashCollisions: snapshot.collisions,
      },
      redaction: { ...policy.redaction, analyzer: options.analyzer ?? 'engine' },
      jurisdictions: policy.jurisdictions,
    };
    for (const shard of shards) {
      const from = join(partial, 'shards', shard.file);
      if (existsSync(from)) renameSync(from, join(outDir, shard.file));
    }
    writeFileAtomic(join(outDir, 'croissant.json'), `${JSON.stringify(croissant(manifest), null, 2)}\n`);
    writeFileAtomic(join(outDir, 'README.md'), datasetCard(manifest));
    writeFileAtomic(join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    rmSync(partial, { recursive: true, force: true });

    const publishedAt = deps.now();
    await store.updateBuild(buildId, {
      state: 'published',
      publishedAt,
      progress: { done: pass1.items + pass1.rejected, total: contentCount },
      manifest: manifest as unknown as Record<string, unknown>,
    });
    await deps.appendAudit(store, {
      at: publishedAt,
      actor: options.actor,
      action: 'build.published',
      subject: buildId,
      payload: { records, shards: shards.length, merkleRoot: manifest.lineage.merkleRoot, consentHead: head },
    });
    const seconds = (Date.now() - started) / 1000;
    return {
      buildId,
      outDir,
      manifest,
      summary: manifest.counts,
      resumed,
      throughput: {
        seconds,
        itemsPerSecond: seconds > 0 ? pass1.items / seconds : 0,
        peakRssBytes: process.resourceUsage().maxRSS * 1024,
      },
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await store.deleteBuildMembers(buildId).catch(() => undefined);
    await store.updateBuild(buildId, { state: 'failed', error: message }).catch(() => undefined);
    await deps
      .appendAudit(store, {
        at: deps.now(),
        actor: options.actor,
        action: 'build.failed',
        subject: buildId,
        payload: { error: message },
      })
      .catch(() => undefined);
    if (error instanceof BuildError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EROFS' || code === 'ENOSPC' || code === 'EPERM') {
      throw new BuildError('ASSENT_BUILD_OUT_UNWRITABLE', outDir, code);
    }
    throw new BuildError('ASSENT_BUILD_WRITE_FAILED', message);
  } finally {
    await executor?.close();
  }
}
