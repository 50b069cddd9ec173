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
import { fileURLToPath, pathToFileURL } from 'node:url';
import { writeFixtureFiles } from '../src/build/fixture.js';
import { ANALYZERS, type AnalyzerChoice } from '../src/build/redaction.js';
import type { ShardWriter } from '../src/build/shard-writer.js';

/** The modules a measurement runs, from compiled JavaScript (as `assent build` runs) or from the sources. */
interface Lib {
  readonly policy: typeof import('../src/build/build-policy.js');
  readonly harness: typeof import('../src/build/crash-harness.js');
  readonly parse: typeof import('../src/build/parse-lines.js');
  readonly run: typeof import('../src/build/run-build.js');
  readonly shards: typeof import('../src/build/shard-writer.js');
  readonly source: typeof import('../src/build/source.js');
  readonly store: typeof import('../src/store/open-store.js');
}

async function loadLib(compiled: string | undefined): Promise<Lib> {
  const load = (path: string) =>
    import(compiled ? pathToFileURL(join(compiled, `${path}.js`)).href : `../src/${path}.js`);
  return {
    policy: await load('build/build-policy'),
    harness: await load('build/crash-harness'),
    parse: await load('build/parse-lines'),
    run: await load('build/run-build'),
    shards: await load('build/shard-writer'),
    source: await load('build/source'),
    store: await load('store/open-store'),
  };
}

interface Measurement {
  readonly items: number;
  readonly records: number;
  readonly seconds: number;
  /**
   * User + system CPU of the whole process (all threads) during the measurement, module loading excluded: the machine
   * may be shared, so wall time alone misleads.
   */
  readonly cpuSeconds: number;
  readonly peakRssMb: number;
}

function cpuSeconds(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
}

function flag(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? (process.argv[at + 1] ?? fallback) : fallback;
}

async function buildOnce(lib: Lib, dir: string, workers: number, analyzer: AnalyzerChoice): Promise<Measurement> {
  const { rulesPolicy } = lib.policy;
  const { TEST_POLICY_RULES } = lib.harness;
  const { runBuild } = lib.run;
  const { fileSource } = lib.source;
  const store = await lib.store.openStore({ dataDir: join(dir, `store-${workers}-${analyzer}`) });
  const started = performance.now();
  const cpu0 = cpuSeconds();
  try {
    const result = await runBuild({
      store,
      policy: rulesPolicy(TEST_POLICY_RULES, 'c'.repeat(64)),
      purpose: TEST_POLICY_RULES.purpose,
      asOf: TEST_POLICY_RULES.asOf,
      outDir: join(dir, `out-${workers}-${analyzer}`),
      format: 'parquet',
      sources: fileSource(join(dir, 'members.jsonl'), [join(dir, 'content.jsonl')]),
      workers,
      actor: 'bench',
      analyzer,
    });
    return {
      items: result.summary.items,
      records: result.summary.records,
      seconds: (performance.now() - started) / 1000,
      cpuSeconds: cpuSeconds() - cpu0,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
    };
  } finally {
    await store.close();
  }
}

/**
 * Copy-only: read, parse, and write the same minimal records as Parquet shards of the build's size (streamed, one
 * thread); nothing decided or redacted.
 */
async function copyOnce(lib: Lib, dir: string): Promise<Measurement> {
  const { parseContentObject, parseJsonLine } = lib.parse;
  const { openShardWriter } = lib.shards;
  const { ITEMS_PER_SHARD } = lib.run;
  const { readLineBatches } = lib.source;
  const started = performance.now();
  const cpu0 = cpuSeconds();
  let items = 0;
  let shard = 0;
  let writer: ShardWriter | undefined;
  let inShard = 0;
  for await (const { lines } of readLineBatches(join(dir, 'content.jsonl'), 2000)) {
    for (const line of lines) {
      const json = parseJsonLine(line);
      const parsed = json.ok ? parseContentObject(json.value) : json;
      if (!parsed.ok) continue;
      items++;
      const item = parsed.value;
      writer ??= openShardWriter(join(dir, `copy-${shard++}.parquet`), 'parquet', false);
      writer.append({ text: item.text, kind: item.kind, language: item.language, month: item.createdAt.slice(0, 7) });
      if (++inShard >= ITEMS_PER_SHARD) {
        await writer.close();
        writer = undefined;
        inShard = 0;
      }
    }
  }
  await writer?.close();
  return {
    items,
    records: items,
    seconds: (performance.now() - started) / 1000,
    cpuSeconds: cpuSeconds() - cpu0,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
}

function child(args: string[], compiled: string | undefined): Measurement {
  const run = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
    env: { ...process.env, ASSENT_BENCH_COMPILED: compiled ?? '' },
  });
  if (run.status !== 0) throw new Error(`bench child failed: ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}') as Measurement;
}

async function main(): Promise<void> {
  if (process.argv.includes('--child')) {
    const [mode, dir, workers, analyzer] = process.argv.slice(process.argv.indexOf('--child') + 1);
    const lib = await loadLib(process.env.ASSENT_BENCH_COMPILED || undefined);
    const m =
      mode === 'copy'
        ? await copyOnce(lib, dir as string)
        : await buildOnce(lib, dir as string, Number(workers), analyzer as AnalyzerChoice);
    process.stdout.write(`${JSON.stringify(m)}\n`);
    return;
  }
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
  // By default the measured code is compiled with the project's tsc into bench-output/ (as `assent build` runs it;
  // under tsx every worker thread also runs tsx's loader: 461 vs 366 MB peak RSS with 2 workers on 1M items).
  // --sources measures the TypeScript sources through tsx instead.
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
