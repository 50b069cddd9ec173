// `assent detect` and `assent redact`: JSONL in, JSONL out, one line per input line in the same order, streaming,
// on every core for large input. Counts go to stderr so stdout stays pure JSONL. With `--purpose`, `redact` applies
// that purpose's operators from the policy in force, as a build for the purpose would.

import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import type { Readable, Writable } from 'node:stream';
import type { Command } from 'commander';
import { buildPolicyFrom, redactionConfig } from '../../build/index.js';
import { isPurpose } from '../../domain/index.js';
import { DEFAULT_PRESET, loadPreset, type Policy } from '../../policy/index.js';
import {
  detectStream,
  type RedactionConfig,
  redactStream,
  type StreamCounts,
  type StreamOptions,
} from '../../redact/index.js';
import { openStore, storeExists } from '../../store/open-store.js';
import { UsageError } from '../cli-error.js';
import { globalOptions, parseTimeFlag, resolvePolicy, rootOf, storeOptionsOf } from '../context.js';

type Mode = 'detect' | 'redact';

function parseWorkers(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 256)
    throw new UsageError(`--workers: expected an integer from 1 to 256, found "${value}"`);
  return n;
}

function parseScore(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!(n >= 0 && n <= 1)) throw new UsageError(`--min-score: expected a number from 0 to 1, found "${value}"`);
  return n;
}

function summary(mode: Mode, counts: StreamCounts): string {
  const found = Object.entries(counts.entities)
    .filter(([, n]) => n > 0)
    .map(([type, n]) => `${type} ${n}`)
    .join(', ');
  const dropped = mode === 'redact' ? `, ${counts.dropped} dropped` : '';
  return `${mode}: ${counts.records} records, ${counts.errors} rejected${dropped}; ${found || 'no personal data found'}`;
}

interface Flags {
  input?: string;
  output?: string;
  workers?: string;
  minScore?: string;
  quiet?: boolean;
  purpose?: string;
  asOf?: string;
}

/**
 * The policy whose operators `redact --purpose` applies: the global --policy (preset or file), else the store's
 * active policy, else the default preset. Unlike the store commands, nothing is recorded: redacting a file neither
 * activates a policy nor writes to the audit log, and an embedded store that does not exist is not created.
 */
async function policyInForce(command: Command): Promise<Policy> {
  const options = globalOptions(command);
  const requested = await resolvePolicy(options.policy);
  if (requested) return requested;
  const storeOptions = storeOptionsOf(options);
  if (!storeExists(storeOptions)) return loadPreset(DEFAULT_PRESET);
  const store = await openStore(storeOptions);
  try {
    const active = await store.activePolicy();
    return active ? (JSON.parse(active.document) as Policy) : await loadPreset(DEFAULT_PRESET);
  } finally {
    await store.close();
  }
}

/**
 * The redaction operators of `purpose` in the policy version in force at `asOf`, and a line saying which. Pseudonyms
 * are keyed from ASSENT_BUILD_SECRET when it is set (the same value gets the same pseudonym in every run for the
 * purpose), else from a random key for this run only, so they cannot be linked to another run's.
 */
async function purposeRedaction(
  command: Command,
  purpose: string,
  asOf: string,
): Promise<{ config: RedactionConfig; source: string }> {
  if (!isPurpose(purpose)) throw new UsageError(`--purpose: unknown purpose "${purpose}"`);
  const policy = await policyInForce(command);
  const view = buildPolicyFrom(policy, purpose, asOf, '');
  if (view.versionId === null) {
    throw new UsageError(
      `--purpose: policy "${policy.name}" has no rules for "${purpose}" in a version in force at ${asOf}`,
    );
  }
  const secret = process.env.ASSENT_BUILD_SECRET || randomBytes(32).toString('hex');
  const key = createHash('sha256').update(`assent-redact-key\n${secret}\n${purpose}`).digest('hex');
  return {
    config: redactionConfig(view.redaction, key),
    source: `operators of policy ${policy.name} ${view.versionId} for ${purpose}`,
  };
}

function policyOnCommandLine(command: Command): boolean {
  return rootOf(command).getOptionValueSource('policy') === 'cli' && globalOptions(command).policy !== undefined;
}

async function run(mode: Mode, options: Flags, command: Command) {
  if (options.input !== undefined && !existsSync(options.input))
    throw new UsageError(`--input: ${options.input}: no such file`);
  if (options.asOf !== undefined && options.purpose === undefined)
    throw new UsageError('--as-of: applies only with --purpose (it picks the policy version in force)');
  // A policy chooses operators per purpose: without one, redact would replace every type whatever the policy says,
  // and a user who named a policy on the command line would take the output for that policy's. (ASSENT_POLICY in the
  // environment names the deployment's policy for every command and is not refused here.)
  if (policyOnCommandLine(command) && (mode !== 'redact' || options.purpose === undefined)) {
    throw new UsageError(
      mode === 'redact'
        ? '--policy: applies to redact only with --purpose (a policy chooses its operators per purpose)'
        : '--policy: detect reports every type and applies no policy; use redact --purpose to apply one',
    );
  }
  const asOf = parseTimeFlag('--as-of', options.asOf) ?? new Date().toISOString();
  const workers = parseWorkers(options.workers);
  const requestedScore = parseScore(options.minScore);
  const redaction =
    mode === 'redact' && options.purpose !== undefined
      ? await purposeRedaction(command, options.purpose, asOf)
      : undefined;
  // With a purpose, --min-score may only lower the policy's min_score (find more), never raise it: a higher threshold
  // would leave in what the policy has redacted, or keep a record it drops.
  const policyScore = redaction?.config.minScore;
  if (requestedScore !== undefined && policyScore !== undefined && requestedScore > policyScore) {
    throw new UsageError(
      `--min-score: ${requestedScore} is above the policy's min_score ${policyScore} for ${options.purpose}; it may only be lowered`,
    );
  }
  const minScore = requestedScore ?? policyScore;
  const streamOptions: StreamOptions = {
    ...(workers !== undefined ? { workers } : {}),
    ...(minScore !== undefined ? { minScore } : {}),
    ...(redaction ? { redaction: { ...redaction.config, ...(minScore !== undefined ? { minScore } : {}) } } : {}),
  };
  // Every flag is checked above, before anything is opened: a usage error leaves no file behind.
  const input: Readable = options.input ? createReadStream(options.input) : process.stdin;
  // Write to a temporary name and rename at the end: an interrupted run never leaves half an output file.
  const temp = options.output ? `${options.output}.tmp-${process.pid}` : undefined;
  const output: Writable = temp ? createWriteStream(temp) : process.stdout;
  try {
    const counts = await (mode === 'detect' ? detectStream : redactStream)(input, output, streamOptions);
    if (temp && options.output) {
      await new Promise<void>((resolve, reject) =>
        output.end((error?: Error | null) => (error ? reject(error) : resolve())),
      );
      await rename(temp, options.output);
    }
    if (!options.quiet) {
      process.stderr.write(`${summary(mode, counts)}${redaction ? `; ${redaction.source}` : ''}\n`);
    }
    if (counts.errors > 0) process.exitCode = 2;
  } catch (error) {
    if (temp) await rm(temp, { force: true });
    throw error;
  }
}

function register(program: Command, mode: Mode, description: string): void {
  const command = program
    .command(mode)
    .description(description)
    .option('--input <file>', 'JSONL input, records {"id","text","lang"?,"country"?} (default: standard input)')
    .option('--output <file>', 'JSONL output, written atomically (default: standard output)')
    .option('--workers <n>', 'worker threads for large input (default: every core)')
    .option('--min-score <score>', 'ignore detections scoring below this (0-1)')
    .option('--quiet', 'no summary on standard error');
  if (mode === 'redact') {
    command
      .option(
        '--purpose <purpose>',
        "apply this purpose's redaction operators from the policy in force (--policy, else the active policy, else the default preset) instead of replacing every type; pseudonyms are stable across runs only with ASSENT_BUILD_SECRET set",
      )
      .option('--as-of <time>', 'with --purpose: use the policy version in force at this time (default: now)');
  }
  command.action(async (options: Flags, self: Command) => run(mode, options, self));
}

export function registerDetectCommands(program: Command): void {
  register(
    program,
    'detect',
    'find personal data: output {"id","spans":[{"start","end","type","score","recognizer"}]}',
  );
  register(program, 'redact', 'redact personal data: output {"id","text"}, or {"id","text":null,"dropped":true}');
}
