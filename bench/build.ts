// Build throughput benchmark: generates JSONL corpora (default 1,000,000 and 4,000,000 content items of typical
// post length), then measures a full build (decide + redact + deterministic Parquet shards) with one worker and
// with every core, and a copy-only baseline that reads, parses and writes the same records with no decisions and
// no redaction. Each measurement runs in its own child process so peak RSS is its own. Prints; asserts nothing.
//
// The build's default analyzer is the full engine; `fast` is the pattern analyzer (see src/build/redaction.ts).
//
//   npm run bench:build -- [--sizes 1000000,4000000] [--analyzer fast,engine] [--workers 1,2] [--text 300] [--sources]

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Measurement } from '../src/build/bench-harness.js';
import { writeFixtureFiles } from '../src/build/fixture.js';
import { ANALYZERS, type AnalyzerChoice } from '../src/build/redaction.js';

function flag(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? (process.argv[at + 1] ?? fallback) : fallback;
}

/** Runs one measurement in its own process: the compiled harness with plain node, or its source through tsx. */
function child(args: string[], compiled: string | undefined): Measurement {
  const entry = compiled
    ? [join(compiled, 'build', 'bench-harness.js')]
    : ['--import', 'tsx', fileURLToPath(new URL('../src/build/bench-harness.ts', import.meta.url))];
  const run = spawnSync(process.execPath, [...entry, ...args], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (run.status !== 0) throw new Error(`bench child failed: ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}') as Measurement;
}

async function main(): Promise<void> {
  const sizes = flag('sizes', '1000000,4000000').split(',').map(Number);
  const analyzers = flag('analyzer', 'fast,engine').split(',') as AnalyzerChoice[];
  const workerCounts = flag('workers', `1,${availableParallelism()}`).split(',').map(Number);
  const textLength = Number(flag('text', '300'));
  const bad = [
    ...analyzers
      .filter((a) => !(ANALYZERS as readonly string[]).includes(a))
      .map((a) => `--analyzer: expected fast or engine, found ${a}`),
    ...[...sizes, ...workerCounts, textLength]
      .filter((n) => !Number.isInteger(n) || n < 1)
      .map((n) => `expected a positive integer, found ${n}`),
  ];
  if (bad.length > 0) {
    process.stderr.write(`bench:build: ${bad[0]}\n`);
    process.exitCode = 2;
    return;
  }
  // By default the measured code is compiled with the project's tsc into bench-output/ and each measurement runs
  // with plain node, as `assent build` runs (tsx would add its loader to every thread: 461 vs 366 MB peak RSS with 2
  // workers on 1M items). --sources measures the TypeScript sources through tsx instead.
  let compiled: string | undefined;
  if (!process.argv.includes('--sources')) {
    const root = fileURLToPath(new URL('..', import.meta.url));
    compiled = join(root, 'bench-output', 'build-dist');
    const tsc = spawnSync(
      process.execPath,
      [
        join(root, 'node_modules', 'typescript', 'bin', 'tsc'),
        '-p',
        join(root, 'tsconfig.build.json'),
        '--outDir',
        compiled,
        '--declaration',
        'false',
        '--sourceMap',
        'false',
      ],
      { encoding: 'utf8' },
    );
    if (tsc.status !== 0) {
      // tsc still emits on type errors (another change in progress elsewhere); say so, and stop only without output.
      const errors = `${tsc.stdout}${tsc.stderr}`.trim();
      if (!existsSync(join(compiled, 'build', 'run-build.js')))
        throw new Error(`compiling the sources failed:\n${errors}`);
      process.stderr.write(`bench:build: tsc reported errors, measuring what it emitted:\n${errors.slice(0, 2000)}\n`);
    }
  }
  process.stdout.write(
    `build benchmark: ${availableParallelism()} cores, analyzers ${analyzers.join(', ')}, ~${textLength}-character posts, Node ${process.version}, ${compiled ? 'compiled JavaScript' : 'TypeScript sources through tsx'}\n`,
  );
  for (const size of sizes) {
    const dir = mkdtempSync(join(tmpdir(), 'assent-bench-build-'));
    try {
      const t0 = performance.now();
      const files = await writeFixtureFiles(dir, { members: Math.ceil(size / 10), itemsPerMember: 10, textLength });
      const mb = statSync(files.content).size / 1e6;
      process.stdout.write(
        `\n${size.toLocaleString('en-US')} items, ${mb.toFixed(0)} MB of JSONL (generated in ${((performance.now() - t0) / 1000).toFixed(1)} s)\n`,
      );
      const row = (name: string, m: Measurement) => {
        const rate = Math.round(m.items / m.seconds).toLocaleString('en-US');
        const cpuRate = Math.round(m.items / m.cpuSeconds).toLocaleString('en-US');
        const cells = [
          `${rate.padStart(9)} items/s`,
          `${(mb / m.seconds).toFixed(1).padStart(6)} MB/s`,
          `${m.seconds.toFixed(1).padStart(6)} s`,
          `${cpuRate.padStart(8)} items/CPU-s`,
          `peak RSS ${m.peakRssMb.toFixed(0)} MB`,
          `(${m.records.toLocaleString('en-US')} records)`,
        ];
        process.stdout.write(`  ${name.padEnd(22)} ${cells.join('  ')}\n`);
      };
      const copy = child(['copy', dir], compiled);
      row('copy-only baseline', copy);
      for (const analyzer of analyzers) {
        for (const workers of workerCounts) {
          const m = child(['build', dir, String(workers), analyzer], compiled);
          row(`${analyzer}, ${workers} worker${workers > 1 ? 's' : ''}`, m);
          process.stdout.write(
            `  ${''.padEnd(22)} = ${((m.items / m.seconds / (copy.items / copy.seconds)) * 100).toFixed(0)}% of the copy-only baseline (wall), ${((m.items / m.cpuSeconds / (copy.items / copy.cpuSeconds)) * 100).toFixed(0)}% per CPU-second\n`,
          );
          const phases = (m.phases ?? [])
            .map(([name, seconds, cpu]) => `${name} ${seconds.toFixed(1)} s (${cpu.toFixed(1)} CPU-s)`)
            .join(', ');
          if (phases !== '') process.stdout.write(`  ${''.padEnd(22)}   phases (wall): ${phases}\n`);
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
