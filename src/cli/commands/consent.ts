// `assent consent set|get|history|export`: record and read a member's choices.

import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename } from 'node:fs/promises';
import type { Command } from 'commander';
import { CONSENT_METHODS, type ConsentMethod, isPurpose, PURPOSES, STATUS_ALIASES } from '../../domain/index.js';
import { onConsentRecorded } from '../../lineage/index.js';
import { defaultStatus } from '../../policy/index.js';
import { UsageError } from '../cli-error.js';
import { parseTimeFlag, withContext } from '../context.js';
import { printJson, printLine, printTable } from '../output.js';

function requirePurpose(purpose: string): string {
  if (!isPurpose(purpose)) {
    throw new UsageError(`--purpose: expected one of ${PURPOSES.map((p) => p.key).join(', ')}, found "${purpose}"`);
  }
  return purpose;
}

export function registerConsentCommand(program: Command): void {
  const consent = program.command('consent').description("record and read members' consent choices");

  consent
    .command('set')
    .description('record a choice for a member (append-only; idempotent by --request-id)')
    .argument('<member>', 'member id')
    .requiredOption('--purpose <purpose>', 'purpose, e.g. train_ai_system.generative')
    .requiredOption('--status <status>', 'given | withdrawn (or a DPV status such as ConsentRefused)')
    .option('--method <method>', `how the choice was made: ${CONSENT_METHODS.join(', ')}`, 'admin')
    .option('--effective-at <time>', 'valid from this time (default: now); earlier times record a backdated correction')
    .option('--request-id <id>', 'idempotency key: repeating it with the same choice returns the same event')
    .option('--json', 'print the event as JSON')
    .action(async (member: string, options, command: Command) => {
      const purpose = requirePurpose(options.purpose);
      const status =
        STATUS_ALIASES[options.status] ??
        (Object.values(STATUS_ALIASES).includes(options.status) ? options.status : undefined);
      if (!status) throw new UsageError(`--status: expected given or withdrawn, found "${options.status}"`);
      if (!(CONSENT_METHODS as readonly string[]).includes(options.method)) {
        throw new UsageError(`--method: expected one of ${CONSENT_METHODS.join(', ')}, found "${options.method}"`);
      }
      const validFrom = parseTimeFlag('--effective-at', options.effectiveAt);
      await withContext(command, async ({ store, ledger, policy, actor }) => {
        const { event, created } = await ledger.record(
          {
            memberId: member,
            purpose,
            status,
            method: options.method as ConsentMethod,
            ...(validFrom !== undefined ? { validFrom } : {}),
            ...(options.requestId !== undefined ? { requestId: options.requestId } : {}),
          },
          actor,
        );
        // Under `on_withdrawal: flag_models`, a withdrawal marks the models already trained on this member's data.
        const flaggedModels = created ? await onConsentRecorded(store, event, policy) : [];
        if (options.json) return printJson({ created, event, flaggedModels });
        if (flaggedModels.length > 0)
          printLine(`flagged ${flaggedModels.length} model(s) holding this member's data: ${flaggedModels.join(', ')}`);
        printLine(
          `${created ? 'recorded' : 'already recorded (same request id)'}: ${event.memberId} ${event.purpose} ${event.status} valid from ${event.validFrom} (event ${event.id}, seq ${event.seq})`,
        );
      });
    });

  consent
    .command('get')
    .description("a member's state for a purpose, at a valid time as known at a system time")
    .argument('<member>', 'member id')
    .requiredOption('--purpose <purpose>', 'purpose, e.g. train_ai_system.generative')
    .option('--as-of <time>', 'valid time (default: now)')
    .option('--known-at <time>', 'system time: what Assent knew then (default: now)')
    .option('--json', 'print as JSON')
    .action(async (member: string, options, command: Command) => {
      const purpose = requirePurpose(options.purpose);
      const asOf = parseTimeFlag('--as-of', options.asOf) ?? new Date().toISOString();
      const knownAt = parseTimeFlag('--known-at', options.knownAt);
      await withContext(command, async ({ store, ledger, policy }) => {
        const found = await store.getMember(member);
        if (!found) throw new UsageError(`member ${member}: not found in the member directory`);
        const state = await ledger.stateAsOf(member, purpose, {
          asOf,
          ...(knownAt !== undefined ? { knownAt } : {}),
          defaultStatus: defaultStatus(policy, purpose, found, asOf),
        });
        if (options.json) return printJson(state);
        printLine(`${member} ${purpose} as of ${state.asOf} (known at ${state.knownAt}): ${state.status}`);
        printLine(
          state.source === 'explicit'
            ? `explicit choice: event ${state.event?.id} by ${state.event?.method}, valid from ${state.event?.validFrom}`
            : "no choice recorded: this is the policy's default for the member's jurisdiction",
        );
      });
    });

  consent
    .command('history')
    .description("a member's recorded choices, oldest first")
    .argument('<member>', 'member id')
    .option('--json', 'print as JSON')
    .action(async (member: string, options, command: Command) => {
      await withContext(command, async ({ ledger }) => {
        const events = await ledger.history(member);
        if (options.json) return printJson(events);
        if (events.length === 0) return printLine(`${member}: no choices recorded (the policy default applies)`);
        printTable(
          ['seq', 'purpose', 'status', 'method', 'valid from', 'recorded at', 'supersedes'],
          events.map((e) => [e.seq, e.purpose, e.status, e.method, e.validFrom, e.recordedAt, e.supersedes]),
        );
      });
    });

  consent
    .command('export')
    .description('every consent record as ISO/IEC TS 27560-style JSON, one per line')
    .option('--output <file>', 'write to this file (atomically) instead of standard output')
    .action(async (options, command: Command) => {
      await withContext(command, async ({ ledger }) => {
        const target = options.output as string | undefined;
        const temp = target ? `${target}.tmp-${process.pid}` : undefined;
        const out = temp ? createWriteStream(temp) : process.stdout;
        let count = 0;
        for await (const record of ledger.exportRecords()) {
          if (!out.write(`${JSON.stringify(record)}\n`)) await once(out, 'drain');
          count += 1;
        }
        if (temp && target) {
          await new Promise<void>((resolve, reject) =>
            (out as ReturnType<typeof createWriteStream>).end((e?: Error | null) => (e ? reject(e) : resolve())),
          );
          await rename(temp, target);
          process.stderr.write(`exported ${count} consent records to ${target}\n`);
        }
      });
    });
}
