// Distributed builds with real processes and a real PostgreSQL (ASSENT_TEST_DATABASE_URL; skipped without it, and
// failing under CI=true): a coordinator queues pass 1 and pass 2 as jobs, `assent worker` processes run them, and
// the published build is byte-identical to a local build of the same inputs, also when a worker is killed mid-job.

import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFixtureFiles } from '../src/build/fixture.js';
import { testDatabaseUrl } from '../src/store/testing.js';

const ROOT = join(import.meta.dirname, '..');
const HARNESS = join(ROOT, 'src', 'build', 'distributed', 'harness.ts');
const CLI = join(ROOT, 'src', 'cli', 'main.ts');
const BASE_URL = testDatabaseUrl();

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

const children = new Set<ChildProcess>();

/** Starts `node --import tsx SCRIPT ARGS`; the promise settles when it exits. */
function start(script: string, args: readonly string[], env: Record<string, string | undefined> = {}): Promise<Run> {
  return spawnProcess(script, args, env).done;
}

/** Like `start`, with the child process (to stop it). */
function spawnProcess(
  script: string,
  args: readonly string[],
  env: Record<string, string | undefined> = {},
): { child: ChildProcess; done: Promise<Run> } {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
  });
  children.add(child);
  const done = new Promise<Run>((resolve) => {
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('exit', (code, signal) => {
      children.delete(child);
      resolve({ code, signal, stdout, stderr });
    });
  });
  return { child, done };
}

interface HarnessResult {
  shards: { file: string; sha256: string; records: number }[];
  root: string;
  counts: Record<string, unknown>;
  jobs: { decide: number; shard: number };
  withdrawnInLineage?: boolean;
  resumed: boolean;
}

function parseResult(run: Run): HarnessResult {
  if (run.code !== 0) throw new Error(`harness exited with ${run.code ?? run.signal}: ${run.stderr}`);
  return JSON.parse(run.stdout) as HarnessResult;
}

describe('assent worker and build --distributed need PostgreSQL', () => {
  const env = { ASSENT_DATABASE_URL: '', ASSENT_POLICY: '' };

  it('a worker on the embedded SQLite store exits 2 with a sentence', async () => {
    const data = mkdtempSync(join(tmpdir(), 'assent-worker-sqlite-'));
    try {
      const run = await start(CLI, ['--data-dir', data, 'worker'], env);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^assent: assent worker needs PostgreSQL: set --database-url or ASSENT_DATABASE_URL/);
      expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
    } finally {
      rmSync(data, { recursive: true, force: true });
    }
  }, 60_000);

  it('build --distributed on the embedded SQLite store exits 2 before building anything', async () => {
    const data = mkdtempSync(join(tmpdir(), 'assent-worker-sqlite-'));
    try {
      const out = join(data, 'out');
      const run = await start(
        CLI,
        ['--data-dir', data, 'build', '--purpose', 'train_ai_system.generative', '--out', out, '--distributed'],
        env,
      );
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^assent: --distributed needs PostgreSQL/);
      expect(existsSync(out)).toBe(false);
    } finally {
      rmSync(data, { recursive: true, force: true });
    }
  }, 60_000);
});

describe.skipIf(BASE_URL === undefined)(
  BASE_URL === undefined
    ? 'distributed builds (skipped: ASSENT_TEST_DATABASE_URL is not set)'
    : 'distributed builds (real PostgreSQL, real worker processes)',
  () => {
    const schema = `assent_dist_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
    let url: string;
    let dir: string;
    let files: { members: string; content: string };
    let reference: HarnessResult;

    /** A coordinator run, killed after 150 s (a hang then fails with its output instead of a test timeout). */
    const harness = (mode: 'local' | 'distributed', out: string, timeout = '600', env: Record<string, string> = {}) => {
      const args = [mode, url, files.members, files.content, join(dir, out), timeout];
      const { child, done } = spawnProcess(HARNESS, args, env);
      const timer = setTimeout(() => child.kill('SIGKILL'), 150_000);
      return done.finally(() => clearTimeout(timer));
    };
    /** `assent build` of the fixture through the compiled CLI, into DIR/out. */
    const cli = (out: string, ...extra: string[]) =>
      start(CLI, [
        '--database-url',
        url,
        'build',
        '--purpose',
        'train_ai_system.generative',
        '--as-of',
        '2025-06-01T00:00:00Z',
        '--out',
        join(dir, out),
        '--source',
        files.content,
        '--members',
        files.members,
        '--json',
        ...extra,
      ]);
    /** A worker process; `stop()` sends SIGTERM (it finishes its job and exits 0) and resolves with its output. */
    const worker = (env: Record<string, string> = {}) => {
      const { child, done } = spawnProcess(CLI, ['--database-url', url, 'worker', '--poll', '0.2'], env);
      return {
        done,
        stop: () => {
          child.kill('SIGTERM');
          return done;
        },
      };
    };

    const admin = async (sql: string) => {
      const client = new pg.Client({ connectionString: BASE_URL });
      await client.connect();
      try {
        await client.query(sql);
      } finally {
        await client.end();
      }
    };

    beforeAll(async () => {
      await admin(`create schema "${schema}"`);
      const separator = (BASE_URL as string).includes('?') ? '&' : '?';
      url = `${BASE_URL}${separator}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
      dir = mkdtempSync(join(tmpdir(), 'assent-distributed-'));
      // ~3.6 MB of content: four pass 1 jobs of one 1 MB batch each, and eight shards of up to 1,000 items.
      files = await writeFixtureFiles(dir, { members: 800, itemsPerMember: 10, textLength: 300 });
      reference = parseResult(await harness('local', 'reference'));
      expect(reference.shards.length).toBe(8);
      expect((reference.counts as { records: number }).records).toBeGreaterThan(0);
    }, 120_000);

    afterAll(async () => {
      for (const child of children) child.kill('SIGKILL');
      if (dir) rmSync(dir, { recursive: true, force: true });
      await admin(`drop schema if exists "${schema}" cascade; drop schema if exists "${schema}_jobs" cascade`);
    });

    const expectSameAsReference = (result: HarnessResult) => {
      expect(result.shards).toEqual(reference.shards);
      expect(result.root).toBe(reference.root);
      expect(result.counts).toEqual(reference.counts);
    };

    it('two workers publish a build byte-identical to a local build, with progress on both sides', async () => {
      const coordinator = harness('distributed', 'two-workers');
      const workers = [worker(), worker()];
      const run = await coordinator;
      const [a, b] = (await Promise.all(workers.map((w) => w.stop()))) as [Run, Run];
      const result = parseResult(run);
      expectSameAsReference(result);
      expect(result.jobs).toEqual({ decide: 4, shard: 8 });
      for (const shard of reference.shards) {
        const local = readFileSync(join(dir, 'reference', shard.file));
        expect(readFileSync(join(dir, 'two-workers', shard.file)).equals(local)).toBe(true);
      }
      expect(readdirSync(join(dir, 'two-workers'))).not.toContain('.assent-partial');
      // Progress: the coordinator reports items decided as jobs finish; each worker logs every job it ran.
      const decided = [...run.stderr.matchAll(/progress decide (\d+)\/8000/g)].map((m) => Number(m[1]));
      const afterJobs = decided.filter((done) => done > 0);
      expect(afterJobs.length).toBe(4);
      expect(afterJobs).toEqual([...afterJobs].sort((x, y) => x - y));
      expect(afterJobs.at(-1)).toBe(8000);
      const logs = `${a.stdout}${b.stdout}`;
      expect(logs.match(/decide job \d: \d+ items/g)?.length).toBe(4);
      expect(logs.match(/shard \d: \d+ records/g)?.length).toBe(8);
    }, 180_000);

    it.each([
      ['a pass 1 job, after it moved some of its spill files into place', 'decide'],
      ['a shard job, after it wrote the shard under its temporary name', 'shard'],
    ] as const)(
      'a worker killed in %s: the job is retried by another worker and the build is identical',
      async (_what, kind) => {
        const coordinator = harness('distributed', `killed-${kind}`, '3');
        // The doomed worker runs alone until it dies, so the job it dies in is certainly one of this build's.
        const doomed = await worker({ ASSENT_TEST_WORKER_KILL: kind }).done;
        expect(doomed.signal, doomed.stdout + doomed.stderr).toBe('SIGKILL');
        const rescuer = worker();
        const run = await coordinator;
        const rescue = await rescuer.stop();
        const result = parseResult(run);
        expect(rescue.code).toBe(0);
        expectSameAsReference(result);
        // The rescuing worker ran the dead worker's job again (its second attempt).
        expect(rescue.stdout).toMatch(
          kind === 'decide' ? /decide job \d: \d+ items \(attempt 2\)/ : /shard \d: \d+ records \(attempt 2\)/,
        );
      },
      180_000,
    );

    it('assent build --distributed (the CLI) publishes the same shards as assent build', async () => {
      const local = await cli('cli-local', '--workers', '1');
      expect(local.code, local.stderr).toBe(0);
      const coordinator = cli('cli-distributed', '--distributed', '--job-timeout', '60');
      const helper = worker();
      const distributed = await coordinator;
      await helper.stop();
      expect(distributed.stderr).toBe('');
      expect(distributed.code).toBe(0);
      const shards = (run: Run) =>
        (JSON.parse(run.stdout) as { manifest: { shards: { sha256: string }[] } }).manifest.shards.map((s) => s.sha256);
      expect(shards(distributed)).toEqual(shards(local));
      expect(shards(local).length).toBeGreaterThan(0);
    }, 180_000);

    it.each([
      ['after 3 shards were finished', { ASSENT_TEST_CRASH_AFTER_SHARDS: '3' }, true],
      ['after pass 1 jobs wrote every spill file', { ASSENT_TEST_CRASH_AFTER_SPILL: '1' }, false],
    ] as const)(
      'the coordinator killed %s: the same command again publishes the identical build',
      async (_what, env, resumes) => {
        const out = `coordinator-${Object.keys(env)[0]}`;
        const helper = worker();
        const killed = await harness('distributed', out, '600', env);
        expect(killed.signal).toBe('SIGKILL');
        expect(existsSync(join(dir, out, 'manifest.json'))).toBe(false);
        const run = await harness('distributed', out);
        await helper.stop();
        const result = parseResult(run);
        expect(result.resumed).toBe(resumes);
        expectSameAsReference(result);
      },
      180_000,
    );

    it('a job that fails on every attempt fails the build: one sentence, exit code 1, nothing published', async () => {
      const out = join(dir, 'failing');
      const coordinator = cli('failing', '--distributed');
      // What a worker on a machine that does not see the output directory finds: no build setup.
      const setup = join(out, '.assent-partial', 'distributed', 'setup.json');
      for (let i = 0; i < 600 && !existsSync(setup); i++) await new Promise((r) => setTimeout(r, 100));
      rmSync(setup);
      const helper = worker();
      const run = await coordinator;
      const logs = await helper.stop();
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(
        /^assent: writing the build failed, nothing was published: a pass 1 job failed: .*is not visible here: a worker must see the build's output directory/,
      );
      expect(run.stderr).not.toMatch(/internal error|\n\s+at /);
      expect(existsSync(join(out, 'manifest.json'))).toBe(false);
      expect(logs.stdout).toMatch(/decide job failed \(attempt 4\)/);
    }, 180_000);

    // Last: the withdrawal stays in this schema's ledger and would change the inputs of the builds above.
    it('a withdrawal recorded during the build reaches the shard jobs: the member is dropped (strict withdrawals)', async () => {
      const coordinator = harness('distributed', 'withdrawal', '600', { ASSENT_TEST_WITHDRAW: 'm00000000' });
      const helper = worker();
      const run = await coordinator;
      await helper.stop();
      const result = parseResult(run);
      expect((result.counts as { withdrawnDuringBuild: number }).withdrawnDuringBuild).toBeGreaterThan(0);
      expect(result.withdrawnInLineage).toBe(false);
    }, 180_000);
  },
);
