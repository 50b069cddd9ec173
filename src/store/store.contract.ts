// The contract every Store adapter must meet, run by each adapter's test file against a real database.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConsentEvent, ContentItem, Member } from '../domain/index.js';
import type { BuildRecord, Store } from './store.js';

export function sampleMember(id: string, overrides: Partial<Member> = {}): Member {
  return {
    id,
    country: 'US-CA',
    birthDate: '1990-04-01',
    birthYear: null,
    ageSignals: { selfDeclaredMinor: false },
    language: 'en',
    accountState: 'active',
    names: ['Ada Example'],
    createdAt: '2020-01-01T00:00:00.000Z',
    ...overrides,
  };
}

export function sampleContent(id: string, authorId: string, overrides: Partial<ContentItem> = {}): ContentItem {
  return {
    id,
    authorId,
    kind: 'post',
    visibility: 'public',
    text: `text of ${id}`,
    createdAt: '2024-01-01T00:00:00.000Z',
    language: 'en',
    deleted: false,
    signals: {},
    ...overrides,
  };
}

export function sampleEvent(
  id: string,
  memberId: string,
  overrides: Partial<ConsentEvent> = {},
): Omit<ConsentEvent, 'seq'> {
  return {
    id,
    memberId,
    purpose: 'train_ai_system.generative',
    status: 'ConsentGiven',
    method: 'toggle',
    noticeVersion: 'n1',
    jurisdiction: 'US',
    validFrom: '2024-01-01T00:00:00.000Z',
    recordedAt: '2024-01-01T00:00:00.000Z',
    actor: 'test',
    requestId: null,
    supersedes: null,
    ...overrides,
  };
}

function sampleBuild(id: string, overrides: Partial<BuildRecord> = {}): BuildRecord {
  return {
    id,
    purpose: 'train_ai_system.generative',
    asOf: '2025-01-01T00:00:00.000Z',
    policyVersion: 'v1',
    state: 'running',
    startedAt: '2025-01-02T00:00:00.000Z',
    publishedAt: null,
    location: `/tmp/${id}`,
    progress: { done: 0, total: null },
    manifest: null,
    error: null,
    ...overrides,
  };
}

async function collect<T>(source: AsyncIterable<readonly T[]>): Promise<T[][]> {
  const out: T[][] = [];
  for await (const batch of source) out.push([...batch]);
  return out;
}

/** Runs the contract against stores made by `factory`; each test gets a fresh, empty store. */
export function describeStoreContract(name: string, factory: () => Promise<Store>, skipReason?: string): void {
  describe.skipIf(skipReason !== undefined)(
    `Store contract: ${name}${skipReason ? ` (skipped: ${skipReason})` : ''}`,
    () => {
      let store: Store;
      beforeEach(async () => {
        store = await factory();
      });
      afterEach(async () => {
        await store.close();
      });

      it('describes itself by capabilities and a printable location', () => {
        expect(store.capabilities.maxBatchRows).toBeGreaterThan(0);
        expect(typeof store.capabilities.concurrentWriters).toBe('boolean');
        expect(store.location).not.toMatch(/:[^:@/]+@/);
      });

      it('upserts members, reads them back one, many, and in id-ordered batches', async () => {
        await store.upsertMembers([sampleMember('m3'), sampleMember('m1'), sampleMember('m2', { country: null })]);
        await store.upsertMembers([sampleMember('m1', { accountState: 'deleted', names: ['B'], ageSignals: {} })]);
        expect(await store.getMember('m1')).toEqual(
          sampleMember('m1', { accountState: 'deleted', names: ['B'], ageSignals: {} }),
        );
        expect(await store.getMember('m2')).toEqual(sampleMember('m2', { country: null }));
        expect(await store.getMember('nope')).toBeUndefined();
        const many = await store.getMembers(['m3', 'm2', 'nope', 'm3']);
        expect([...many.keys()].sort()).toEqual(['m2', 'm3']);
        const countries = await store.memberCountries(['m2', 'm3', 'nope']);
        expect([...countries.entries()].sort()).toEqual([
          ['m2', null],
          ['m3', 'US-CA'],
        ]);
        expect(await store.countMembers()).toBe(3);
        const batches = await collect(store.scanMembers({ batchSize: 2 }));
        expect(batches.map((b) => b.map((m) => m.id))).toEqual([['m1', 'm2'], ['m3']]);
      });

      it('upserts content and finds it by id, by author, and in batches', async () => {
        await store.upsertContent([
          sampleContent('c2', 'm1'),
          sampleContent('c1', 'm1', { signals: { aipref: 'train-ai=n' } }),
          sampleContent('c3', 'm2', { deleted: true, language: null }),
        ]);
        await store.upsertContent([sampleContent('c2', 'm1', { text: 'edited', visibility: 'private' })]);
        expect(await store.getContent('c2')).toEqual(
          sampleContent('c2', 'm1', { text: 'edited', visibility: 'private' }),
        );
        expect(await store.getContent('c3')).toEqual(sampleContent('c3', 'm2', { deleted: true, language: null }));
        expect((await store.contentByAuthor('m1')).map((c) => c.id)).toEqual(['c1', 'c2']);
        expect((await store.getContent('c1'))?.signals).toEqual({ aipref: 'train-ai=n' });
        expect(await store.countContent()).toBe(3);
        expect((await collect(store.scanContent({ batchSize: 2 }))).map((b) => b.length)).toEqual([2, 1]);
      });

      it('appends consent events with strictly increasing seq and finds them by id, request id and member', async () => {
        expect(await store.consentHeadSeq()).toBe(0);
        const first = await store.appendConsentEvents([
          sampleEvent('e1', 'm1'),
          sampleEvent('e2', 'm2', { requestId: 'r-2', purpose: 'train_ai_system' }),
        ]);
        const second = await store.appendConsentEvents([sampleEvent('e3', 'm1', { status: 'ConsentWithdrawn' })]);
        expect([...first, ...second].map((e) => e.seq)).toEqual([1, 2, 3]);
        expect(await store.consentHeadSeq()).toBe(3);
        expect(await store.consentEventByRequestId('r-2')).toEqual({
          ...sampleEvent('e2', 'm2', { requestId: 'r-2', purpose: 'train_ai_system' }),
          seq: 2,
        });
        expect(await store.consentEventByRequestId('missing')).toBeUndefined();
        expect((await store.consentEventById('e3'))?.status).toBe('ConsentWithdrawn');
        expect((await store.consentEventsFor('m1')).map((e) => e.id)).toEqual(['e1', 'e3']);
        expect(await store.consentEventsFor('m2', ['train_ai_system.generative'])).toEqual([]);
        expect((await store.consentEventsForMembers(['m2', 'm1'])).map((e) => e.seq)).toEqual([1, 2, 3]);
        expect(await store.consentEventsForMembers([])).toEqual([]);
        const scanned = await collect(store.scanConsentEvents({ batchSize: 2 }));
        expect(scanned.map((b) => b.map((e) => e.seq))).toEqual([[1, 2], [3]]);
        const window = await collect(store.scanConsentEvents({ afterSeq: 1, upToSeq: 2 }));
        expect(window.flat().map((e) => e.id)).toEqual(['e2']);
      });

      it('rejects a second event with the same request id or the same id', async () => {
        await store.appendConsentEvents([sampleEvent('e1', 'm1', { requestId: 'r' })]);
        await expect(store.appendConsentEvents([sampleEvent('e2', 'm1', { requestId: 'r' })])).rejects.toThrow();
        await expect(store.appendConsentEvents([sampleEvent('e1', 'm1')])).rejects.toThrow();
        expect(await store.consentHeadSeq()).toBe(1);
      });

      it('imports many events in batches within the driver limits', async () => {
        const count = store.capabilities.maxBatchRows * 2 + 7;
        const events = Array.from({ length: count }, (_, i) => sampleEvent(`e${i}`, `m${i % 50}`));
        const stored = await store.appendConsentEvents(events);
        expect(stored.at(-1)?.seq).toBe(count);
        expect(await store.consentHeadSeq()).toBe(count);
        const members = await store.consentEventsForMembers(Array.from({ length: 50 }, (_, i) => `m${i}`));
        expect(members).toHaveLength(count);
      });

      it('commits a transaction as a whole and rolls everything back on error', async () => {
        await store.transaction(async (tx) => {
          await tx.upsertMembers([sampleMember('m1')]);
          expect(await tx.getMember('m1')).toBeDefined();
          await tx.appendConsentEvents([sampleEvent('e1', 'm1')]);
        });
        await expect(
          store.transaction(async (tx) => {
            await tx.upsertMembers([sampleMember('m2')]);
            await tx.appendConsentEvents([sampleEvent('e2', 'm2')]);
            throw new Error('boom');
          }),
        ).rejects.toThrow('boom');
        expect(await store.getMember('m2')).toBeUndefined();
        expect(await store.consentHeadSeq()).toBe(1);
        expect(await store.getMember('m1')).toBeDefined();
      });

      it('rolls back only the inner part of a nested transaction that failed and was caught', async () => {
        await store.transaction(async (tx) => {
          await tx.upsertMembers([sampleMember('outer')]);
          await tx
            .transaction(async (inner) => {
              await inner.upsertMembers([sampleMember('inner')]);
              throw new Error('inner');
            })
            .catch(() => undefined);
        });
        expect(await store.getMember('outer')).toBeDefined();
        expect(await store.getMember('inner')).toBeUndefined();
      });

      it('appends and reads the audit log in seq order', async () => {
        expect(await store.lastAuditEntry()).toBeUndefined();
        const entry = (seq: number) => ({
          seq,
          at: '2025-01-01T00:00:00.000Z',
          actor: 'test',
          action: 'test.done',
          subject: seq === 1 ? null : 'm1',
          payload: { n: seq, nested: { b: [1, 'x'], a: null } },
          prevHash: String(seq - 1).padStart(64, '0'),
          hash: String(seq).padStart(64, '0'),
        });
        await store.appendAuditEntries([entry(1)]);
        await store.appendAuditEntries([entry(2), entry(3)]);
        await expect(store.appendAuditEntries([entry(4), entry(3)])).rejects.toThrow();
        expect(await store.lastAuditEntry()).toEqual(entry(3));
        const batches = await collect(store.scanAudit({ batchSize: 1 }));
        expect(batches.flat()).toEqual([entry(1), entry(2), entry(3)]);
      });

      it('saves policies and keeps exactly one active', async () => {
        const policy = (id: string, active = false) => ({
          id,
          name: `policy ${id}`,
          sha256: id.repeat(4),
          document: JSON.stringify({ id }),
          loadedAt: `2025-01-0${id.length}T00:00:00.000Z`,
          active,
        });
        expect(await store.activePolicy()).toBeUndefined();
        await store.savePolicy(policy('p', true));
        await store.savePolicy(policy('pp'));
        expect((await store.activePolicy())?.id).toBe('p');
        await store.activatePolicy('pp');
        expect((await store.activePolicy())?.id).toBe('pp');
        expect((await store.listPolicies()).map((p) => [p.id, p.active])).toEqual([
          ['p', false],
          ['pp', true],
        ]);
        await expect(store.activatePolicy('missing')).rejects.toThrow();
        expect((await store.activePolicy())?.id).toBe('pp');
      });

      it('creates, updates and lists builds, with lineage rows per member', async () => {
        await store.createBuild(sampleBuild('b1'));
        await store.createBuild(sampleBuild('b2', { startedAt: '2025-01-03T00:00:00.000Z' }));
        await store.updateBuild('b1', { progress: { done: 5, total: 10 } });
        await store.updateBuild('b1', {
          state: 'published',
          publishedAt: '2025-01-02T01:00:00.000Z',
          manifest: { counts: { allowed: 2 } },
        });
        expect(await store.getBuild('b1')).toEqual(
          sampleBuild('b1', {
            state: 'published',
            publishedAt: '2025-01-02T01:00:00.000Z',
            manifest: { counts: { allowed: 2 } },
            progress: { done: 5, total: 10 },
          }),
        );
        await expect(store.updateBuild('missing', { state: 'failed' })).rejects.toThrow();
        expect((await store.listBuilds()).map((b) => b.id)).toEqual(['b1', 'b2']);

        await store.addBuildMembers([
          { buildId: 'b1', memberId: 'm2', items: 3 },
          { buildId: 'b1', memberId: 'm1', items: 1 },
          { buildId: 'b2', memberId: 'm1', items: 4 },
        ]);
        expect(await store.buildsForMember('m1')).toEqual([
          { buildId: 'b1', memberId: 'm1', items: 1 },
          { buildId: 'b2', memberId: 'm1', items: 4 },
        ]);
        expect(await store.countBuildMembers('b1')).toBe(2);
        const scanned = await collect(store.scanBuildMembers('b1', { batchSize: 1 }));
        expect(scanned.map((b) => b.map((r) => r.memberId))).toEqual([['m1'], ['m2']]);
        await store.deleteBuildMembers('b2');
        expect(await store.countBuildMembers('b2')).toBe(0);
        expect(await store.buildsForMember('m1')).toHaveLength(1);
      });

      it('adds lineage rows in batches of any size, the same size again with other rows, and updates items', async () => {
        const rows = (build: string, count: number, items: number) =>
          Array.from({ length: count }, (_, i) => ({ buildId: build, memberId: `m${i}`, items: items + (i % 3) }));
        const count = store.capabilities.maxBatchRows * 2 + 7;
        // A statement made for one batch size is reused: same sizes, other rows and values.
        await store.addBuildMembers(rows('lx', count, 1));
        await store.addBuildMembers(rows('ly', count, 5));
        await store.addBuildMembers([{ buildId: 'lx', memberId: 'm1', items: 9 }]);
        await store.addBuildMembers([{ buildId: 'lx', memberId: 'm2', items: 8 }]);
        expect(await store.countBuildMembers('lx')).toBe(count);
        expect(await store.countBuildMembers('ly')).toBe(count);
        const lx = (await collect(store.scanBuildMembers('lx'))).flat();
        const ly = (await collect(store.scanBuildMembers('ly'))).flat();
        const expected = (build: string, items: number, changed: Record<string, number>) =>
          rows(build, count, items)
            .map((r) => ({ ...r, items: changed[r.memberId] ?? r.items }))
            .sort((a, b) => (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0));
        expect(lx).toEqual(expected('lx', 1, { m1: 9, m2: 8 }));
        expect(ly).toEqual(expected('ly', 5, {}));
        await store.deleteBuildMembers('lx');
        await store.deleteBuildMembers('ly');
      });

      it('registers models with their builds in order and flags them', async () => {
        await store.registerModel({
          id: 'model-1',
          name: 'gen',
          version: '1',
          buildIds: ['b2', 'b1'],
          registeredAt: '2025-02-01T00:00:00.000Z',
          flaggedAt: null,
          flagReason: null,
        });
        expect((await store.getModel('model-1'))?.buildIds).toEqual(['b2', 'b1']);
        await expect(
          store.registerModel({
            id: 'model-1',
            name: 'dup',
            version: '1',
            buildIds: [],
            registeredAt: '2025-02-01T00:00:00.000Z',
            flaggedAt: null,
            flagReason: null,
          }),
        ).rejects.toThrow();
        await store.flagModel('model-1', '2025-03-01T00:00:00.000Z', 'holds withdrawn data');
        const [model] = await store.listModels();
        expect(model).toMatchObject({
          id: 'model-1',
          flaggedAt: '2025-03-01T00:00:00.000Z',
          flagReason: 'holds withdrawn data',
        });
        expect(await store.getModel('missing')).toBeUndefined();
        await expect(store.flagModel('missing', '2025-03-01T00:00:00.000Z', 'x')).rejects.toThrow();
      });

      it('changes its change token with every committed write, inside and outside transactions', async () => {
        const tokens = [await store.changeToken()];
        await store.upsertMembers([sampleMember('m1')]);
        tokens.push(await store.changeToken());
        await store.appendConsentEvents([sampleEvent('e1', 'm1')]);
        tokens.push(await store.changeToken());
        await store.transaction(async (tx) => {
          await tx.upsertMembers([sampleMember('m1', { country: 'DE' })]);
        });
        tokens.push(await store.changeToken());
        await store.createToken({
          id: 't1',
          name: 'ci',
          secretHash: 'c'.repeat(64),
          scopes: ['read'],
          createdAt: '2025-01-01T00:00:00.000Z',
          revokedAt: null,
        });
        tokens.push(await store.changeToken());
        await store.revokeToken('t1', '2025-01-02T00:00:00.000Z');
        tokens.push(await store.changeToken());
        for (let i = 1; i < tokens.length; i++) expect(tokens[i], `after write ${i}`).not.toBe(tokens[i - 1]);
      });

      it('commits with a deferred flush: visible once committed, durable later, all or nothing', async () => {
        const { result, durable } = await store.transactionWithDeferredFlush(async (tx) => {
          await tx.upsertMembers([sampleMember('m1')]);
          await tx.appendConsentEvents([sampleEvent('e1', 'm1')]);
          return 'done';
        });
        expect(result).toBe('done');
        await durable;
        expect((await store.consentEventsFor('m1')).map((e) => e.id)).toEqual(['e1']);
        await expect(
          store.transactionWithDeferredFlush(async (tx) => {
            await tx.appendConsentEvents([sampleEvent('e2', 'm1')]);
            throw new Error('refused');
          }),
        ).rejects.toThrow('refused');
        expect((await store.consentEventsFor('m1')).map((e) => e.id)).toEqual(['e1']);
        // Ordinary transactions, and nesting, work as before afterwards.
        await store.transaction(async (tx) => {
          const inner = await tx.transactionWithDeferredFlush(async (nested) => {
            await nested.appendConsentEvents([sampleEvent('e3', 'm1')]);
            return 3;
          });
          expect(inner.result).toBe(3);
          await inner.durable;
        });
        expect(await store.consentHeadSeq()).toBe(2);
      });

      it('stores tokens by secret hash and revokes them', async () => {
        const token = {
          id: 't1',
          name: 'ci',
          secretHash: 'a'.repeat(64),
          scopes: ['read', 'build'] as const,
          createdAt: '2025-01-01T00:00:00.000Z',
          revokedAt: null,
        };
        await store.createToken(token);
        expect(await store.tokenBySecretHash('a'.repeat(64))).toEqual(token);
        expect(await store.tokenBySecretHash('b'.repeat(64))).toBeUndefined();
        await store.revokeToken('t1', '2025-01-02T00:00:00.000Z');
        expect((await store.listTokens())[0]?.revokedAt).toBe('2025-01-02T00:00:00.000Z');
        await expect(store.revokeToken('missing', '2025-01-02T00:00:00.000Z')).rejects.toThrow();
      });
    },
  );
}
