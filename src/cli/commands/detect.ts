// `assent detect` and `assent redact`: JSONL in, JSONL out, one line per input line in the same order, streaming,
// on every core for large input. Counts go to stderr so stdout stays pure JSONL.

import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import type { Readable, Writable } from 'node:stream';
import type { Command } from 'commander';
import { detectStream, redactStream, type StreamCounts, type StreamOptions } from '../../redact/index.js';
import { UsageError } from '../cli-error.js';

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

async function run(
  mode: Mode,
  options: { input?: string; output?: string; workers?: string; minScore?: string; quiet?: boolean },
) {
  if (options.input !== undefined && !existsSync(options.input))
    throw new UsageError(`--input: ${options.input}: no such file`);
  const input: Readable = options.input ? createReadStream(options.input) : process.stdin;
  // Write to a temporary name and rename at the end: an interrupted run never leaves half an output file.
  const temp = options.output ? `${options.output}.tmp-${process.pid}` : undefined;
  const output: Writable = temp ? createWriteStream(temp) : process.stdout;
  const workers = parseWorkers(options.workers);
  const minScore = parseScore(options.minScore);
  const streamOptions: StreamOptions = {
    ...(workers !== undefined ? { workers } : {}),
    ...(minScore !== undefined ? { minScore } : {}),
  };
  try {
    const counts = await (mode === 'detect' ? detectStream : redactStream)(input, output, streamOptions);
    if (temp && options.output) {
      await new Promise<void>((resolve, reject) =>
        output.end((error?: Error | null) => (error ? reject(error) : resolve())),
      );
      await rename(temp, options.output);
    }
    if (!options.quiet) process.stderr.write(`${summary(mode, counts)}\n`);
    if (counts.errors > 0) process.exitCode = 2;
  } catch (error) {
    if (temp) await rm(temp, { force: true });
    throw error;
  }
}

function register(program: Command, mode: Mode, description: string): void {
  program
    .command(mode)
    .description(description)
    .option('--input <file>', 'JSONL input, records {"id","text","lang"?,"country"?} (default: standard input)')
    .option('--output <file>', 'JSONL output, written atomically (default: standard output)')
    .option('--workers <n>', 'worker threads for large input (default: every core)')
    .option('--min-score <score>', 'ignore detections scoring below this (0-1)')
    .option('--quiet', 'no summary on standard error')
    .action(async (options) => run(mode, options));
}

export function registerDetectCommands(program: Command): void {
  register(
    program,
    'detect',
    'find personal data: output {"id","spans":[{"start","end","type","score","recognizer"}]}',
  );
  register(program, 'redact', 'redact personal data: output {"id","text"}, or {"id","text":null,"dropped":true}');
}
