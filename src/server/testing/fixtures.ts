// Test fixtures for server suites: a handful of members across regions and ages, each with one public post.

import type { Member } from '../../domain/index.js';
import type { Store } from '../../store/store.js';

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
