// Who is calling: an API token (scopes), a member (platform JWT or demo session), or an administrator session.
// Routes ask capability questions (`canReadMember`, `requireScope`), never which kind of credential was used.

import type { FastifyReply, FastifyRequest } from 'fastify';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import type { Store, TokenScope } from '../store/store.js';
import { TOKEN_SCOPES } from '../store/store.js';
import { httpError } from './errors.js';
import { createTokenVerifier, TOKEN_PREFIX } from './tokens.js';

export interface Principal {
  /** A stable label for audit records: `token:<id>`, `member:<id>`, `admin:demo`. */
  readonly actor: string;
  /** The member this principal is, when it is one. */
  readonly memberId: string | null;
  readonly scopes: ReadonlySet<TokenScope>;
  /** True when the credential came from a cookie: state changes then need a CSRF token. */
  readonly cookieBased: boolean;
}

export interface JwksOptions {
  readonly url: string;
  readonly issuer?: string;
  readonly audience?: string;
}

export const SESSION_COOKIE = 'assent_session';

const ALL_SCOPES: ReadonlySet<TokenScope> = Object.freeze(new Set(TOKEN_SCOPES));
const NO_SCOPES: ReadonlySet<TokenScope> = Object.freeze(new Set<TokenScope>());

/** True when the principal holds `scope`; `admin` holds every scope. */
export function hasScope(principal: Principal, scope: TokenScope): boolean {
  return principal.scopes.has(scope) || principal.scopes.has('admin');
}

/** Throws ASSENT_ERR_AUTH_SCOPE unless the principal holds `scope`. */
export function requireScope(principal: Principal, scope: TokenScope): void {
  if (!hasScope(principal, scope)) throw httpError('ASSENT_ERR_AUTH_SCOPE', { scope });
}

/** A member sees their own records; services with `read` see everyone's. */
export function canReadMember(principal: Principal, memberId: string): boolean {
  return principal.memberId === memberId || hasScope(principal, 'read');
}

/** A member changes their own consent; services need `write_consent`. */
export function canWriteConsent(principal: Principal, memberId: string): boolean {
  return principal.memberId === memberId || hasScope(principal, 'write_consent');
}

/** Throws ASSENT_ERR_AUTH_FORBIDDEN when the principal may not read (or write) this member's records. */
export function requireMemberAccess(principal: Principal, memberId: string, write: boolean): void {
  const ok = write ? canWriteConsent(principal, memberId) : canReadMember(principal, memberId);
  if (!ok) throw httpError('ASSENT_ERR_AUTH_FORBIDDEN', { resource: 'this member’s records' });
}

/** What a signed session cookie holds. */
export type SessionValue =
  | { readonly kind: 'member'; readonly memberId: string }
  | { readonly kind: 'demo_admin' }
  | { readonly kind: 'token'; readonly secretHash: string };

/** The cookie value of a session (signed by @fastify/cookie before it is set). */
export function encodeSession(value: SessionValue): string {
  switch (value.kind) {
    case 'member':
      return `m:${value.memberId}`;
    case 'demo_admin':
      return 'a:demo';
    case 'token':
      return `t:${value.secretHash}`;
  }
}

/** Parses a session cookie value; anything malformed is undefined (the caller answers 401). */
export function decodeSession(raw: string): SessionValue | undefined {
  if (raw.startsWith('m:') && raw.length > 2) return { kind: 'member', memberId: raw.slice(2) };
  if (raw === 'a:demo') return { kind: 'demo_admin' };
  if (/^t:[0-9a-f]{64}$/.test(raw)) return { kind: 'token', secretHash: raw.slice(2) };
  return undefined;
}

export interface Authenticator {
  /** The principal of a request, or null when it carries no credential. Throws on a bad credential. */
  principalOf(request: FastifyRequest): Promise<Principal | null>;
  /** Like `principalOf`, but a missing credential is a 401. */
  require(request: FastifyRequest): Promise<Principal>;
  setSession(reply: FastifyReply, value: SessionValue): void;
  clearSession(reply: FastifyReply): void;
}

/**
 * Builds the authenticator. Demo sessions (`demo_admin`, any member) are honoured only when `demoMode` is true;
 * outside it only token-backed admin sessions and JWTs work.
 */
export function createAuthenticator(options: {
  readonly store: Store;
  readonly demoMode: boolean;
  readonly jwks?: JwksOptions | undefined;
  readonly tokenCacheMs?: number;
}): Authenticator {
  const verifyToken = createTokenVerifier(options.store, { ttlMs: options.tokenCacheMs ?? 5_000 });
  const jwks = options.jwks ? createRemoteJWKSet(new URL(options.jwks.url)) : undefined;
  const cache = new WeakMap<FastifyRequest, Principal | null>();

  async function fromTokenHash(secretOrHash: { secret: string } | { hash: string }): Promise<Principal> {
    const token =
      'secret' in secretOrHash
        ? await verifyToken(secretOrHash.secret)
        : await options.store.tokenBySecretHash(secretOrHash.hash);
    if (!token || token.revokedAt !== null)
      throw httpError('ASSENT_ERR_AUTH_INVALID', { reason: 'unknown or revoked token' });
    return {
      actor: `token:${token.id}`,
      memberId: null,
      scopes: new Set(token.scopes),
      cookieBased: 'hash' in secretOrHash,
    };
  }

  async function fromJwt(jwt: string): Promise<Principal> {
    if (!jwks) throw httpError('ASSENT_ERR_AUTH_INVALID', { reason: 'session tokens are not accepted by this server' });
    try {
      const verifyOptions: { issuer?: string; audience?: string } = {};
      if (options.jwks?.issuer) verifyOptions.issuer = options.jwks.issuer;
      if (options.jwks?.audience) verifyOptions.audience = options.jwks.audience;
      const { payload } = await jwtVerify(jwt, jwks, verifyOptions);
      if (typeof payload.sub !== 'string' || payload.sub === '') {
        throw httpError('ASSENT_ERR_AUTH_INVALID', { reason: 'the session token has no subject' });
      }
      return { actor: `member:${payload.sub}`, memberId: payload.sub, scopes: NO_SCOPES, cookieBased: false };
    } catch (error) {
      if (error instanceof Error && 'statusCode' in error) throw error;
      const reason = error instanceof Error && 'code' in error ? String(error.code) : 'verification failed';
      throw httpError('ASSENT_ERR_AUTH_INVALID', { reason: `session token rejected (${reason})` });
    }
  }

  async function resolve(request: FastifyRequest): Promise<Principal | null> {
    const header = request.headers.authorization;
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match?.[1])
        throw httpError('ASSENT_ERR_AUTH_INVALID', { reason: 'expected "Authorization: Bearer <token>"' });
      const credential = match[1];
      return credential.startsWith(TOKEN_PREFIX) ? fromTokenHash({ secret: credential }) : fromJwt(credential);
    }
    const raw = request.cookies[SESSION_COOKIE];
    if (raw === undefined) return null;
    const unsigned = request.unsignCookie(raw);
    const session = unsigned.valid && unsigned.value !== null ? decodeSession(unsigned.value) : undefined;
    if (!session) throw httpError('ASSENT_ERR_AUTH_INVALID', { reason: 'the session cookie is not valid' });
    switch (session.kind) {
      case 'token':
        return fromTokenHash({ hash: session.secretHash });
      case 'demo_admin':
        if (!options.demoMode)
          throw httpError('ASSENT_ERR_AUTH_INVALID', { reason: 'demo sessions end with demo mode' });
        return { actor: 'admin:demo', memberId: null, scopes: ALL_SCOPES, cookieBased: true };
      case 'member':
        if (!options.demoMode)
          throw httpError('ASSENT_ERR_AUTH_INVALID', { reason: 'demo sessions end with demo mode' });
        return {
          actor: `member:${session.memberId}`,
          memberId: session.memberId,
          scopes: NO_SCOPES,
          cookieBased: true,
        };
    }
  }

  return {
    async principalOf(request) {
      if (cache.has(request)) return cache.get(request) ?? null;
      const principal = await resolve(request);
      cache.set(request, principal);
      return principal;
    },
    async require(request) {
      const principal = await this.principalOf(request);
      if (!principal) throw httpError('ASSENT_ERR_AUTH_MISSING');
      return principal;
    },
    setSession(reply, value) {
      reply.setCookie(SESSION_COOKIE, encodeSession(value), {
        signed: true,
        httpOnly: true,
        sameSite: 'lax',
        path: '/',
        secure: 'auto',
        maxAge: 8 * 3600,
      });
    },
    clearSession(reply) {
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
    },
  };
}
