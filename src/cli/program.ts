// The `assent` command: global options, the command registry, and one place that turns errors into exit codes.

import { Command, CommanderError, Option } from 'commander';
import { codeVersion } from '../version.js';
import { EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_OK, isRunFailure, isUserError } from './cli-error.js';
import { COMMANDS } from './commands/index.js';

/** Builds the program with every command registered. Separate from `main` so tests can drive it. */
export function createProgram(): Command {
  const program = new Command('assent')
    .description(
      'Decide which member data may train AI models, and produce exactly that training data: consented, in scope, redacted, with lineage.',
    )
    .version(codeVersion().version)
    .addOption(new Option('--data-dir <dir>', 'where the embedded database and demo files live').env('ASSENT_DATA_DIR'))
    .addOption(
      new Option('--database-url <url>', 'use PostgreSQL at this URL instead of the embedded SQLite file').env(
        'ASSENT_DATABASE_URL',
      ),
    )
    .addOption(
      new Option('--policy <preset-or-file>', 'policy preset name or YAML/JSON file (default: the active policy)').env(
        'ASSENT_POLICY',
      ),
    )
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  for (const register of COMMANDS) register(program);
  for (const command of program.commands) command.exitOverride();
  return program;
}

/**
 * DESIGN.md spells `assent model register --version V`, but commander lets the root `--version` flag win wherever it
 * appears. After `model register`, `--version` is therefore read as the model's `--model-version`.
 */
export function normaliseArgv(argv: readonly string[]): string[] {
  const out = [...argv];
  const model = out.indexOf('model');
  if (model < 0 || out[model + 1] !== 'register') return out;
  for (let i = model + 2; i < out.length; i++) {
    const arg = out[i] ?? '';
    if (arg === '--') break;
    if (arg === '--version') out[i] = '--model-version';
    else if (arg.startsWith('--version=')) out[i] = `--model-version=${arg.slice('--version='.length)}`;
  }
  return out;
}

/** Runs the CLI and returns the exit code: 0 success, 1 failure, 2 bad input. */
export async function runCli(argv: readonly string[]): Promise<number> {
  const program = createProgram();
  try {
    await program.parseAsync(normaliseArgv(argv), { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT_OK;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return EXIT_OK;
      if (error.code === 'commander.help') return EXIT_OK;
      return EXIT_BAD_INPUT;
    }
    if (isUserError(error)) {
      process.stderr.write(`assent: ${error.message}\n`);
      return EXIT_BAD_INPUT;
    }
    if (isRunFailure(error)) {
      process.stderr.write(`assent: ${error.message}\n`);
      return EXIT_FAILURE;
    }
    process.stderr.write(
      `assent: internal error (a bug, please report it):\n${(error as Error)?.stack ?? String(error)}\n`,
    );
    return EXIT_FAILURE;
  }
}
