// The eligibility summary: how many members and content items may be used for a purpose at a time, and for those
// that may not, the first reason why. Streams the store in batches; the consent ledger is read once.

import { resolveState } from '../consent/index.js';
import { type ConsentEvent, DECISION_REASONS, type DecisionReason, type Member } from '../domain/index.js';
import { decideItem, decideMember, defaultStatus, type Policy } from '../policy/index.js';
import type { Store } from '../store/store.js';

export interface EligibilitySummary {
  readonly purpose: string;
  readonly at: string;
  readonly policyVersion: string | null;
  readonly members: {
    readonly total: number;
    readonly allowed: number;
    readonly byReason: Record<DecisionReason, number>;
  };
  readonly items: {
    readonly total: number;
    readonly allowed: number;
    readonly byReason: Record<DecisionReason, number>;
  };
}

const zeroCounts = (): Record<DecisionReason, number> =>
  Object.fromEntries(DECISION_REASONS.map((reason) => [reason, 0])) as Record<DecisionReason, number>;

/** Decides every member and every content item at `at`, counting by reason. */
export async function eligibilitySummary(
  store: Store,
  policy: Policy,
  purpose: string,
  at: string,
): Promise<EligibilitySummary> {
  const knownAt = new Date().toISOString();
  const eventsByMember = new Map<string, ConsentEvent[]>();
  for await (const batch of store.scanConsentEvents({ batchSize: 5000 })) {
    for (const event of batch) {
      const list = eventsByMember.get(event.memberId);
      if (list) list.push(event);
      else eventsByMember.set(event.memberId, [event]);
    }
  }
  const consentOf = (member: Member) => {
    const state = resolveState(
      eventsByMember.get(member.id) ?? [],
      purpose,
      at,
      knownAt,
      defaultStatus(policy, purpose, member, at),
    );
    return { status: state.status, source: state.source, ...(state.event ? { method: state.event.method } : {}) };
  };

  const members = { total: 0, allowed: 0, byReason: zeroCounts() };
  const directory = new Map<string, Member>();
  let policyVersion: string | null = null;
  for await (const batch of store.scanMembers({ batchSize: 5000 })) {
    for (const member of batch) {
      directory.set(member.id, member);
      const decision = decideMember({ policy, member, purpose, at, consent: consentOf(member) });
      policyVersion ??= decision.policyVersion;
      members.total += 1;
      if (decision.allowed) members.allowed += 1;
      else members.byReason[decision.reason] += 1;
    }
  }

  const items = { total: 0, allowed: 0, byReason: zeroCounts() };
  for await (const batch of store.scanContent({ batchSize: 5000 })) {
    for (const item of batch) {
      const member = directory.get(item.authorId);
      const decision = decideItem({
        policy,
        member,
        item,
        purpose,
        at,
        consent: member ? consentOf(member) : undefined,
      });
      items.total += 1;
      if (decision.allowed) items.allowed += 1;
      else items.byReason[decision.reason] += 1;
    }
  }
  return { purpose, at, policyVersion, members, items };
}
