// runBuild's member snapshot: the worker threads parse the members for its second pass and fill the name filter;
// the output must be what the coordinator alone gives (it parses when the first pass keeps the parsed members).

import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../store/store.js';
import { openTempSqliteStore } from '../store/testing.js';
import { rulesPolicy } from './build-policy.js';
import { TEST_POLICY_RULES } from './crash-harness.js';
import { writeFixtureFiles } from './fixture.js';
import { type BuildResult, runBuild } from './run-build.js';
import { fileSource } from './source.js';

const policy = rulesPolicy(TEST_POLICY_RULES, 'd'.repeat(64));

/**
 * A fast-analyzer build of the fixture files into `dir/out`; `keepParsedMembers` 0 makes the worker threads parse the
 * members (undefined: the default, under which these small files are parsed on the coordinator).
 */
function buildFixture(
  store: Store,
  dir: string,
  files: { members: string; content: string },
  out: string,
  options: { workers: number; keepParsedMembers?: number; itemsPerShard?: number },
): Promise<BuildResult> {
  const { keepParsedMembers, itemsPerShard } = options;
  return runBuild({
    store,
    policy,
    purpose: TEST_POLICY_RULES.purpose,
    asOf: TEST_POLICY_RULES.asOf,
    outDir: join(dir, out),
    format: 'parquet',
    sources: fileSource(files.members, [files.content]),
    workers: options.workers,
    actor: 'test',
    analyzer: 'fast',
    ...(itemsPerShard === undefined ? {} : { itemsPerShard }),
    ...(keepParsedMembers === undefined ? {} : { keepParsedMembers }),
  });
}

describe('member snapshot parsed by the worker threads', () => {
  let dir = '';
  let store: Store;
  let files: { members: string; content: string };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'assent-run-build-'));
    store = await openTempSqliteStore();
    files = await writeFixtureFiles(dir, { members: 400, itemsPerMember: 3, textLength: 60 });
    // Malformed lines, a blank line and a member listed twice, among the good lines.
    const lines = readFileSync(files.members, 'utf8').trimEnd().split('\n');
    lines.splice(7, 0, 'not json', '', '{"member_id": 12}', lines[3] ?? '');
    lines.splice(200, 0, '{"member_id":"m-bad","names":"Ana Souza"}');
    writeFileSync(files.members, `${lines.join('\n')}\n`);
  });
  afterAll(async () => {
    await store?.close();
    if (dir !== '') rmSync(dir, { recursive: true, force: true });
  });

  const build = (out: string, workers: number, keepParsedMembers?: number) =>
    buildFixture(store, dir, files, out, {
      workers,
      itemsPerShard: 400,
      ...(keepParsedMembers === undefined ? {} : { keepParsedMembers }),
    });

  async function lineage(result: BuildResult): Promise<[string, number][]> {
    const rows: [string, number][] = [];
    for await (const batch of store.scanBuildMembers(result.buildId))
      for (const r of batch) rows.push([r.memberId, r.items]);
    return rows.sort(([a], [b]) => (a < b ? -1 : 1));
  }

  it('gives the shards, counts, rejected lines and lineage rows of a snapshot parsed by the coordinator', async () => {
    const coordinator = await build('kept', 2);
    expect(coordinator.summary.rejectedLines).toBe(3);
    expect(coordinator.manifest.rejectedSamples).toEqual([
      'members.jsonl:8: (line): expected a JSON object, found text that is not valid JSON',
      'members.jsonl:10: member_id: expected a non-empty string, found a number',
      'members.jsonl:201: names: expected an array of strings',
    ]);
    for (const workers of [1, 2]) {
      const threads = await build(`threads-${workers}`, workers, 0);
      expect(threads.manifest.shards).toEqual(coordinator.manifest.shards);
      expect(threads.manifest.lineage).toEqual(coordinator.manifest.lineage);
      expect(threads.summary).toEqual(coordinator.summary);
      expect(threads.manifest.rejectedSamples).toEqual(coordinator.manifest.rejectedSamples);
      expect(threads.manifest.snapshot).toEqual(coordinator.manifest.snapshot);
      expect(await lineage(threads)).toEqual(await lineage(coordinator));
    }
    expect((await lineage(coordinator)).length).toBe(coordinator.summary.membersInBuild);
  });

  it("keeps no member's id on disk once a build has failed (the ids file is rewritten by every run)", async () => {
    const out = join(dir, 'strict');
    const failing = runBuild({
      store,
      policy,
      purpose: TEST_POLICY_RULES.purpose,
      asOf: TEST_POLICY_RULES.asOf,
      outDir: out,
      format: 'parquet',
      sources: fileSource(files.members, [files.content]),
      workers: 2,
      actor: 'test',
      analyzer: 'fast',
      strict: true,
      keepParsedMembers: 0,
    });
    await expect(failing).rejects.toThrow();
    expect(existsSync(join(out, '.assent-partial'))).toBe(true);
    expect(existsSync(join(out, '.assent-partial', 'member-ids.jsonl'))).toBe(false);
  });
});

describe('member snapshot with a member line of megabytes', () => {
  it('parses that batch on the coordinator and gives what the coordinator alone gives', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'assent-run-build-big-'));
    const store = await openTempSqliteStore();
    try {
      const files = await writeFixtureFiles(dir, { members: 300, itemsPerMember: 2, textLength: 60 });
      const lines = readFileSync(files.members, 'utf8').trimEnd().split('\n');
      // Member 5 gets ~5 MB of names: its batch is larger than a worker is given (LOCAL_MEMBER_BATCH_BYTES).
      const big = JSON.parse(lines[5] ?? '{}') as { names: string[] };
      big.names = [...big.names, ...Array.from({ length: 200_000 }, (_, i) => `Given${i} Family${i}`)];
      lines[5] = JSON.stringify(big);
      lines.splice(9, 0, 'not json');
      writeFileSync(files.members, `${lines.join('\n')}\n`);
      const build = (out: string, keepParsedMembers?: number) =>
        buildFixture(store, dir, files, out, {
          workers: 2,
          ...(keepParsedMembers === undefined ? {} : { keepParsedMembers }),
        });
      const coordinator = await build('kept');
      const threads = await build('threads', 0);
      expect(threads.manifest.shards).toEqual(coordinator.manifest.shards);
      expect(threads.manifest.snapshot).toEqual(coordinator.manifest.snapshot);
      expect(threads.manifest.rejectedSamples).toEqual(coordinator.manifest.rejectedSamples);
      expect(threads.summary).toEqual(coordinator.summary);
      expect(coordinator.manifest.rejectedSamples).toEqual([
        'members.jsonl:10: (line): expected a JSON object, found text that is not valid JSON',
      ]);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
