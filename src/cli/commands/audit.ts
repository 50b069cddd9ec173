// `assent audit verify`: walk the hash chain and name the first broken entry.

import type { Command } from 'commander';
import { verifyAudit } from '../../audit/index.js';
import { CommandFailed } from '../cli-error.js';
import { withContext } from '../context.js';
import { printJson, printLine } from '../output.js';

export function registerAuditCommand(program: Command): void {
  const audit = program.command('audit').description('the tamper-evident log of every state change');
  audit
    .command('verify')
    .description('recompute every link of the chain (and the digests of the consent events it covers)')
    .option('--json', 'print the result as JSON')
    .action(async (options, command: Command) => {
      await withContext(command, async ({ store }) => {
        const result = await verifyAudit(store);
        if (options.json) printJson(result);
        else if (result.ok) printLine(`audit log intact: ${result.entries} entries, head ${result.head ?? '(empty)'}`);
        if (!result.ok) {
          const broken = result.firstBroken;
          throw new CommandFailed(
            `audit log broken at entry ${broken?.seq ?? '?'}: ${broken?.reason ?? 'unknown reason'} (${result.entries} entries checked)`,
          );
        }
      });
    });
}
