// Benchmark of the redaction engine: detect+redact throughput (MB/s, records/s) on one core and on all cores (the
// worker pool), peak RSS, recall against labeled data, the npm packages redact-pii and @redactpii/node on the same
// data, and the adversarial linearity table. Prints; asserts nothing.
//   npm run bench:redact [-- --seconds 3 --posts 20000 --unseen-posts 20000 --skip-adversarial]

import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { Redactor as RedactPiiNode } from '@redactpii/node';
import { SyncRedactor } from 'redact-pii';
import { DIRECT_IDENTIFIERS } from '../src/domain/index.js';
import { adversarialInputs } from '../src/redact/adversarial-inputs.js';
import { corpusDirectory, type LabeledRecord, listCorpora, readCorpus } from '../src/redact/eval/corpus.js';
import {
  ANY_DIRECT,
  accumulateDocument,
  type MetricCounts,
  toCorpusType,
  toMetrics,
} from '../src/redact/eval/metrics.js';
import { loadEngine } from './engine.js';
import { countryOf, generatePosts } from './social-posts.js';

// The engine is timed as the CLI runs it, compiled (bench/engine.ts says why); `npm run bench:redact` builds it first.
const { createAnalyzer, createAnonymizer, createDefaultRecognizers, redactStream } = await loadEngine();

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const SECONDS = option('seconds', 3);
const POSTS = option('posts', 20_000);
const skipAdversarial = args.includes('--skip-adversarial');
// Posts for one timed pass each tool has never seen (other seed): the slices above repeat their records, so per-record
// caches (the phone recognizer's parsed candidates, the tagger's word vectors) are warm there and not in a real stream.
const UNSEEN = option('unseen-posts', 20_000);

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const analyzer = createAnalyzer();
// Replace everything (no drops) so every tool emits text for every record.
const anonymizer = createAnonymizer({ default: { operator: 'replace' } });
// The same engine without the statistical name tagger, to show where the time goes.
const patternsOnly = createAnalyzer({
  recognizers: createDefaultRecognizers().filter((r) => r.name !== 'name-tagger'),
});
const redactPii = new SyncRedactor();
const redactPiiNode = new RedactPiiNode();

type Tool = { name: string; redact: (record: LabeledRecord) => string };
const tools: Tool[] = [
  {
    name: 'assent',
    redact: (r) => {
      const country = countryOf(r.lang);
      const input = { text: r.text, ...(r.lang ? { lang: r.lang } : {}), ...(country ? { country } : {}) };
      return anonymizer.anonymize(r.text, analyzer.analyze(input)).text ?? '';
    },
  },
  {
    name: 'assent (no names)',
    redact: (r) => {
      const country = countryOf(r.lang);
      const input = { text: r.text, ...(r.lang ? { lang: r.lang } : {}), ...(country ? { country } : {}) };
      return anonymizer.anonymize(r.text, patternsOnly.analyze(input)).text ?? '';
    },
  },
  { name: 'redact-pii', redact: (r) => redactPii.redact(r.text) },
  { name: '@redactpii/node', redact: (r) => redactPiiNode.redact(r.text) },
];

const mb = (records: readonly LabeledRecord[]) => records.reduce((s, r) => s + Buffer.byteLength(r.text), 0) / 1e6;
const peakRssMb = () => process.resourceUsage().maxRSS / 1024;

const cpuSeconds = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

/** Each throughput measurement is cut into this many slices; the best slice is reported. */
const SLICES = 8;

/**
 * Runs `tool` over `records` repeatedly for about SECONDS (at least one full pass), in SLICES time slices, and
 * returns the best slice's MB/s and records/s on this thread and its MB per CPU-second of the process. On a shared
 * machine neighbours slow some slices down (wall time, and CPU time through shared caches); the best slice is the
 * closest to what the code does alone, and every tool is measured the same way.
 */
function throughput(tool: Tool, records: readonly LabeledRecord[]): { mbps: number; rps: number; mbPerCpu: number } {
  // Warm-up: one pass over the records (at most SECONDS), so every tool is timed warm (model loaded, JIT and caches
  // filled), whichever runs first; the worker pool below is measured warm too.
  const warmStart = performance.now();
  for (const r of records) {
    tool.redact(r);
    if (performance.now() - warmStart > SECONDS * 1000) break;
  }
  const bytes = records.map((r) => Buffer.byteLength(r.text));
  const sliceMs = (SECONDS * 1000) / SLICES;
  let best = { mbps: 0, rps: 0, mbPerCpu: 0 };
  let passes = 0;
  const started = performance.now();
  let sliceStart = started;
  let sliceCpu = cpuSeconds();
  let sliceBytes = 0;
  let sliceRecords = 0;
  const closeSlice = (now: number) => {
    const cpu = cpuSeconds();
    const seconds = (now - sliceStart) / 1000;
    const megabytes = sliceBytes / 1e6;
    if (sliceRecords > 0 && seconds > 0) {
      best = {
        mbps: Math.max(best.mbps, megabytes / seconds),
        rps: Math.max(best.rps, sliceRecords / seconds),
        mbPerCpu: Math.max(best.mbPerCpu, megabytes / Math.max(cpu - sliceCpu, 1e-6)),
      };
    }
    sliceStart = now;
    sliceCpu = cpu;
    sliceBytes = 0;
    sliceRecords = 0;
  };
  while (passes === 0 || performance.now() - started < SECONDS * 1000) {
    for (let i = 0; i < records.length; i++) {
      tool.redact(records[i] as LabeledRecord);
      sliceBytes += bytes[i] as number;
      sliceRecords++;
      const now = performance.now();
      if (now - sliceStart >= sliceMs) closeSlice(now);
      if (passes > 0 && now - started > SECONDS * 1000) break;
    }
    passes++;
  }
  closeSlice(performance.now());
  return best;
}

/**
 * Character recall of direct identifiers, estimated from output text so every tool is measured the same way: a
 * token (whitespace-separated, 3+ characters) of a gold span that still appears in the output is not covered.
 */
function surfaceRecall(tool: Tool, records: readonly LabeledRecord[]): number {
  const direct = new Set<string>(DIRECT_IDENTIFIERS);
  let gold = 0;
  let covered = 0;
  for (const r of records) {
    const spans = r.spans.filter((s) => direct.has(s.type));
    if (spans.length === 0) continue;
    const out = tool.redact(r);
    for (const s of spans) {
      for (const token of r.text.slice(s.start, s.end).split(/\s+/)) {
        const clean = token.replace(/^[^\p{L}\p{N}@+]+|[^\p{L}\p{N}]+$/gu, '');
        if (clean.length < 3) continue;
        gold += clean.length;
        if (!out.includes(clean)) covered += clean.length;
      }
    }
  }
  return gold === 0 ? Number.NaN : covered / gold;
}

/** Span-based any-direct-identifier character recall of Assent (the evaluation's own measure). */
function spanRecall(records: readonly LabeledRecord[], corpusTypes: ReadonlySet<string>): number {
  const table = new Map<string, MetricCounts>();
  for (const r of records) {
    const country = countryOf(r.lang);
    const predicted = analyzer
      .analyze({ text: r.text, ...(r.lang ? { lang: r.lang } : {}), ...(country ? { country } : {}) })
      .map((s) => ({ start: s.start, end: s.end, type: toCorpusType(s.type, corpusTypes as ReadonlySet<never>) }));
    accumulateDocument(table, r.spans, predicted);
  }
  const counts = table.get(ANY_DIRECT);
  return counts ? toMetrics(counts).charRecall : Number.NaN;
}

/**
 * redactStream end to end (JSONL in and out; `workers` 1 runs on the calling thread), and in steady state: from the
 * moment it has made `workers` passes over the distinct records (each thread has then seen about one pass, as the
 * one-core loop has when it is timed: its JIT, word and phone caches warm) to the end, as a whole and as the best of
 * SLICES time slices (the statistic of the one-core table). CPU time is the whole process's, every thread.
 */
async function streamThroughput(
  records: readonly LabeledRecord[],
  workers: number,
  start: 'pool' | 'cli' | 'cli-idle' = 'pool',
): Promise<{
  mbps: number;
  rps: number;
  mbPerCpu: number;
  best: { mbps: number; mbPerCpu: number };
  warmup: number;
  endToEnd: number;
}> {
  const lines = records.map((r) =>
    JSON.stringify({ id: r.id, text: r.text, lang: r.lang, country: countryOf(r.lang) }),
  );
  const passes = Math.ceil((SECONDS * 4e6) / Buffer.byteLength(lines.join('\n')));
  const repeat = Math.max(workers + 2, passes * workers);
  const all: string[] = [];
  for (let i = 0; i < repeat; i++) all.push(...lines);
  const input = Readable.from(
    (function* () {
      for (let i = 0; i < all.length; i += 1000) yield `${all.slice(i, i + 1000).join('\n')}\n`;
    })(),
  );
  const sink = new Writable({ write: (_chunk, _enc, done) => done() });
  const bytesPerRecord = (mb(records) * repeat) / all.length;
  const started = performance.now();
  const warmRecords = lines.length * workers;
  let firstAt = 0;
  let firstRecords = 0;
  let firstCpu = 0;
  // Slices of the steady state, each closed at the first progress report after (SECONDS / SLICES) seconds.
  const best = { mbps: 0, mbPerCpu: 0 };
  let slice = { at: 0, records: 0, cpu: 0 };
  const closeSlice = (records: number) => {
    const now = performance.now();
    const cpu = cpuSeconds();
    const megabytes = (records - slice.records) * bytesPerRecord;
    if (records > slice.records) {
      best.mbps = Math.max(best.mbps, megabytes / ((now - slice.at) / 1000));
      best.mbPerCpu = Math.max(best.mbPerCpu, megabytes / Math.max(cpu - slice.cpu, 1e-6));
    }
    slice = { at: now, records, cpu };
  };
  await redactStream(input, sink, {
    workers,
    // 'pool': every batch goes to the workers from the first line. 'cli': as the CLI runs, the first MiB on this
    // thread, which then processes batches until a worker is ready; 'cli-idle': the same, but this thread waits.
    ...(start === 'pool' ? { poolThresholdBytes: 0, inlineWhileStarting: false } : {}),
    ...(start === 'cli-idle' ? { inlineWhileStarting: false } : {}),
    batchLines: 256,
    redaction: { default: { operator: 'replace' } },
    onProgress: (counts) => {
      if (firstAt === 0) {
        if (counts.records < warmRecords) return;
        firstAt = performance.now();
        firstRecords = counts.records;
        firstCpu = cpuSeconds();
        slice = { at: firstAt, records: counts.records, cpu: firstCpu };
      } else if (performance.now() - slice.at >= (SECONDS * 1000) / SLICES) closeSlice(counts.records);
    },
  });
  closeSlice(all.length);
  const ended = performance.now();
  const seconds = (ended - firstAt) / 1000;
  const steadyRecords = all.length - firstRecords;
  return {
    mbps: (steadyRecords * bytesPerRecord) / seconds,
    rps: steadyRecords / seconds,
    mbPerCpu: (steadyRecords * bytesPerRecord) / (cpuSeconds() - firstCpu),
    best,
    warmup: (firstAt - started) / 1000,
    endToEnd: (mb(records) * repeat) / ((ended - started) / 1000),
  };
}

/**
 * One pass of `tool` over `records` it has not seen (after the warm pass over other records): MB per CPU-second of the
 * process, the measure the ratios use. Nothing is repeated, so no per-record cache helps.
 */
function firstPass(tool: Tool, records: readonly LabeledRecord[]): number {
  const cpu = cpuSeconds();
  for (const r of records) tool.redact(r);
  return mb(records) / Math.max(cpuSeconds() - cpu, 1e-6);
}

const fmt = (n: number, digits = 2) => (Number.isNaN(n) ? '-' : n.toFixed(digits));

async function main() {
  const cores = availableParallelism();
  const datasets: { name: string; records: LabeledRecord[]; types: ReadonlySet<string> }[] = [];
  // Records reach the engine through JSON.parse (redactStream, builds), as flat strings; the generated texts are
  // built by concatenation (V8 rope strings, slower to read character by character), so they take the same path.
  const flat = (post: LabeledRecord): LabeledRecord => ({
    ...post,
    text: JSON.parse(JSON.stringify(post.text)) as string,
  });
  const posts = generatePosts(POSTS).map(flat);
  const unseen = UNSEEN > 0 ? generatePosts(UNSEEN, 4242).map(flat) : [];
  datasets.push({
    name: `generated posts (${POSTS})`,
    records: posts,
    types: new Set(posts.flatMap((p) => p.spans.map((s) => s.type))),
  });
  const directory = corpusDirectory(repoRoot);
  for (const file of listCorpora(directory).filter((f) => f.includes('dev') || f.includes('presidio'))) {
    const corpus = readCorpus(join(directory, file));
    datasets.push({ name: corpus.name, records: [...corpus.records], types: corpus.types });
  }
  if (datasets.length === 1) console.log(`(no labeled corpora in ${directory}; generated posts only)`);

  console.log(
    `\nredaction benchmark: ${SECONDS}s per measurement (one core: best of ${SLICES} slices, warm), ${cores} cores, Node ${process.version}`,
  );
  for (const { name, records, types } of datasets) {
    console.log(`\n== ${name}: ${records.length} records, ${fmt(mb(records))} MB`);
    console.log(
      `${'tool'.padEnd(18)} ${'MB/s 1 core'.padStart(12)} ${'rec/s 1 core'.padStart(13)} ${'MB/cpu-s'.padStart(9)} ${'x assent'.padStart(9)}  recall(surface)`,
    );
    const results: { tool: string; mbps: number; rps: number; mbPerCpu: number; recall: number }[] = [];
    for (const tool of tools) {
      const { mbps, rps, mbPerCpu } = throughput(tool, records);
      results.push({ tool: tool.name, mbps, rps, mbPerCpu, recall: surfaceRecall(tool, records) });
    }
    // Ratios per CPU-second of the best slice: on a shared machine wall-clock rates swing with the neighbours' load.
    const base = results[0]?.mbPerCpu ?? 1;
    for (const r of results) {
      console.log(
        `${r.tool.padEnd(18)} ${fmt(r.mbps).padStart(12)} ${fmt(r.rps, 0).padStart(13)} ${fmt(r.mbPerCpu).padStart(9)} ${fmt(r.mbPerCpu / base).padStart(9)}  ${fmt(r.recall, 3)}`,
      );
    }
    console.log(`assent span-based any-direct character recall: ${fmt(spanRecall(records, types), 3)}`);
    if (records === posts && unseen.length > 0) {
      // Every tool is warm from the table above; each sees these posts once.
      const rates = tools.map((tool) => ({ tool: tool.name, rate: firstPass(tool, unseen) }));
      const first = rates[0]?.rate ?? 1;
      console.log(
        `one pass over ${unseen.length} unseen posts (seed 4242, ${fmt(mb(unseen))} MB), MB/cpu-s and x assent: ${rates
          .map((r) => `${r.tool} ${fmt(r.rate)} (${fmt(r.rate / first)})`)
          .join(', ')}`,
      );
    }
    // The same JSONL path on the calling thread, measured the same way: the pool's cost per MB is this one's (parsing
    // and formatting every line, reading and writing the streams) plus what the threads add.
    const inline = await streamThroughput(records, 1);
    console.log(
      `assent redactStream, calling thread (JSONL in/out): end to end ${fmt(inline.endToEnd)} MB/s; steady state after ${fmt(inline.warmup, 1)} s of start-up and warm-up: ${fmt(inline.mbps)} MB/s, ${fmt(inline.rps, 0)} records/s, ${fmt(inline.mbPerCpu)} MB/cpu-s (all threads); best of its slices ${fmt(inline.best.mbps)} MB/s, ${fmt(inline.best.mbPerCpu)} MB/cpu-s`,
    );
    // The steady state with every batch sent to the workers, so that each has seen about one pass by then; end to end
    // also as the CLI runs it, with this thread helping or waiting while the workers start.
    const steady = await streamThroughput(records, cores);
    const cli = await streamThroughput(records, cores, 'cli');
    const cliIdle = await streamThroughput(records, cores, 'cli-idle');
    console.log(
      `assent worker pool (${cores} workers, redactStream JSONL in/out): end to end ${fmt(steady.endToEnd)} MB/s (as the CLI runs, first MiB on this thread: ${fmt(cli.endToEnd)} MB/s with it helping while the workers start, ${fmt(cliIdle.endToEnd)} MB/s with it waiting); steady state after ${fmt(steady.warmup, 1)} s of start-up and warm-up: ${fmt(steady.mbps)} MB/s, ${fmt(steady.rps, 0)} records/s, ${fmt(steady.mbPerCpu)} MB/cpu-s (all threads); best of its slices ${fmt(steady.best.mbps)} MB/s, ${fmt(steady.best.mbPerCpu)} MB/cpu-s; peak RSS so far ${fmt(peakRssMb(), 0)} MB`,
    );
  }

  if (!skipAdversarial) {
    console.log(
      '\n== adversarial linearity (pattern recognizers; seconds per input size; ratio 1MB/256KB and 4MB/1MB ≈ 4 if linear)',
    );
    const patterns = createDefaultRecognizers().filter((r) => r.name !== 'name-tagger');
    const sizes = [256 * 1024, 1024 * 1024, 4 * 1024 * 1024];
    console.log(
      `${'input'.padEnd(15)} ${'256KB'.padStart(8)} ${'1MB'.padStart(8)} ${'4MB'.padStart(8)} ${'x1M/256K'.padStart(9)} ${'x4M/1M'.padStart(8)}`,
    );
    for (const name of Object.keys(adversarialInputs(16))) {
      const times = sizes.map((size) => {
        const text = adversarialInputs(size)[name] as string;
        const started = performance.now();
        for (const r of patterns) r.analyze({ text });
        return (performance.now() - started) / 1000;
      });
      const [a, b, c] = times as [number, number, number];
      console.log(
        `${name.padEnd(15)} ${fmt(a, 3).padStart(8)} ${fmt(b, 3).padStart(8)} ${fmt(c, 3).padStart(8)} ${fmt(b / a, 1).padStart(9)} ${fmt(c / b, 1).padStart(8)}`,
      );
    }
  }
  console.log(`\npeak RSS: ${fmt(peakRssMb(), 0)} MB`);
}

await main();
