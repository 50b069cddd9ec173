// One measurement of bench/build.ts in its own process, so peak RSS is its own: a full build (`build DIR WORKERS
// ANALYZER`) or the copy-only baseline (`copy DIR`) over DIR/members.jsonl and DIR/content.jsonl; prints the
// measurement as one JSON line. The bench runs it compiled with plain node (as `assent build` runs), so no
// TypeScript loader sits in the measured process.

import { join } from 'node:path';
import { openStore } from '../store/open-store.js';
import { rulesPolicy } from './build-policy.js';
import { TEST_POLICY_RULES } from './crash-harness.js';
import { parseContentObject, parseJsonLine } from './parse-lines.js';
import type { AnalyzerChoice } from './redaction.js';
import { ITEMS_PER_SHARD, runBuild } from './run-build.js';
import { openShardWriter, type ShardWriter } from './shard-writer.js';
import { fileSource, readLineBatches } from './source.js';

export interface Measurement {
  readonly items: number;
  readonly records: number;
  readonly seconds: number;
  /**
   * User + system CPU of the whole process (all threads) during the measurement, module loading excluded: the machine
   * may be shared, so wall time alone misleads.
   */
  readonly cpuSeconds: number;
  readonly peakRssMb: number;
  /**
   * Wall seconds and CPU seconds (all threads) of each phase of a build, in order (see BuildProgress; `start` is
   * until the first member batch is placed). CPU over wall tells how many cores a phase kept busy.
   */
  readonly phases?: readonly (readonly [string, number, number])[];
}

function cpuSeconds(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
}

async function buildOnce(dir: string, workers: number, analyzer: AnalyzerChoice): Promise<Measurement> {
  const store = await openStore({ dataDir: join(dir, `store-${workers}-${analyzer}`) });
  const started = performance.now();
  const cpu0 = cpuSeconds();
  const phases: [string, number, number][] = [];
  let phase = 'start';
  let phaseStarted = started;
  let phaseCpu = cpu0;
  const endPhase = () => {
    const cpu = cpuSeconds();
    phases.push([phase, (performance.now() - phaseStarted) / 1000, cpu - phaseCpu]);
    phaseCpu = cpu;
  };
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
      onProgress: (p) => {
        if (p.phase === phase) return;
        endPhase();
        phase = p.phase;
        phaseStarted = performance.now();
      },
    });
    endPhase();
    return {
      items: result.summary.items,
      records: result.summary.records,
      seconds: (performance.now() - started) / 1000,
      cpuSeconds: cpuSeconds() - cpu0,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
      phases,
    };
  } finally {
    await store.close();
  }
}

/**
 * Copy-only: read, parse, and write the same minimal records as Parquet shards of the build's size (streamed, one
 * thread); nothing decided or redacted.
 */
async function copyOnce(dir: string): Promise<Measurement> {
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

async function main(argv: readonly string[]): Promise<void> {
  const [mode, dir, workers, analyzer] = argv;
  if (!dir || (mode !== 'copy' && mode !== 'build'))
    throw new Error('usage: bench-harness build|copy DIR [WORKERS ANALYZER]');
  const m = mode === 'copy' ? await copyOnce(dir) : await buildOnce(dir, Number(workers), analyzer as AnalyzerChoice);
  process.stdout.write(`${JSON.stringify(m)}\n`);
}

if (process.argv[1]?.endsWith('bench-harness.ts') || process.argv[1]?.endsWith('bench-harness.js')) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  });
}
