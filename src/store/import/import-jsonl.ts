// Imports members and content from JSONL: every valid line in one transaction with one audit entry; invalid lines
// reported as FILE:LINE sentences; with `strict`, nothing is written unless every line is valid.

import { appendAudit } from '../../audit/audit-log.js';
import type { Store } from '../store.js';
import type { ImportReport } from './jsonl-reader.js';
import { type LineParseOptions, type ParseResult, parseContentLine, parseMemberLine } from './line-parsers.js';
import { runJsonlImport } from './run-import.js';

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

function importRecords<T>(
  store: Store,
  path: string,
  options: ImportOptions,
  what: {
    action: string;
    parse: (record: Readonly<Record<string, unknown>>) => ParseResult<T>;
    write: (tx: Store, values: T[]) => Promise<void>;
  },
): Promise<ImportReport> {
  const now = (options.clock ?? (() => new Date()))().toISOString();
  return runJsonlImport(store, path, {
    strict: options.strict ?? false,
    chunkSize: options.chunkSize ?? 2000,
    parse: what.parse,
    async write({ tx, refusing }, chunk) {
      if (refusing()) return 0;
      await what.write(
        tx,
        chunk.map((c) => c.value),
      );
      return chunk.length;
    },
    audit: (tx, { imported, rejected, fileSha256 }) =>
      appendAudit(tx, {
        at: now,
        actor: options.actor,
        action: what.action,
        subject: null,
        payload: { count: imported, rejected, fileSha256 },
      }).then(() => undefined),
  });
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
