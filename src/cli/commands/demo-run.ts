// The demo's steps, printed as they go: generate, import through the real importers, summarise, build, serve.

import { join } from 'node:path';
import {
  type BuildResult,
  buildPolicyFrom,
  runBuild,
  type ScanReport,
  scanBuild,
  storeSource,
} from '../../build/index.js';
import { createConsentLedger } from '../../consent/index.js';
import { type EligibilitySummary, eligibilitySummary } from '../../demo/eligibility.js';
import { generateDemoFiles, prepareDemoDataDir } from '../../demo/run-demo.js';
import { DECISION_REASONS } from '../../domain/index.js';
import { registerModel } from '../../lineage/index.js';
import { startServer } from '../../server/app.js';
import { importContentJsonl, importMembersJsonl } from '../../store/import/index.js';
import { openStore } from '../../store/open-store.js';
import { ensureActivePolicy, resolvePolicy } from '../context.js';
import { printJson, printLine, printTable } from '../output.js';

export interface DemoCommandOptions {
  readonly members: number;
  readonly seed: number;
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
  readonly policy: string | undefined;
  readonly serve: boolean;
  readonly port: number;
  readonly json: boolean;
}

const PURPOSE = 'train_ai_system.generative';

function say(options: DemoCommandOptions, line: string): void {
  if (!options.json) process.stderr.write(`${line}\n`);
}

function printSummary(summary: EligibilitySummary): void {
  printLine(`\nEligibility for ${summary.purpose} at ${summary.at} under ${summary.policyVersion ?? '(no policy)'}:`);
  const rows = DECISION_REASONS.filter((r) => summary.members.byReason[r] > 0 || summary.items.byReason[r] > 0).map(
    (reason) => [reason, summary.members.byReason[reason], summary.items.byReason[reason]] as const,
  );
  printTable(
    ['decision', 'members', 'content items'],
    [
      ['allowed', summary.members.allowed, summary.items.allowed],
      ...rows.map(([reason, m, i]) => [`excluded: ${reason}`, m, i] as const),
      ['total', summary.members.total, summary.items.total],
    ],
  );
}

function printBuild(build: BuildResult, scan: ScanReport, canaries: number, leaks: number): void {
  const s = build.summary;
  printLine(`\nBuild ${build.buildId} → ${build.outDir}`);
  printTable(
    ['build', 'count'],
    [
      ['items decided', s.items],
      ['allowed', s.allowed],
      ...Object.entries(s.excludedByReason).map(([reason, n]) => [`excluded: ${reason}`, n] as [string, number]),
      ['dropped by redaction', s.droppedRecords],
      ['duplicates removed', s.duplicatesRemoved],
      ['records written', s.records],
      ['members in build', s.membersInBuild],
    ],
  );
  const redactions = Object.entries(s.redactionsByType).filter(([, n]) => n > 0);
  if (redactions.length > 0) {
    printLine('');
    printTable(
      ['redacted', 'spans'],
      redactions.map(([type, n]) => [type, n] as [string, number]),
    );
  }
  const t = build.throughput;
  printLine(
    `\nThroughput: ${Math.round(t.itemsPerSecond).toLocaleString('en-US')} items/s over ${t.seconds.toFixed(2)} s, peak RSS ${Math.round(t.peakRssBytes / 1048576)} MB`,
  );
  printLine(
    `Scan: ${scan.records} records re-checked; ${canaries} planted canaries, ${leaks} found in the dataset${leaks === 0 ? ' (none leaked)' : ' — LEAK'}.`,
  );
}

function waitForSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

export async function runDemoCommand(options: DemoCommandOptions): Promise<void> {
  const started = performance.now();
  if (options.databaseUrl === undefined) await prepareDemoDataDir(options.dataDir);
  say(options, `Generating a network of ${options.members.toLocaleString('en-US')} members (seed ${options.seed})…`);
  const { network, files } = await generateDemoFiles(options.dataDir, { members: options.members, seed: options.seed });
  const requested = await resolvePolicy(options.policy);

  const store = await openStore({
    dataDir: options.dataDir,
    ...(options.databaseUrl !== undefined ? { databaseUrl: options.databaseUrl } : {}),
  });
  try {
    if ((await store.countMembers()) > 0) {
      throw Object.assign(
        new Error(`${store.location}: the database already holds members; the demo needs an empty store`),
        {
          kind: 'user' as const,
        },
      );
    }
    const actor = 'demo';
    const { policy, sha256 } = await ensureActivePolicy(store, requested, actor);
    say(options, `Importing into ${store.location}…`);
    const members = await importMembersJsonl(store, files.members, { strict: true, actor });
    const content = await importContentJsonl(store, files.content, { strict: true, actor });
    const ledger = createConsentLedger(store);
    const consent = await ledger.importJsonl(files.consent, { strict: true, actor });
    say(
      options,
      `Imported ${members.imported} members, ${content.imported} content items, ${consent.imported} consent events.`,
    );
    const at = new Date().toISOString();
    const summary = await eligibilitySummary(store, policy, PURPOSE, at);
    if (!options.json) printSummary(summary);

    say(options, '\nBuilding the training dataset…');
    const outDir = join(options.dataDir, 'builds', 'demo-genai-1');
    const build = await runBuild({
      store,
      policy: buildPolicyFrom(policy, PURPOSE, at, sha256),
      purpose: PURPOSE,
      asOf: at,
      outDir,
      format: 'parquet',
      sources: storeSource(store),
      actor,
    });
    const model = await registerModel(store, { name: 'demo-writer', version: '1.0', buildIds: [build.buildId] }, actor);
    // Canaries: unique values planted in content of excluded, opted-out and allowed members. None may appear.
    const scan = await scanBuild(outDir, { canaries: network.canaries.map((c) => c.value) });
    const leaks = scan.canaryHits.map((hit) => network.canaries[hit.canaryIndex]).filter((c) => c !== undefined);
    const elapsedMs = Math.round(performance.now() - started);
    if (options.json) {
      printJson({
        dataDir: options.dataDir,
        store: store.location,
        policy: policy.name,
        network: { members: network.members.length, content: network.content.length, consent: network.consent.length },
        eligibility: summary,
        build: { id: build.buildId, outDir, summary: build.summary, throughput: build.throughput },
        model: { id: model.id, name: model.name, version: model.version },
        scan: {
          records: scan.records,
          residualByType: scan.residualByType,
          canaries: network.canaries.length,
          canaryLeaks: leaks.map((c) => ({ kind: c.kind, author: c.author, contentId: c.contentId })),
        },
        files: { ...files, dir: join(options.dataDir, 'demo') },
        elapsedMs,
      });
    } else {
      printBuild(build, scan, network.canaries.length, leaks.length);
      printLine(`\nModel ${model.name} ${model.version} registered as ${model.id}, trained on ${build.buildId}.`);
      printLine(`Demo data: ${join(options.dataDir, 'demo')} (JSONL files as imported); store: ${store.location}`);
      printLine(`Done in ${(elapsedMs / 1000).toFixed(1)} s.`);
    }
    if (options.serve) {
      const server = await startServer({
        store,
        policy,
        ledger,
        mode: 'demo',
        port: options.port,
        buildsDir: join(options.dataDir, 'builds'),
      });
      printLine(`\nAssent is serving the member pages, the admin dashboard and the API at ${server.url}`);
      printLine(
        `  member settings: ${server.url}/   admin dashboard: ${server.url}/admin   API docs: ${server.url}/docs`,
      );
      printLine('Press Ctrl+C to stop.');
      await waitForSignal();
      await server.close();
    }
  } finally {
    await store.close();
  }
}
