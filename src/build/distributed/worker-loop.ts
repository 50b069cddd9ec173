// The loop of an `assent worker` process: take one job at a time from the queue, run it, report its outcome, and
// log one line per job (counts and timings only). Run one worker per core: a job uses one thread.

import { setTimeout as sleep } from 'node:timers/promises';
import type { JobQueue } from './job-queue.js';
import { createJobRunner, isBuildJob } from './jobs.js';

export interface WorkerLoopOptions {
  readonly queue: JobQueue;
  /** How long to wait before asking again when no job is waiting. */
  readonly pollMs: number;
  /** Stop after this long without a job (default: never). */
  readonly idleExitMs?: number;
  /** Stops the loop once the current job is finished. */
  readonly signal: AbortSignal;
  readonly log: (line: string) => void;
}

/** Runs jobs until `signal` aborts or the worker was idle for `idleExitMs`; returns how many it ran. */
export async function runWorkerLoop(options: WorkerLoopOptions): Promise<number> {
  const { queue, signal, log } = options;
  const run = createJobRunner();
  let jobs = 0;
  let idleSince = Date.now();
  while (!signal.aborted) {
    const job = await queue.take();
    if (job === null) {
      if (options.idleExitMs !== undefined && Date.now() - idleSince >= options.idleExitMs) break;
      await sleep(options.pollMs, undefined, { signal }).catch(() => undefined);
      continue;
    }
    const attempt = job.retryCount > 0 ? ` (attempt ${job.retryCount + 1})` : '';
    if (!isBuildJob(job.data)) {
      await queue.fail(job.id, 'not a build job');
      log(`job ${job.id}: not a build job, failed`);
      continue;
    }
    const started = Date.now();
    const cpu = process.cpuUsage();
    try {
      const summary = await run(job.data, job.id);
      await queue.complete(job.id, summary.output);
      const used = process.cpuUsage(cpu);
      log(
        `${job.data.buildId} ${summary.what}${attempt}: ${((Date.now() - started) / 1000).toFixed(2)} s, ` +
          `${((used.user + used.system) / 1e6).toFixed(2)} CPU s`,
      );
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await queue.fail(job.id, message);
      log(`${job.data.buildId} ${job.data.kind} job failed${attempt}: ${message}`);
    }
    jobs++;
    idleSince = Date.now();
  }
  return jobs;
}
