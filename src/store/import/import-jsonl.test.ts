// Member and content import against both stores: one transaction, one audit entry, reports per line, strict mode.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAudit } from '../../audit/audit-log.js';
import type { Store } from '../store.js';
import { openTestStores } from '../testing.js';
import { importContentJsonl, importMembersJsonl } from './import-jsonl.js';

const dir = mkdtempSync(join(tmpdir(), 'assent-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function jsonl(name: string, lines: readonly (object | string)[]): string {
  const path = join(dir, name);
  writeFileSync(path, lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n'));
  return path;
}

for (const factory of openTestStores()) {
  describe.skipIf(factory.skipReason !== undefined)(`JSONL import on ${factory.name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await factory.open();
    });
    afterEach(async () => {
      await store.close();
    });

    it('imports valid members, reports the rest, and audits the import once', async () => {
      const path = jsonl('members.jsonl', [
        { member_id: 'm1', country: 'US', names: ['Ada Lovelace'] },
        { member_id: 'm2', country: 'QQ' },
        { member_id: 'm3', country: 'de', birth_year: 2010 },
        '{"member_id": "m4",',
      ]);
      const report = await importMembersJsonl(store, path, { actor: 'cli:test', chunkSize: 1 });
      expect(report).toMatchObject({ lines: 4, imported: 2, rejected: 2, committed: true });
      expect(report.issues).toEqual([
        {
          line: 2,
          field: 'country',
          message: `${path}:2: country: expected an ISO 3166-1 alpha-2 code such as US or US-CA, found "QQ"`,
        },
        { line: 4, message: `${path}:4: expected a JSON object, found text that is not valid JSON` },
      ]);
      expect(await store.countMembers()).toBe(2);
      expect((await store.getMember('m3'))?.country).toBe('DE');
      expect(await store.lastAuditEntry()).toMatchObject({
        action: 'members.imported',
        payload: { count: 2, rejected: 2, fileSha256: report.fileSha256 },
      });
      expect((await verifyAudit(store)).ok).toBe(true);
    });

    it('writes nothing under strict when a line is bad', async () => {
      const path = jsonl('members-strict.jsonl', [
        { member_id: 'm1', country: 'US' },
        { member_id: 'm2', country: 'Narnia' },
      ]);
      const report = await importMembersJsonl(store, path, { actor: 'cli:test', strict: true, chunkSize: 1 });
      expect(report).toMatchObject({ imported: 0, rejected: 1, committed: false });
      expect(await store.countMembers()).toBe(0);
      expect(await store.lastAuditEntry()).toBeUndefined();
    });

    it('imports content and never puts its text in a report', async () => {
      const path = jsonl('content.jsonl', [
        { content_id: 'c1', author_id: 'm1', kind: 'post', visibility: 'public', text: 'hi', created_at: '2025-01-01' },
        {
          content_id: 'c2',
          author_id: 'm1',
          kind: 'dm',
          visibility: 'public',
          text: 'secret 555-0100',
          created_at: '2025-01-01',
        },
      ]);
      const report = await importContentJsonl(store, path, { actor: 'cli:test' });
      expect(report).toMatchObject({ imported: 1, rejected: 1 });
      expect(report.issues[0]?.field).toBe('kind');
      expect(JSON.stringify(report)).not.toContain('555-0100');
      expect((await store.getContent('c1'))?.createdAt).toBe('2025-01-01T00:00:00.000Z');
    });
  });
}
