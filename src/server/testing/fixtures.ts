// Test fixtures for server suites: a handful of members across regions and ages, a seeded store, and a build
// runner stand-in that records lineage and progresses over a few ticks, as a real background build would.

import { randomUUID } from 'node:crypto';
import type { Member } from '../../domain/index.js';
import type { Store } from '../../store/store.js';
import type { BuildPort } from '../ports.js';

function member(
  id: string,
  country: string | null,
  birthDate: string | null,
  language: string,
  extra: Partial<Member> = {},
): Member {
  return {
    id,
    country,
    birthDate,
    birthYear: null,
    ageSignals: {},
    language,
    accountState: 'active',
    names: [`Person ${id}`],
    createdAt: '2020-01-01T00:00:00.000Z',
    ...extra,
  };
}

/** Members covering the interesting cases: allowed (US, BR), region rules (DE, FR), minor, unknown country. */
export const FIXTURE_MEMBERS: readonly Member[] = Object.freeze([
  member('m-alice', 'US', '1985-04-12', 'en'),
  member('m-bruno', 'BR', '1990-09-30', 'pt'),
  member('m-claudia', 'DE', '1979-01-02', 'de'),
  member('m-denis', 'FR', '1988-07-07', 'fr'),
  member('m-elena', 'ES', '1992-03-03', 'es'),
  member('m-finn', 'US-CA', '2011-05-05', 'en'),
  member('m-gita', null, '1980-01-01', 'en'),
  member('m-hana', 'JP', '1975-12-12', 'en', { accountState: 'deleted' }),
]);

export async function seedStore(store: Store, members: readonly Member[] = FIXTURE_MEMBERS): Promise<void> {
  await store.upsertMembers(members);
  await store.upsertContent(
    members.map((m, i) => ({
      id: `c-${String(i).padStart(3, '0')}`,
      authorId: m.id,
      kind: 'post' as const,
      visibility: 'public' as const,
      text: `A post by ${m.names[0] ?? m.id}`,
      createdAt: '2024-01-01T00:00:00.000Z',
      language: m.language,
      deleted: false,
      signals: {},
    })),
  );
}

/**
 * A build runner stand-in: registers a running build, then over `ticks` steps adds every member whose check
 * allows them, and publishes. Used where the real build module is not wired in.
 */
export function createTickingBuildRunner(
  store: Store,
  eligible: (memberIds: readonly string[], purpose: string, asOf: string) => Promise<readonly string[]>,
  options: { readonly ticks?: number; readonly tickMs?: number } = {},
): BuildPort {
  const ticks = options.ticks ?? 4;
  const tickMs = options.tickMs ?? 150;
  return {
    async start(request) {
      const id = `b-${randomUUID().slice(0, 8)}`;
      const total = await store.countMembers();
      await store.createBuild({
        id,
        purpose: request.purpose,
        asOf: request.asOf,
        policyVersion: 'builtin-1',
        state: 'running',
        startedAt: new Date().toISOString(),
        publishedAt: null,
        location: `memory://${id}`,
        progress: { done: 0, total },
        manifest: null,
        error: null,
      });
      void (async () => {
        const ids: string[] = [];
        for await (const batch of store.scanMembers()) ids.push(...batch.map((m) => m.id));
        for (let i = 1; i <= ticks; i++) {
          await new Promise((resolve) => setTimeout(resolve, tickMs));
          await store.updateBuild(id, { progress: { done: Math.round((total * i) / ticks), total } });
        }
        const allowed = await eligible(ids, request.purpose, request.asOf);
        await store.addBuildMembers(allowed.map((memberId) => ({ buildId: id, memberId, items: 1 })));
        await store.updateBuild(id, {
          state: 'published',
          publishedAt: new Date().toISOString(),
          manifest: { buildId: id, redactions: { PERSON: allowed.length, EMAIL: 1 } },
        });
      })();
      return { id };
    },
  };
}
