// HTTP benchmark of the API with autocannon: single consent checks, batch checks of 1,000 members, and durable
// consent changes, on SQLite and (when a database URL is set) PostgreSQL. Prints numbers; asserts nothing.
// The server runs in a child process so the load generator does not share its event loop.
//
//   npm run bench:api                      # SQLite only
//   ASSENT_TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench:api
//   BENCH_PG_NEIGHBOUR=200 ...             # and another program commits 200 times a second elsewhere on the server

import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import type { ConsentEvent, Member } from '../src/domain/index.js';
import { startServer } from '../src/server/app.js';
import { createApiToken } from '../src/server/tokens.js';
import type { Store } from '../src/store/store.js';
import { openFreshSchemaPostgresStore, openTempSqliteStore } from '../src/store/testing.js';

const GEN = 'train_ai_system.generative';
const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 50_000);
const DURATION = Number(process.env.BENCH_SECONDS ?? 8);
const NEIGHBOUR_COMMITS = Number(process.env.BENCH_PG_NEIGHBOUR ?? 0);
for (const [name, value] of [
  ['BENCH_MEMBERS', MEMBERS],
  ['BENCH_SECONDS', DURATION],
  ['BENCH_PG_NEIGHBOUR', NEIGHBOUR_COMMITS],
] as const) {
  if (!Number.isFinite(value) || value < (name === 'BENCH_PG_NEIGHBOUR' ? 0 : 1)) {
    process.stderr.write(
      `bench:api: ${name} must be a number (${name === 'BENCH_PG_NEIGHBOUR' ? 'commits a second, 0 or more' : '1 or more'}), found ${JSON.stringify(process.env[name])}\n`,
    );
    process.exit(2);
  }
}
const COUNTRIES = ['US', 'BR', 'IN', 'DE', 'FR', 'GB', 'JP', 'CA', 'MX', 'NG', 'US-CA', 'ES'];

function memberId(i: number): string {
  return `bm-${String(i).padStart(7, '0')}`;
}

async function seed(store: Store): Promise<void> {
  const now = new Date().toISOString();
  for (let start = 0; start < MEMBERS; start += 5_000) {
    const members: Member[] = [];
    const events: Omit<ConsentEvent, 'seq'>[] = [];
    for (let i = start; i < Math.min(MEMBERS, start + 5_000); i++) {
      members.push({
        id: memberId(i),
        country: COUNTRIES[i % COUNTRIES.length] ?? 'US',
        birthDate: `${1960 + (i % 50)}-0${1 + (i % 9)}-1${i % 10}`,
        birthYear: null,
        ageSignals: {},
        language: 'en',
        accountState: i % 97 === 0 ? 'deactivated' : 'active',
        names: [`Bench Member ${i}`],
        createdAt: '2020-01-01T00:00:00.000Z',
      });
      if (i % 7 === 0) {
        events.push({
          id: randomUUID(),
          memberId: memberId(i),
          purpose: GEN,
          status: i % 14 === 0 ? 'ConsentWithdrawn' : 'ConsentGiven',
          method: 'import',
          noticeVersion: null,
          jurisdiction: null,
          validFrom: '2025-01-01T00:00:00.000Z',
          recordedAt: now,
          actor: 'bench',
          requestId: null,
          supersedes: null,
        });
      }
    }
    await store.upsertMembers(members);
    if (events.length > 0) await store.appendConsentEvents(events);
  }
}

/** Child process: open the store, seed it, serve, and report the URL and a token to the parent. */
async function serve(kind: string): Promise<void> {
  const url = process.env.ASSENT_TEST_DATABASE_URL;
  const store = kind === 'postgres' && url ? await openFreshSchemaPostgresStore(url) : await openTempSqliteStore();
  await seed(store);
  const { secret } = await createApiToken(store, { name: 'bench', scopes: ['admin'] });
  const server = await startServer({
    store,
    mode: 'production',
    logger: false,
    rateLimit: false,
    port: 0,
    builds: false,
  });
  process.send?.({ url: server.url, token: secret, dialect: store.capabilities.dialect });
  // The parent asks for the server's CPU time around each scenario: wall-clock rates on a shared machine vary with
  // the neighbours' load, CPU time per request much less.
  process.on('message', async (message) => {
    if (message === 'cpu') {
      const { user, system } = process.cpuUsage();
      process.send?.({ cpuMicros: user + system });
      return;
    }
    await server.close();
    await store.close();
    process.exit(0);
  });
}

interface Row {
  readonly store: string;
  readonly scenario: string;
  readonly requestsPerSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly errors: number;
  /** Server CPU time (user + system) per request, in microseconds. */
  readonly serverCpuMicros: number;
  /** Load generator CPU time per request, in microseconds. */
  readonly clientCpuMicros: number;
  readonly extra: string;
}

async function cannon(options: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon({ ...options, duration: DURATION }, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

/**
 * Another program on the same PostgreSQL server: tiny commits to a table in its own schema, `perSecond` times a
 * second, from this process. Assent's data never changes, so caches validated by the change token stay current.
 */
async function startNeighbour(url: string, perSecond: number): Promise<() => Promise<void>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const schema = `assent_bench_neighbour_${process.pid}`;
  await client.query(`create schema if not exists "${schema}"; create table if not exists "${schema}".t (n int)`);
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    client
      .query(`insert into "${schema}".t values (1)`)
      .catch((error: unknown) => console.error(`neighbour write failed: ${String(error)}`))
      .finally(() => {
        busy = false;
      });
  }, 1000 / perSecond);
  return async () => {
    clearInterval(timer);
    while (busy) await new Promise((resolve) => setTimeout(resolve, 5));
    await client.query(`drop schema "${schema}" cascade`);
    await client.end();
  };
}

async function benchStore(kind: 'sqlite' | 'postgres'): Promise<Row[]> {
  const child = fork(fileURLToPath(import.meta.url), ['--serve', kind], {
    execArgv: process.execArgv,
    stdio: 'inherit',
  });
  const { url, token, dialect } = await new Promise<{ url: string; token: string; dialect: string }>(
    (resolve, reject) => {
      child.once('message', (message) => resolve(message as { url: string; token: string; dialect: string }));
      child.once('exit', (code) => reject(new Error(`server process exited with ${code}`)));
    },
  );
  const auth = { authorization: `Bearer ${token}` };
  const rows: Row[] = [];
  const serverCpu = () =>
    new Promise<number>((resolve) => {
      child.once('message', (message) => resolve((message as { cpuMicros: number }).cpuMicros));
      child.send('cpu');
    });
  const only = process.env.BENCH_ONLY?.split(',');
  const wanted = (name: string) => !only || only.includes(name);
  /** Runs one scenario and records its rates, latencies and CPU time per request on both sides. */
  const measure = async (
    scenario: string,
    options: autocannon.Options,
    extra?: (r: autocannon.Result, serverCpuMicros: number) => string,
  ) => {
    const serverBefore = await serverCpu();
    const clientBefore = process.cpuUsage();
    const result = await cannon(options);
    const client = process.cpuUsage(clientBefore);
    const server = (await serverCpu()) - serverBefore;
    const total = Math.max(1, result.requests.total);
    const serverCpuMicros = server / total;
    rows.push({
      store: dialect,
      scenario,
      requestsPerSecond: result.requests.average,
      p50: result.latency.p50,
      p99: result.latency.p99,
      errors: result.non2xx + result.errors,
      serverCpuMicros,
      clientCpuMicros: (client.user + client.system) / total,
      extra: extra ? extra(result, serverCpuMicros) : '',
    });
  };
  const databaseUrl = process.env.ASSENT_TEST_DATABASE_URL;
  const stopNeighbour =
    kind === 'postgres' && databaseUrl && NEIGHBOUR_COMMITS > 0
      ? await startNeighbour(databaseUrl, NEIGHBOUR_COMMITS)
      : undefined;
  try {
    // Baseline: the framework, security plugins and the network, with no store access.
    if (wanted('baseline')) await measure('baseline (GET /healthz)', { url: `${url}/healthz`, connections: 32 });

    let n = 0;
    if (wanted('single'))
      await measure('single check (GET consent)', {
        url,
        connections: 32,
        pipelining: 1,
        requests: [
          {
            method: 'GET',
            headers: auth,
            setupRequest: (request) => ({ ...request, path: `/v1/members/${memberId(n++ % MEMBERS)}/consent/${GEN}` }),
          },
        ],
      });

    const bodies = Array.from({ length: 16 }, (_, b) =>
      JSON.stringify({
        purpose: GEN,
        member_ids: Array.from({ length: 1000 }, (_, i) => memberId((b * 7919 + i * 13) % MEMBERS)),
      }),
    );
    let m = 0;
    if (wanted('batch'))
      await measure(
        'batch check, 1,000 members',
        {
          url,
          connections: 8,
          requests: [
            {
              method: 'POST',
              path: '/v1/consent/check',
              headers: { ...auth, 'content-type': 'application/json' },
              setupRequest: (request) => ({ ...request, body: bodies[m++ % bodies.length] ?? '' }),
            },
          ],
        },
        // Members per second of server CPU: what one core would sustain, whatever the neighbours leave it.
        (result, serverCpuMicros) =>
          `${Math.round(result.requests.average * 1000).toLocaleString('en')} members/s, ${(
            1000 / Math.max(1, serverCpuMicros)
          ).toFixed(2)}M per server CPU-second`,
      );

    let k = 0;
    if (wanted('change'))
      await measure('consent change (PUT, durable)', {
        url,
        connections: 16,
        requests: [
          {
            method: 'PUT',
            setupRequest: (request) => {
              k++;
              return {
                ...request,
                path: `/v1/members/${memberId((k * 31) % MEMBERS)}/consent/${GEN}`,
                headers: {
                  ...auth,
                  'content-type': 'application/json',
                  'idempotency-key': `bench-${process.pid}-${k}`,
                },
                body: JSON.stringify({ status: k % 2 === 0 ? 'given' : 'withdrawn' }),
              };
            },
          },
        ],
      });
  } finally {
    await stopNeighbour?.();
    child.send('stop');
    await new Promise((resolve) => child.once('exit', resolve));
  }
  return rows;
}

async function main(): Promise<void> {
  const serveIndex = process.argv.indexOf('--serve');
  if (serveIndex >= 0) return serve(process.argv[serveIndex + 1] ?? 'sqlite');
  const kinds: ('sqlite' | 'postgres')[] = ['sqlite'];
  if (process.env.ASSENT_TEST_DATABASE_URL) kinds.push('postgres');
  else console.log('PostgreSQL skipped: set ASSENT_TEST_DATABASE_URL to include it.');
  console.log(
    `Assent API benchmark: ${MEMBERS.toLocaleString('en')} members, ${DURATION}s per scenario, autocannon in this process, server in a child`,
  );
  const rows: Row[] = [];
  if (kinds.includes('postgres')) {
    console.log(
      NEIGHBOUR_COMMITS > 0
        ? `PostgreSQL: another program commits ${NEIGHBOUR_COMMITS} times a second to its own schema meanwhile`
        : 'PostgreSQL: no other writers (BENCH_PG_NEIGHBOUR=N adds N commits a second by another program)',
    );
  }
  for (const kind of kinds) rows.push(...(await benchStore(kind)));
  console.log('');
  console.log(
    ['store', 'scenario', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'srv µs/req', 'gen µs/req', '']
      .map((h, i) => (i < 2 ? h.padEnd(i ? 32 : 8) : h.padStart(i >= 6 ? 11 : 9)))
      .join(' '),
  );
  for (const row of rows) {
    console.log(
      [
        row.store.padEnd(8),
        row.scenario.padEnd(32),
        Math.round(row.requestsPerSecond).toLocaleString('en').padStart(9),
        String(row.p50).padStart(9),
        String(row.p99).padStart(9),
        String(row.errors).padStart(9),
        Math.round(row.serverCpuMicros).toLocaleString('en').padStart(11),
        Math.round(row.clientCpuMicros).toLocaleString('en').padStart(11),
        `  ${row.extra}`,
      ].join(' '),
    );
  }
}

await main();
