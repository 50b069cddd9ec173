// Throughput of the name tagger on wnut17-dev text (social-media posts): MB/s of UTF-8 input on one core.
//   npx tsx bench/names.ts [path/to/wnut17-dev.jsonl]

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createNameRecognizer, resolveDataDir } from '../src/redact/names/index.js';

const defaultCorpus = join(resolveDataDir(), '..', '..', '..', '..', 'shared', 'datasets', 'pii', 'wnut17-dev.jsonl');
const file = process.argv[2] ?? defaultCorpus;
if (!existsSync(file)) {
  console.error(`bench/names: corpus not found at ${file}; pass the path of wnut17-dev.jsonl`);
  process.exit(2);
}
const texts = readFileSync(file, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => (JSON.parse(line) as { text: string }).text);
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
  while (Number(process.hrtime.bigint() - t0) < seconds * 1e9) {
    for (const text of texts) spans += recognizer.analyze({ text }).length;
    rounds++;
  }
  const elapsed = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  console.log(
    `${label}: ${((megabytes * rounds) / elapsed).toFixed(1)} MB/s wall, ${((megabytes * rounds) / cpuSeconds).toFixed(1)} MB per CPU-second, ${((texts.length * rounds) / elapsed).toFixed(0)} posts/s, ${spans / rounds} spans per pass`,
  );
}

run('first pass (cold word cache, includes JIT warm-up)', 0.001);
run('steady state', 3);
// Worst case: every word featurized afresh (a stream of posts whose words were never seen).
recognizer = createNameRecognizer({ cacheSize: 0 });
run('no word cache', 2);
