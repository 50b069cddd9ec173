// The server's public surface: build or start the HTTP application, the error registry, and API tokens.
export {
  type AppDeps,
  createApp,
  LOG_REDACT_PATHS,
  type RateLimitConfig,
  type ServerMode,
  startServer,
} from './app.js';
export type { JwksOptions, Principal } from './auth.js';
export { ERRORS, type ErrorBody, type ErrorCode } from './errors.js';
export type { AuditPort, BuildPort, BuildRequest, LedgerPort, PolicyPort } from './ports.js';
export { type CreatedToken, createApiToken, hashTokenSecret, TOKEN_PREFIX } from './tokens.js';
