// The ledger against both stores: idempotent recording, bitemporal state, parent purposes, JSONL import with bad
// lines (strict and not), history and the exported record shape.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAudit } from '../audit/audit-log.js';
import type { ConsentEventInput } from '../domain/index.js';
import { sampleMember } from '../store/store.contract.js';
import type { Store } from '../store/store.js';
import { openTestStores } from '../store/testing.js';
import { type ConsentLedger, createConsentLedger } from './consent-ledger.js';
import { isConsentError } from './errors.js';

const GEN = 'train_ai_system.generative';
const dir = mkdtempSync(join(tmpdir(), 'assent-ledger-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function jsonl(name: string, lines: readonly (object | string)[]): string {
  const path = join(dir, name);
  writeFileSync(path, `${lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n')}\n`);
  return path;
}

for (const factory of openTestStores()) {
  describe.skipIf(factory.skipReason !== undefined)(`consent ledger on ${factory.name}`, () => {
    let store: Store;
    let ledger: ConsentLedger;
    let now = new Date('2025-06-01T00:00:00Z');
    let ids = 0;

    beforeEach(async () => {
      store = await factory.open();
      now = new Date('2025-06-01T00:00:00Z');
      ids = 0;
      ledger = createConsentLedger(store, { clock: () => now, idGenerator: () => `ev-${++ids}` });
      await store.upsertMembers([sampleMember('m1'), sampleMember('m2', { country: 'DE' })]);
    });
    afterEach(async () => {
      await store.close();
    });

    const withdraw = (overrides: Partial<ConsentEventInput> = {}): ConsentEventInput => ({
      memberId: 'm1',
      purpose: GEN,
      status: 'ConsentWithdrawn',
      method: 'toggle',
      ...overrides,
    });

    it('records an event with its audit entry, defaulting valid time and jurisdiction', async () => {
      const { event, created } = await ledger.record(withdraw({ noticeVersion: 'n-2025' }), 'member:m1');
      expect(created).toBe(true);
      expect(event).toMatchObject({
        id: 'ev-1',
        seq: 1,
        validFrom: '2025-06-01T00:00:00.000Z',
        recordedAt: '2025-06-01T00:00:00.000Z',
        jurisdiction: 'US-CA',
        actor: 'member:m1',
        noticeVersion: 'n-2025',
      });
      const audit = await store.lastAuditEntry();
      expect(audit).toMatchObject({ action: 'consent.recorded', subject: 'm1', seq: 1 });
      expect((await verifyAudit(store)).ok).toBe(true);
    });

    it('is idempotent by request id, and refuses the same id for a different choice', async () => {
      const first = await ledger.record(withdraw({ requestId: 'req-1' }), 'api');
      now = new Date('2025-06-02T00:00:00Z');
      const again = await ledger.record(withdraw({ requestId: 'req-1' }), 'api');
      expect(again).toEqual({ event: first.event, created: false });
      const error = await ledger
        .record(withdraw({ requestId: 'req-1', status: 'ConsentGiven' }), 'api')
        .catch((e) => e);
      expect(isConsentError(error, 'ASSENT_ERR_CONSENT_IDEMPOTENCY_CONFLICT')).toBe(true);
      expect(error.kind).toBe('user');
      expect(await ledger.history('m1')).toHaveLength(1);
    });

    it.each([
      ['an unknown member', { memberId: 'ghost' }, 'ASSENT_ERR_CONSENT_UNKNOWN_MEMBER'],
      ['an unknown purpose', { purpose: 'marketing' }, 'ASSENT_ERR_CONSENT_INVALID_INPUT'],
      ['an impossible valid time', { validFrom: '2024-13-01' }, 'ASSENT_ERR_CONSENT_INVALID_INPUT'],
      ['an unknown jurisdiction', { jurisdiction: 'ZZ' }, 'ASSENT_ERR_CONSENT_INVALID_INPUT'],
      ['a superseded event that does not exist', { supersedes: 'nope' }, 'ASSENT_ERR_CONSENT_UNKNOWN_EVENT'],
    ] as const)('refuses %s and writes nothing', async (_label, overrides, code) => {
      const error = await ledger.record(withdraw(overrides), 'api').catch((e) => e);
      expect(isConsentError(error, code)).toBe(true);
      expect(await store.consentHeadSeq()).toBe(0);
      expect(await store.lastAuditEntry()).toBeUndefined();
    });

    it('records a group as record would change by change: repeats, conflicts and refusals inside the group', async () => {
      const changes: { input: ConsentEventInput; actor: string }[] = [
        { input: withdraw({ requestId: 'req-a' }), actor: 'member:m1' },
        { input: withdraw({ memberId: 'm2', status: 'ConsentGiven', method: 'api' }), actor: 'api' },
        { input: withdraw({ requestId: 'req-a' }), actor: 'member:m1' },
        { input: withdraw({ requestId: 'req-a', status: 'ConsentGiven' }), actor: 'member:m1' },
        { input: withdraw({ memberId: 'ghost' }), actor: 'api' },
        { input: withdraw({ purpose: 'marketing' }), actor: 'api' },
        { input: withdraw({ status: 'ConsentGiven', supersedes: 'ev-1', actor: 'support:7' }), actor: 'api' },
        { input: withdraw({ memberId: 'm2', supersedes: 'ev-1' }), actor: 'api' },
        { input: withdraw({ supersedes: 'nope' }), actor: 'api' },
        { input: withdraw({ memberId: 'm2', requestId: 'req-b' }), actor: 'api' },
      ];
      const grouped = await ledger.recordMany(changes);

      const other = await factory.open();
      try {
        await other.upsertMembers([sampleMember('m1'), sampleMember('m2', { country: 'DE' })]);
        let otherIds = 0;
        const oneByOne = createConsentLedger(other, { clock: () => now, idGenerator: () => `ev-${++otherIds}` });
        const expected: unknown[] = [];
        for (const change of changes) {
          expected.push(
            await oneByOne.record(change.input, change.actor).then(
              (result) => ({ ok: true, ...result }),
              (error) => ({ ok: false, code: error.code }),
            ),
          );
        }
        expect(grouped.map((o) => (o.ok ? o : { ok: false, code: (o.error as { code?: string }).code }))).toEqual(
          expected,
        );
        expect(grouped.filter((o) => o.ok && o.created)).toHaveLength(4);
        expect(await ledger.history('m1')).toEqual(await oneByOne.history('m1'));
        expect(await ledger.history('m2')).toEqual(await oneByOne.history('m2'));
        expect(await store.lastAuditEntry()).toEqual(await other.lastAuditEntry());
        expect((await verifyAudit(store)).ok).toBe(true);
      } finally {
        await other.close();
      }
    });

    it('records a group one change at a time when the store refuses the group (a request id taken meanwhile)', async () => {
      const first = await ledger.record(withdraw({ requestId: 'req-x' }), 'api');
      // A group that did not see req-x (as when another writer commits it between the group's read and its append):
      // the unique index refuses the append, and each change is then recorded alone.
      const blind: Store = Object.assign(Object.create(store) as Store, {
        transaction: <T>(work: (tx: Store) => Promise<T>) =>
          store.transaction((tx) =>
            work(Object.assign(Object.create(tx) as Store, { consentEventsByRequestIds: async () => new Map() })),
          ),
      });
      const outcomes = await createConsentLedger(blind, {
        clock: () => now,
        idGenerator: () => `ev-${++ids}`,
      }).recordMany([
        { input: withdraw({ requestId: 'req-x' }), actor: 'api' },
        { input: withdraw({ memberId: 'm2', requestId: 'req-y' }), actor: 'api' },
        { input: withdraw({ memberId: 'ghost' }), actor: 'api' },
      ]);
      expect(outcomes[0]).toEqual({ ok: true, event: first.event, created: false });
      expect(outcomes[1]).toMatchObject({ ok: true, created: true, event: { memberId: 'm2', requestId: 'req-y' } });
      expect(outcomes[2]?.ok === false && isConsentError(outcomes[2].error, 'ASSENT_ERR_CONSENT_UNKNOWN_MEMBER')).toBe(
        true,
      );
      expect(await store.consentHeadSeq()).toBe(2);
      expect((await verifyAudit(store)).ok).toBe(true);
    });

    it('answers as of a valid time and a system time: opt-out, opt-in, and events not yet known', async () => {
      const query = { defaultStatus: 'ConsentGiven' as const };
      now = new Date('2025-02-01T00:00:00Z');
      await ledger.record(withdraw(), 'm1');
      now = new Date('2025-03-01T00:00:00Z');
      await ledger.record(withdraw({ status: 'ConsentGiven' }), 'm1');
      now = new Date('2025-12-01T00:00:00Z');
      expect((await ledger.stateAsOf('m1', GEN, { ...query, asOf: '2025-01-15T00:00:00Z' })).source).toBe('default');
      expect((await ledger.stateAsOf('m1', GEN, { ...query, asOf: '2025-02-15T00:00:00Z' })).status).toBe(
        'ConsentWithdrawn',
      );
      expect((await ledger.stateAsOf('m1', GEN, { ...query, asOf: '2025-04-01T00:00:00Z' })).status).toBe(
        'ConsentGiven',
      );
      const before = await ledger.stateAsOf('m1', GEN, {
        ...query,
        asOf: '2025-04-01T00:00:00Z',
        knownAt: '2025-02-15T00:00:00Z',
      });
      expect(before).toMatchObject({ status: 'ConsentWithdrawn', knownAt: '2025-02-15T00:00:00.000Z' });
    });

    it('applies a backdated correction only as known after it was recorded, and honours supersession', async () => {
      const query = { defaultStatus: 'ConsentRefused' as const, asOf: '2025-04-01T00:00:00Z' };
      now = new Date('2025-01-01T00:00:00Z');
      const given = await ledger.record(withdraw({ status: 'ConsentGiven' }), 'm1');
      now = new Date('2025-06-01T00:00:00Z');
      await ledger.record(withdraw({ validFrom: '2025-03-01T00:00:00Z' }), 'admin');
      expect((await ledger.stateAsOf('m1', GEN, { ...query, knownAt: '2025-05-01T00:00:00Z' })).status).toBe(
        'ConsentGiven',
      );
      expect((await ledger.stateAsOf('m1', GEN, query)).status).toBe('ConsentWithdrawn');
      now = new Date('2025-07-01T00:00:00Z');
      // The member never gave consent: an admin correction supersedes the first event.
      await ledger.record(
        withdraw({
          status: 'ConsentRefused',
          validFrom: '2024-12-01T00:00:00Z',
          supersedes: given.event.id,
          method: 'admin',
        }),
        'admin',
      );
      const corrected = await ledger.stateAsOf('m1', GEN, { ...query, asOf: '2025-02-01T00:00:00Z' });
      expect(corrected.status).toBe('ConsentRefused');
      const asKnownBefore = await ledger.stateAsOf('m1', GEN, {
        ...query,
        asOf: '2025-02-01T00:00:00Z',
        knownAt: '2025-06-15T00:00:00Z',
      });
      expect(asKnownBefore.event?.id).toBe(given.event.id);
    });

    it('lets a choice about the parent purpose govern its children', async () => {
      await ledger.record(withdraw({ purpose: 'train_ai_system' }), 'm1');
      const state = await ledger.stateAsOf('m1', GEN, { asOf: '2025-07-01T00:00:00Z', defaultStatus: 'ConsentGiven' });
      expect(state).toMatchObject({ status: 'ConsentWithdrawn', source: 'explicit' });
      expect(
        (await ledger.stateAsOf('m2', GEN, { asOf: '2025-07-01T00:00:00Z', defaultStatus: 'ConsentGiven' })).source,
      ).toBe('default');
    });

    it('imports valid lines in one transaction and reports bad ones by file, line and field', async () => {
      const path = jsonl('consent.jsonl', [
        { member_id: 'm1', purpose: GEN, status: 'withdrawn', valid_from: '2025-01-01', request_id: 'r1' },
        {
          member_id: 'm2',
          purpose: GEN,
          status: 'ConsentGiven',
          recorded_at: '2024-01-01T00:00:00Z',
          notice_version: 'n1',
        },
        { member_id: 'm1', purpose: GEN, status: 'given', valid_from: '2024-13-01' },
        'not json',
        { member_id: 'ghost', purpose: GEN, status: 'given' },
        '',
        { member_id: 'm2', purpose: 'ads', status: 'maybe' },
        { member_id: 'm1', purpose: GEN, status: 'withdrawn', valid_from: '2025-01-01', request_id: 'r1' },
        { member_id: 'm1', purpose: GEN, status: 'given', supersedes: 'no-such-event' },
      ]);
      const report = await ledger.importJsonl(path, { actor: 'import' });
      expect(report).toMatchObject({ lines: 8, imported: 2, rejected: 5, duplicates: 1, committed: true });
      expect(report.issues.map((i) => [i.line, i.field])).toEqual([
        [3, 'valid_from'],
        [4, undefined],
        [5, 'member_id'],
        [7, 'purpose'],
        [7, 'status'],
        [9, 'supersedes'],
      ]);
      expect(report.issues[0]?.message).toBe(
        `${path}:3: valid_from: expected an ISO 8601 timestamp such as 2025-11-03T00:00:00Z, found "2024-13-01"`,
      );
      const events = await store.consentEventsForMembers(['m1', 'm2']);
      expect(events.map((e) => [e.memberId, e.status, e.method])).toEqual([
        ['m1', 'ConsentWithdrawn', 'import'],
        ['m2', 'ConsentGiven', 'import'],
      ]);
      expect(events[1]).toMatchObject({
        recordedAt: '2024-01-01T00:00:00.000Z',
        validFrom: '2024-01-01T00:00:00.000Z',
        jurisdiction: 'DE',
      });
      const audit = await store.lastAuditEntry();
      expect(audit?.action).toBe('consent.imported');
      expect(audit?.payload).toMatchObject({
        count: 2,
        fileSha256: report.fileSha256,
        consent: { firstSeq: 1, lastSeq: 2 },
      });
      expect((await verifyAudit(store)).ok).toBe(true);
    });

    it('writes nothing under strict when any line is bad', async () => {
      const path = jsonl('strict.jsonl', [
        { member_id: 'm1', purpose: GEN, status: 'withdrawn' },
        { member_id: 'm2', purpose: GEN, status: 'given', recorded_at: '2999-01-01T00:00:00Z' },
      ]);
      const report = await ledger.importJsonl(path, { actor: 'import', strict: true, chunkSize: 1 });
      expect(report).toMatchObject({ imported: 0, rejected: 1, committed: false });
      expect(report.issues[0]?.field).toBe('recorded_at');
      expect(await store.consentHeadSeq()).toBe(0);
      expect(await store.lastAuditEntry()).toBeUndefined();
    });

    it('fails with a user error when the file cannot be read', async () => {
      const error = await ledger.importJsonl(join(dir, 'missing.jsonl'), { actor: 'x' }).catch((e) => e);
      expect(isConsentError(error, 'ASSENT_ERR_IMPORT_UNREADABLE')).toBe(true);
      expect(error.message).toMatch(/missing\.jsonl: cannot read the file \(ENOENT\)/);
    });

    it('exports ISO/IEC TS 27560-style records in ledger order', async () => {
      await ledger.record(withdraw({ noticeVersion: 'n1', requestId: 'q' }), 'member:m1');
      await ledger.record(withdraw({ memberId: 'm2', status: 'ConsentGiven', method: 'api' }), 'api');
      const records: Record<string, unknown>[] = [];
      for await (const record of ledger.exportRecords()) records.push(record as unknown as Record<string, unknown>);
      expect(records).toHaveLength(2);
      expect(records[0]).toEqual({
        schema_version: expect.stringContaining('27560'),
        record_id: 'ev-1',
        ledger_seq: 1,
        data_subject: { id: 'm1' },
        purposes: [
          { purpose_id: GEN, fideslang_data_use: GEN, name: 'Train generative AI', description: expect.any(String) },
        ],
        processing: expect.any(Array),
        status: { value: 'ConsentWithdrawn', dpv: 'dpv:ConsentWithdrawn', valid_from: '2025-06-01T00:00:00.000Z' },
        interaction: { method: 'toggle', notice: { version: 'n1' } },
        jurisdiction: 'US-CA',
        event: { recorded_at: '2025-06-01T00:00:00.000Z', actor: 'member:m1', request_id: 'q', supersedes: null },
      });
      const onlyM2: unknown[] = [];
      for await (const record of ledger.exportRecords({ memberId: 'm2' })) onlyM2.push(record);
      expect(onlyM2).toHaveLength(1);
    });
  });
}
