// Benchmark of the consent store through the ledger service, on SQLite and PostgreSQL: JSONL import throughput,
// single `record` calls, and as-of state lookups (p50/p99). Prints a table; asserts nothing.
//
//   npx tsx bench/consent-store.ts [--members N]   (default 1,000,000; PostgreSQL from ASSENT_TEST_DATABASE_URL or
//                                                   ASSENT_DATABASE_URL, skipped with a message when unreachable)

import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConsentLedger } from '../src/consent/index.js';
import type { Member } from '../src/domain/index.js';
import { seededRandom } from '../src/domain/seeded-random.js';
import type { Store } from '../src/store/store.js';
import { openFreshSchemaPostgresStore, openTempSqliteStore } from '../src/store/testing.js';

function flag(name: string, fallback: number): number {
  const index = process.argv.indexOf(name);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name}: expected a positive number`);
  return Math.floor(value);
}

const MEMBERS = flag('--members', 1_000_000);
const RECORDS = Math.min(2_000, MEMBERS);
const LOOKUPS = Math.min(10_000, MEMBERS);
const GEN = 'train_ai_system.generative';
const COUNTRIES = ['US', 'US-CA', 'GB', 'DE', 'FR', 'BR', 'IN', 'JP', 'NG', 'CA'];

const memberId = (i: number) => `m${String(i).padStart(8, '0')}`;

function member(i: number): Member {
  return {
    id: memberId(i),
    country: COUNTRIES[i % COUNTRIES.length] ?? 'US',
    birthDate: null,
    birthYear: 1960 + (i % 45),
    ageSignals: {},
    language: 'en',
    accountState: 'active',
    names: [],
    createdAt: '2020-01-01T00:00:00.000Z',
  };
}

async function writeConsentFile(path: string): Promise<void> {
  const random = seededRandom(7);
  const out = createWriteStream(path);
  for (let i = 0; i < MEMBERS; i += 1) {
    const day = 1 + Math.floor(random() * 28);
    const line = JSON.stringify({
      member_id: memberId(i),
      purpose: random() < 0.2 ? 'train_ai_system' : GEN,
      status: random() < 0.3 ? 'withdrawn' : 'given',
      method: 'import',
      valid_from: `2024-03-${String(day).padStart(2, '0')}T00:00:00Z`,
      recorded_at: `2024-04-${String(day).padStart(2, '0')}T00:00:00Z`,
      notice_version: 'gen-ai-2024-09',
    });
    if (!out.write(`${line}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

interface Row {
  store: string;
  step: string;
  count: number;
  seconds: number;
  /** CPU seconds of this (client) process: on a shared machine, throughput per CPU-second is the steadier figure. */
  cpuSeconds: number;
  perSecond: number;
  p50ms?: number;
  p99ms?: number;
}

async function run(name: string, store: Store, file: string, rows: Row[]): Promise<void> {
  const ledger = createConsentLedger(store);
  let cpu = process.cpuUsage();
  const add = (step: string, count: number, seconds: number, latencies?: number[]) => {
    const sorted = latencies ? [...latencies].sort((a, b) => a - b) : undefined;
    const used = process.cpuUsage(cpu);
    cpu = process.cpuUsage();
    rows.push({
      store: name,
      step,
      count,
      seconds,
      cpuSeconds: (used.user + used.system) / 1e6,
      perSecond: count / seconds,
      ...(sorted ? { p50ms: percentile(sorted, 50), p99ms: percentile(sorted, 99) } : {}),
    });
    process.stderr.write(`${name}: ${step} done\n`);
  };

  let started = performance.now();
  cpu = process.cpuUsage();
  const batch = 10_000;
  await store.transaction(async (tx) => {
    for (let i = 0; i < MEMBERS; i += batch) {
      await tx.upsertMembers(Array.from({ length: Math.min(batch, MEMBERS - i) }, (_, k) => member(i + k)));
    }
  });
  add('members upserted', MEMBERS, (performance.now() - started) / 1000);

  started = performance.now();
  cpu = process.cpuUsage();
  const report = await ledger.importJsonl(file, { actor: 'bench' });
  if (report.imported !== MEMBERS) throw new Error(`import: expected ${MEMBERS} events, imported ${report.imported}`);
  add('consent events imported (importJsonl)', report.imported, (performance.now() - started) / 1000);

  const random = seededRandom(11);
  const latencies: number[] = [];
  started = performance.now();
  cpu = process.cpuUsage();
  for (let i = 0; i < RECORDS; i += 1) {
    const t = performance.now();
    await ledger.record(
      {
        memberId: memberId(Math.floor(random() * MEMBERS)),
        purpose: GEN,
        status: i % 2 === 0 ? 'ConsentWithdrawn' : 'ConsentGiven',
        method: 'toggle',
        requestId: `bench-${i}`,
      },
      'bench',
    );
    latencies.push(performance.now() - t);
  }
  add('record() calls (event + audit, one tx each)', RECORDS, (performance.now() - started) / 1000, latencies);

  latencies.length = 0;
  started = performance.now();
  cpu = process.cpuUsage();
  for (let i = 0; i < LOOKUPS; i += 1) {
    const t = performance.now();
    await ledger.stateAsOf(memberId(Math.floor(random() * MEMBERS)), GEN, {
      asOf: '2024-03-15T00:00:00Z',
      defaultStatus: 'ConsentGiven',
    });
    latencies.push(performance.now() - t);
  }
  add('stateAsOf() lookups', LOOKUPS, (performance.now() - started) / 1000, latencies);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'assent-bench-'));
  const file = join(dir, 'consent.jsonl');
  const rows: Row[] = [];
  try {
    process.stderr.write(`writing ${MEMBERS.toLocaleString('en')} consent lines...\n`);
    await writeConsentFile(file);

    const sqlite = await openTempSqliteStore();
    try {
      await run('sqlite', sqlite, file, rows);
    } finally {
      await sqlite.close();
    }

    const url = process.env.ASSENT_TEST_DATABASE_URL ?? process.env.ASSENT_DATABASE_URL;
    if (url === undefined || url === '') {
      console.log('PostgreSQL skipped: set ASSENT_TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test)');
    } else {
      let postgres: Store | undefined;
      try {
        postgres = await openFreshSchemaPostgresStore(url);
      } catch (error) {
        console.log(`PostgreSQL skipped: unreachable (${error instanceof Error ? error.message : String(error)})`);
      }
      if (postgres) {
        try {
          await run('postgres', postgres, file, rows);
        } finally {
          await postgres.close();
        }
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  console.log(
    `\nconsent store benchmark: ${MEMBERS.toLocaleString('en')} members, one imported event each; ${cpus().length} CPUs, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  console.table(
    rows.map((r) => ({
      store: r.store,
      step: r.step,
      count: r.count,
      seconds: Number(r.seconds.toFixed(2)),
      'per second': Math.round(r.perSecond),
      'client cpu s': Number(r.cpuSeconds.toFixed(2)),
      'per cpu s': Math.round(r.count / r.cpuSeconds),
      'p50 ms': r.p50ms === undefined ? '' : r.p50ms.toFixed(3),
      'p99 ms': r.p99ms === undefined ? '' : r.p99ms.toFixed(3),
    })),
  );
}

await main();
