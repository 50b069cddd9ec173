// `assent worker`: runs the jobs of distributed builds (`assent build --distributed`) from the PostgreSQL queue.
// A thin shell over src/build/distributed's worker loop.

import type { Command } from 'commander';
import { BUILD_QUEUE, type JobQueue, openJobQueue, runWorkerLoop } from '../../build/distributed/index.js';
import { CommandFailed, UsageError } from '../cli-error.js';
import { globalOptions } from '../context.js';
import { printLine } from '../output.js';

interface WorkerFlags {
  readonly poll: string;
  readonly idleExit?: string;
}

function seconds(flag: string, raw: string, min: number): number {
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min) {
    throw new UsageError(`${flag}: expected a number of seconds of at least ${min}, found "${raw}"`);
  }
  return value;
}

/** The PostgreSQL URL from the global options, or a usage error that says why a worker needs one. */
export function requireDatabaseUrl(command: Command, what: string): string {
  const url = globalOptions(command).databaseUrl;
  if (url === undefined) {
    throw new UsageError(
      `${what} needs PostgreSQL: set --database-url or ASSENT_DATABASE_URL to the database the build uses (the embedded SQLite store is one machine's file and holds no job queue)`,
    );
  }
  return url;
}

/** Opens the job queue, or fails with one sentence (no stack trace) when the database cannot be reached. */
export async function openQueueOrFail(url: string, maintenanceSeconds?: number): Promise<JobQueue> {
  try {
    return await openJobQueue(url, maintenanceSeconds === undefined ? {} : { maintenanceSeconds });
  } catch (error) {
    throw new CommandFailed(`cannot open the job queue: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export function registerWorkerCommand(program: Command): void {
  program
    .command('worker')
    .description(
      'run jobs of distributed builds (assent build --distributed) from the PostgreSQL queue; run one per core, on any machine that sees the build output directory',
    )
    .option('--poll <seconds>', 'how often to ask for a job when none is waiting', '1')
    .option('--idle-exit <seconds>', 'exit after this long without a job (default: run until SIGINT or SIGTERM)')
    .action(async (flags: WorkerFlags, command: Command) => {
      const pollMs = seconds('--poll', flags.poll, 0.1) * 1000;
      const idleExitMs = flags.idleExit === undefined ? undefined : seconds('--idle-exit', flags.idleExit, 0) * 1000;
      const url = requireDatabaseUrl(command, 'assent worker');
      const abort = new AbortController();
      const stop = () => abort.abort();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      let queue: JobQueue | undefined;
      try {
        queue = await openQueueOrFail(url);
        if (abort.signal.aborted) return;
        printLine(`worker ${process.pid}: taking jobs from queue ${BUILD_QUEUE} in schema ${queue.schema}`);
        const jobs = await runWorkerLoop({
          queue,
          pollMs,
          ...(idleExitMs !== undefined ? { idleExitMs } : {}),
          signal: abort.signal,
          log: (line) => printLine(`worker ${process.pid}: ${line}`),
        }).catch((error: unknown) => {
          // The queue itself failed (database gone): a job that was running expires and is retried elsewhere.
          throw new CommandFailed(`the job queue failed: ${error instanceof Error ? error.message : String(error)}`);
        });
        printLine(`worker ${process.pid}: stopped after ${jobs} jobs`);
      } finally {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        await queue?.close();
      }
    });
}
