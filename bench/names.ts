// Throughput of the name tagger on wnut17-dev text (social-media posts): MB/s of UTF-8 input on one core.
//   npx tsx bench/names.ts [path/to/wnut17-dev.jsonl]
// Output check for speed work: the spans on wnut17-dev, meddocan-dev and presidio-synth-v2 must not change.
//   npx tsx bench/names.ts --spans [path/to/datasets/pii]   (prints the digest; exit 1 when it differs)
// The same digest is asserted by src/redact/names/identical-output.test.ts.

import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createNameRecognizer, resolveDataDir } from '../src/redact/names/index.js';

const defaultDir = join(resolveDataDir(), '..', '..', '..', '..', 'shared', 'datasets', 'pii');
/** sha256 of the default recognizer's spans on the dev corpora for the committed model (update after retraining). */
const RECORDED_SPANS = '14efb13ae311ba07817d79977d5fc8acfae5fa7120c1ae8ca924d7e8394a5f0f';

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
const texts = readTexts(file);
const megabytes = texts.reduce((sum, t) => sum + Buffer.byteLength(t, 'utf8'), 0) / 1e6;

const loadStart = process.hrtime.bigint();
let recognizer = createNameRecognizer();
recognizer.analyze({ text: 'warm up' });
console.log(`load: ${(Number(process.hrtime.bigint() - loadStart) / 1e6).toFixed(0)} ms`);

// Wall time and CPU time: on a shared machine the CPU time of this process is the steadier measure of one core.
function run(label: string, seconds: number): void {
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
    `${label}: ${((megabytes * rounds) / elapsed).toFixed(1)} MB/s wall, ${((megabytes * rounds) / cpuSeconds).toFixed(1)} MB per CPU-second, ${((texts.length * rounds) / elapsed).toFixed(0)} posts/s, ${spans / rounds} spans per pass`,
  );
}

run('first pass (cold word cache, includes JIT warm-up)', 0);
run('steady state', 3);
// Worst case: every word featurized afresh (a stream of posts whose words were never seen).
recognizer = createNameRecognizer({ cacheSize: 0 });
run('no word cache', 2);
