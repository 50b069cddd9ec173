// What the HTTP server needs from the rest of Assent, as small interfaces. `adapters.ts` builds them from the
// real policy, consent, build, lineage and audit modules, so routes and pages never reach into their internals.

import type {
  ConsentEvent,
  ConsentEventInput,
  ConsentState,
  ConsentStatus,
  Decision,
  Member,
  Notice,
} from '../domain/index.js';
import type { PackedMember } from '../policy/index.js';

/** The consent ledger as the server uses it. */
export interface LedgerPort {
  /** Records an event; idempotent by `requestId`. */
  record(input: ConsentEventInput, actor: string): Promise<{ readonly event: ConsentEvent; readonly created: boolean }>;
  stateAsOf(
    memberId: string,
    purpose: string,
    options: { readonly asOf: string; readonly knownAt?: string; readonly defaultStatus: ConsentStatus },
  ): Promise<ConsentState>;
  history(memberId: string): Promise<readonly ConsentEvent[]>;
  /** Pure: the state from a member's events (any order) without touching the store; used by batch checks. */
  resolve(
    events: readonly ConsentEvent[],
    query: {
      readonly memberId: string;
      readonly purpose: string;
      readonly asOf: string;
      readonly knownAt: string;
      readonly defaultStatus: ConsentStatus;
    },
  ): ConsentState;
}

/** How withdrawal treats data already used: forward only, or flag the models that hold it. */
export type WithdrawalEffect = 'forward_only' | 'flag_models' | string;

/** The policy as the server uses it: every answer is for a moment in time (effective dating). */
export interface PolicyPort {
  /** The policy's name, for display. */
  readonly name: string;
  /** The version in force at `at`, or null when none is. */
  versionAt(at: string): string | null;
  /** The whole policy as JSON-compatible data for `GET /v1/policy`. */
  document(): unknown;
  /** The notice shown for a purpose at `at`. */
  notice(purpose: string, at: string): Notice | undefined;
  /** What a member's state is when no event applies (opt-out: given; opt-in: refused ...). */
  defaultStatus(purpose: string, member: Member | undefined, at: string): ConsentStatus;
  /** The member-level decision given their consent state. */
  decideMember(member: Member | undefined, state: ConsentState, purpose: string, at: string): Decision;
  /**
   * Optional fast path for batch checks: compiled once for (purpose, at), then returns the first reason a member
   * is excluded, or null when allowed. Must agree with `decideMember`.
   */
  compileMemberDecider?(
    purpose: string,
    at: string,
  ): (member: Member | undefined, state: ConsentState) => string | null;
  /**
   * Optional faster path for batch checks over packed member facts (policy `packMember`); `state` undefined means
   * the policy default. Must agree with `decideMember`.
   */
  compilePackedDecider?(
    purpose: string,
    at: string,
  ): (member: PackedMember, state: ConsentState | undefined) => string | null;
  /**
   * Optional: a key such that two decision times with the same key (for `purpose`) get the same `defaultStatus`
   * and `decideMember` answers for every member and consent state (e.g. same policy version, same day). Lets batch
   * checks reuse a member's rendered result across requests; undefined when no such promise can be made.
   */
  decisionKey?(purpose: string, at: string): string | undefined;
  /** Whether a Global Privacy Control signal counts as a withdrawal at `at`. */
  gpcIsWithdrawal(at: string): boolean;
  onWithdrawal(at: string): WithdrawalEffect;
}

export interface BuildRequest {
  readonly purpose: string;
  /** ISO timestamp; the state valid then is used. */
  readonly asOf: string;
  readonly format?: 'parquet' | 'jsonl';
}

/** Starts builds that run in the background of this process. */
export interface BuildPort {
  /** Creates the build record and starts the work; resolves once the build is registered (not finished). */
  start(request: BuildRequest, actor: string): Promise<{ readonly id: string }>;
  /** Waits (at most `timeoutMs`) for builds still running, so shutting down does not cut them off mid-write. */
  drain?(timeoutMs: number): Promise<void>;
}

export interface AuditStatus {
  readonly ok: boolean;
  readonly entries: number;
  /** seq of the first broken link, when not ok. */
  readonly firstBrokenSeq: number | null;
  readonly detail: string;
}

export interface AuditPort {
  verify(): Promise<AuditStatus>;
  /** Appends an admin action to the chain (token creation, build start). */
  append(entry: {
    readonly actor: string;
    readonly action: string;
    readonly subject: string | null;
    readonly payload: Readonly<Record<string, unknown>>;
  }): Promise<void>;
}
