// The coordinator's side of a distributed build: a BuildExecutor (see run-build.ts) that turns pass 1 and pass 2
// into jobs on the PostgreSQL queue for `assent worker` processes, waits for them, and hands the results back to
// runBuild, which publishes exactly as it does for a local build. Coordinator and workers share the output directory.

import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { BuildExecutor, BuildExecutorSetup, CreateBuildExecutor } from '../run-build.js';
import { emptyStats, mergeStats, type PassStats, type ShardResult } from '../worker-protocol.js';
import { JobInputWriter, writeBuildSetup } from './build-files.js';
import type { JobQueue } from './job-queue.js';
import type { DecideJob, ShardJob, ShardJobOutput } from './jobs.js';

export interface DistributedOptions {
  /** Seconds an attempt may run before the job is given to another worker (default 600). */
  readonly jobTimeoutSeconds?: number;
  /** Attempts after the first before the build fails (default 3). */
  readonly retryLimit?: number;
  /** Input bytes per pass 1 job (default 8 MB; a batch is never split). */
  readonly jobBytes?: number;
  /** Pass 1 jobs queued at once; bounds the input copied to the output directory (default 32). */
  readonly maxQueuedJobs?: number;
  /** Sees every job sent and finished. */
  readonly onJob?: (event: {
    readonly kind: 'decide' | 'shard';
    readonly state: 'sent' | 'done';
    readonly index: number;
  }) => void;
}

const DEFAULTS = { jobTimeoutSeconds: 600, retryLimit: 3, jobBytes: 8 << 20, maxQueuedJobs: 32 };

/** Shard slots: every shard of a round is queued at once, and workers take them as they come free. */
const SHARD_SLOTS = 1024;

/**
 * An executor that queues the build's work on `queue`.
 *
 * @example await runBuild({ ...options, executor: distributedExecutor(await openJobQueue(url)) });
 */
export function distributedExecutor(queue: JobQueue, options: DistributedOptions = {}): CreateBuildExecutor {
  const settings = { ...DEFAULTS, ...options };
  const send = { expireInSeconds: settings.jobTimeoutSeconds, retryLimit: settings.retryLimit };
  return async (setup: BuildExecutorSetup): Promise<BuildExecutor> => {
    const dir = join(setup.partialDir, 'distributed');
    // Jobs of an earlier run of this build (killed coordinator) would only redo work: cancel them, start clean.
    await queue.cancelUnfinished(dir);
    rmSync(dir, { recursive: true, force: true });
    for (const sub of ['input', 'results', 'tmp']) mkdirSync(join(dir, sub), { recursive: true });
    const init = setup.init(0);
    writeBuildSetup(dir, setup.buildId, init);
    let shardJobs = 0;

    return {
      slots: SHARD_SLOTS,
      async decide(batches, onStats) {
        const totals = emptyStats();
        const inflight = new Set<Promise<void>>();
        let failed: unknown;
        let index = 0;
        let writer: JobInputWriter | undefined;
        const submit = async (input: JobInputWriter) => {
          input.close();
          const job: DecideJob = { kind: 'decide', buildId: setup.buildId, dir, index, input: input.path };
          const jobIndex = index++;
          const id = await queue.send(job, send);
          settings.onJob?.({ kind: 'decide', state: 'sent', index: jobIndex });
          // Never rejects: a failure is recorded in `failed` before the promise settles.
          const settle: Promise<void> = queue
            .outcome(id)
            .then(
              (output) => {
                rmSync(input.path, { force: true });
                const stats = output as PassStats;
                mergeStats(totals, stats);
                onStats(stats);
                settings.onJob?.({ kind: 'decide', state: 'done', index: jobIndex });
              },
              (error: unknown) => {
                failed ??= error;
              },
            )
            .finally(() => inflight.delete(settle));
          inflight.add(settle);
          while (inflight.size >= settings.maxQueuedJobs && failed === undefined) await Promise.race(inflight);
        };
        try {
          for await (const batch of batches) {
            if (failed !== undefined) break;
            writer ??= new JobInputWriter(join(dir, 'input', `j${String(index).padStart(5, '0')}.bin`));
            writer.add(batch);
            if (writer.bytes >= settings.jobBytes) {
              const full = writer;
              writer = undefined;
              await submit(full);
            }
          }
          if (writer && failed === undefined) await submit(writer);
          await Promise.all(inflight);
        } finally {
          if (failed !== undefined) await queue.cancelUnfinished(dir).catch(() => undefined);
        }
        if (failed !== undefined) throw new Error(`a pass 1 job failed: ${(failed as Error).message}`);
        return totals;
      },
      async shard(task) {
        const withdrawn: number[] = [];
        for (let i = task.withdrawn.indexOf(1); i >= 0; i = task.withdrawn.indexOf(1, i + 1)) withdrawn.push(i);
        const job: ShardJob = {
          kind: 'shard',
          buildId: setup.buildId,
          dir,
          task: {
            shard: task.shard,
            spillFiles: task.spillFiles,
            outPath: task.outPath,
            format: task.format,
            withAuthor: task.withAuthor,
            withdrawn,
          },
        };
        const id = await queue.send(job, send);
        const index = shardJobs++;
        settings.onJob?.({ kind: 'shard', state: 'sent', index });
        let output: ShardJobOutput;
        try {
          output = (await queue.outcome(id)) as ShardJobOutput;
        } catch (error) {
          await queue.cancelUnfinished(dir).catch(() => undefined);
          throw new Error(`the job for shard ${task.shard} failed: ${(error as Error).message}`);
        }
        const raw = readFileSync(join(dir, 'results', output.membersFile));
        const memberIndexes = new Uint32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
        settings.onJob?.({ kind: 'shard', state: 'done', index });
        const { membersFile: _, ...rest } = output;
        return { ...rest, memberIndexes } satisfies ShardResult;
      },
      async close() {
        await queue.cancelUnfinished(dir).catch(() => undefined);
      },
    };
  };
}
