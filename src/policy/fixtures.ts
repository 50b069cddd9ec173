// Small builders for members and items with safe defaults, shared by the policy tests and the decision benchmark.
// They hold no personal data: ids are opaque and names are empty.

import type { ContentItem, Member } from '../domain/index.js';

/** An active adult member in the US with the given fields replaced. */
export function memberFixture(overrides: Partial<Member> = {}): Member {
  return {
    id: 'm-1',
    country: 'US',
    birthDate: '1990-06-15',
    birthYear: null,
    ageSignals: {},
    language: 'en',
    accountState: 'active',
    names: [],
    createdAt: '2020-01-01T00:00:00Z',
    ...overrides,
  };
}

/** A public post by `m-1`, not deleted and without reservations, with the given fields replaced. */
export function itemFixture(overrides: Partial<ContentItem> = {}): ContentItem {
  return {
    id: 'c-1',
    authorId: 'm-1',
    kind: 'post',
    visibility: 'public',
    text: 'A post about distributed systems.',
    createdAt: '2024-05-01T12:00:00Z',
    language: 'en',
    deleted: false,
    signals: {},
    ...overrides,
  };
}
