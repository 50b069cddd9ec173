// Crash safety of builds: a real child process is killed at several points (after N shards, and after a timed
// delay); no killed run leaves a manifest, and re-running gives byte-identical shards to an uninterrupted build.

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFixtureFiles } from '../src/build/fixture.js';

const HARNESS = join(import.meta.dirname, '..', 'src', 'build', 'crash-harness.ts');

interface HarnessRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function runHarness(args: string[], env: Record<string, string> = {}, killAfterMs?: number): Promise<HarnessRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', HARNESS, ...args], {
      cwd: join(import.meta.dirname, '..'),
      env: { ...process.env, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const timer = killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

describe('build crash safety (real child processes)', () => {
  let dir: string;
  let files: { members: string; content: string };
  let reference: { shards: { file: string; sha256: string }[]; root: string; counts: Record<string, unknown> };
  /** How long the uninterrupted reference build took (2 workers); the timed kill comes well before a 1-worker run ends. */
  let referenceMs = 0;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'assent-build-crash-'));
    files = await writeFixtureFiles(dir, { members: 120, itemsPerMember: 5, textLength: 120 });
    const started = performance.now();
    const run = await runHarness([join(dir, 'data-ref'), files.members, files.content, join(dir, 'ref'), '2']);
    referenceMs = performance.now() - started;
    expect(run.stderr).toBe('');
    reference = JSON.parse(run.stdout) as typeof reference;
    expect(reference.shards.length).toBe(4);
  }, 120_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['after 1 shard', { ASSENT_TEST_CRASH_AFTER_SHARDS: '1' }, undefined, '1'],
    ['after 3 shards', { ASSENT_TEST_CRASH_AFTER_SHARDS: '3' }, undefined, '2'],
    ['at a timed moment', {}, 0.6, '1'],
  ] as const)(
    'killed %s: no manifest, and the re-run matches an uninterrupted build',
    async (_name, env, killAt, workers) => {
      const out = join(dir, `out-${_name.replace(/\W+/g, '-')}`);
      const data = join(dir, `data-${_name.replace(/\W+/g, '-')}`);
      // A fixed delay goes stale as builds get faster or the machine quieter: the kill comes at a share of the
      // reference build's own duration, and sooner (from scratch) whenever the build finished before it.
      let killAfter = killAt === undefined ? undefined : Math.round(killAt * referenceMs);
      let killed = await runHarness([data, files.members, files.content, out, workers], env, killAfter);
      // A kill that lands after manifest.json was published (while the process records the build and closes the
      // store) found a finished build: that is the build finishing first, too.
      const finishedFirst = () => killed.signal === null || existsSync(join(out, 'manifest.json'));
      while (killAfter !== undefined && finishedFirst() && killAfter > 100) {
        killAfter = Math.round(killAfter / 2);
        rmSync(out, { recursive: true, force: true });
        rmSync(data, { recursive: true, force: true });
        killed = await runHarness([data, files.members, files.content, out, workers], env, killAfter);
      }
      expect(killed.signal).toBe('SIGKILL');
      expect(existsSync(join(out, 'manifest.json'))).toBe(false);
      const again = await runHarness([data, files.members, files.content, out, workers]);
      expect(again.stderr).toBe('');
      const result = JSON.parse(again.stdout) as typeof reference & { resumed: boolean };
      if (Object.keys(env).length > 0) expect(result.resumed).toBe(true);
      expect(result.shards).toEqual(reference.shards);
      expect(result.root).toBe(reference.root);
      expect(existsSync(join(out, 'manifest.json'))).toBe(true);
      expect(existsSync(join(out, '.assent-partial'))).toBe(false);
    },
    120_000,
  );

  it('killed after pass 1 wrote its spill files, re-run with another worker count: stale spill files are not read again', async () => {
    const out = join(dir, 'out-after-spill');
    const data = join(dir, 'data-after-spill');
    const killed = await runHarness([data, files.members, files.content, out, '2'], {
      ASSENT_TEST_CRASH_AFTER_SPILL: '1',
    });
    expect(killed.signal).toBe('SIGKILL');
    expect(existsSync(join(out, 'manifest.json'))).toBe(false);
    const spill = join(out, '.assent-partial', 'spill');
    expect(existsSync(spill) && readdirSync(spill).length).toBeGreaterThan(0);
    const again = await runHarness([data, files.members, files.content, out, '1']);
    expect(again.stderr).toBe('');
    const result = JSON.parse(again.stdout) as typeof reference;
    expect(result.shards).toEqual(reference.shards);
    expect(result.root).toBe(reference.root);
    // Records read twice would be removed as duplicates and leave the shards alone, but not the counts.
    expect(result.counts).toEqual(reference.counts);
  }, 120_000);
});
