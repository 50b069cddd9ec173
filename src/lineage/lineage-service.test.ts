import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConsentEvent } from '../domain/index.js';
import { loadPreset, type Policy } from '../policy/index.js';
import type { BuildRecord, Store } from '../store/store.js';
import { openTestStores } from '../store/testing.js';
import { memberLineage, modelLineage, onConsentRecorded, recheckModels, registerModel } from './lineage-service.js';

const PURPOSE = 'train_ai_system.generative';

function build(id: string, state: BuildRecord['state'], startedAt: string): BuildRecord {
  return {
    id,
    purpose: PURPOSE,
    asOf: startedAt,
    policyVersion: 'v1',
    state,
    startedAt,
    publishedAt: state === 'published' ? startedAt : null,
    location: `/tmp/${id}`,
    progress: { done: 0, total: null },
    manifest: null,
    error: null,
  };
}

let n = 0;
function event(memberId: string, status: ConsentEvent['status'], at: string): Omit<ConsentEvent, 'seq'> {
  n++;
  return {
    id: `lineage-ev-${n}`,
    memberId,
    purpose: PURPOSE,
    status,
    method: 'toggle',
    noticeVersion: null,
    jurisdiction: 'US',
    validFrom: at,
    recordedAt: at,
    actor: 'test',
    requestId: null,
    supersedes: null,
  };
}

function withEffect(policy: Policy, effect: 'forward_only' | 'flag_models'): Policy {
  return {
    ...policy,
    versions: policy.versions.map((v) => ({
      ...v,
      purposes: Object.fromEntries(
        Object.entries(v.purposes).map(([k, r]) => [k, r ? { ...r, on_withdrawal: effect } : r]),
      ),
    })),
  };
}

for (const factory of openTestStores()) {
  describe.skipIf(factory.skipReason !== undefined)(`lineage on ${factory.name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await factory.open();
      await store.createBuild(build('b1', 'published', '2025-01-01T00:00:00.000Z'));
      await store.createBuild(build('b2', 'published', '2025-03-01T00:00:00.000Z'));
      await store.createBuild(build('b3', 'failed', '2025-04-01T00:00:00.000Z'));
      await store.addBuildMembers([
        { buildId: 'b1', memberId: 'alice', items: 3 },
        { buildId: 'b1', memberId: 'bob', items: 1 },
        { buildId: 'b2', memberId: 'alice', items: 2 },
      ]);
    });
    afterEach(async () => store.close());

    it('lists every build and model holding a member, with item counts, and consent now', async () => {
      const model = await registerModel(store, { name: 'writer', version: '1', buildIds: ['b1'] }, 'test');
      const alice = await memberLineage(store, 'alice', { now: '2025-06-01T00:00:00.000Z' });
      expect(alice.builds.map((b) => [b.buildId, b.items])).toEqual([
        ['b1', 3],
        ['b2', 2],
      ]);
      expect(alice.models).toEqual([expect.objectContaining({ modelId: model.id, buildIds: ['b1'], items: 3 })]);
      expect(alice.consentNow.find((c) => c.purpose === PURPOSE)).toMatchObject({ source: 'default' });
      const nobody = await memberLineage(store, 'carol');
      expect(nobody).toMatchObject({ known: false, builds: [], models: [] });
    });

    it('counts members who withdrew after training, not before, and not those who came back', async () => {
      const model = await registerModel(store, { name: 'writer', version: '1', buildIds: ['b1', 'b2'] }, 'test');
      await store.appendConsentEvents([
        event('bob', 'ConsentWithdrawn', '2024-12-01T00:00:00.000Z'), // before b1: not "after training"
        event('alice', 'ConsentWithdrawn', '2025-02-01T00:00:00.000Z'), // after b1, before b2
      ]);
      let view = await modelLineage(store, model.id, { now: '2025-06-01T00:00:00.000Z' });
      expect(view.builds.map((b) => [b.buildId, b.members, b.withdrawnAfterTraining])).toEqual([
        ['b1', 2, 1],
        ['b2', 1, 0],
      ]);
      await store.appendConsentEvents([event('alice', 'ConsentGiven', '2025-05-01T00:00:00.000Z')]);
      view = await modelLineage(store, model.id, { now: '2025-06-01T00:00:00.000Z' });
      expect(view.withdrawnAfterTraining).toBe(0);
    });

    it.each([
      [{ name: '', version: '1', buildIds: ['b1'] }, 'ASSENT_LINEAGE_BAD_MODEL'],
      [{ name: 'm', version: '1', buildIds: [] }, 'ASSENT_LINEAGE_BAD_MODEL'],
      [{ name: 'm', version: '1', buildIds: ['nope'] }, 'ASSENT_LINEAGE_BUILD_NOT_FOUND'],
      [{ name: 'm', version: '1', buildIds: ['b3'] }, 'ASSENT_LINEAGE_BUILD_NOT_PUBLISHED'],
    ])('refuses to register %j', async (input, code) => {
      await expect(registerModel(store, input, 'test')).rejects.toMatchObject({ code, kind: 'user' });
      expect(await store.listModels()).toEqual([]);
    });

    it('flags models only under flag_models, only for withdrawals, only models holding the member', async () => {
      const preset = await loadPreset('platform-2024-09');
      const holding = await registerModel(store, { name: 'a', version: '1', buildIds: ['b1'] }, 'test');
      const other = await registerModel(store, { name: 'b', version: '1', buildIds: ['b2'] }, 'test');
      const [withdrawal] = await store.appendConsentEvents([
        event('bob', 'ConsentWithdrawn', '2025-05-01T00:00:00.000Z'),
      ]);
      const [given] = await store.appendConsentEvents([event('bob', 'ConsentGiven', '2025-05-02T00:00:00.000Z')]);
      expect(await onConsentRecorded(store, withdrawal as ConsentEvent, withEffect(preset, 'forward_only'))).toEqual(
        [],
      );
      expect(await onConsentRecorded(store, given as ConsentEvent, withEffect(preset, 'flag_models'))).toEqual([]);
      expect(await onConsentRecorded(store, withdrawal as ConsentEvent, withEffect(preset, 'flag_models'))).toEqual([
        holding.id,
      ]);
      expect((await store.getModel(other.id))?.flaggedAt).toBeNull();
      // Already flagged: not flagged twice.
      expect(await onConsentRecorded(store, withdrawal as ConsentEvent, withEffect(preset, 'flag_models'))).toEqual([]);
    });

    it('recheckModels flags models whose members withdrew after training once the policy asks for it', async () => {
      const preset = await loadPreset('platform-2024-09');
      const model = await registerModel(store, { name: 'a', version: '1', buildIds: ['b2'] }, 'test');
      await store.appendConsentEvents([event('alice', 'ConsentWithdrawn', '2025-05-01T00:00:00.000Z')]);
      const now = '2025-06-01T00:00:00.000Z';
      expect(await recheckModels(store, withEffect(preset, 'forward_only'), { now })).toEqual([]);
      expect(await recheckModels(store, withEffect(preset, 'flag_models'), { now })).toEqual([model.id]);
      expect(await recheckModels(store, withEffect(preset, 'flag_models'), { now })).toEqual([]);
    });
  });
}
