// Throughput of the name tagger on one core: the generated posts of bench:redact and wnut17-dev (real social-media
// posts); MB of UTF-8 input, tokens and texts per second of wall time and per CPU-second (steadier on a shared machine).
//   npm run bench:names [-- path/to/wnut17-dev.jsonl]   (or, after `npm run build`, npx tsx bench/names.ts ...)
// Output check for speed work: the spans on wnut17-dev, meddocan-dev and presidio-synth-v2 must not change.
//   npx tsx bench/names.ts --spans [path/to/datasets/pii]   (after `npm run build`; prints the digest; exit 1 when it differs)
// The same digest is asserted by src/redact/names/identical-output.test.ts.

import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Recognizer } from '../src/redact/recognizer.js';
import { loadNames } from './engine.js';
import { generatePosts } from './social-posts.js';

// The tagger is timed as the CLI runs it, compiled (bench/engine.ts says why); `npm run bench:names` builds it first.
const { createNameRecognizer, resolveDataDir, tokenize } = await loadNames();

const defaultDir = join(resolveDataDir(), '..', '..', '..', '..', 'shared', 'datasets', 'pii');
/** sha256 of the default recognizer's spans on the dev corpora for the committed model (update after retraining). */
const RECORDED_SPANS = 'b0a00eb775d30d01f15f183526b4d4c703dad7cc00c33465766e9dfe5c3a24c5';

function readTexts(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => (JSON.parse(line) as { text: string }).text);
}

if (process.argv[2] === '--spans') {
  const dir = process.argv[3] ?? defaultDir;
  const files = ['wnut17-dev.jsonl', 'meddocan-dev.jsonl', 'presidio-synth-v2.jsonl'];
  if (!files.every((f) => existsSync(join(dir, f)))) {
    console.error(`bench/names --spans: dev corpora not found in ${dir}; pass the datasets/pii folder`);
    process.exit(2);
  }
  const hash = createHash('sha256');
  let count = 0;
  for (const file of files) {
    const recognizer = createNameRecognizer();
    readTexts(join(dir, file)).forEach((text, doc) => {
      for (const s of recognizer.analyze({ text })) {
        hash.update(`${file}\t${doc}\t${s.start}\t${s.end}\t${s.type}\t${s.score}\n`);
        count++;
      }
    });
  }
  const digest = hash.digest('hex');
  const same = digest === RECORDED_SPANS;
  console.log(
    `${count} spans, sha256 ${digest}: ${same ? 'identical to the recorded spans' : 'DIFFERENT from the recorded spans'}`,
  );
  process.exit(same ? 0 : 1);
}

const file = process.argv[2] ?? join(defaultDir, 'wnut17-dev.jsonl');
if (!existsSync(file)) {
  console.error(`bench/names: corpus not found at ${file}; pass the path of wnut17-dev.jsonl`);
  process.exit(2);
}
// The redaction benchmark's generated posts (same count and seed as bench:redact) and a real social-media corpus. The
// generated posts also have a set of the same kind that the warm recognizer has not seen (another seed): most of its
// tokens are known words, but 8,008 of its 11,302 distinct words are new (names, handles, numbers), the case of a
// stream of unseen posts, between the steady state and featurizing every word.
const datasets: [string, string[], string[] | undefined][] = [
  [
    'generated posts (20000, bench:redact)',
    generatePosts(20_000).map((p) => p.text),
    generatePosts(20_000, 4242).map((p) => p.text),
  ],
  [basename(file), readTexts(file), undefined],
];

const loadStart = process.hrtime.bigint();
createNameRecognizer().analyze({ text: 'warm up' });
console.log(`load: ${(Number(process.hrtime.bigint() - loadStart) / 1e6).toFixed(0)} ms`);

// Wall time and CPU time: on a shared machine the CPU time of this process is the steadier measure of one core.
function run(label: string, texts: readonly string[], recognizer: Recognizer, seconds: number): void {
  const megabytes = texts.reduce((sum, t) => sum + Buffer.byteLength(t, 'utf8'), 0) / 1e6;
  const tokens = texts.reduce((sum, t) => sum + tokenize(t).count, 0);
  let rounds = 0;
  let spans = 0;
  const t0 = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  // At least one pass, so a short run still measures something.
  do {
    for (const text of texts) spans += recognizer.analyze({ text }).length;
    rounds++;
  } while (Number(process.hrtime.bigint() - t0) < seconds * 1e9);
  const elapsed = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  console.log(
    `  ${label.padEnd(44)} ${((megabytes * rounds) / elapsed).toFixed(1).padStart(6)} MB/s wall ${((megabytes * rounds) / cpuSeconds).toFixed(1).padStart(6)} MB/cpu-s ${((tokens * rounds) / cpuSeconds / 1e6).toFixed(2).padStart(6)} M tokens/cpu-s ${((texts.length * rounds) / cpuSeconds).toFixed(0).padStart(8)} texts/cpu-s  ${spans / rounds} spans/pass`,
  );
}

for (const [name, texts, unseen] of datasets) {
  console.log(`${name}: ${texts.length} texts`);
  const recognizer = createNameRecognizer();
  run('first pass (cold word cache, JIT warm-up)', texts, recognizer, 0);
  run('steady state (warm word cache)', texts, recognizer, 3);
  // One pass: a second would find the new words cached.
  if (unseen !== undefined) run('unseen posts after the steady state (1 pass)', unseen, recognizer, 0);
  // Worst case: every word featurized afresh (a stream of posts whose words were never seen).
  run('no word cache (every word featurized)', texts, createNameRecognizer({ cacheSize: 0 }), 2);
}
