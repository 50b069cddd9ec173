// Imports members and content from JSONL: every valid line in one transaction with one audit entry; invalid lines
// reported as FILE:LINE sentences; with `strict`, nothing is written unless every line is valid.

import { appendAudit } from '../../audit/audit-log.js';
import type { Store } from '../store.js';
import { type ImportReport, IssueCollector, readJsonl } from './jsonl-reader.js';
import { type LineParseOptions, type ParseResult, parseContentLine, parseMemberLine } from './line-parsers.js';

export interface ImportOptions {
  /** Write nothing unless every line is valid. */
  readonly strict?: boolean;
  /** Who runs the import, for the audit log. */
  readonly actor: string;
  /** The import time (default: now). */
  readonly clock?: () => Date;
  /** Records written per statement batch. */
  readonly chunkSize?: number;
}

class StrictRefusal extends Error {}

async function importRecords<T>(
  store: Store,
  path: string,
  options: ImportOptions,
  what: {
    action: string;
    parse: (record: Readonly<Record<string, unknown>>) => ParseResult<T>;
    write: (tx: Store, values: T[]) => Promise<void>;
  },
): Promise<ImportReport> {
  const { lines, digest } = readJsonl(path);
  const issues = new IssueCollector(path);
  const chunkSize = options.chunkSize ?? 2000;
  const now = (options.clock ?? (() => new Date()))().toISOString();
  let read = 0;
  let imported = 0;
  let committed = false;
  try {
    await store.transaction(async (tx) => {
      let pending: T[] = [];
      for await (const batch of lines) {
        for (const entry of batch) {
          read += 1;
          if (entry.record === undefined) {
            issues.add(entry.line, undefined, entry.problem);
            continue;
          }
          const parsed = what.parse(entry.record);
          if (!parsed.ok) {
            issues.addAll(entry.line, parsed.issues);
            continue;
          }
          if (options.strict && issues.rejected > 0) continue; // keep validating, stop writing
          pending.push(parsed.value);
          if (pending.length >= chunkSize) {
            await what.write(tx, pending);
            imported += pending.length;
            pending = [];
          }
        }
      }
      if (options.strict && issues.rejected > 0) throw new StrictRefusal();
      if (pending.length > 0) {
        await what.write(tx, pending);
        imported += pending.length;
      }
      if (imported === 0) return;
      await appendAudit(tx, {
        at: now,
        actor: options.actor,
        action: what.action,
        subject: null,
        payload: { count: imported, rejected: issues.rejected, fileSha256: digest() },
      });
      committed = true;
    });
  } catch (error) {
    if (!(error instanceof StrictRefusal)) throw error;
    imported = 0;
  }
  return {
    file: path,
    fileSha256: digest(),
    lines: read,
    imported,
    rejected: issues.rejected,
    duplicates: 0,
    issues: issues.issues,
    committed,
  };
}

/**
 * Imports members (upserted by id) from a JSONL file.
 *
 * @example const report = await importMembersJsonl(store, 'members.jsonl', { actor: 'cli:alice', strict: true });
 */
export function importMembersJsonl(store: Store, path: string, options: ImportOptions): Promise<ImportReport> {
  const now = (options.clock ?? (() => new Date()))().toISOString();
  const parseOptions: LineParseOptions = { now };
  return importRecords(store, path, options, {
    action: 'members.imported',
    parse: (record) => parseMemberLine(record, parseOptions),
    write: (tx, members) => tx.upsertMembers(members),
  });
}

/** Imports content items (upserted by id) from a JSONL file. */
export function importContentJsonl(store: Store, path: string, options: ImportOptions): Promise<ImportReport> {
  return importRecords(store, path, options, {
    action: 'content.imported',
    parse: parseContentLine,
    write: (tx, items) => tx.upsertContent(items),
  });
}
