// Distributed builds: pass 1 and pass 2 of a build as jobs on a PostgreSQL queue (pg-boss) for `assent worker`
// processes on any machine that sees the build's output directory. See README.md.

export { BUILD_QUEUE, type JobQueue, openJobQueue } from './job-queue.js';
export { type DistributedOptions, distributedExecutor } from './queue-executor.js';
export { runWorkerLoop, type WorkerLoopOptions } from './worker-loop.js';

/** How often the coordinator checks for expired attempts: a quarter of the job timeout, between 1 and 60 seconds. */
export function maintenanceSecondsFor(jobTimeoutSeconds: number): number {
  return Math.min(60, Math.max(1, Math.round(jobTimeoutSeconds / 4)));
}
