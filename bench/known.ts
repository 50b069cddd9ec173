// Known-identity matcher at scale: compiles 1,000,000 generated entries (faker given/family names of many locales,
// plus member-style identifiers), reports compile time, memory per entry and matching throughput.
//   node --expose-gc --import tsx bench/known.ts [entries]

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allLocales } from '@faker-js/faker';
import { seededRandom } from '../src/domain/seeded-random.js';
import { compileKnownIdentities, type KnownIdentity } from '../src/redact/known/index.js';
import { resolveDataDir } from '../src/redact/names/index.js';

const count = Number(process.argv[2] ?? 1_000_000);
const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) console.warn('run with node --expose-gc for accurate memory numbers');

function strings(value: unknown): string[] {
  if (typeof value === 'string') return value.includes('{{') ? [] : [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}
const locales = allLocales as Record<string, { person?: Record<string, unknown> }>;
const firsts = [
  ...new Set(
    Object.keys(locales)
      .sort()
      .flatMap((c) => strings(locales[c]?.person?.first_name)),
  ),
];
const lasts = [
  ...new Set(
    Object.keys(locales)
      .sort()
      .flatMap((c) => strings(locales[c]?.person?.last_name)),
  ),
];
const random = seededRandom(42);
const pick = (list: readonly string[]): string => list[Math.floor(random() * list.length)] ?? '';

const entries: KnownIdentity[] = [];
for (let i = 0; i < count; i++) {
  const r = random();
  if (r < 0.1) entries.push({ value: `member-${Math.floor(random() * 1e9).toString(36)}`, type: 'ID' });
  else if (r < 0.3) entries.push({ value: `${pick(firsts)} ${pick(firsts)} ${pick(lasts)}` });
  else entries.push({ value: `${pick(firsts)} ${pick(lasts)}` });
}
console.log(`generated ${entries.length} entries from ${firsts.length} given and ${lasts.length} family names`);

gc?.();
const before = process.memoryUsage();
const t0 = performance.now();
const matcher = compileKnownIdentities(entries);
const compileMs = performance.now() - t0;
gc?.();
const after = process.memoryUsage();
const heap = after.heapUsed - before.heapUsed + (after.arrayBuffers - before.arrayBuffers);
console.log(
  `compiled ${matcher.size} distinct entries (${matcher.vocabularySize} distinct tokens) in ${(compileMs / 1000).toFixed(1)} s`,
);
console.log(
  `memory: ${(heap / 1e6).toFixed(0)} MB total, ${(heap / matcher.size).toFixed(0)} bytes/entry; trie tables ${(matcher.tableBytes / 1e6).toFixed(0)} MB (${(matcher.tableBytes / matcher.size).toFixed(0)} bytes/entry)`,
);

const corpus = join(resolveDataDir(), '..', '..', '..', '..', 'shared', 'datasets', 'pii', 'wnut17-dev.jsonl');
let texts: string[];
try {
  texts = readFileSync(corpus, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => (JSON.parse(l) as { text: string }).text);
} catch {
  texts = Array.from({ length: 1000 }, (_, i) => `post ${i} thanks to ${entries[i]?.value ?? ''} for the update`);
}
const megabytes = texts.reduce((a, t) => a + Buffer.byteLength(t, 'utf8'), 0) / 1e6;
let matches = 0;
let rounds = 0;
const cpu0 = process.cpuUsage();
const t1 = performance.now();
while (performance.now() - t1 < 3000) {
  for (const text of texts) matches += matcher.match(text).length;
  rounds++;
}
const seconds = (performance.now() - t1) / 1000;
const cpu = process.cpuUsage(cpu0);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const injected = Array.from({ length: 1000 }, (_, i) => `thanks to ${(entries[i * 997]?.value ?? '').toLowerCase()}!`);
const injectedFound = injected.reduce((a, t) => a + matcher.match(t).length, 0);
console.log(`injected: ${injectedFound} of ${injected.length} lower-cased entries found in synthetic posts`);
console.log(
  `matching wnut17-dev posts: ${((megabytes * rounds) / seconds).toFixed(1)} MB/s wall, ${((megabytes * rounds) / cpuSeconds).toFixed(1)} MB per CPU-second, ${matches / rounds} matches per pass`,
);
