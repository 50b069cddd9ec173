// `assent model register`: records a training run and the builds it consumed (audited).

import type { Command } from 'commander';
import { registerModel } from '../../lineage/index.js';
import { withContext } from '../context.js';
import { printJson, printLine } from '../output.js';

export function registerModelCommand(program: Command): void {
  const model = program.command('model').description('models trained on builds');
  model
    .command('register')
    .description('register a model and the builds it was trained on')
    .requiredOption('--name <name>', 'model name')
    // `--version` is the root program's flag; `runCli` maps `model register --version V` onto this option.
    .requiredOption('--model-version <version>', 'model version (also accepted as --version)')
    .requiredOption('--build <id...>', 'published build id(s)')
    .option('--json', 'print as JSON')
    .action(
      async (options: { name: string; modelVersion: string; build: string[]; json?: boolean }, command: Command) => {
        await withContext(command, async ({ store, actor }) => {
          const record = await registerModel(
            store,
            { name: options.name, version: options.modelVersion, buildIds: options.build },
            actor,
          );
          if (options.json) printJson(record);
          else
            printLine(
              `model ${record.id} (${record.name} ${record.version}) registered over ${record.buildIds.join(', ')}`,
            );
        });
      },
    );
}
