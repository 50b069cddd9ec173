// `assent lineage member ID` and `assent lineage model ID`: whose data is where, and who withdrew after training.

import type { Command } from 'commander';
import { memberLineage, modelLineage } from '../../lineage/index.js';
import { withContext } from '../context.js';
import { printJson, printLine, printTable } from '../output.js';

export function registerLineageCommand(program: Command): void {
  const lineage = program.command('lineage').description('which builds and models hold whose data');
  lineage
    .command('member')
    .description('every build and model holding the member\u2019s data, and their consent now')
    .argument('<id>', 'member id')
    .option('--json', 'print as JSON')
    .action(async (memberId: string, options: { json?: boolean }, command: Command) => {
      await withContext(command, async ({ store, policy }) => {
        const view = await memberLineage(store, memberId, { policy });
        if (options.json) return printJson(view);
        if (!view.known) printLine(`member ${memberId} is not in the directory`);
        printLine(`builds holding ${memberId}'s data: ${view.builds.length}`);
        if (view.builds.length > 0) {
          printTable(
            ['build', 'purpose', 'as of', 'published', 'items'],
            view.builds.map((b) => [b.buildId, b.purpose, b.asOf, b.publishedAt, b.items]),
          );
        }
        printLine(`models: ${view.models.length}`);
        if (view.models.length > 0) {
          printTable(
            ['model', 'name', 'version', 'registered', 'items', 'flagged'],
            view.models.map((m) => [m.modelId, m.name, m.version, m.registeredAt, m.items, m.flaggedAt]),
          );
        }
        printTable(
          ['purpose', 'consent now', 'source', 'since'],
          view.consentNow.map((c) => [c.purpose, c.status, c.source, c.since]),
        );
      });
    });
  lineage
    .command('model')
    .description('a model\u2019s builds, their members, and how many withdrew after training')
    .argument('<id>', 'model id')
    .option('--json', 'print as JSON')
    .action(async (modelId: string, options: { json?: boolean }, command: Command) => {
      await withContext(command, async ({ store }) => {
        const view = await modelLineage(store, modelId);
        if (options.json) return printJson(view);
        printLine(
          `model ${view.model.id} (${view.model.name} ${view.model.version}), registered ${view.model.registeredAt}`,
        );
        if (view.model.flaggedAt) printLine(`flagged ${view.model.flaggedAt}: ${view.model.flagReason ?? ''}`);
        printTable(
          ['build', 'purpose', 'as of', 'members', 'withdrawn after training'],
          view.builds.map((b) => [b.buildId, b.purpose, b.asOf, b.members, b.withdrawnAfterTraining]),
        );
        printLine(`withdrawn after training: ${view.withdrawnAfterTraining} of ${view.members} members`);
      });
    });
}
