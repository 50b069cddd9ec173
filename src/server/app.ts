// The Fastify application: security plugins, OpenAPI, the /v1 API, member pages and the admin dashboard.
// `createApp` builds it from services; `startServer` listens. Demo-only routes are not registered outside demo mode.

import { createHmac, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyServerOptions,
  type preHandlerHookHandler,
} from 'fastify';
import { type ConsentLedger, createConsentLedger } from '../consent/index.js';
import { onConsentRecorded } from '../lineage/index.js';
import { DEFAULT_PRESET, loadPresetSync, type Policy } from '../policy/index.js';
import type { Store } from '../store/store.js';
import { adaptAudit, adaptLedger, adaptPolicy } from './adapters.js';
import { registerApiRoutes } from './api-routes.js';
import { createAuthenticator, type JwksOptions } from './auth.js';
import { createBuildRunner } from './build-runner.js';
import { ConsentSnapshot } from './consent-snapshot.js';
import { createConsentWriter } from './consent-writer.js';
import { createDashboardService } from './dashboard-service.js';
import { AssentHttpError, type ErrorBody, httpError } from './errors.js';
import { registerJsonBodyParser } from './json-body.js';
import { createMemberService } from './member-service.js';
import { renderErrorPage } from './pages/layout.js';
import { registerPages } from './pages/routes.js';
import type { AuditPort, BuildPort } from './ports.js';
import { registerSecurityHeaders } from './security-headers.js';
import { registerStaticAssets } from './static-assets.js';
import { createTokenVerifier } from './tokens.js';

export type ServerMode = 'demo' | 'production';

export interface RateLimitConfig {
  /** Requests per window for each caller (API token, session, or IP). */
  readonly max: number;
  readonly timeWindowMs: number;
  /** A higher limit for API tokens (platform services), or `false` to exempt tokens entirely. */
  readonly tokenMax?: number | false;
  /** Per-token overrides by token id or name: a limit, or `false` for none (e.g. the benchmark's token). */
  readonly perToken?: Readonly<Record<string, number | false>>;
}

export interface AppDeps {
  readonly store: Store;
  /** The parsed policy (default: the default preset). */
  readonly policy?: Policy;
  /** The consent ledger (default: a ledger over `store`). */
  readonly ledger?: ConsentLedger;
  readonly mode: ServerMode;
  /** Verify the platform's session JWTs against this JWKS; `sub` is the member id. */
  readonly jwks?: JwksOptions;
  /** `false` silences logs; a pino-compatible instance is used as is; otherwise logs at `info` with redaction. */
  readonly logger?: boolean | NonNullable<FastifyServerOptions['loggerInstance']>;
  /** Where the default logger writes (default stdout); tests pass a stream to read what would be logged. */
  readonly logStream?: { write(line: string): void };
  /** Starts builds; default runs them in this process into `buildsDir`. `false`: this server starts no builds. */
  readonly builds?: BuildPort | false;
  /** Where builds started over HTTP are written (default `$ASSENT_DATA_DIR/builds` or `./assent-data/builds`). */
  readonly buildsDir?: string;
  /** Verifies and appends to the audit chain (default: the store's chain). */
  readonly audit?: AuditPort;
  /** Signs session and CSRF cookies; random per process when absent (sessions then end with the process). */
  readonly sessionSecret?: string;
  /** `false` disables rate limiting (benchmarks). */
  readonly rateLimit?: RateLimitConfig | false;
  /**
   * The in-process snapshot of member facts and consent events that checks answer from while no commit has happened
   * since it was loaded (see README). `false`: every check reads the store.
   */
  readonly snapshot?: ConsentSnapshot | { readonly maxMembers?: number; readonly maxEvents?: number } | false;
  /** Group commit of consent changes (default on, at most 256 per transaction). `false`: one transaction each. */
  readonly groupCommit?: { readonly maxBatch?: number } | false;
  /** Largest accepted request body in bytes (default 256 KiB: a batch of 10,000 ids fits). */
  readonly bodyLimit?: number;
  readonly now?: () => Date;
  /** Replaces the `[Platform]` placeholder of notice texts (default `$ASSENT_PLATFORM_NAME`, or "Demo Network" in demo mode). */
  readonly platformName?: string;
}

const DEFAULT_RATE_LIMIT: RateLimitConfig = { max: 600, timeWindowMs: 60_000, tokenMax: 1_000_000 };

/** Paths and keys whose values are personal data; pino replaces them before anything is written. */
export const LOG_REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.names',
  '*.name',
  '*.text',
  '*.email',
  '*.birthDate',
  '*.birth_date',
];

function pseudonymousUrl(url: string, key: Buffer): string {
  return url.replace(/\/members\/([^/?#]+)/, (_whole, id: string) => {
    const pseudonym = createHmac('sha256', key).update(id).digest('hex').slice(0, 12);
    return `/members/~${pseudonym}`;
  });
}

function loggerOptions(deps: AppDeps, key: Buffer): Pick<FastifyServerOptions, 'logger' | 'loggerInstance'> {
  if (deps.logger === false) return { logger: false };
  if (deps.logger !== undefined && deps.logger !== true) return { loggerInstance: deps.logger };
  return {
    logger: {
      // The demo prints to a person's terminal: only warnings; a deployment logs every request.
      level: process.env.ASSENT_LOG_LEVEL ?? (deps.mode === 'demo' ? 'warn' : 'info'),
      ...(deps.logStream ? { stream: deps.logStream } : {}),
      redact: { paths: LOG_REDACT_PATHS, censor: '[redacted]' },
      serializers: {
        req: (req: { method: string; url: string; id: string }) => ({
          id: req.id,
          method: req.method,
          url: pseudonymousUrl(req.url, key),
        }),
      },
    },
  };
}

/** Maps Fastify's own errors onto the registry; anything unknown is a 500 that discloses nothing. */
function toErrorBody(
  error: FastifyError,
  request: { readonly id: string; readonly headers: Readonly<Record<string, unknown>> },
  bodyLimit: number,
): { status: number; body: ErrorBody; bug: boolean } {
  const sentType = JSON.stringify(String(request.headers['content-type'] ?? '(none)').slice(0, 60));
  if (error instanceof AssentHttpError) return { status: error.statusCode, body: error.toBody(), bug: false };
  const known = ((): AssentHttpError | undefined => {
    if (error.validation) {
      const issues = error.validation.map((issue) => ({
        path: `${error.validationContext ?? 'request'}${issue.instancePath || ''}`,
        message: issue.message ?? 'is not valid',
      }));
      const summary = issues
        .slice(0, 3)
        .map((i) => `${i.path} ${i.message}`)
        .join('; ');
      return httpError('ASSENT_ERR_REQ_VALIDATION', { summary }, issues);
    }
    switch (error.code) {
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return httpError('ASSENT_ERR_REQ_TOO_LARGE', { limit: bodyLimit });
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
        return httpError('ASSENT_ERR_REQ_MEDIA_TYPE', { type: sentType });
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
        return httpError('ASSENT_ERR_REQ_JSON');
      case 'FST_CSRF_MISSING_SECRET':
      case 'FST_CSRF_INVALID_TOKEN':
        return httpError('ASSENT_ERR_REQ_CSRF');
      default:
        break;
    }
    if (error instanceof SyntaxError || error.name === 'SyntaxError') return httpError('ASSENT_ERR_REQ_JSON');
    if (error.statusCode === 413) return httpError('ASSENT_ERR_REQ_TOO_LARGE', { limit: bodyLimit });
    if (error.statusCode === 415) return httpError('ASSENT_ERR_REQ_MEDIA_TYPE', { type: sentType });
    if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
      return httpError('ASSENT_ERR_REQ_VALIDATION', { summary: 'the request is malformed' }, [
        { path: 'request', message: error.code ?? 'malformed' },
      ]);
    }
    return undefined;
  })();
  if (known) return { status: known.statusCode, body: known.toBody(), bug: false };
  const internal = httpError('ASSENT_ERR_SERVER_INTERNAL', { requestId: request.id });
  return { status: 500, body: internal.toBody(), bug: true };
}

/**
 * Builds the Assent HTTP application. Nothing listens yet; call `app.listen` or use `startServer`.
 *
 * @example const app = await createApp({ store, mode: 'production', jwks: { url: 'https://idp/jwks.json' } })
 */
export async function createApp(deps: AppDeps): Promise<FastifyInstance> {
  const secret = deps.sessionSecret ?? randomBytes(32).toString('hex');
  const pseudonymKey = createHmac('sha256', secret).update('log-pseudonyms').digest();
  const bodyLimit = deps.bodyLimit ?? 256 * 1024;
  const parsedPolicy = deps.policy ?? loadPresetSync(DEFAULT_PRESET);
  const policy = adaptPolicy(parsedPolicy);
  const snapshot =
    deps.snapshot === false
      ? undefined
      : deps.snapshot instanceof ConsentSnapshot
        ? deps.snapshot
        : new ConsentSnapshot({
            store: deps.store,
            ...deps.snapshot,
            onError: (error) => app.log.warn({ err: error }, 'consent snapshot not loaded; checks read the store'),
          });
  // Grouped changes are recorded by the consent ledger module on the group's transaction (the same rules and audit
  // entries as `ledger.record`).
  const writer =
    deps.groupCommit === false
      ? undefined
      : createConsentWriter({
          store: deps.store,
          recordOn: (tx, changes) => createConsentLedger(tx).recordMany(changes),
          ...(deps.groupCommit?.maxBatch !== undefined ? { maxBatch: deps.groupCommit.maxBatch } : {}),
          onCommitted: (tokens, events) => {
            if (tokens) snapshot?.applyOwnWrite(tokens.before, tokens.after, events);
          },
          ...(snapshot
            ? { onGroup: { started: () => snapshot.ownWriteStarted(), settled: () => snapshot.ownWriteSettled() } }
            : {}),
        });
  const ledger = adaptLedger(
    deps.ledger ?? createConsentLedger(deps.store),
    (event) => onConsentRecorded(deps.store, event, parsedPolicy),
    writer?.record,
  );
  const audit = deps.audit ?? adaptAudit(deps.store);
  const builds =
    deps.builds === false
      ? undefined
      : (deps.builds ??
        createBuildRunner({
          store: deps.store,
          policy: parsedPolicy,
          buildsDir: deps.buildsDir ?? join(process.env.ASSENT_DATA_DIR ?? './assent-data', 'builds'),
          onFailure: (buildId, error) => app.log.error({ buildId, err: error }, 'build failed'),
        }));
  const app = Fastify({
    ...loggerOptions(deps, pseudonymKey),
    bodyLimit,
    requestIdHeader: false,
    trustProxy: false,
    routerOptions: { maxParamLength: 200 },
    ajv: { customOptions: { allErrors: false, coerceTypes: false, removeAdditional: false } },
    frameworkErrors: (error, request, reply) => {
      const mapped =
        error.code === 'FST_ERR_BAD_URL' || error.code === 'FST_ERR_ASYNC_CONSTRAINT'
          ? httpError('ASSENT_ERR_REQ_BAD_URL')
          : toErrorBody(error, request, bodyLimit);
      const body = mapped instanceof AssentHttpError ? mapped.toBody() : mapped.body;
      const status = mapped instanceof AssentHttpError ? mapped.statusCode : mapped.status;
      (reply as FastifyReply).code(status).send(body);
    },
  });
  registerJsonBodyParser(app);
  // The JSON API takes JSON only: a form-encoded body is for the pages, which carry CSRF tokens.
  app.addHook('preValidation', async (request) => {
    if (!request.url.startsWith('/v1/') || request.body === undefined) return;
    const type = request.headers['content-type'] ?? '';
    if (!/^application\/json\s*(;|$)/i.test(type))
      throw httpError('ASSENT_ERR_REQ_MEDIA_TYPE', { type: JSON.stringify(type.slice(0, 60)) });
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const { status, body, bug } = toErrorBody(error, request, bodyLimit);
    if (bug) request.log.error({ err: error }, 'unhandled error');
    if (
      !request.url.startsWith('/v1/') &&
      !request.url.startsWith('/docs') &&
      request.headers.accept?.includes('text/html')
    ) {
      return reply.code(status).type('text/html; charset=utf-8').send(pagesErrorHtml(status, body));
    }
    return reply.code(status).send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    const error = httpError('ASSENT_ERR_REQ_NOT_FOUND', {
      method: request.method,
      url: request.url.split('?')[0]?.slice(0, 100) ?? '',
    });
    const accept = request.headers.accept ?? '';
    if (!request.url.startsWith('/v1/') && accept.includes('text/html')) {
      return reply.code(404).type('text/html; charset=utf-8').send(pagesErrorHtml(404, error.toBody()));
    }
    return reply.code(404).send(error.toBody());
  });

  await app.register(fastifyCookie, { secret });
  await app.register(fastifyFormbody, { bodyLimit: 16 * 1024 });
  await app.register(fastifyCsrf, {
    sessionPlugin: '@fastify/cookie',
    cookieOpts: { signed: true, httpOnly: true, sameSite: 'strict', path: '/' },
  });
  registerSecurityHeaders(app, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  const limits = deps.rateLimit === undefined ? DEFAULT_RATE_LIMIT : deps.rateLimit;
  const verifyToken = createTokenVerifier(deps.store);
  /** The configured override for the API token in an Authorization header, if any. */
  const tokenOverride = async (header: string | undefined): Promise<number | false | undefined> => {
    const perToken = limits === false ? undefined : limits.perToken;
    const secret = header?.match(/^Bearer\s+(assent_\S+)$/i)?.[1];
    if (!perToken || !secret) return undefined;
    const token = await verifyToken(secret);
    if (!token || token.revokedAt !== null) return undefined;
    return perToken[token.id] ?? perToken[token.name];
  };
  if (limits !== false) {
    await app.register(fastifyRateLimit, {
      global: true,
      timeWindow: limits.timeWindowMs,
      keyGenerator: (request) => {
        const header = request.headers.authorization;
        return header
          ? `auth:${createHmac('sha256', pseudonymKey).update(header).digest('hex').slice(0, 24)}`
          : `ip:${request.ip}`;
      },
      max: async (request, key) => {
        if (!key.startsWith('auth:')) return limits.max;
        const override = await tokenOverride(request.headers.authorization);
        if (typeof override === 'number') return override;
        return typeof limits.tokenMax === 'number' ? limits.tokenMax : limits.max;
      },
      allowList: async (request, key) => {
        if (!key.startsWith('auth:')) return false;
        if (limits.tokenMax === false) return true;
        return (await tokenOverride(request.headers.authorization)) === false;
      },
      errorResponseBuilder: (_request, context) => httpError('ASSENT_ERR_REQ_RATE_LIMIT', { after: context.after }),
    });
  }

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Assent API',
        version: '1',
        description:
          'Decides which member data may train AI models. Errors are `{code, message, details}` with codes from one registry.',
      },
      components: {
        securitySchemes: {
          bearer: {
            type: 'http',
            scheme: 'bearer',
            description: 'An Assent API token (assent_...) or a platform session JWT.',
          },
          session: { type: 'apiKey', in: 'cookie', name: 'assent_session' },
        },
      },
    },
    hideUntagged: true,
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: '/docs',
    staticCSP: true,
    transformStaticCSP: (header) => header,
  });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const auth = createAuthenticator({ store: deps.store, demoMode: deps.mode === 'demo', jwks: deps.jwks });
  const members = createMemberService({
    store: deps.store,
    policy,
    ledger,
    ...(deps.now ? { now: deps.now } : {}),
    ...(snapshot ? { snapshot } : {}),
  });
  const dashboard = createDashboardService({ store: deps.store, policy, ledger, audit });

  const csrfForCookies: preHandlerHookHandler = (request, reply, done) => {
    auth.principalOf(request).then(
      (principal) => {
        if (principal?.cookieBased) app.csrfProtection(request, reply, done);
        else done();
      },
      (error: Error) => done(error),
    );
  };

  registerStaticAssets(app);
  await registerApiRoutes(app, {
    store: deps.store,
    policy,
    members,
    auth,
    builds: builds,
    audit,
    dashboard,
    csrfForCookies,
  });
  // Page forms always need a CSRF token, whatever the credential: they exist for browsers.
  await registerPages(app, {
    store: deps.store,
    policy,
    members,
    auth,
    mode: deps.mode,
    builds: builds,
    csrf: app.csrfProtection,
    platformName:
      deps.platformName ?? process.env.ASSENT_PLATFORM_NAME ?? (deps.mode === 'demo' ? 'Demo Network' : 'the platform'),
  });
  app.get('/healthz', { schema: { hide: true } }, async () => ({ ok: true }));
  // Let builds started over HTTP finish before the store behind them closes (a killed build stays resumable).
  app.addHook('onClose', async () => {
    await builds?.drain?.(60_000);
    await writer?.drain();
    await snapshot?.close();
  });
  snapshot?.refresh();
  return app;
}

function pagesErrorHtml(status: number, body: ErrorBody): string {
  return renderErrorPage(status, body);
}

/**
 * Builds the app and listens. Resolves with its URL and a `close` that stops accepting requests and waits for
 * open ones.
 */
export async function startServer(
  options: AppDeps & { readonly port?: number; readonly host?: string },
): Promise<{ readonly url: string; readonly app: FastifyInstance; close(): Promise<void> }> {
  const app = await createApp(options);
  const host = options.host ?? '127.0.0.1';
  await app.listen({ port: options.port ?? 4700, host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? 4700);
  const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  return { url: `http://${shownHost}:${port}`, app, close: () => app.close() };
}
