// A running Assent server for end-to-end suites: a seeded store, the real default policy, API tokens for every
// scope, and a local JWKS endpoint whose keys sign member session tokens, all over real HTTP on port 0.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import { DEFAULT_PRESET, loadPresetSync } from '../../policy/index.js';
import type { Store, TokenScope } from '../../store/store.js';
import { adaptAudit, adaptPolicy } from '../adapters.js';
import { type AppDeps, createApp } from '../app.js';
import { createStoreLedger } from '../fallback.js';
import { createMemberService } from '../member-service.js';
import type { LedgerPort, PolicyPort } from '../ports.js';
import { createApiToken } from '../tokens.js';
import { createTickingBuildRunner, seedStore } from './fixtures.js';

export const ISSUER = 'https://platform.test';
export const AUDIENCE = 'assent';

/** A JWKS served over HTTP from a fresh key pair, and a function to sign member tokens with it. */
export async function startJwks(): Promise<{
  readonly url: string;
  sign(sub: string, options?: { issuer?: string; expiresIn?: string | number; audience?: string }): Promise<string>;
  close(): Promise<void>;
}> {
  const { publicKey, privateKey } = await generateKeyPair('ES256');
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/jwks.json`,
    sign: (sub, options = {}) =>
      new SignJWT({})
        .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
        .setSubject(sub)
        .setIssuer(options.issuer ?? ISSUER)
        .setAudience(options.audience ?? AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(options.expiresIn ?? '10m')
        .sign(privateKey),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface RunningServer {
  readonly url: string;
  readonly app: FastifyInstance;
  readonly store: Store;
  readonly policy: PolicyPort;
  readonly ledger: LedgerPort;
  readonly tokens: Readonly<Record<TokenScope, string>>;
  close(): Promise<void>;
}

/** Seeds `store`, builds the app with real policy and audit, and listens on a free port. */
export async function startTestServer(
  store: Store,
  options: Partial<Pick<AppDeps, 'mode' | 'jwks' | 'rateLimit' | 'logger' | 'bodyLimit' | 'logStream'>> & {
    readonly seed?: boolean;
  } = {},
): Promise<RunningServer> {
  if (options.seed !== false) await seedStore(store);
  const policy = adaptPolicy(loadPresetSync(DEFAULT_PRESET));
  const ledger = createStoreLedger(store);
  const members = createMemberService({ store, policy, ledger });
  const builds = createTickingBuildRunner(store, async (ids, purpose, asOf) => {
    const result = await members.check(purpose, asOf, ids);
    return result.results.filter((r) => r.allowed).map((r) => r.member_id);
  });
  const app = await createApp({
    store,
    policy,
    ledger,
    builds,
    audit: adaptAudit(store),
    mode: options.mode ?? 'production',
    logger: options.logger ?? false,
    rateLimit: options.rateLimit ?? false,
    ...(options.jwks ? { jwks: options.jwks } : {}),
    ...(options.bodyLimit ? { bodyLimit: options.bodyLimit } : {}),
    ...(options.logStream ? { logStream: options.logStream } : {}),
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as AddressInfo).port;
  const tokens: Partial<Record<TokenScope, string>> = {};
  for (const scope of ['read', 'write_consent', 'build', 'admin'] as const) {
    tokens[scope] = (await createApiToken(store, { name: `test-${scope}`, scopes: [scope] })).secret;
  }
  return {
    url: `http://127.0.0.1:${port}`,
    app,
    store,
    policy,
    ledger,
    tokens: tokens as Record<TokenScope, string>,
    close: () => app.close(),
  };
}
