// `assent demo`: the whole story on a synthetic network, then the UI. `npm start` runs it.

import { resolve } from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../cli-error.js';
import { globalOptions } from '../context.js';
import { runDemoCommand } from './demo-run.js';

function positiveInt(flag: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`${flag}: expected a positive integer, found "${value}"`);
  return n;
}

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('generate a synthetic professional network, record consent, build a dataset, then serve the UI')
    .option('--members <n>', 'members to generate', '10000')
    .option('--seed <s>', 'random seed: the same seed gives the same network', '42')
    .option('--no-serve', 'exit after the summary instead of serving the UI')
    .option('--port <port>', 'port for the UI', '4700')
    .option('--json', 'print the summary as JSON (implies --no-serve)')
    .action(async (options, command: Command) => {
      const global = globalOptions(command);
      await runDemoCommand({
        members: positiveInt('--members', options.members),
        seed: Number.isInteger(Number(options.seed)) ? Number(options.seed) : positiveInt('--seed', options.seed),
        dataDir: resolve(global.dataDir ?? 'assent-data'),
        databaseUrl: global.databaseUrl,
        policy: global.policy,
        serve: options.serve !== false && options.json !== true,
        port: positiveInt('--port', options.port),
        json: options.json === true,
      });
    });
}
