// What a build needs from a policy, as a narrow seam: member-level decisions (run once per member in the main
// thread) and serializable item rules and redaction settings (sent to workers). `rulesPolicy` implements it from
// plain rules; an adapter over src/policy's compiled policy implements the same interface.

import {
  type ConsentEvent,
  type ConsentStatus,
  type ContentItem,
  type DecisionReason,
  type Member,
  parseJurisdiction,
  permits,
  purposeLineage,
  reservesTraining,
} from '../domain/index.js';
import { DEFAULT_REDACTION, type RedactionSettings } from './redaction.js';

/** Serializable per-item rules, applied in workers after the member-level decision. */
export interface ItemRules {
  readonly kinds: readonly string[];
  readonly visibilities: readonly string[];
  /** Content-level reservations (aipref, TDMRep) exclude the item; default true. */
  readonly honorReservations?: boolean;
}

export interface BuildPolicy {
  readonly name: string;
  /** The version in force at the build's as-of time, or null (every item is then `no_policy`). */
  readonly versionId: string | null;
  readonly sha256: string;
  /** Member-level reason for the purpose at `asOf` with the events known at `knownAt`, or null when allowed. */
  memberReason(member: Member, events: readonly ConsentEvent[]): DecisionReason | null;
  readonly itemRules: ItemRules;
  readonly redaction: RedactionSettings;
  /** Records carry a per-build pseudonymous author key. */
  readonly authorKey: boolean;
  /** A withdrawal recorded before publishing excludes the member (default true). */
  readonly strictWithdrawals: boolean;
  readonly onWithdrawal: 'forward_only' | 'flag_models';
  /** Jurisdiction facts for the dataset card and Croissant extension. */
  readonly jurisdictions: Readonly<Record<string, string>>;
}

/** Item-level reason (kind, visibility, deletion, the content's own signals), or null when allowed. */
export function itemReason(rules: ItemRules, item: ContentItem): DecisionReason | null {
  if (!rules.kinds.includes(item.kind)) return 'kind_excluded';
  if (!rules.visibilities.includes(item.visibility)) return 'visibility_excluded';
  if (item.deleted) return 'content_deleted';
  if (rules.honorReservations !== false && reservesTraining(item.signals)) return 'content_signal';
  return null;
}

/**
 * The consent status valid at `asOf` as known at `knownAt`: the latest event (by valid time, then seq) for the
 * purpose or one of its ancestors, ignoring events recorded later and events superseded by a known correction.
 */
export function consentStatusAt(
  events: readonly ConsentEvent[],
  purpose: string,
  asOf: string,
  knownAt: string,
): ConsentStatus | null {
  return decidingEvent(events, purpose, asOf, knownAt)?.status ?? null;
}

/** The event that decides the consent state (see `consentStatusAt`), or null when none applies. */
export function decidingEvent(
  events: readonly ConsentEvent[],
  purpose: string,
  asOf: string,
  knownAt: string,
): ConsentEvent | null {
  const purposes = new Set(purposeLineage(purpose));
  if (purposes.size === 0) purposes.add(purpose);
  const known = events.filter((e) => purposes.has(e.purpose) && e.recordedAt <= knownAt);
  const superseded = new Set(known.map((e) => e.supersedes).filter((id): id is string => id !== null));
  let best: ConsentEvent | null = null;
  for (const event of known) {
    if (superseded.has(event.id) || event.validFrom > asOf) continue;
    if (!best || event.validFrom > best.validFrom || (event.validFrom === best.validFrom && event.seq > best.seq)) {
      best = event;
    }
  }
  return best;
}

/** Plain rules for a build policy (used by tests and until src/policy supplies its compiled form). */
export interface PolicyRules {
  readonly name: string;
  readonly versionId: string;
  readonly purpose: string;
  readonly asOf: string;
  readonly knownAt: string;
  readonly excludedCountries: readonly string[];
  readonly optInCountries: readonly string[];
  readonly minimumAge: number;
  readonly kinds: readonly string[];
  readonly visibilities: readonly string[];
  readonly redaction?: RedactionSettings;
  readonly authorKey?: boolean;
  readonly strictWithdrawals?: boolean;
  readonly onWithdrawal?: 'forward_only' | 'flag_models';
}

/** The member's age in whole years on `at` (the build's as-of time, parsed once per policy). */
function ageAt(member: Member, at: Date): number | null {
  if (member.birthDate) {
    const birth = new Date(`${member.birthDate}T00:00:00Z`);
    if (Number.isNaN(birth.getTime())) return null;
    let age = at.getUTCFullYear() - birth.getUTCFullYear();
    const before =
      at.getUTCMonth() < birth.getUTCMonth() ||
      (at.getUTCMonth() === birth.getUTCMonth() && at.getUTCDate() < birth.getUTCDate());
    if (before) age--;
    return age;
  }
  // With only a year, assume the youngest possible age (fail closed).
  if (member.birthYear !== null) return at.getUTCFullYear() - member.birthYear - 1;
  return null;
}

/** A BuildPolicy from plain rules, in the fixed reason order of DECISION_REASONS. */
export function rulesPolicy(rules: PolicyRules, sha256: string): BuildPolicy {
  const excluded = new Set(rules.excludedCountries);
  const optIn = new Set(rules.optInCountries);
  const asOf = new Date(rules.asOf);
  return {
    name: rules.name,
    versionId: rules.versionId,
    sha256,
    itemRules: { kinds: rules.kinds, visibilities: rules.visibilities },
    redaction: rules.redaction ?? DEFAULT_REDACTION,
    authorKey: rules.authorKey ?? false,
    strictWithdrawals: rules.strictWithdrawals ?? true,
    onWithdrawal: rules.onWithdrawal ?? 'forward_only',
    jurisdictions: {
      excluded: rules.excludedCountries.join(' ') || 'none',
      opt_in: rules.optInCountries.join(' ') || 'none',
      opt_out: 'all other countries',
    },
    memberReason(member, events) {
      if (member.accountState === 'deleted') return 'account_deleted';
      if (member.accountState === 'deactivated') return 'account_deactivated';
      const jurisdiction = parseJurisdiction(member.country);
      if (!jurisdiction) return 'unknown_jurisdiction';
      if (excluded.has(jurisdiction.country) || (jurisdiction.subdivision && excluded.has(jurisdiction.subdivision))) {
        return 'jurisdiction_excluded';
      }
      if (member.ageSignals.selfDeclaredMinor || member.ageSignals.inSecondaryEducation) return 'minor';
      const age = ageAt(member, asOf);
      if (age !== null && age < rules.minimumAge) return 'minor';
      const status = consentStatusAt(events, rules.purpose, rules.asOf, rules.knownAt);
      const isOptIn = optIn.has(jurisdiction.country);
      if (status === null) return isOptIn ? 'no_consent' : null;
      if (permits(status)) return null;
      return isOptIn && status !== 'ConsentWithdrawn' && status !== 'ConsentRefused' ? 'no_consent' : 'opted_out';
    },
  };
}
