// A small entry script for the crash-safety tests: runs one file-source build against an SQLite store in a data
// directory, and prints the result as JSON. `ASSENT_TEST_CRASH_AFTER_SHARDS=N` makes it SIGKILL itself after N
// shards, `ASSENT_TEST_CRASH_AFTER_SPILL=1` once pass 1 has written its spill files (see run-build.ts). Usage: tsx crash-harness.ts DATA_DIR MEMBERS CONTENT OUT WORKERS

import { openStore } from '../store/open-store.js';
import { rulesPolicy } from './build-policy.js';
import { runBuild } from './run-build.js';
import { fileSource } from './source.js';

/** The policy the build tests use: DE excluded, minors under 18, posts only, public only. */
export const TEST_POLICY_RULES = Object.freeze({
  name: 'build-test',
  versionId: 'build-test/v1',
  purpose: 'train_ai_system.generative',
  asOf: '2025-06-01T00:00:00.000Z',
  knownAt: '9999-12-31T23:59:59.999Z',
  excludedCountries: ['DE'],
  optInCountries: [],
  minimumAge: 18,
  kinds: ['post', 'article', 'comment'],
  visibilities: ['public'],
});

async function main(argv: readonly string[]): Promise<void> {
  const [dataDir, members, content, out, workers] = argv;
  if (!dataDir || !members || !content || !out)
    throw new Error('usage: crash-harness DATA_DIR MEMBERS CONTENT OUT [WORKERS]');
  const store = await openStore({ dataDir });
  try {
    const result = await runBuild({
      store,
      policy: rulesPolicy(TEST_POLICY_RULES, 'a'.repeat(64)),
      purpose: TEST_POLICY_RULES.purpose,
      asOf: TEST_POLICY_RULES.asOf,
      outDir: out,
      format: 'parquet',
      sources: fileSource(members, [content]),
      workers: Number(workers ?? 1),
      actor: 'test:crash-harness',
      itemsPerShard: 150,
    });
    process.stdout.write(
      `${JSON.stringify({ buildId: result.buildId, resumed: result.resumed, shards: result.manifest.shards, root: result.manifest.lineage.merkleRoot, counts: result.manifest.counts })}\n`,
    );
  } finally {
    await store.close();
  }
}

if (process.argv[1]?.endsWith('crash-harness.ts') || process.argv[1]?.endsWith('crash-harness.js')) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
