// `assent policy validate|show|presets`: check a policy file and see the rules in force.

import type { Command } from 'commander';
import { formatPolicyIssue, listPresets, readPolicyFile } from '../../policy/index.js';
import { UsageError } from '../cli-error.js';
import { withContext } from '../context.js';
import { printJson, printLine } from '../output.js';

export function registerPolicyCommand(program: Command): void {
  const policy = program.command('policy').description('effective-dated rules for what may train which models');

  policy
    .command('validate')
    .description('check a policy file; every problem is reported as FILE:LINE: path: what was expected')
    .argument('<file>', 'YAML or JSON policy file')
    .option('--json', 'print the issues as JSON')
    .action(async (file: string, options) => {
      const result = await readPolicyFile(file);
      if (options.json) {
        printJson(result.ok ? { ok: true, name: result.policy.name, versions: result.policy.versions.length } : result);
        if (!result.ok) process.exitCode = 2;
        return;
      }
      if (result.ok) {
        printLine(`${file}: valid policy "${result.policy.name}" with ${result.policy.versions.length} version(s)`);
        return;
      }
      throw new UsageError(result.issues.map(formatPolicyIssue).join('\n'));
    });

  policy
    .command('show')
    .description('the active policy: its versions, jurisdiction treatments, scope and redaction')
    .option('--json', 'print the whole policy as JSON')
    .action(async (options, command: Command) => {
      await withContext(command, async ({ policy: active, policySha256 }) => {
        if (options.json) return printJson({ sha256: policySha256, policy: active });
        printLine(`policy ${active.name} (sha256 ${policySha256.slice(0, 16)}…)`);
        for (const version of active.versions) {
          printLine(`\n${version.id}: in force from ${version.valid_from}`);
          for (const [purpose, rules] of Object.entries(version.purposes)) {
            if (!rules) continue;
            printLine(`  ${purpose} — ${rules.notice.mechanism}, notice ${rules.notice.id} v${rules.notice.version}`);
            for (const group of rules.jurisdictions.groups) {
              printLine(`    ${group.name.padEnd(10)} ${group.treatment.padEnd(9)} ${group.countries.join(' ')}`);
            }
            printLine(
              `    ${'elsewhere'.padEnd(10)} ${rules.jurisdictions.default_treatment}; unknown country: excluded`,
            );
            printLine(
              `    minors: under ${rules.minors.min_age} excluded; signals ${rules.minors.exclude_signals.join(', ')}`,
            );
            printLine(`    kinds: ${rules.content.kinds.join(', ')}`);
            printLine(`    visibilities: ${rules.content.visibilities.join(', ')}`);
            printLine(`    on withdrawal: ${rules.on_withdrawal}`);
          }
        }
      });
    });

  policy
    .command('presets')
    .description('the policy presets that ship with Assent')
    .action(async () => {
      for (const name of await listPresets()) printLine(name);
    });
}
