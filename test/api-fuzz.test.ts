// Fuzzing the HTTP API with a few thousand generated malformed requests: none may cause a 500, every error must
// carry a registered code, and the stored state must be byte-for-byte unchanged afterwards.

import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../src/domain/seeded-random.js';
import { ERRORS } from '../src/server/errors.js';
import { type RunningServer, startTestServer } from '../src/server/testing/server-harness.js';
import type { Store } from '../src/store/store.js';
import { openTestStores } from '../src/store/testing.js';

const GEN = 'train_ai_system.generative';
const REQUESTS = 2000;

interface FuzzRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
}

const JUNK_VALUES: readonly unknown[] = [
  null,
  true,
  0,
  -1,
  1e308,
  '',
  ' ',
  'x'.repeat(300),
  [],
  {},
  [[]],
  { $gt: '' },
  '__proto__',
  '../../etc/passwd',
  '\u0000',
  '😀',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
];
const BAD_DATES = [
  'yesterday',
  '2025-13-01',
  '2025-02-30T00:00:00Z',
  '2025-01-01T25:00:00Z',
  '99999-01-01',
  '',
  '2025-1-1',
  'NaN',
];
const BAD_PURPOSES = [
  'marketing',
  'train_ai_system.',
  'TRAIN_AI_SYSTEM',
  '',
  '*',
  'train_ai_system.generative.x',
  '%00',
];

function generate(random: () => number, tokens: Readonly<Record<string, string>>): FuzzRequest {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const auth = () => {
    const r = random();
    if (r < 0.6) return { authorization: `Bearer ${pick(Object.values(tokens))}` };
    if (r < 0.7)
      return {
        authorization: pick(['Bearer', 'Basic abc', `Bearer ${'a'.repeat(500)}`, 'Bearer x.y.z', 'Bearer assent_']),
      };
    if (r < 0.8)
      return { cookie: pick(['assent_session=m:m-alice', 'assent_session=a:demo.bad', 'assent_session=%%%']) };
    return {};
  };
  const json = { 'content-type': 'application/json' };
  const kind = Math.floor(random() * 10);
  switch (kind) {
    case 0: {
      // Truncated or corrupted JSON.
      const valid = JSON.stringify({ purpose: GEN, member_ids: ['m-alice', 'm-bruno'] });
      const cut = valid.slice(0, Math.floor(random() * valid.length));
      return {
        method: 'POST',
        path: '/v1/consent/check',
        headers: { ...auth(), ...json },
        body: random() < 0.5 ? cut : `${cut}\u0000}`,
      };
    }
    case 1: {
      // Wrong types in the check body.
      const body: Record<string, unknown> = {
        purpose: random() < 0.5 ? GEN : pick(JUNK_VALUES),
        member_ids: random() < 0.5 ? [pick(JUNK_VALUES)] : pick(JUNK_VALUES),
      };
      if (random() < 0.3) body.extra = pick(JUNK_VALUES);
      return { method: 'POST', path: '/v1/consent/check', headers: { ...auth(), ...json }, body: JSON.stringify(body) };
    }
    case 2:
      // Unknown purposes and invalid dates, otherwise valid.
      return {
        method: 'POST',
        path: '/v1/consent/check',
        headers: { ...auth(), ...json },
        body: JSON.stringify(
          random() < 0.5
            ? { purpose: pick(BAD_PURPOSES), member_ids: ['m-alice'] }
            : { purpose: GEN, as_of: pick(BAD_DATES), member_ids: ['m-alice'] },
        ),
      };
    case 3: {
      // Consent changes that must not write: unknown members, bad statuses, bad keys, unknown purposes.
      const variant = Math.floor(random() * 4);
      const member = variant === 0 ? `nobody-${Math.floor(random() * 1e6)}` : 'm-alice';
      const purpose = variant === 1 ? pick(BAD_PURPOSES) || 'x' : GEN;
      const status = variant === 2 ? pick(['maybe', 'GIVEN', '', 'ConsentGiven', 1, null]) : 'withdrawn';
      const key =
        variant === 3 ? pick(['', ' ', 'k'.repeat(300), 'a b', '\u00e9']) : `fuzz-${Math.floor(random() * 1e9)}`;
      return {
        method: 'PUT',
        path: `/v1/members/${encodeURIComponent(member)}/consent/${encodeURIComponent(purpose)}`,
        headers: { ...auth(), ...json, ...(key ? { 'idempotency-key': key } : {}) },
        body: JSON.stringify({ status }),
      };
    }
    case 4:
      // Oversized bodies.
      return {
        method: 'POST',
        path: pick(['/v1/consent/check', '/v1/builds']),
        headers: { ...auth(), ...json },
        body: JSON.stringify({
          purpose: GEN,
          member_ids: Array.from({ length: 9000 }, (_, i) => `member-${i}`),
          pad: 'x'.repeat(20_000),
        }),
      };
    case 5:
      // Wrong content types.
      return {
        method: pick(['POST', 'PUT']),
        path: pick(['/v1/consent/check', `/v1/members/m-alice/consent/${GEN}`, '/v1/builds']),
        headers: {
          ...auth(),
          'content-type': pick([
            'text/plain',
            'application/xml',
            'multipart/form-data; boundary=x',
            'application/x-www-form-urlencoded',
          ]),
          'idempotency-key': 'ct',
        },
        body: pick(['status=withdrawn', '<x/>', 'purpose=train_ai_system.generative&member_ids=m-alice', '--x--']),
      };
    case 6: {
      // Odd paths and encodings.
      const segment = pick(['%00', '%ff', '..%2f..', 'a'.repeat(400), '%E0%A4%A', '{id}', ' ', '%20', 'm-alice%2F..']);
      return {
        method: 'GET',
        path: pick([
          `/v1/members/${segment}/consent/${GEN}`,
          `/v1/members/m-alice/consent/${segment}`,
          `/v1/builds/${segment}`,
          `/v1/members/${segment}/export`,
          `/${segment}`,
        ]),
        headers: auth(),
      };
    }
    case 7:
      // Methods the routes do not have.
      return {
        method: pick(['DELETE', 'PATCH', 'POST']),
        path: pick([`/v1/members/m-alice/consent/${GEN}`, '/v1/policy', '/v1/models', '/v1/audit/verify']),
        headers: auth(),
      };
    case 8:
      // Builds that must not start: bad purposes, dates and formats.
      return {
        method: 'POST',
        path: '/v1/builds',
        headers: { ...auth(), ...json },
        body: JSON.stringify(
          pick([
            { purpose: pick(BAD_PURPOSES) },
            { purpose: GEN, as_of: pick(BAD_DATES) },
            { purpose: GEN, format: pick(['csv', '', 1]) },
            { purpose: GEN, extra: 1 },
            {},
          ]),
        ),
      };
    default:
      // Page forms without CSRF tokens or with junk.
      return {
        method: 'POST',
        path: pick([
          '/members/m-alice/settings/ai',
          '/members/m-alice/settings/ai/objection',
          '/admin/builds',
          '/admin/sign-in',
          '/sign-out',
        ]),
        headers: { ...auth(), 'content-type': 'application/x-www-form-urlencoded' },
        body: pick(['enabled=on', '_csrf=abc&enabled=on', 'object=on&_csrf=', 'token=assent_nope&_csrf=x', '']),
      };
  }
}

async function digestOf(store: Store): Promise<string> {
  const hash = createHash('sha256');
  for await (const batch of store.scanMembers()) hash.update(JSON.stringify(batch));
  for await (const batch of store.scanContent()) hash.update(JSON.stringify(batch));
  for await (const batch of store.scanConsentEvents()) hash.update(JSON.stringify(batch));
  for await (const batch of store.scanAudit()) hash.update(JSON.stringify(batch));
  hash.update(JSON.stringify(await store.listBuilds()));
  hash.update(JSON.stringify(await store.listModels()));
  hash.update(JSON.stringify(await store.listTokens()));
  return hash.digest('hex');
}

for (const factory of openTestStores()) {
  describe.skipIf(factory.skipReason !== undefined)(
    `fuzzing the API on ${factory.name}${factory.skipReason ? ` (skipped: ${factory.skipReason})` : ''}`,
    () => {
      let store: Store;
      let server: RunningServer;
      beforeAll(async () => {
        store = await factory.open();
        server = await startTestServer(store, { bodyLimit: 64 * 1024 });
      });
      afterAll(async () => {
        await server?.close();
        await store?.close();
      });

      it(`survives ${REQUESTS} malformed requests without a 500 or a change to stored state`, async () => {
        const before = await digestOf(store);
        const random = seededRandom(20_261_129);
        const failures: string[] = [];
        const statuses = new Map<number, number>();
        for (let sent = 0; sent < REQUESTS; sent += 50) {
          const batch = Array.from({ length: 50 }, () => generate(random, server.tokens));
          await Promise.all(
            batch.map(async (request) => {
              const response = await fetch(`${server.url}${request.path}`, {
                method: request.method,
                headers: request.headers,
                ...(request.body !== undefined ? { body: request.body } : {}),
                redirect: 'manual',
              });
              const text = await response.text();
              statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
              const label = `${request.method} ${request.path.slice(0, 80)} -> ${response.status}`;
              if (response.status >= 500) failures.push(`${label}: ${text.slice(0, 200)}`);
              // Reads of unknown members may answer 200 (a decision of unknown_member); writes must never succeed.
              if (response.status < 400 && request.method !== 'GET' && request.path !== '/v1/consent/check') {
                failures.push(`${label}: accepted a malformed write`);
              }
              if (response.status >= 400 && (response.headers.get('content-type') ?? '').includes('json')) {
                const code = (JSON.parse(text) as { code?: string }).code;
                if (!code || !(code in ERRORS)) failures.push(`${label}: unregistered error code ${String(code)}`);
              }
            }),
          );
        }
        expect(failures.slice(0, 10)).toEqual([]);
        expect(await digestOf(store)).toBe(before);
        // The generator reached every family of rejection.
        for (const status of [400, 401, 403, 404, 413, 415])
          expect(statuses.get(status) ?? 0, `status ${status}`).toBeGreaterThan(0);
      });
    },
  );
}
