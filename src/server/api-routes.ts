// The JSON API under /v1. Each handler authenticates, checks a capability and calls the member service or a port;
// schemas here validate input and feed the OpenAPI document.

import type { FastifyInstance, FastifyRequest, preHandlerHookHandler } from 'fastify';
import type { FastifyValidationResult } from 'fastify/types/schema.js';
import { PURPOSES } from '../domain/index.js';
import type { Store } from '../store/store.js';
import { type Authenticator, type Principal, requireMemberAccess, requireScope } from './auth.js';
import { ScannedCheckBody, scanCheckBody } from './check-body.js';
import type { DashboardService } from './dashboard-service.js';
import { ERROR_BODY_SCHEMA, httpError } from './errors.js';
import { registerJsonBodyParser } from './json-body.js';
import {
  assertPurpose,
  buildHoldingJson,
  buildJson,
  eventJson,
  GENERATIVE,
  type MemberService,
  modelJson,
  parseInstant,
  stateJson,
} from './member-service.js';
import type { AuditPort, BuildPort, PolicyPort } from './ports.js';

export interface ApiDeps {
  readonly store: Store;
  readonly policy: PolicyPort;
  readonly members: MemberService;
  readonly auth: Authenticator;
  readonly builds: BuildPort | undefined;
  readonly audit: AuditPort | undefined;
  readonly dashboard: DashboardService;
  /** A preHandler that demands a CSRF token when the caller authenticated with a cookie. */
  readonly csrfForCookies: preHandlerHookHandler;
}

const MEMBER_ID = { type: 'string', minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9._:@-]+$' } as const;
const PURPOSE = { type: 'string', minLength: 1, maxLength: 100 } as const;
const BUILD_ID = { type: 'string', minLength: 1, maxLength: 200, pattern: '^[A-Za-z0-9._:-]+$' } as const;
const SECURITY = [{ bearer: [] }, { session: [] }];
const errors = (...codes: number[]) =>
  Object.fromEntries(codes.map((code) => [code, { description: 'Error', ...ERROR_BODY_SCHEMA }]));

const DECISION_SCHEMA = {
  type: 'object',
  properties: {
    allowed: { type: 'boolean' },
    reason: { type: ['string', 'null'] },
    detail: { type: 'string' },
  },
} as const;
const EVENT_SCHEMA = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    purpose: { type: 'string' },
    status: { type: 'string' },
    method: { type: 'string' },
    notice_version: { type: ['string', 'null'] },
    valid_from: { type: 'string' },
    recorded_at: { type: 'string' },
  },
} as const;
const STATE_SCHEMA = {
  type: 'object',
  description: '`source` says whether the state is explicit (a recorded choice) or the policy default.',
  properties: {
    member_id: { type: 'string' },
    purpose: { type: 'string' },
    status: { type: 'string', description: 'given, withdrawn, refused, ...' },
    dpv_status: { type: 'string' },
    source: { type: 'string', enum: ['explicit', 'default'] },
    as_of: { type: 'string' },
    event: { anyOf: [EVENT_SCHEMA, { type: 'null' }] },
    decision: DECISION_SCHEMA,
  },
} as const;
const BUILD_SCHEMA = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    purpose: { type: 'string' },
    as_of: { type: 'string' },
    policy_version: { type: 'string' },
    state: { type: 'string', enum: ['running', 'published', 'failed'] },
    started_at: { type: 'string' },
    published_at: { type: ['string', 'null'] },
    progress: {
      type: 'object',
      properties: { done: { type: 'integer' }, total: { type: ['integer', 'null'] } },
    },
    error: { type: ['string', 'null'] },
  },
} as const;

interface CheckBody {
  readonly purpose: string;
  readonly as_of?: string;
  readonly member_ids: string[];
}
interface MemberParams {
  readonly id: string;
}
interface ConsentParams extends MemberParams {
  readonly purpose: string;
}

/** Registers the /v1 routes. */
export async function registerApiRoutes(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  const { auth, members } = deps;

  async function memberAccess(request: FastifyRequest, memberId: string, write: boolean): Promise<Principal> {
    const principal = await auth.require(request);
    requireMemberAccess(principal, memberId, write);
    // A member's own reads carry their browser's Global Privacy Control signal; changes are explicit choices.
    if (!write && principal.memberId === memberId && request.headers['sec-gpc'] === '1') {
      await members.applyGpc(memberId, `gpc:${principal.actor}`);
    }
    return principal;
  }

  app.get<{ Params: ConsentParams; Querystring: { as_of?: string } }>(
    '/v1/members/:id/consent/:purpose',
    {
      schema: {
        tags: ['consent'],
        summary: 'A member’s consent state for a purpose, and the decision it leads to',
        security: SECURITY,
        params: { type: 'object', required: ['id', 'purpose'], properties: { id: MEMBER_ID, purpose: PURPOSE } },
        querystring: {
          type: 'object',
          properties: { as_of: { type: 'string', maxLength: 40 } },
          additionalProperties: false,
        },
        response: { 200: STATE_SCHEMA, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      await memberAccess(request, request.params.id, false);
      return stateJson(await members.consent(request.params.id, request.params.purpose, request.query.as_of));
    },
  );

  app.put<{ Params: ConsentParams; Body: { status: 'given' | 'withdrawn' }; Headers: { 'idempotency-key'?: string } }>(
    '/v1/members/:id/consent/:purpose',
    {
      schema: {
        tags: ['consent'],
        summary: 'Records a member’s choice; safe to retry with the same Idempotency-Key',
        security: SECURITY,
        params: { type: 'object', required: ['id', 'purpose'], properties: { id: MEMBER_ID, purpose: PURPOSE } },
        headers: {
          type: 'object',
          properties: { 'idempotency-key': { type: 'string', description: '1 to 200 visible ASCII characters' } },
        },
        body: {
          type: 'object',
          required: ['status'],
          additionalProperties: false,
          properties: { status: { type: 'string', enum: ['given', 'withdrawn'] } },
        },
        response: { 200: STATE_SCHEMA, 201: STATE_SCHEMA, ...errors(400, 401, 403, 404, 409, 415) },
      },
      preHandler: deps.csrfForCookies,
    },
    async (request, reply) => {
      const key = request.headers['idempotency-key'];
      if (typeof key !== 'string' || !/^[\x21-\x7e]{1,200}$/.test(key))
        throw httpError('ASSENT_ERR_REQ_IDEMPOTENCY_KEY');
      const principal = await memberAccess(request, request.params.id, true);
      assertPurpose(request.params.purpose);
      const { view, created } = await members.change({
        memberId: request.params.id,
        purpose: request.params.purpose,
        status: request.body.status,
        method: principal.memberId === request.params.id ? 'api' : 'admin',
        requestId: `idem:${principal.actor}:${key}`,
        actor: principal.actor,
      });
      reply.code(created ? 201 : 200);
      return stateJson(view);
    },
  );

  // The batch check reads the plain shape of its body straight from the bytes (check-body.ts): such a body
  // satisfies the schema by construction and skips it; any other body is parsed and validated as usual.
  await app.register(async (scope) => {
    registerJsonBodyParser(scope, scanCheckBody);
    scope.post<{ Body: CheckBody | ScannedCheckBody }>(
      '/v1/consent/check',
      {
        validatorCompiler: (input) => {
          // The compiler the rest of the API uses (Ajv, set up by the routes registered before this one).
          const compile = app.validatorCompiler;
          if (!compile) throw new Error('the batch check route must be registered after a route with a schema');
          const validate = compile(input);
          if (input.httpPart !== 'body') return validate;
          const validateBody: FastifyValidationResult = (data: unknown) => {
            if (data instanceof ScannedCheckBody) return true;
            const result = validate(data);
            validateBody.errors = validate.errors ?? null;
            return result;
          };
          return validateBody;
        },
        schema: {
          tags: ['consent'],
          summary: 'Decisions for up to 10,000 members at once (one query for members, one for events)',
          security: [{ bearer: [] }],
          body: {
            type: 'object',
            required: ['purpose', 'member_ids'],
            additionalProperties: false,
            properties: {
              purpose: PURPOSE,
              as_of: { type: 'string', maxLength: 40 },
              member_ids: { type: 'array', minItems: 1, maxItems: 10_000, items: MEMBER_ID },
            },
          },
          response: {
            200: {
              type: 'object',
              properties: {
                purpose: { type: 'string' },
                as_of: { type: 'string' },
                policy_version: { type: ['string', 'null'] },
                results: {
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: {
                      member_id: { type: 'string' },
                      allowed: { type: 'boolean' },
                      reason: { type: ['string', 'null'] },
                      status: { type: 'string' },
                      source: { type: 'string' },
                    },
                  },
                },
              },
            },
            ...errors(400, 401, 403, 413),
          },
        },
      },
      async (request, reply) => {
        const principal = await auth.require(request);
        requireScope(principal, 'read');
        const { body } = request;
        const json = await members.checkJson(body.purpose, body.as_of, body.member_ids);
        // Already JSON (text or bytes): Fastify sends it as it is (the schema above documents it).
        reply.type('application/json; charset=utf-8');
        return json;
      },
    );
  });

  app.get<{ Params: MemberParams }>(
    '/v1/members/:id/transparency',
    {
      schema: {
        tags: ['members'],
        summary: 'Current state, history, and the builds and models that hold the member’s data',
        security: SECURITY,
        params: { type: 'object', required: ['id'], properties: { id: MEMBER_ID } },
        response: errors(401, 403, 404),
      },
    },
    async (request) => {
      await memberAccess(request, request.params.id, false);
      const view = await members.transparency(request.params.id);
      return {
        member_id: view.memberId,
        current: {
          [GENERATIVE]: stateJson(view.generative),
          [view.nonGenerative.purpose]: stateJson(view.nonGenerative),
        },
        history: view.history.map(eventJson),
        withdrawn_at: view.withdrawnAt,
        withdrawal_effect: view.withdrawalEffect,
        builds: view.builds.map(buildHoldingJson),
        models: view.models.map((m) => ({ ...modelJson(m), via_builds: m.viaBuilds })),
      };
    },
  );

  app.get<{ Params: MemberParams }>(
    '/v1/members/:id/export',
    {
      schema: {
        tags: ['members'],
        summary: 'Everything Assent holds about the member, as JSON',
        security: SECURITY,
        params: { type: 'object', required: ['id'], properties: { id: MEMBER_ID } },
        response: errors(401, 403, 404),
      },
    },
    async (request, reply) => {
      await memberAccess(request, request.params.id, false);
      const data = await members.exportMember(request.params.id);
      reply.header('content-disposition', `attachment; filename="assent-export-${request.params.id}.json"`);
      return data;
    },
  );

  app.post<{ Body: { purpose: string; as_of?: string; format?: 'parquet' | 'jsonl' } }>(
    '/v1/builds',
    {
      schema: {
        tags: ['builds'],
        summary: 'Starts a build in the background; poll GET /v1/builds/{id}',
        security: SECURITY,
        body: {
          type: 'object',
          required: ['purpose'],
          additionalProperties: false,
          properties: {
            purpose: PURPOSE,
            as_of: { type: 'string', maxLength: 40 },
            format: { type: 'string', enum: ['parquet', 'jsonl'] },
          },
        },
        response: {
          202: {
            type: 'object',
            properties: { id: { type: 'string' }, state: { type: 'string' }, href: { type: 'string' } },
          },
          ...errors(400, 401, 403, 422, 503),
        },
      },
      preHandler: deps.csrfForCookies,
    },
    async (request, reply) => {
      const principal = await auth.require(request);
      requireScope(principal, 'build');
      assertPurpose(request.body.purpose);
      const asOf = parseInstant('as_of', request.body.as_of, new Date());
      if (!deps.builds) throw httpError('ASSENT_ERR_BUILD_UNAVAILABLE', { reason: 'no build runner is configured' });
      const started = await deps.builds.start(
        { purpose: request.body.purpose, asOf, ...(request.body.format ? { format: request.body.format } : {}) },
        principal.actor,
      );
      reply.code(202);
      return { id: started.id, state: 'running', href: `/v1/builds/${started.id}` };
    },
  );

  app.get(
    '/v1/builds',
    {
      schema: {
        tags: ['builds'],
        summary: 'All builds, newest first',
        security: SECURITY,
        response: {
          200: { type: 'object', properties: { builds: { type: 'array', items: BUILD_SCHEMA } } },
          ...errors(401, 403),
        },
      },
    },
    async (request) => {
      requireScope(await auth.require(request), 'read');
      const builds = [...(await deps.store.listBuilds())].sort((a, b) => b.startedAt.localeCompare(a.startedAt));
      return { builds: builds.map(buildJson) };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/v1/builds/:id',
    {
      schema: {
        tags: ['builds'],
        summary: 'A build, with its progress and (once published) its manifest',
        security: SECURITY,
        params: { type: 'object', required: ['id'], properties: { id: BUILD_ID } },
        response: errors(401, 403, 404),
      },
    },
    async (request) => {
      requireScope(await auth.require(request), 'read');
      const build = await deps.store.getBuild(request.params.id);
      if (!build) throw httpError('ASSENT_ERR_BUILD_NOT_FOUND', { buildId: request.params.id.slice(0, 80) });
      return { ...buildJson(build), manifest: build.manifest, members: await deps.store.countBuildMembers(build.id) };
    },
  );

  app.get(
    '/v1/models',
    {
      schema: {
        tags: ['builds'],
        summary: 'Registered models and the builds they consumed',
        security: SECURITY,
        response: errors(401, 403),
      },
    },
    async (request) => {
      requireScope(await auth.require(request), 'read');
      return {
        models: (await deps.dashboard.modelLineage()).map((m) => ({
          ...modelJson(m.model),
          members: m.members,
          withdrawn_since: m.withdrawnSince,
        })),
      };
    },
  );

  app.get(
    '/v1/policy',
    {
      schema: {
        tags: ['policy'],
        summary: 'The policy in force and its notices',
        security: SECURITY,
        response: errors(401),
      },
    },
    async (request) => {
      await auth.require(request);
      const at = new Date().toISOString();
      return {
        name: deps.policy.name,
        version: deps.policy.versionAt(at),
        purposes: PURPOSES.map((p) => ({ ...p, notice: deps.policy.notice(p.key, at) ?? null })),
        document: deps.policy.document(),
      };
    },
  );

  app.get(
    '/v1/audit/verify',
    {
      schema: {
        tags: ['audit'],
        summary: 'Verifies the hash chain of the audit log',
        security: SECURITY,
        response: errors(401, 403),
      },
    },
    async (request) => {
      requireScope(await auth.require(request), 'admin');
      if (!deps.audit)
        return { ok: false, entries: 0, first_broken_seq: null, detail: 'no audit verifier is configured' };
      const status = await deps.audit.verify();
      return { ok: status.ok, entries: status.entries, first_broken_seq: status.firstBrokenSeq, detail: status.detail };
    },
  );

  app.get(
    '/v1/admin/stats',
    {
      schema: {
        tags: ['admin'],
        summary: 'Aggregates behind the admin dashboard charts',
        security: SECURITY,
        response: errors(401, 403),
      },
    },
    async (request) => {
      requireScope(await auth.require(request), 'admin');
      return deps.dashboard.stats();
    },
  );
}
