// The one registry of HTTP error codes: every failure the API reports has a code here, a message template and a
// status. `errors.md` documents each code; a test keeps the two in step.

/** One registered error: the HTTP status and a message template with `{name}` placeholders. */
export interface ErrorSpec {
  readonly status: number;
  readonly message: string;
}

export const ERRORS = Object.freeze({
  ASSENT_ERR_AUTH_MISSING: { status: 401, message: 'Authentication is required: send a bearer token or sign in.' },
  ASSENT_ERR_AUTH_INVALID: { status: 401, message: 'The credentials are not valid: {reason}.' },
  ASSENT_ERR_AUTH_FORBIDDEN: { status: 403, message: 'You may not access {resource}.' },
  ASSENT_ERR_AUTH_SCOPE: { status: 403, message: 'This credential lacks the scope {scope}.' },
  ASSENT_ERR_REQ_VALIDATION: { status: 400, message: 'The request is not valid: {summary}.' },
  ASSENT_ERR_REQ_JSON: { status: 400, message: 'The request body is not valid JSON.' },
  ASSENT_ERR_REQ_TOO_LARGE: { status: 413, message: 'The request body is larger than the limit of {limit} bytes.' },
  ASSENT_ERR_REQ_MEDIA_TYPE: { status: 415, message: 'The content type {type} is not supported.' },
  ASSENT_ERR_REQ_RATE_LIMIT: { status: 429, message: 'Too many requests: retry in {after}.' },
  ASSENT_ERR_REQ_CSRF: {
    status: 403,
    message: 'The form has expired or did not come from this site; reload and retry.',
  },
  ASSENT_ERR_REQ_NOT_FOUND: { status: 404, message: 'There is no route {method} {url}.' },
  ASSENT_ERR_REQ_BAD_URL: { status: 400, message: 'The URL is not valid (bad percent-encoding or too long).' },
  ASSENT_ERR_REQ_IDEMPOTENCY_KEY: {
    status: 400,
    message: 'An Idempotency-Key header (1 to 200 visible ASCII characters) is required.',
  },
  ASSENT_ERR_MEMBER_NOT_FOUND: { status: 404, message: 'Member {memberId} is not known.' },
  ASSENT_ERR_CONSENT_PURPOSE: { status: 400, message: 'Unknown purpose {purpose}; expected one of {expected}.' },
  ASSENT_ERR_CONSENT_DATE: { status: 400, message: 'The field {field} must be an ISO 8601 date-time; found {found}.' },
  ASSENT_ERR_CONSENT_CONFLICT: {
    status: 409,
    message: 'The Idempotency-Key was already used for a different request.',
  },
  ASSENT_ERR_CONSENT_NO_CHOICE: { status: 409, message: 'The purpose {purpose} offers no choice under the policy.' },
  ASSENT_ERR_CONSENT_REJECTED: { status: 422, message: 'The consent ledger rejected the change: {reason}.' },
  ASSENT_ERR_BUILD_NOT_FOUND: { status: 404, message: 'Build {buildId} is not known.' },
  ASSENT_ERR_BUILD_UNAVAILABLE: { status: 503, message: 'Builds cannot be started on this server: {reason}.' },
  ASSENT_ERR_BUILD_REJECTED: { status: 422, message: 'The build could not start: {reason}.' },
  ASSENT_ERR_POLICY_NONE: { status: 503, message: 'No policy version is in force at {at}.' },
  ASSENT_ERR_SERVER_INTERNAL: {
    status: 500,
    message: 'An internal error occurred; it has been logged with id {requestId}.',
  },
} satisfies Record<string, ErrorSpec>);

export type ErrorCode = keyof typeof ERRORS;

/** The JSON body of every error response. */
export interface ErrorBody {
  readonly code: ErrorCode;
  readonly message: string;
  readonly details: unknown;
}

/** Fills `{name}` placeholders; a missing parameter stays visible as `{name}` rather than failing. */
export function formatMessage(template: string, params: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

/** An error a route throws to answer with a registered code. Never carries personal data in its message. */
export class AssentHttpError extends Error {
  readonly code: ErrorCode;
  readonly statusCode: number;
  readonly details: unknown;

  constructor(code: ErrorCode, params: Readonly<Record<string, string | number>> = {}, details: unknown = null) {
    const spec: ErrorSpec = ERRORS[code];
    super(formatMessage(spec.message, params));
    this.name = 'AssentHttpError';
    this.code = code;
    this.statusCode = spec.status;
    this.details = details;
  }

  toBody(): ErrorBody {
    return { code: this.code, message: this.message, details: this.details };
  }
}

/**
 * Builds an error for a registered code.
 *
 * @example throw httpError('ASSENT_ERR_BUILD_NOT_FOUND', { buildId })
 */
export function httpError(
  code: ErrorCode,
  params: Readonly<Record<string, string | number>> = {},
  details: unknown = null,
): AssentHttpError {
  return new AssentHttpError(code, params, details);
}

/** The JSON schema of an error body, for OpenAPI responses. */
export const ERROR_BODY_SCHEMA = Object.freeze({
  type: 'object',
  required: ['code', 'message', 'details'],
  properties: {
    code: { type: 'string', enum: Object.keys(ERRORS) },
    message: { type: 'string' },
    details: {},
  },
});
