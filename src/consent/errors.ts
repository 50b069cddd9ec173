// Typed errors of the consent ledger and the JSONL importers: one registry of codes, each a user mistake (the CLI
// exits 2, the API answers 4xx) or an internal failure. Messages never carry personal data, only ids and codes.

export type ErrorKind = 'user' | 'internal';

/** Every code this module throws, with whose fault it is and what it means. */
export const CONSENT_ERRORS = Object.freeze({
  ASSENT_ERR_CONSENT_UNKNOWN_MEMBER: {
    kind: 'user',
    description: 'The member id is not in the member directory; import the member first.',
  },
  ASSENT_ERR_CONSENT_IDEMPOTENCY_CONFLICT: {
    kind: 'user',
    description: 'The request id was already used for a different choice; use a new request id.',
  },
  ASSENT_ERR_CONSENT_INVALID_INPUT: {
    kind: 'user',
    description: 'A field of the consent choice is missing or malformed (purpose, status, method, timestamps).',
  },
  ASSENT_ERR_CONSENT_UNKNOWN_EVENT: {
    kind: 'user',
    description: 'The event named by `supersedes` does not exist or belongs to another member or purpose.',
  },
  ASSENT_ERR_IMPORT_UNREADABLE: {
    kind: 'user',
    description: 'The import file cannot be opened or read.',
  },
} as const satisfies Record<string, { kind: ErrorKind; description: string }>);

export type ConsentErrorCode = keyof typeof CONSENT_ERRORS;

/** An error with a stable code; `kind` tells the CLI and the server whose fault it is. */
export class ConsentError extends Error {
  readonly code: ConsentErrorCode;
  readonly kind: ErrorKind;
  /** Machine-readable detail, e.g. the field that failed (never personal data). */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: ConsentErrorCode, message: string, details: Readonly<Record<string, unknown>> = {}) {
    super(message);
    this.name = 'ConsentError';
    this.code = code;
    this.kind = CONSENT_ERRORS[code].kind;
    this.details = details;
  }
}

/** True for a ConsentError, optionally with this code. */
export function isConsentError(error: unknown, code?: ConsentErrorCode): error is ConsentError {
  return error instanceof ConsentError && (code === undefined || error.code === code);
}
