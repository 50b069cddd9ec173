// `assent explain MEMBER [--content ID]`: every rule checked, in the fixed order, and the first that excludes.

import type { Command } from 'commander';
import { isPurpose } from '../../domain/index.js';
import { defaultStatus, explainItem, explainMember } from '../../policy/index.js';
import { UsageError } from '../cli-error.js';
import { parseTimeFlag, withContext } from '../context.js';
import { printJson, printLine } from '../output.js';

export function registerExplainCommand(program: Command): void {
  program
    .command('explain')
    .description('why a member, or one of their content items, is or is not eligible for a purpose')
    .argument('<member>', 'member id')
    .option('--content <id>', 'a content item of the member')
    .option('--purpose <purpose>', 'purpose', 'train_ai_system.generative')
    .option('--as-of <time>', 'decide at this time (default: now)')
    .option('--json', 'print as JSON')
    .action(async (memberId: string, options, command: Command) => {
      if (!isPurpose(options.purpose)) throw new UsageError(`--purpose: unknown purpose "${options.purpose}"`);
      const at = parseTimeFlag('--as-of', options.asOf) ?? new Date().toISOString();
      await withContext(command, async ({ store, ledger, policy }) => {
        const member = await store.getMember(memberId);
        const item = options.content ? await store.getContent(options.content) : undefined;
        if (options.content && !item) throw new UsageError(`--content: no content item "${options.content}"`);
        if (item && item.authorId !== memberId) {
          throw new UsageError(`--content: item ${item.id} belongs to another member, not ${memberId}`);
        }
        const consent = member
          ? await ledger.stateAsOf(memberId, options.purpose, {
              asOf: at,
              defaultStatus: defaultStatus(policy, options.purpose, member, at),
            })
          : undefined;
        const input = {
          policy,
          member,
          purpose: options.purpose as string,
          at,
          consent: consent
            ? {
                status: consent.status,
                source: consent.source,
                ...(consent.event ? { method: consent.event.method } : {}),
              }
            : undefined,
        };
        const explanation = item ? explainItem({ ...input, item }) : explainMember(input);
        if (options.json)
          return printJson({ memberId, contentId: item?.id ?? null, at, purpose: options.purpose, ...explanation });
        const subject = item
          ? `item ${item.id} (${item.kind}, ${item.visibility}) of ${memberId}`
          : `member ${memberId}`;
        const verdict = explanation.decision.allowed ? 'ALLOWED' : `EXCLUDED: ${explanation.decision.reason}`;
        printLine(`${subject} for ${options.purpose} at ${at}: ${verdict}`);
        printLine(`policy version: ${explanation.decision.policyVersion ?? '(none in force)'}`);
        for (const check of explanation.checks) {
          printLine(
            `  ${check.passed === null ? 'skip' : check.passed ? 'pass' : 'FAIL'}  ${check.reason.padEnd(22)} ${check.detail}`,
          );
        }
      });
    });
}
