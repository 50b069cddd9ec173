// `assent import members|content|consent FILE.jsonl`: bring a platform's directory, content and consent history in.

import { access } from 'node:fs/promises';
import type { Command } from 'commander';
import { type ImportReport, importContentJsonl, importMembersJsonl } from '../../store/import/index.js';
import { EXIT_BAD_INPUT, UsageError } from '../cli-error.js';
import { type Context, withContext } from '../context.js';
import { printJson, printLine } from '../output.js';

const KINDS = ['members', 'content', 'consent'] as const;
type ImportKind = (typeof KINDS)[number];

export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description('import members, content or consent events from a JSONL file (valid lines in one transaction)')
    .argument('<kind>', KINDS.join(' | '))
    .argument('<file>', 'JSONL file, one record per line')
    .option('--strict', 'import nothing unless every line is valid')
    .option('--json', 'print the report as JSON')
    .action(async (kind: string, file: string, options, command: Command) => {
      if (!(KINDS as readonly string[]).includes(kind)) {
        throw new UsageError(`import: expected one of ${KINDS.join(', ')}, found "${kind}"`);
      }
      try {
        await access(file);
      } catch {
        throw new UsageError(`${file}: cannot read the file`);
      }
      await withContext(command, async ({ store, ledger, actor }) => {
        const strict = options.strict === true;
        const report: ImportReport = await runImport(kind as ImportKind, file, strict, { store, ledger, actor });
        if (options.json) printJson(report);
        else {
          for (const issue of report.issues.slice(0, 50)) process.stderr.write(`${issue.message}\n`);
          if (report.issues.length > 50)
            process.stderr.write(`... and ${report.issues.length - 50} more invalid lines\n`);
          printLine(
            `${kind}: ${report.imported} imported, ${report.rejected} rejected${strict && report.rejected > 0 ? ' (--strict: nothing was imported)' : ''}`,
          );
        }
        if (report.rejected > 0) process.exitCode = EXIT_BAD_INPUT;
      });
    });
}

async function runImport(
  kind: ImportKind,
  file: string,
  strict: boolean,
  { store, ledger, actor }: Pick<Context, 'store' | 'ledger' | 'actor'>,
): Promise<ImportReport> {
  switch (kind) {
    case 'members':
      return importMembersJsonl(store, file, { strict, actor });
    case 'content':
      return importContentJsonl(store, file, { strict, actor });
    case 'consent':
      return ledger.importJsonl(file, { strict, actor });
  }
}
