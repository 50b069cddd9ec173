// The HTTP API end to end over real HTTP, against every store (SQLite always, PostgreSQL when configured):
// every route, the auth rules, idempotency, GPC, security headers and limits.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ERRORS } from '../src/server/errors.js';
import {
  AUDIENCE,
  ISSUER,
  type RunningServer,
  startJwks,
  startTestServer,
} from '../src/server/testing/server-harness.js';
import type { Store } from '../src/store/store.js';
import { openTempSqliteStore, openTestStores } from '../src/store/testing.js';

const GEN = 'train_ai_system.generative';

interface Answer {
  readonly status: number;
  readonly body: Record<string, unknown>;
  readonly headers: Headers;
}

async function call(
  server: RunningServer,
  method: string,
  path: string,
  options: { auth?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  if (options.auth) headers.authorization = `Bearer ${options.auth}`;
  let payload: string | undefined;
  if (options.body !== undefined) {
    headers['content-type'] ??= 'application/json';
    payload = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  }
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers,
    ...(payload !== undefined ? { body: payload } : {}),
  });
  const text = await response.text();
  let body: Record<string, unknown> = {};
  try {
    body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    body = { html: text };
  }
  return { status: response.status, body, headers: response.headers };
}

/** Adds a member like `from` (same country and age) under a new id, with no consent history. */
async function cloneMember(store: Store, from: string, id: string): Promise<void> {
  const template = await store.getMember(from);
  if (!template) throw new Error(`fixture member ${from} is missing`);
  await store.upsertMembers([{ ...template, id, names: [`Person ${id}`] }]);
}

function expectError(answer: Answer, status: number, code: keyof typeof ERRORS): void {
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  expect(answer.body.code).toBe(code);
  expect(typeof answer.body.message).toBe('string');
  expect('details' in answer.body).toBe(true);
}

for (const factory of openTestStores()) {
  describe.skipIf(factory.skipReason !== undefined)(
    `HTTP API on ${factory.name}${factory.skipReason ? ` (skipped: ${factory.skipReason})` : ''}`,
    () => {
      let store: Store;
      let server: RunningServer;
      let jwks: Awaited<ReturnType<typeof startJwks>>;
      let alice: string;

      beforeAll(async () => {
        jwks = await startJwks();
        store = await factory.open();
        server = await startTestServer(store, { jwks: { url: jwks.url, issuer: ISSUER, audience: AUDIENCE } });
        alice = await jwks.sign('m-alice');
      });
      afterAll(async () => {
        await server?.close();
        await store?.close();
        await jwks?.close();
      });

      it('answers a member’s own consent state as the policy default', async () => {
        const answer = await call(server, 'GET', `/v1/members/m-alice/consent/${GEN}`, { auth: alice });
        expect(answer.status).toBe(200);
        expect(answer.body).toMatchObject({ member_id: 'm-alice', status: 'given', source: 'default', event: null });
        expect(answer.body.decision).toMatchObject({ allowed: true, reason: null });
      });

      it('refuses a member another member’s records (403) on every member route', async () => {
        for (const path of [
          `/v1/members/m-bruno/consent/${GEN}`,
          '/v1/members/m-bruno/transparency',
          '/v1/members/m-bruno/export',
        ]) {
          expectError(await call(server, 'GET', path, { auth: alice }), 403, 'ASSENT_ERR_AUTH_FORBIDDEN');
        }
        const put = await call(server, 'PUT', `/v1/members/m-bruno/consent/${GEN}`, {
          auth: alice,
          body: { status: 'withdrawn' },
          headers: { 'idempotency-key': 'x1' },
        });
        expectError(put, 403, 'ASSENT_ERR_AUTH_FORBIDDEN');
        expect(await store.consentEventsFor('m-bruno')).toHaveLength(0);
      });

      it('records a change once per Idempotency-Key and rejects a reused key with another choice', async () => {
        const first = await call(server, 'PUT', `/v1/members/m-alice/consent/${GEN}`, {
          auth: alice,
          body: { status: 'withdrawn' },
          headers: { 'idempotency-key': 'alice-1' },
        });
        expect(first.status).toBe(201);
        expect(first.body).toMatchObject({
          status: 'withdrawn',
          source: 'explicit',
          decision: { allowed: false, reason: 'opted_out' },
        });
        const replay = await call(server, 'PUT', `/v1/members/m-alice/consent/${GEN}`, {
          auth: alice,
          body: { status: 'withdrawn' },
          headers: { 'idempotency-key': 'alice-1' },
        });
        expect(replay.status).toBe(200);
        expect((replay.body.event as { id: string }).id).toBe((first.body.event as { id: string }).id);
        const conflict = await call(server, 'PUT', `/v1/members/m-alice/consent/${GEN}`, {
          auth: alice,
          body: { status: 'given' },
          headers: { 'idempotency-key': 'alice-1' },
        });
        expectError(conflict, 409, 'ASSENT_ERR_CONSENT_CONFLICT');
        const missing = await call(server, 'PUT', `/v1/members/m-alice/consent/${GEN}`, {
          auth: alice,
          body: { status: 'given' },
        });
        expectError(missing, 400, 'ASSENT_ERR_REQ_IDEMPOTENCY_KEY');
        const events = await store.consentEventsFor('m-alice');
        expect(events).toHaveLength(1);
        expect(events[0]).toMatchObject({ method: 'api', status: 'ConsentWithdrawn', actor: 'member:m-alice' });
      });

      it('lets a write_consent service change any member, and not a read token', async () => {
        const denied = await call(server, 'PUT', `/v1/members/m-bruno/consent/${GEN}`, {
          auth: server.tokens.read,
          body: { status: 'given' },
          headers: { 'idempotency-key': 'svc-0' },
        });
        expectError(denied, 403, 'ASSENT_ERR_AUTH_FORBIDDEN');
        const ok = await call(server, 'PUT', `/v1/members/m-bruno/consent/${GEN}`, {
          auth: server.tokens.write_consent,
          body: { status: 'given' },
          headers: { 'idempotency-key': 'svc-1' },
        });
        expect(ok.status).toBe(201);
        expect(ok.body).toMatchObject({ status: 'given', source: 'explicit' });
        expect((ok.body.event as { method: string }).method).toBe('admin');
      });

      it('offers no API choice for a notice-only purpose', async () => {
        const answer = await call(server, 'PUT', '/v1/members/m-alice/consent/train_ai_system.non_generative', {
          auth: alice,
          body: { status: 'withdrawn' },
          headers: { 'idempotency-key': 'ng-1' },
        });
        expectError(answer, 409, 'ASSENT_ERR_CONSENT_NO_CHOICE');
      });

      it('checks a batch with one decision per member, in order, with reasons', async () => {
        const ids = ['m-alice', 'm-bruno', 'm-claudia', 'm-finn', 'm-gita', 'm-hana', 'nobody', 'm-bruno'];
        const answer = await call(server, 'POST', '/v1/consent/check', {
          auth: server.tokens.read,
          body: { purpose: GEN, member_ids: ids },
        });
        expect(answer.status).toBe(200);
        const results = answer.body.results as {
          member_id: string;
          allowed: boolean;
          reason: string | null;
          source: string;
        }[];
        expect(results.map((r) => [r.member_id, r.reason])).toEqual([
          ['m-alice', 'opted_out'],
          ['m-bruno', null],
          ['m-claudia', 'jurisdiction_excluded'],
          ['m-finn', 'minor'],
          ['m-gita', 'unknown_jurisdiction'],
          ['m-hana', 'account_deleted'],
          ['nobody', 'unknown_member'],
        ]);
        expect(results[0]?.source).toBe('explicit');
        expect(results[1]).toMatchObject({ allowed: true, source: 'explicit' });
        expect(results[2]).toMatchObject({ allowed: false, source: 'default' });
        expect(answer.body.policy_version).toEqual(expect.any(String));
      });

      it('answers time travel: before the withdrawal Alice was allowed', async () => {
        const answer = await call(server, 'POST', '/v1/consent/check', {
          auth: server.tokens.read,
          body: { purpose: GEN, as_of: '2025-01-01T00:00:00Z', member_ids: ['m-alice'] },
        });
        expect((answer.body.results as { allowed: boolean }[])[0]?.allowed).toBe(true);
      });

      it.each([
        [{ purpose: 'marketing', member_ids: ['m-alice'] }, 'ASSENT_ERR_CONSENT_PURPOSE'],
        [{ purpose: GEN, as_of: 'yesterday', member_ids: ['m-alice'] }, 'ASSENT_ERR_CONSENT_DATE'],
        [{ purpose: GEN, as_of: '2025-02-30T00:00:00Z', member_ids: ['m-alice'] }, 'ASSENT_ERR_CONSENT_DATE'],
        [{ purpose: GEN, member_ids: [] }, 'ASSENT_ERR_REQ_VALIDATION'],
        [{ purpose: GEN, member_ids: 'm-alice' }, 'ASSENT_ERR_REQ_VALIDATION'],
        [{ purpose: GEN, member_ids: [42] }, 'ASSENT_ERR_REQ_VALIDATION'],
        [{ member_ids: ['m-alice'] }, 'ASSENT_ERR_REQ_VALIDATION'],
        ['{"purpose": ', 'ASSENT_ERR_REQ_JSON'],
      ] as const)('rejects the check body %j with %s', async (body, code) => {
        expectError(await call(server, 'POST', '/v1/consent/check', { auth: server.tokens.read, body }), 400, code);
      });

      it('requires the read scope for batch checks', async () => {
        const answer = await call(server, 'POST', '/v1/consent/check', {
          auth: server.tokens.build,
          body: { purpose: GEN, member_ids: ['m-alice'] },
        });
        expectError(answer, 403, 'ASSENT_ERR_AUTH_SCOPE');
      });

      it.each([
        ['no credential', undefined, 'ASSENT_ERR_AUTH_MISSING'],
        ['an unknown token', 'assent_not-a-real-token', 'ASSENT_ERR_AUTH_INVALID'],
        ['a malformed JWT', 'abc.def.ghi', 'ASSENT_ERR_AUTH_INVALID'],
      ] as const)('rejects %s with 401', async (_label, auth, code) => {
        expectError(await call(server, 'GET', `/v1/members/m-alice/consent/${GEN}`, auth ? { auth } : {}), 401, code);
      });

      it('rejects JWTs that are expired, from another issuer, or for another audience', async () => {
        const bad = [
          await jwks.sign('m-alice', { expiresIn: Math.floor(Date.now() / 1000) - 60 }),
          await jwks.sign('m-alice', { issuer: 'https://evil.test' }),
          await jwks.sign('m-alice', { audience: 'someone-else' }),
        ];
        for (const token of bad) {
          expectError(
            await call(server, 'GET', `/v1/members/m-alice/consent/${GEN}`, { auth: token }),
            401,
            'ASSENT_ERR_AUTH_INVALID',
          );
        }
      });

      it('rejects a revoked token', async () => {
        const { createApiToken } = await import('../src/server/tokens.js');
        const { secret, record } = await createApiToken(store, { name: 'to-revoke', scopes: ['read'] });
        await store.revokeToken(record.id, new Date().toISOString());
        expectError(await call(server, 'GET', '/v1/builds', { auth: secret }), 401, 'ASSENT_ERR_AUTH_INVALID');
      });

      it('starts a build in the background and reports its progress until published', async () => {
        const denied = await call(server, 'POST', '/v1/builds', { auth: server.tokens.read, body: { purpose: GEN } });
        expectError(denied, 403, 'ASSENT_ERR_AUTH_SCOPE');
        const started = await call(server, 'POST', '/v1/builds', { auth: server.tokens.build, body: { purpose: GEN } });
        expect(started.status).toBe(202);
        const id = started.body.id as string;
        let build: Record<string, unknown> = {};
        for (let i = 0; i < 60; i++) {
          build = (await call(server, 'GET', `/v1/builds/${id}`, { auth: server.tokens.read })).body;
          if (build.state !== 'running') break;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        expect(build.state).toBe('published');
        expect(build.members).toBe(1);
        const list = await call(server, 'GET', '/v1/builds', { auth: server.tokens.read });
        expect((list.body.builds as { id: string }[]).map((b) => b.id)).toContain(id);
        expectError(
          await call(server, 'GET', '/v1/builds/nope', { auth: server.tokens.read }),
          404,
          'ASSENT_ERR_BUILD_NOT_FOUND',
        );
        await store.registerModel({
          id: 'model-1',
          name: 'writer',
          version: '1',
          buildIds: [id],
          registeredAt: new Date().toISOString(),
          flaggedAt: null,
          flagReason: null,
        });
        const models = await call(server, 'GET', '/v1/models', { auth: server.tokens.read });
        expect(models.body.models).toEqual([
          expect.objectContaining({ id: 'model-1', build_ids: [id], members: 1, withdrawn_since: 0 }),
        ]);
      });

      it('shows Bruno which builds and models hold his data, and exports everything', async () => {
        const bruno = await jwks.sign('m-bruno');
        const view = await call(server, 'GET', '/v1/members/m-bruno/transparency', { auth: bruno });
        expect(view.status).toBe(200);
        expect(view.body.builds).toEqual([expect.objectContaining({ items: 1, used_before_withdrawal: false })]);
        expect(view.body.models).toEqual([expect.objectContaining({ id: 'model-1' })]);
        const exported = await call(server, 'GET', '/v1/members/m-bruno/export', { auth: bruno });
        expect(exported.status).toBe(200);
        expect(exported.headers.get('content-disposition')).toContain('attachment');
        expect(exported.body).toMatchObject({
          member: { id: 'm-bruno' },
          content: [expect.objectContaining({ authorId: 'm-bruno' })],
        });
        expect(exported.body.consent_events).toEqual([
          expect.objectContaining({ purpose: GEN, status: 'ConsentGiven' }),
        ]);
      });

      it('says the data was used before a later withdrawal', async () => {
        const bruno = await jwks.sign('m-bruno');
        await call(server, 'PUT', `/v1/members/m-bruno/consent/${GEN}`, {
          auth: bruno,
          body: { status: 'withdrawn' },
          headers: { 'idempotency-key': 'bruno-off' },
        });
        const view = await call(server, 'GET', '/v1/members/m-bruno/transparency', { auth: bruno });
        expect(view.body.withdrawn_at).toEqual(expect.any(String));
        expect(view.body.builds).toEqual([expect.objectContaining({ used_before_withdrawal: true })]);
        const models = await call(server, 'GET', '/v1/models', { auth: server.tokens.read });
        expect(models.body.models).toEqual([expect.objectContaining({ withdrawn_since: 1 })]);
      });

      it('serves the policy, the audit verification and the OpenAPI document', async () => {
        const policy = await call(server, 'GET', '/v1/policy', { auth: server.tokens.read });
        expect(policy.body).toMatchObject({ name: expect.any(String), version: expect.any(String) });
        expectError(
          await call(server, 'GET', '/v1/audit/verify', { auth: server.tokens.read }),
          403,
          'ASSENT_ERR_AUTH_SCOPE',
        );
        const audit = await call(server, 'GET', '/v1/audit/verify', { auth: server.tokens.admin });
        expect(audit.body).toMatchObject({ ok: true, first_broken_seq: null });
        const openapi = await call(server, 'GET', '/openapi.json');
        expect(openapi.body.openapi).toBe('3.1.0');
        const paths = Object.keys(openapi.body.paths as object);
        expect(paths).toEqual(
          expect.arrayContaining(['/v1/consent/check', '/v1/members/{id}/consent/{purpose}', '/v1/builds/{id}']),
        );
        const docs = await fetch(`${server.url}/docs/static/index.html`);
        expect(docs.status).toBe(200);
      });

      it('serves the dashboard aggregates to administrators only', async () => {
        expectError(
          await call(server, 'GET', '/v1/admin/stats', { auth: server.tokens.read }),
          403,
          'ASSENT_ERR_AUTH_SCOPE',
        );
        const stats = await call(server, 'GET', '/v1/admin/stats', { auth: server.tokens.admin });
        expect(stats.status).toBe(200);
        const funnel = stats.body.funnel as { reason: string; count: number }[];
        expect(funnel.reduce((sum, row) => sum + row.count, 0)).toBe(stats.body.members);
        expect(funnel).toEqual(
          expect.arrayContaining([
            { reason: 'minor', count: 1 },
            { reason: 'account_deleted', count: 1 },
          ]),
        );
        expect(stats.body.opt_out_by_country).toEqual(
          expect.arrayContaining([expect.objectContaining({ country: 'US', opted_out: 1 })]),
        );
        expect(stats.body.models).toEqual([expect.objectContaining({ id: 'model-1', withdrawn_since: 1 })]);
        expect(stats.body.audit).toMatchObject({ ok: true });
      });

      it('records a GPC signal as a withdrawal and tells the member', async () => {
        const response = await fetch(`${server.url}/members/m-alice/settings/ai`, {
          headers: { authorization: `Bearer ${await jwks.sign('m-alice')}`, 'sec-gpc': '1', accept: 'text/html' },
        });
        expect(response.status).toBe(200);
        // Alice withdrew through the API earlier, so the signal changes nothing and records nothing.
        expect(await store.consentEventsFor('m-alice', [GEN])).toHaveLength(1);
        await cloneMember(store, 'm-bruno', 'm-ivo');
        const ivo = await fetch(`${server.url}/members/m-ivo/settings/ai`, {
          headers: { authorization: `Bearer ${await jwks.sign('m-ivo')}`, 'sec-gpc': '1', accept: 'text/html' },
        });
        const page = await ivo.text();
        expect(page).toContain('id="gpc-notice"');
        const events = await store.consentEventsFor('m-ivo', [GEN]);
        expect(events).toEqual([expect.objectContaining({ method: 'gpc', status: 'ConsentWithdrawn' })]);
      });

      it('records GPC on a member’s own API read, and not on a service’s read', async () => {
        await cloneMember(store, 'm-bruno', 'm-jo');
        const service = await call(server, 'GET', `/v1/members/m-jo/consent/${GEN}`, {
          auth: server.tokens.read,
          headers: { 'sec-gpc': '1' },
        });
        expect(service.body).toMatchObject({ status: 'given', source: 'default' });
        const own = await call(server, 'GET', `/v1/members/m-jo/consent/${GEN}`, {
          auth: await jwks.sign('m-jo'),
          headers: { 'sec-gpc': '1' },
        });
        expect(own.body).toMatchObject({ status: 'withdrawn', source: 'explicit', event: { method: 'gpc' } });
      });

      it('does not offer demo sign-in in production and sends security headers', async () => {
        const demo = await call(server, 'GET', '/demo/sign-in');
        expectError(demo, 404, 'ASSENT_ERR_REQ_NOT_FOUND');
        const csp = demo.headers.get('content-security-policy') ?? '';
        expect(csp).toContain("script-src 'self'");
        expect(csp).not.toContain('unsafe-inline');
        expect(demo.headers.get('x-content-type-options')).toBe('nosniff');
      });

      it('refuses oversized bodies and unknown media types', async () => {
        const huge = JSON.stringify({
          purpose: GEN,
          member_ids: Array.from({ length: 30_000 }, (_, i) => `member-${i}`),
        });
        expectError(
          await call(server, 'POST', '/v1/consent/check', { auth: server.tokens.read, body: huge }),
          413,
          'ASSENT_ERR_REQ_TOO_LARGE',
        );
        const xml = await call(server, 'POST', '/v1/consent/check', {
          auth: server.tokens.read,
          body: '<check/>',
          headers: { 'content-type': 'application/xml' },
        });
        expectError(xml, 415, 'ASSENT_ERR_REQ_MEDIA_TYPE');
      });
    },
  );
}

describe('server limits and logs', () => {
  it('rate-limits a caller beyond its budget with a registered code', async () => {
    const store = await openTempSqliteStore();
    const server = await startTestServer(store, { rateLimit: { max: 3, timeWindowMs: 60_000 } });
    try {
      const statuses: number[] = [];
      let last: Answer | undefined;
      for (let i = 0; i < 5; i++) {
        last = await call(server, 'GET', '/healthz');
        statuses.push(last.status);
      }
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      expectError(last as Answer, 429, 'ASSENT_ERR_REQ_RATE_LIMIT');
    } finally {
      await server.close();
      await store.close();
    }
  });

  it('lets a running build finish before the server closes', async () => {
    const store = await openTempSqliteStore();
    const server = await startTestServer(store);
    try {
      const started = await call(server, 'POST', '/v1/builds', {
        auth: server.tokens.build,
        body: { purpose: 'train_ai_system.generative' },
      });
      expect(started.status).toBe(202);
      await server.close();
      expect((await store.getBuild(started.body.id as string))?.state).toBe('published');
    } finally {
      await store.close();
    }
  });

  it('raises or lifts the limit for named tokens only', async () => {
    const store = await openTempSqliteStore();
    const server = await startTestServer(store, {
      rateLimit: { max: 2, timeWindowMs: 60_000, tokenMax: 3, perToken: { 'test-admin': false, 'test-build': 5 } },
    });
    try {
      const statuses = async (auth?: string) => {
        const out: number[] = [];
        for (let i = 0; i < 7; i++) out.push((await call(server, 'GET', '/healthz', auth ? { auth } : {})).status);
        return out.filter((s) => s === 200).length;
      };
      expect(await statuses()).toBe(2);
      expect(await statuses(server.tokens.read)).toBe(3);
      expect(await statuses(server.tokens.build)).toBe(5);
      expect(await statuses(server.tokens.admin)).toBe(7);
    } finally {
      await server.close();
      await store.close();
    }
  });

  it('writes no names, texts, secrets or raw member ids to the log', async () => {
    const lines: string[] = [];
    const store = await openTempSqliteStore();
    const server = await startTestServer(store, {
      logger: true,
      logStream: { write: (line) => lines.push(line) },
    });
    try {
      expect((await call(server, 'GET', '/v1/members/m-alice/export', { auth: server.tokens.read })).status).toBe(200);
      await call(server, 'GET', '/v1/members/m-alice/nothing', { auth: server.tokens.read });
      await call(server, 'POST', '/v1/consent/check', {
        auth: 'assent_wrong',
        body: { purpose: 'x', member_ids: ['m-alice'] },
      });
      const log = lines.join('');
      expect(log).toContain('/v1/members/~');
      for (const secretOrPersonal of ['m-alice', 'Person m-alice', 'A post by', server.tokens.read, 'assent_wrong']) {
        expect(log).not.toContain(secretOrPersonal);
      }
    } finally {
      await server.close();
      await store.close();
    }
  });
});
