// A withdrawal over HTTP under `on_withdrawal: flag_models` marks every model trained on a build holding the
// member's data; under `forward_only` (the default presets) it marks nothing. Real HTTP, real SQLite file.

import { afterEach, describe, expect, it } from 'vitest';
import { loadPreset, type Policy } from '../src/policy/index.js';
import { type RunningServer, startTestServer } from '../src/server/testing/server-harness.js';
import type { Store } from '../src/store/store.js';
import { openTempSqliteStore } from '../src/store/testing.js';

const GEN = 'train_ai_system.generative';

async function withEffect(effect: 'flag_models' | 'forward_only'): Promise<Policy> {
  const policy = structuredClone(await loadPreset('platform-2024-09'));
  for (const version of policy.versions) {
    const rules = version.purposes[GEN];
    if (rules) rules.on_withdrawal = effect;
  }
  return policy;
}

/** A published build holding m-alice's data and a model trained on it, straight into the store. */
async function seedTrainedModel(store: Store): Promise<string> {
  const at = '2025-06-01T00:00:00.000Z';
  await store.createBuild({
    id: 'build-w1',
    purpose: GEN,
    asOf: at,
    policyVersion: 'platform-2024-09/v1',
    state: 'published',
    startedAt: at,
    publishedAt: at,
    location: '/nowhere',
    progress: { done: 1, total: 1 },
    manifest: null,
    error: null,
  });
  await store.addBuildMembers([{ buildId: 'build-w1', memberId: 'm-alice', items: 3 }]);
  await store.registerModel({
    id: 'model-w1',
    name: 'writer',
    version: '1',
    buildIds: ['build-w1'],
    registeredAt: at,
    flaggedAt: null,
    flagReason: null,
  });
  return 'model-w1';
}

describe('withdrawal effect over HTTP', () => {
  let server: RunningServer | undefined;
  afterEach(async () => {
    await server?.close();
    await server?.store.close();
    server = undefined;
  });

  for (const effect of ['flag_models', 'forward_only'] as const) {
    it(`${effect}: a withdrawal ${effect === 'flag_models' ? 'flags' : 'does not flag'} the model holding the member's data`, async () => {
      const store = await openTempSqliteStore();
      server = await startTestServer(store, { policy: await withEffect(effect) });
      const modelId = await seedTrainedModel(store);
      const response = await fetch(`${server.url}/v1/members/m-alice/consent/${GEN}`, {
        method: 'PUT',
        headers: {
          authorization: `Bearer ${server.tokens.write_consent}`,
          'content-type': 'application/json',
          'idempotency-key': `w-${effect}`,
        },
        body: JSON.stringify({ status: 'withdrawn' }),
      });
      expect(response.status).toBe(201);
      const model = await store.getModel(modelId);
      if (effect === 'flag_models') {
        expect(model?.flaggedAt).not.toBeNull();
        expect(model?.flagReason).toBeTruthy();
      } else {
        expect(model?.flaggedAt).toBeNull();
      }
    });
  }
});
