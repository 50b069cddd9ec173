// The build, scan, model and lineage commands as users run them: the compiled CLI (`npm test` builds it first), so
// build workers run from dist/ too, against a demo network with planted canaries.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const CLI = join(ROOT, 'dist', 'cli', 'main.js');
const PURPOSE = 'train_ai_system.generative';

function assent(dataDir: string, ...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const env = { ...process.env };
  delete env.ASSENT_DATABASE_URL;
  delete env.ASSENT_POLICY;
  delete env.ASSENT_DATA_DIR;
  const run = spawnSync(process.execPath, [CLI, '--data-dir', dataDir, ...args], {
    encoding: 'utf8',
    env,
    timeout: 180_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('assent build / scan / model / lineage (compiled CLI)', () => {
  let dir: string;
  let data: string;
  let build: {
    buildId: string;
    summary: { records: number; membersInBuild: number };
    manifest: { shards: { sha256: string }[] };
  };

  const buildTo = (out: string, workers: number) =>
    assent(
      data,
      'build',
      '--purpose',
      PURPOSE,
      '--as-of',
      '2025-10-01T00:00:00Z',
      '--out',
      join(dir, out),
      '--workers',
      String(workers),
      '--json',
    );

  beforeAll(() => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` before these tests`);
    dir = mkdtempSync(join(tmpdir(), 'assent-build-cli-'));
    data = join(dir, 'data');
    const demo = assent(data, 'demo', '--members', '250', '--seed', '11', '--no-serve', '--json');
    expect(demo.code).toBe(0);
    const run = buildTo('b1', 2);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    build = JSON.parse(run.stdout);
  }, 300_000);

  it('publishes a build whose shards match a one-worker build of the same inputs', () => {
    expect(build.summary.records).toBeGreaterThan(0);
    const again = buildTo('b2', 1);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).manifest.shards.map((s: { sha256: string }) => s.sha256)).toEqual(
      build.manifest.shards.map((s) => s.sha256),
    );
  });

  it('scans the build: no planted canary of any member appears', () => {
    const canaries = join(data, 'demo', 'canaries.json');
    const run = assent(data, 'scan', join(dir, 'b1'), '--canaries', canaries, '--json');
    const report = JSON.parse(run.stdout);
    expect(report.canaryHits).toEqual([]);
    expect(report.residualDirect).toBe(0);
    expect(run.code).toBe(0);
    // A planted value that is in the build makes the scan fail with exit code 1.
    const planted = join(dir, 'planted.txt');
    writeFileSync(planted, '<EMAIL>\n');
    expect(assent(data, 'scan', join(dir, 'b1'), '--canaries', planted).code).toBe(1);
  });

  it('registers a model and answers lineage for a member and for the model', () => {
    const model = assent(
      data,
      'model',
      'register',
      '--name',
      'writer',
      '--model-version',
      '1',
      '--build',
      build.buildId,
      '--json',
    );
    expect(model.code).toBe(0);
    const modelId = JSON.parse(model.stdout).id as string;
    const view = JSON.parse(assent(data, 'lineage', 'model', modelId, '--json').stdout);
    expect(view.builds[0].members).toBe(build.summary.membersInBuild);
    expect(view.withdrawnAfterTraining).toBe(0);

    const members = readFileSync(join(data, 'demo', 'members.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean);
    let found: { builds: { buildId: string; items: number }[]; models: { modelId: string }[] } | undefined;
    for (const line of members) {
      const id = JSON.parse(line).member_id as string;
      const lineage = JSON.parse(assent(data, 'lineage', 'member', id, '--json').stdout);
      if (lineage.builds.length > 0) {
        found = lineage;
        break;
      }
    }
    expect(found?.builds.some((b) => b.buildId === build.buildId && b.items > 0)).toBe(true);
    expect(found?.models.map((m) => m.modelId)).toContain(modelId);
  });

  it.each([
    [['build', '--purpose', PURPOSE, '--out', 'x', '--workers', '0'], /--workers: expected a whole number/],
    [['build', '--purpose', PURPOSE, '--out', 'x', '--format', 'csv'], /--format: expected parquet or jsonl/],
    [['build', '--purpose', 'marketing', '--out', 'x'], /--purpose: unknown purpose/],
    [['build', '--purpose', PURPOSE, '--out', 'x', '--source', 'content.jsonl'], /--members FILE is required/],
    [
      ['build', '--purpose', PURPOSE, '--out', 'x', '--job-timeout', '60'],
      /--job-timeout: applies only with --distributed/,
    ],
    [['lineage', 'model', 'model-none'], /no model model-none/],
    [['model', 'register', '--name', 'm', '--model-version', '1', '--build', 'build-none'], /no build build-none/],
  ])('rejects bad input %j with exit code 2 and one sentence', (args, message) => {
    const run = assent(data, ...args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('fails cleanly with exit code 2 when the output directory cannot be written, publishing nothing', () => {
    const blocker = join(dir, 'file');
    writeFileSync(blocker, 'x');
    const run = assent(data, 'build', '--purpose', PURPOSE, '--out', join(blocker, 'out'));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/cannot write the output directory/);
  });

  it('reports a write the file system refuses as one sentence with exit code 1, publishing nothing', () => {
    // A leftover partial build whose state file is a directory: renaming the new state over it fails (EISDIR).
    const out = join(dir, 'state-is-a-directory');
    mkdirSync(join(out, '.assent-partial', 'state.json', 'x'), { recursive: true });
    const run = assent(data, 'build', '--purpose', PURPOSE, '--out', out);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^assent: EISDIR: .*state\.json/);
    expect(run.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(existsSync(join(out, 'manifest.json'))).toBe(false);
  });
});
