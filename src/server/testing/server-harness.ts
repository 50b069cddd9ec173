// A running Assent server for end-to-end suites: a seeded store, the real default policy, API tokens for every
// scope, and a local JWKS endpoint whose keys sign member session tokens, all over real HTTP on port 0.

import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import type { Store, TokenScope } from '../../store/store.js';
import { type AppDeps, createApp } from '../app.js';
import { createApiToken } from '../tokens.js';
import { seedStore } from './fixtures.js';

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
  readonly tokens: Readonly<Record<TokenScope, string>>;
  close(): Promise<void>;
}

/** Seeds `store`, builds the app with the real policy, ledger, builds and audit, and listens on a free port. */
export async function startTestServer(
  store: Store,
  options: Partial<Pick<AppDeps, 'mode' | 'jwks' | 'rateLimit' | 'logger' | 'bodyLimit' | 'logStream' | 'policy'>> & {
    readonly seed?: boolean;
  } = {},
): Promise<RunningServer> {
  if (options.seed !== false) await seedStore(store);
  const buildsDir = mkdtempSync(join(tmpdir(), 'assent-builds-'));
  const app = await createApp({
    store,
    buildsDir,
    mode: options.mode ?? 'production',
    logger: options.logger ?? false,
    rateLimit: options.rateLimit ?? false,
    ...(options.jwks ? { jwks: options.jwks } : {}),
    ...(options.bodyLimit ? { bodyLimit: options.bodyLimit } : {}),
    ...(options.logStream ? { logStream: options.logStream } : {}),
    ...(options.policy ? { policy: options.policy } : {}),
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
    tokens: tokens as Record<TokenScope, string>,
    async close() {
      await app.close();
      rmSync(buildsDir, { recursive: true, force: true });
    },
  };
}
