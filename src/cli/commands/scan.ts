// `assent scan DIR`: residual personal data in a finished build, by type; exit code 1 when anything is found.

import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { scanBuild } from '../../build/index.js';
import { CommandFailed, UsageError } from '../cli-error.js';
import { printJson, printLine, printTable } from '../output.js';

/** Canaries from a file: a JSON array of strings, or one value per line. */
function readCanaries(path: string | undefined): string[] {
  if (path === undefined) return [];
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new UsageError(`--canaries: cannot read ${path}`);
  }
  if (text.trimStart().startsWith('[')) {
    const parsed: unknown = JSON.parse(text);
    if (!Array.isArray(parsed)) throw new UsageError(`--canaries: ${path}: expected a JSON array of strings`);
    return parsed.map((entry: unknown) =>
      typeof entry === 'string' ? entry : String((entry as { value?: unknown }).value ?? ''),
    );
  }
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}

export function registerScanCommand(program: Command): void {
  program
    .command('scan')
    .description('re-run personal-data detection over a build and report what remains')
    .argument('<dir>', 'build directory')
    .option('--canaries <file>', 'values that must not appear (JSON array, or one per line)')
    .option('--json', 'print as JSON')
    .action(async (dir: string, options: { canaries?: string; json?: boolean }) => {
      const report = await scanBuild(dir, { canaries: readCanaries(options.canaries) });
      if (options.json) printJson(report);
      else {
        printLine(`build ${report.buildId}: ${report.records} records in ${report.shards} shard(s)`);
        const rows = Object.entries(report.residualByType).map(([type, n]) => [type, n] as [string, number]);
        if (rows.length > 0) printTable(['residual type', 'count'], rows);
        printLine(`canaries found: ${report.canaryHits.length}`);
        if (report.tampered.length > 0) printLine(`shards not matching the manifest: ${report.tampered.join(', ')}`);
      }
      if (!report.clean) throw new CommandFailed(`scan found residual personal data or mismatches in ${dir}`);
    });
}
