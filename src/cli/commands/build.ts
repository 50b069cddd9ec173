// `assent build`: one dataset for a purpose as of a time, from the store or from JSONL or Parquet files, with a progress bar
// on a terminal. A thin shell over runBuild (src/build).

import { accessSync, constants } from 'node:fs';
import { availableParallelism } from 'node:os';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { BUILD_QUEUE, distributedExecutor, maintenanceSecondsFor } from '../../build/distributed/index.js';
import {
  type BuildProgress,
  type BuildSource,
  buildPolicyFrom,
  FORMATS,
  fileSource,
  runBuild,
  type ShardFormat,
  storeSource,
} from '../../build/index.js';
import { isPurpose } from '../../domain/index.js';
import { UsageError } from '../cli-error.js';
import { parseTimeFlag, withContext } from '../context.js';
import { printJson, printLine, printTable } from '../output.js';
import { openQueueOrFail, requireDatabaseUrl } from './worker.js';

interface BuildFlags {
  purpose: string;
  asOf?: string;
  out?: string;
  format: string;
  source: string[];
  members?: string;
  workers?: string;
  strict?: boolean;
  json?: boolean;
  distributed?: boolean;
  jobTimeout: string;
}

function sourceFrom(flags: BuildFlags, store: Parameters<typeof storeSource>[0]): BuildSource {
  const files = flags.source.filter((s) => s !== 'store');
  if (files.length === 0) return storeSource(store);
  if (flags.source.includes('store')) throw new UsageError('--source: either "store" or content files, not both');
  if (!flags.members) throw new UsageError('--members FILE is required when --source names content files');
  for (const file of [flags.members, ...files]) {
    try {
      accessSync(file, constants.R_OK);
    } catch {
      throw new UsageError(`--source: cannot read ${file}`);
    }
  }
  return fileSource(flags.members, files);
}

function progressReporter(enabled: boolean): { update(p: BuildProgress): void; stop(): void } {
  if (!enabled) return { update() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: ' {phase} [{bar}] {percentage}% | {value}/{total} items | {rate}/s | ETA {eta_formatted}',
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  const started = Date.now();
  let phase = '';
  return {
    update(p) {
      if (p.phase !== phase) {
        if (phase !== '') bar.stop();
        phase = p.phase;
        bar.start(p.total ?? 0, 0, { phase: p.phase.padEnd(7), rate: 0 });
      }
      const seconds = Math.max(0.001, (Date.now() - started) / 1000);
      bar.update(p.done, { phase: p.phase.padEnd(7), rate: Math.round(p.done / seconds) });
    },
    stop() {
      if (phase !== '') bar.stop();
    },
  };
}

export function registerBuildCommand(program: Command): void {
  program
    .command('build')
    .description('build a dataset: decide every item, redact what is allowed, write shards, manifest and metadata')
    .requiredOption('--purpose <purpose>', 'purpose, e.g. train_ai_system.generative')
    .option('--as-of <time>', 'decide as of this time (default: now)')
    .requiredOption('--out <dir>', 'output directory (must not hold a published build)')
    .option('--format <format>', `shard format: ${FORMATS.join(' or ')}`, 'parquet')
    .option(
      '--source <store|FILE...>',
      'read from the store (default) or from content files: JSONL, or Parquet by the .parquet extension',
      ['store'],
    )
    .option('--members <file>', 'members JSONL or .parquet file (with content files in --source)')
    .option('--workers <n>', 'worker threads (default: every core)')
    .option('--strict', 'fail the build when any input line is malformed')
    .option('--json', 'print the result as JSON (and no progress bar)')
    .option('--distributed', 'queue the work in PostgreSQL for `assent worker` processes instead of running it here')
    .option('--job-timeout <seconds>', 'with --distributed: retry a job elsewhere when an attempt runs longer', '600')
    .action(async (flags: BuildFlags, command: Command) => {
      if (!isPurpose(flags.purpose)) throw new UsageError(`--purpose: unknown purpose "${flags.purpose}"`);
      if (!(FORMATS as readonly string[]).includes(flags.format)) {
        throw new UsageError(`--format: expected ${FORMATS.join(' or ')}, found "${flags.format}"`);
      }
      const workers = flags.workers === undefined ? availableParallelism() : Number(flags.workers);
      if (!Number.isInteger(workers) || workers < 1 || workers > 64) {
        throw new UsageError(`--workers: expected a whole number from 1 to 64, found "${flags.workers}"`);
      }
      const asOf = parseTimeFlag('--as-of', flags.asOf) ?? new Date().toISOString();
      const jobTimeoutSeconds = Number(flags.jobTimeout);
      if (!Number.isInteger(jobTimeoutSeconds) || jobTimeoutSeconds < 1 || jobTimeoutSeconds >= 86_400) {
        throw new UsageError(`--job-timeout: expected whole seconds from 1 to 86399, found "${flags.jobTimeout}"`);
      }
      if (!flags.distributed && command.getOptionValueSource('jobTimeout') === 'cli') {
        throw new UsageError('--job-timeout: applies only with --distributed (a local build has no jobs to retry)');
      }
      const queue = flags.distributed
        ? await openQueueOrFail(requireDatabaseUrl(command, '--distributed'), maintenanceSecondsFor(jobTimeoutSeconds))
        : undefined;
      if (queue && !flags.json) {
        process.stderr.write(
          `distributed: jobs go to queue ${BUILD_QUEUE} in schema ${queue.schema}; run \`assent worker\` with this database where ${flags.out} is visible\n`,
        );
      }
      await withContext(command, async ({ store, policy, policySha256, actor }) => {
        const sources = sourceFrom(flags, store);
        const progress = progressReporter(!flags.json && process.stderr.isTTY === true);
        let result: Awaited<ReturnType<typeof runBuild>>;
        try {
          result = await runBuild({
            store,
            policy: buildPolicyFrom(policy, flags.purpose, asOf, policySha256),
            purpose: flags.purpose,
            asOf,
            outDir: flags.out as string,
            format: flags.format as ShardFormat,
            sources,
            workers,
            actor,
            strict: flags.strict === true,
            onProgress: (p) => progress.update(p),
            ...(queue ? { executor: distributedExecutor(queue, { jobTimeoutSeconds }) } : {}),
          });
        } finally {
          progress.stop();
        }
        if (flags.json) {
          printJson({
            buildId: result.buildId,
            outDir: result.outDir,
            resumed: result.resumed,
            summary: result.summary,
            throughput: result.throughput,
            manifest: result.manifest,
          });
          return;
        }
        const s = result.summary;
        printLine(`build ${result.buildId} published to ${result.outDir}${result.resumed ? ' (resumed)' : ''}`);
        printLine(
          `policy ${result.manifest.policy.name} ${result.manifest.policy.version ?? '(none in force)'}, consent ledger head ${result.manifest.consentLedgerHead}`,
        );
        printTable(
          ['what', 'count'],
          [
            ['items read', s.items],
            ['created after --as-of', s.createdAfterAsOf],
            ['allowed', s.allowed],
            ...Object.entries(s.excludedByReason).map(([k, v]) => [`excluded: ${k}`, v] as [string, number]),
            ['records written', s.records],
            ['duplicates removed', s.duplicatesRemoved],
            ['dropped by redaction', s.droppedRecords],
            ['withdrawn during build', s.withdrawnDuringBuild],
            ['rejected lines', s.rejectedLines],
            ['members in build', s.membersInBuild],
          ],
        );
        for (const sample of result.manifest.rejectedSamples) printLine(`rejected: ${sample}`);
        printLine(
          `${Math.round(result.throughput.itemsPerSecond).toLocaleString('en-US')} items/s over ${result.throughput.seconds.toFixed(1)} s`,
        );
      }).finally(async () => {
        await queue?.close();
      });
    });
}
