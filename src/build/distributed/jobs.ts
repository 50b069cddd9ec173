// The jobs of a distributed build and how a worker runs them, with the pipeline's own pass 1 (createDecidePass) and
// pass 2 (finishShard). Every job is idempotent: its outputs are written under temporary names and renamed into
// place, with names and bytes that depend only on the job, so a retried or duplicated attempt rewrites the same files.

import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../atomic-file.js';
import { snapshotSize } from '../member-snapshot.js';
import type { Redactor } from '../redaction.js';
import { createBuildRedactor, createDecidePass, finishShard } from '../shard-work.js';
import type { ShardFormat } from '../shard-writer.js';
import { emptyStats, mergeStats, type PassStats, type ShardResult } from '../worker-protocol.js';
import { type BuildSetup, readBuildSetup, readJobInput } from './build-files.js';

/** Pass 1 over one job's input file, into spill files named by the job's index. */
export interface DecideJob {
  readonly kind: 'decide';
  readonly buildId: string;
  /** The build's `.assent-partial/distributed` directory. */
  readonly dir: string;
  readonly index: number;
  readonly input: string;
}

/** Pass 2 of one shard; `withdrawn` lists the snapshot indexes of members who withdrew during the build. */
export interface ShardJob {
  readonly kind: 'shard';
  readonly buildId: string;
  readonly dir: string;
  readonly task: {
    readonly shard: number;
    readonly spillFiles: readonly string[];
    readonly outPath: string;
    readonly format: ShardFormat;
    readonly withAuthor: boolean;
    readonly withdrawn: readonly number[];
  };
}

export type BuildJob = DecideJob | ShardJob;

/** A shard job's output: the ShardResult, with the author list in a file of `results/` instead of inline. */
export type ShardJobOutput = Omit<ShardResult, 'memberIndexes'> & { readonly membersFile: string };

/** What a job did, for the worker's log line (counts only: no content, no member ids). */
export interface JobSummary {
  readonly what: string;
  readonly output: PassStats | ShardJobOutput;
}

export function isBuildJob(data: unknown): data is BuildJob {
  const job = data as Partial<BuildJob> | null;
  return (
    typeof job === 'object' &&
    job !== null &&
    (job.kind === 'decide' || job.kind === 'shard') &&
    typeof job.dir === 'string' &&
    typeof job.buildId === 'string'
  );
}

/** Test hook: `ASSENT_TEST_WORKER_KILL=decide|shard` kills this worker in the middle of its first job of that kind. */
function testKillPoint(kind: BuildJob['kind']): void {
  if (process.env.ASSENT_TEST_WORKER_KILL === kind) process.kill(process.pid, 'SIGKILL');
}

/**
 * Runs build jobs, keeping the last build's setup (snapshot and name filter) and its redactor (analyzer model and
 * caches; they never change the output) loaded between jobs.
 */
export function createJobRunner(): (job: BuildJob, attempt: string) => Promise<JobSummary> {
  let loaded: { key: string; setup: BuildSetup; redactor?: Redactor } | undefined;
  const buildOf = (job: BuildJob): { setup: BuildSetup; redactor?: Redactor } => {
    const key = `${job.dir}\n${job.buildId}`;
    if (loaded?.key !== key) {
      loaded = undefined; // let the previous snapshot go before reading the next
      if (!existsSync(join(job.dir, 'setup.json'))) {
        throw new Error(
          `${job.dir} is not visible here: a worker must see the build's output directory at the same path as the coordinator`,
        );
      }
      const setup = readBuildSetup(job.dir);
      if (setup.buildId !== job.buildId) throw new Error(`${job.dir} holds build ${setup.buildId}, not ${job.buildId}`);
      loaded = { key, setup };
    }
    return loaded;
  };

  return async (job, attempt) => {
    const build = buildOf(job);
    const { init } = build.setup;
    // A directory and file names of this attempt alone: an attempt presumed dead may still be writing.
    const unique = `${attempt}-${process.pid}-${randomBytes(4).toString('hex')}`;
    if (job.kind === 'decide') {
      const tmp = join(job.dir, 'tmp', unique);
      mkdirSync(tmp, { recursive: true });
      build.redactor ??= createBuildRedactor(init);
      const pass = createDecidePass({ ...init, workerIndex: job.index, spillDir: tmp }, build.redactor);
      const stats = emptyStats();
      for (const batch of readJobInput(job.input)) mergeStats(stats, pass.process(batch));
      pass.finish();
      const files = readdirSync(tmp).sort();
      files.forEach((file, i) => {
        renameSync(join(tmp, file), join(init.spillDir, file));
        if (i === 0 && files.length > 1) testKillPoint('decide');
      });
      rmSync(tmp, { recursive: true, force: true });
      return { what: `decide job ${job.index}: ${stats.items + stats.rejected} items`, output: stats };
    }
    const withdrawn = new Uint8Array(Math.max(1, snapshotSize(init.snapshot)));
    for (const index of job.task.withdrawn) withdrawn[index] = 1;
    const outPath = `${job.task.outPath}.${unique}.part`;
    const result = await finishShard({ ...job.task, outPath, withdrawn });
    testKillPoint('shard');
    renameSync(outPath, job.task.outPath);
    const membersFile = `${attempt}.members`;
    writeFileAtomic(join(job.dir, 'results', membersFile), new Uint8Array(result.memberIndexes.buffer));
    const { memberIndexes: _, ...rest } = result;
    return { what: `shard ${job.task.shard}: ${result.records} records`, output: { ...rest, membersFile } };
  };
}
