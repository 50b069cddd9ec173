// Parquet shard writing: the same records written by @dsnp/parquetjs (what shards used before) and by our streaming
// writer (src/build/parquet) with its codecs, each in its own child process so CPU time and peak RSS are its own.
// The records (fixture posts, as in bench/build.ts) are generated before the clock starts. Prints; asserts nothing.
//
//   npm run bench:parquet -- [--rows 1000000] [--text 300] [--modes parquetjs,ours,ours-gzip6,ours-uncompressed]

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import parquet from '@dsnp/parquetjs';
import { fixtureContent } from '../src/build/fixture.js';
import { ParquetWriter } from '../src/build/parquet/index.js';
import { type OutputRecord, openShardWriter, shardColumns } from '../src/build/shard-writer.js';

interface Measurement {
  readonly rows: number;
  readonly inputBytes: number;
  readonly outputBytes: number;
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly rssBeforeMb: number;
  readonly peakRssMb: number;
}

const MODES = ['parquetjs', 'ours', 'ours-gzip6', 'ours-uncompressed'] as const;
type Mode = (typeof MODES)[number];

function flag(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? (process.argv[at + 1] ?? fallback) : fallback;
}

function records(rows: number, textLength: number): OutputRecord[] {
  let s = 42;
  const random = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
  const out: OutputRecord[] = [];
  for (let n = 0; n < rows; n++) {
    const c = fixtureContent(Math.floor(n / 10), n % 10, random, textLength);
    out.push({
      text: c.text,
      kind: c.kind,
      language: n % 9 === 0 ? null : c.language,
      month: c.created_at.slice(0, 7),
    });
  }
  return out;
}

/** The writer shards used before: parquetjs, GZIP, 20,000-row groups. */
async function writeWithParquetjs(path: string, input: readonly OutputRecord[]): Promise<void> {
  const schema = new parquet.ParquetSchema({
    text: { type: 'UTF8', compression: 'GZIP' },
    kind: { type: 'UTF8', compression: 'GZIP' },
    language: { type: 'UTF8', optional: true, compression: 'GZIP' },
    month: { type: 'UTF8', compression: 'GZIP' },
  });
  const writer = await parquet.ParquetWriter.openFile(schema, path, { rowGroupSize: 20_000 });
  for (const r of input) await writer.appendRow({ text: r.text, kind: r.kind, language: r.language, month: r.month });
  await writer.close();
}

async function runChild(mode: Mode, dir: string, rows: number, textLength: number): Promise<Measurement> {
  const input = records(rows, textLength);
  let inputBytes = 0;
  for (const r of input) {
    inputBytes += Buffer.byteLength(r.text) + r.kind.length + (r.language?.length ?? 0) + r.month.length;
  }
  const rssBeforeMb = process.memoryUsage().rss / 2 ** 20;
  const path = join(dir, `${mode}.parquet`);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  if (mode === 'parquetjs') await writeWithParquetjs(path, input);
  else if (mode === 'ours') {
    const shard = openShardWriter(path, 'parquet', false);
    for (const r of input) shard.append(r);
    await shard.close();
  } else {
    // The writer alone with another codec, into a sink that only counts (no file, so no fsync either).
    let bytes = 0;
    const writer = new ParquetWriter(
      shardColumns(false),
      mode === 'ours-gzip6'
        ? { createdBy: 'bench', compression: 'gzip', gzipLevel: 6 }
        : { createdBy: 'bench', compression: 'uncompressed' },
      (chunk) => {
        bytes += chunk.length;
      },
    );
    for (const r of input) writer.appendRow([r.text, r.kind, r.language, r.month]);
    writer.close();
    const cpu = process.cpuUsage(cpu0);
    return {
      rows,
      inputBytes,
      outputBytes: bytes,
      seconds: (performance.now() - t0) / 1000,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      rssBeforeMb,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
    };
  }
  const cpu = process.cpuUsage(cpu0);
  return {
    rows,
    inputBytes,
    outputBytes: statSync(path).size,
    seconds: (performance.now() - t0) / 1000,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    rssBeforeMb,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
}

async function main(): Promise<void> {
  if (process.argv.includes('--child')) {
    const [mode, dir, rows, text] = process.argv.slice(process.argv.indexOf('--child') + 1);
    const m = await runChild(mode as Mode, dir as string, Number(rows), Number(text));
    process.stdout.write(`${JSON.stringify(m)}\n`);
    return;
  }
  const rows = Number(flag('rows', '1000000'));
  const textLength = Number(flag('text', '300'));
  const modes = flag('modes', MODES.join(',')).split(',') as Mode[];
  for (const mode of modes) if (!MODES.includes(mode)) throw new Error(`--modes: unknown mode ${mode}`);
  process.stdout.write(
    `parquet benchmark: ${rows.toLocaleString('en-US')} records of ~${textLength}-character posts, Node ${process.version}\n`,
  );
  const dir = mkdtempSync(join(tmpdir(), 'assent-bench-parquet-'));
  try {
    let baseline: number | undefined;
    for (const mode of modes) {
      const run = spawnSync(
        process.execPath,
        ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', mode, dir, String(rows), String(textLength)],
        { encoding: 'utf8', maxBuffer: 1 << 24 },
      );
      if (run.status !== 0) throw new Error(`bench child ${mode} failed: ${run.stderr}`);
      const m = JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}') as Measurement;
      const cpuRate = m.rows / m.cpuSeconds;
      baseline ??= cpuRate;
      const cells = [
        `${Math.round(m.rows / m.seconds)
          .toLocaleString('en-US')
          .padStart(9)} rows/s`,
        `${(m.inputBytes / 1e6 / m.seconds).toFixed(1).padStart(6)} MB/s`,
        `${Math.round(cpuRate).toLocaleString('en-US').padStart(9)} rows/CPU-s`,
        `${(m.inputBytes / 1e6 / m.cpuSeconds).toFixed(1).padStart(6)} MB/CPU-s`,
        `${(cpuRate / baseline).toFixed(1).padStart(5)}x`,
        `out ${(m.outputBytes / 1e6).toFixed(1).padStart(6)} MB`,
        `peak RSS ${m.peakRssMb.toFixed(0)} MB (${m.rssBeforeMb.toFixed(0)} MB holding the input)`,
      ];
      process.stdout.write(`  ${mode.padEnd(18)} ${cells.join('  ')}\n`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
