// An entry script for the distributed-build tests: runs one file-source build against the PostgreSQL store at a URL,
// either here (`local`, worker threads) or as queued jobs (`distributed`, for `assent worker` processes), with small
// shards and jobs so that a small input makes several of each, and prints the result as JSON.
// `ASSENT_TEST_WITHDRAW=MEMBER` records that member's withdrawal while the member snapshot is read (after the ledger
// head the build reads from, so strict mode must drop the member in pass 2) and reports whether the member is in the
// build's lineage.
// Usage: tsx harness.ts local|distributed DATABASE_URL MEMBERS CONTENT OUT [JOB_TIMEOUT_SECONDS]

import { openStore } from '../../store/open-store.js';
import { rulesPolicy } from '../build-policy.js';
import { TEST_POLICY_RULES } from '../crash-harness.js';
import { runBuild } from '../run-build.js';
import { fileSource } from '../source.js';
import { distributedExecutor, maintenanceSecondsFor } from './index.js';
import { openJobQueue } from './job-queue.js';

async function main(argv: readonly string[]): Promise<void> {
  const [mode, url, members, content, out, timeout] = argv;
  if ((mode !== 'local' && mode !== 'distributed') || !url || !members || !content || !out) {
    throw new Error('usage: harness local|distributed DATABASE_URL MEMBERS CONTENT OUT [JOB_TIMEOUT_SECONDS]');
  }
  const jobTimeoutSeconds = Number(timeout ?? 600);
  const store = await openStore({ databaseUrl: url });
  const queue =
    mode === 'distributed'
      ? await openJobQueue(url, { maintenanceSeconds: maintenanceSecondsFor(jobTimeoutSeconds) })
      : undefined;
  const jobs = { decide: 0, shard: 0 };
  const withdraw = process.env.ASSENT_TEST_WITHDRAW;
  let withdrawal: Promise<unknown> | undefined;
  try {
    const result = await runBuild({
      store,
      policy: rulesPolicy(TEST_POLICY_RULES, 'a'.repeat(64)),
      purpose: TEST_POLICY_RULES.purpose,
      asOf: TEST_POLICY_RULES.asOf,
      outDir: out,
      format: 'parquet',
      sources: fileSource(members, [content]),
      workers: 2,
      actor: 'test:distributed-harness',
      itemsPerShard: 1000,
      ...(queue
        ? {
            executor: distributedExecutor(queue, {
              jobTimeoutSeconds,
              jobBytes: 1,
              onJob: (event) => {
                if (event.state === 'done') jobs[event.kind]++;
              },
            }),
          }
        : {}),
      onProgress: (p) => {
        process.stderr.write(`progress ${p.phase} ${p.done}/${p.total ?? '-'}\n`);
        if (withdraw && p.phase === 'members' && withdrawal === undefined) {
          const at = new Date().toISOString();
          withdrawal = store.appendConsentEvents([
            {
              id: `withdrawal-${withdraw}-${at}`,
              memberId: withdraw,
              purpose: TEST_POLICY_RULES.purpose,
              status: 'ConsentWithdrawn',
              method: 'toggle',
              noticeVersion: null,
              jurisdiction: 'US',
              validFrom: at,
              recordedAt: at,
              actor: 'test:distributed-harness',
              requestId: null,
              supersedes: null,
            },
          ]);
        }
      },
    });
    await withdrawal;
    let withdrawnInLineage: boolean | undefined;
    if (withdraw) {
      withdrawnInLineage = false;
      for await (const rows of store.scanBuildMembers(result.buildId)) {
        if (rows.some((row) => row.memberId === withdraw)) withdrawnInLineage = true;
      }
    }
    process.stdout.write(
      `${JSON.stringify({ shards: result.manifest.shards, root: result.manifest.lineage.merkleRoot, counts: result.manifest.counts, jobs, withdrawnInLineage, resumed: result.resumed })}\n`,
    );
  } finally {
    await queue?.close();
    await store.close();
  }
}

if (/distributed[\\/]harness\.[jt]s$/.test(process.argv[1] ?? '')) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
