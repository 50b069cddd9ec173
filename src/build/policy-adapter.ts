// Adapts a policy from src/policy to the build's narrow BuildPolicy seam: the version in force at the build's as-of
// time, member decisions through the policy's own evaluator, and the purpose's item, redaction and build settings.

import type { ConsentEvent, Member } from '../domain/index.js';
import { decideMember, groupCountries, type Policy, rulesFor, versionAt } from '../policy/index.js';
import { type BuildPolicy, decidingEvent } from './build-policy.js';
import { DEFAULT_REDACTION, type PolicyOperator, type RedactionSettings } from './redaction.js';

const FAR_FUTURE = '9999-12-31T23:59:59.999Z';

/**
 * The build view of `policy` for `purpose` at `asOf`. Consent events passed to `memberReason` must already be
 * limited to those recorded before the build began (the build filters by ledger sequence).
 */
export function buildPolicyFrom(policy: Policy, purpose: string, asOf: string, sha256: string): BuildPolicy {
  const version = versionAt(policy, asOf);
  const resolved = version ? rulesFor(version, purpose) : undefined;
  const rules = resolved?.rules;
  const redaction: RedactionSettings = rules
    ? {
        default: rules.redaction.default as PolicyOperator,
        types: rules.redaction.types as RedactionSettings['types'],
        minScore: rules.redaction.min_score,
      }
    : DEFAULT_REDACTION;
  const jurisdictions: Record<string, string> = {};
  if (rules) {
    for (const group of rules.jurisdictions.groups) {
      jurisdictions[group.name] = `${group.treatment}: ${groupCountries(group.countries).join(' ')}`;
    }
    jurisdictions.default = rules.jurisdictions.default_treatment;
    jurisdictions.unknown = 'excluded';
  }
  return {
    name: policy.name,
    versionId: rules && version ? version.id : null,
    sha256,
    itemRules: {
      kinds: rules?.content.kinds ?? [],
      visibilities: rules?.content.visibilities ?? [],
      honorReservations: rules?.signals.honor_content_reservations ?? true,
    },
    redaction,
    authorKey: rules?.build.author_key ?? false,
    strictWithdrawals: rules?.build.strict_withdrawals ?? true,
    onWithdrawal: rules?.on_withdrawal ?? 'forward_only',
    jurisdictions,
    memberReason(member: Member, events: readonly ConsentEvent[]) {
      const event = decidingEvent(events, purpose, asOf, FAR_FUTURE);
      const consent = event
        ? { status: event.status, source: 'explicit' as const, method: event.method }
        : { status: 'ConsentUnknown' as const, source: 'default' as const };
      return decideMember({ policy, member, purpose, at: asOf, consent }).reason;
    },
  };
}
