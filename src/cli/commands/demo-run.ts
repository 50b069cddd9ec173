// The demo's steps, printed as they go: generate, import through the real importers, summarise, build, serve.

import { join } from 'node:path';
import { createConsentLedger } from '../../consent/index.js';
import { type EligibilitySummary, eligibilitySummary } from '../../demo/eligibility.js';
import { generateDemoFiles, prepareDemoDataDir } from '../../demo/run-demo.js';
import { DECISION_REASONS } from '../../domain/index.js';
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
    const { policy } = await ensureActivePolicy(store, requested, actor);
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
    const elapsedMs = Math.round(performance.now() - started);
    if (options.json) {
      printJson({
        dataDir: options.dataDir,
        store: store.location,
        policy: policy.name,
        network: { members: network.members.length, content: network.content.length, consent: network.consent.length },
        eligibility: summary,
        files: { ...files, dir: join(options.dataDir, 'demo') },
        elapsedMs,
      });
    } else {
      printSummary(summary);
      printLine(`\nDemo data: ${join(options.dataDir, 'demo')} (JSONL files as imported); store: ${store.location}`);
      printLine(`Done in ${(elapsedMs / 1000).toFixed(1)} s.`);
    }
  } finally {
    await store.close();
  }
}
