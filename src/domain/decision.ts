// Decisions: whether a member's item may be used for a purpose at a time, and if not, the first reason why.
// The order below is fixed and documented: evaluation stops at the first reason that applies, so the same inputs
// always give the same reason, and counts by reason add up to the number of items excluded.

export const DECISION_REASONS = [
  /** No policy version is in force at the time asked (before the first version's start). */
  'no_policy',
  /** The author is not in the member directory. */
  'unknown_member',
  'account_deleted',
  'account_deactivated',
  /** The member's country is missing or not an ISO 3166-1 code. */
  'unknown_jurisdiction',
  /** The member's jurisdiction is excluded by the policy version in force. */
  'jurisdiction_excluded',
  /** Under 18 at the time, or a minor signal (self-declared, in secondary education), or age unknown where required. */
  'minor',
  /** An opt-in regime and no consent given. */
  'no_consent',
  /** The member withdrew or refused (including a Global Privacy Control signal the policy counts). */
  'opted_out',
  /** The content kind is out of scope for the purpose under the policy. */
  'kind_excluded',
  /** The content's visibility is out of scope. */
  'visibility_excluded',
  /** The content was deleted by its author or the platform. */
  'content_deleted',
  /** The content carries its own reservation (aipref `train-ai=n`, TDMRep). */
  'content_signal',
] as const;
export type DecisionReason = (typeof DECISION_REASONS)[number];

/** The reasons that can apply to a member regardless of any particular item. */
export const MEMBER_REASONS: readonly DecisionReason[] = Object.freeze([
  'no_policy',
  'unknown_member',
  'account_deleted',
  'account_deactivated',
  'unknown_jurisdiction',
  'jurisdiction_excluded',
  'minor',
  'no_consent',
  'opted_out',
]);

export type Decision =
  | { readonly allowed: true; readonly reason: null; readonly policyVersion: string; readonly detail: string }
  | {
      readonly allowed: false;
      readonly reason: DecisionReason;
      /** The policy version in force, or null for `no_policy`. */
      readonly policyVersion: string | null;
      /** A sentence saying why, without personal data. */
      readonly detail: string;
    };

export function reasonRank(reason: DecisionReason): number {
  return DECISION_REASONS.indexOf(reason);
}
