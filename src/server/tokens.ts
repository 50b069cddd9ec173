// API tokens for administrators and platform services: a random secret shown once, stored only as its sha256.

import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { ApiTokenRecord, Store, TokenScope } from '../store/store.js';
import { TOKEN_SCOPES } from '../store/store.js';

/** Every secret starts with this prefix so it can be told from a platform JWT and found by secret scanners. */
export const TOKEN_PREFIX = 'assent_';

/** sha256 (hex) of a token secret: what the store keeps. */
export function hashTokenSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** True for one of the four token scopes. */
export function isTokenScope(value: unknown): value is TokenScope {
  return typeof value === 'string' && (TOKEN_SCOPES as readonly string[]).includes(value);
}

export interface CreatedToken {
  /** The secret, shown once; the store cannot give it back. */
  readonly secret: string;
  readonly record: ApiTokenRecord;
}

/**
 * Creates an API token with the given scopes and stores its hash.
 *
 * @example const { secret } = await createApiToken(store, { name: 'ci', scopes: ['read'] })
 */
export async function createApiToken(
  store: Store,
  options: { readonly name: string; readonly scopes: readonly TokenScope[]; readonly now?: Date },
): Promise<CreatedToken> {
  const secret = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  const record: ApiTokenRecord = {
    id: `tok_${randomUUID()}`,
    name: options.name,
    secretHash: hashTokenSecret(secret),
    scopes: [...new Set(options.scopes)],
    createdAt: (options.now ?? new Date()).toISOString(),
    revokedAt: null,
  };
  await store.createToken(record);
  return { secret, record };
}

/**
 * Looks tokens up by secret with a short-lived cache, so a busy platform service does not cost one query per
 * request. A revocation takes effect within `ttlMs`.
 */
export function createTokenVerifier(
  store: Store,
  options: { readonly ttlMs?: number; readonly maxEntries?: number } = {},
) {
  const ttlMs = options.ttlMs ?? 5_000;
  const maxEntries = options.maxEntries ?? 10_000;
  const cache = new Map<string, { readonly token: ApiTokenRecord | undefined; readonly until: number }>();
  return async function verifyToken(secret: string): Promise<ApiTokenRecord | undefined> {
    const hash = hashTokenSecret(secret);
    const now = Date.now();
    const hit = cache.get(hash);
    if (hit && hit.until > now) return hit.token;
    const token = await store.tokenBySecretHash(hash);
    if (cache.size >= maxEntries) cache.clear();
    cache.set(hash, { token, until: now + ttlMs });
    return token;
  };
}
