// Consent events and states. Statuses are W3C Data Privacy Vocabulary (DPV) consent statuses.

export const CONSENT_STATUSES = [
  'ConsentGiven',
  'ConsentWithdrawn',
  'ConsentRefused',
  'ConsentRequested',
  'ConsentExpired',
  'ConsentInvalidated',
  'ConsentUnknown',
] as const;
export type ConsentStatus = (typeof CONSENT_STATUSES)[number];

/** The short words users type (`--status given`) and their DPV status. */
export const STATUS_ALIASES: Readonly<Record<string, ConsentStatus>> = Object.freeze({
  given: 'ConsentGiven',
  withdrawn: 'ConsentWithdrawn',
  refused: 'ConsentRefused',
  requested: 'ConsentRequested',
  expired: 'ConsentExpired',
  invalidated: 'ConsentInvalidated',
  unknown: 'ConsentUnknown',
});

/** Only ConsentGiven permits use; every other status means "not permitted". */
export function permits(status: ConsentStatus): boolean {
  return status === 'ConsentGiven';
}

export const CONSENT_METHODS = ['toggle', 'api', 'import', 'gpc', 'objection_form', 'admin'] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];

/** What a caller asks the ledger to record. */
export interface ConsentEventInput {
  readonly memberId: string;
  readonly purpose: string;
  readonly status: ConsentStatus;
  readonly method: ConsentMethod;
  /** ISO timestamp from which the choice holds; defaults to the recording time. */
  readonly validFrom?: string;
  readonly noticeVersion?: string | null;
  /** Jurisdiction at the time of the choice (defaults to the member's current country). */
  readonly jurisdiction?: string | null;
  readonly actor?: string;
  /** Idempotency key: the same key and payload returns the same event; a different payload is an error. */
  readonly requestId?: string | null;
  /** The id of an earlier event this one corrects; the earlier event no longer counts once this one is known. */
  readonly supersedes?: string | null;
}

/** An event as stored: append-only, never updated. */
export interface ConsentEvent {
  readonly id: string;
  /** Monotonic sequence number in the ledger. */
  readonly seq: number;
  readonly memberId: string;
  readonly purpose: string;
  readonly status: ConsentStatus;
  readonly method: ConsentMethod;
  readonly noticeVersion: string | null;
  readonly jurisdiction: string | null;
  /** Valid time: from when the choice holds. */
  readonly validFrom: string;
  /** System time: when Assent learned of it. */
  readonly recordedAt: string;
  readonly actor: string;
  readonly requestId: string | null;
  readonly supersedes: string | null;
}

/** A member's state for a purpose at valid time T as known at system time S. */
export interface ConsentState {
  readonly memberId: string;
  readonly purpose: string;
  readonly status: ConsentStatus;
  /** `explicit`: from a recorded event; `default`: from the policy's mechanism because no event applies. */
  readonly source: 'explicit' | 'default';
  /** The event that decides the state, when explicit. */
  readonly event: ConsentEvent | null;
  readonly asOf: string;
  readonly knownAt: string;
}
