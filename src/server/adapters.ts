// Builds the server's ports from the real modules: a parsed policy (src/policy), the consent ledger (src/consent)
// and the audit chain (src/audit). Routes and pages only ever see the ports.

import { appendAudit, verifyAudit } from '../audit/index.js';
import { type ConsentLedger, isConsentError, resolveState } from '../consent/index.js';
import type { ConsentEvent, ConsentState, Member } from '../domain/index.js';
import {
  CONSENT_CODES,
  compilePolicy,
  decideMember,
  decideMemberFast,
  defaultStatus,
  gpcIsWithdrawal,
  noticeFor,
  type Policy,
  packConsent,
  packMember,
  reasonOfCode,
  versionAt,
  withdrawalEffect,
} from '../policy/index.js';
import type { Store } from '../store/store.js';
import { httpError } from './errors.js';
import type { AuditPort, LedgerPort, PolicyPort } from './ports.js';

function consentInput(state: ConsentState) {
  return state.event
    ? { status: state.status, source: state.source, method: state.event.method }
    : { status: state.status, source: state.source };
}

/** The server's view of a parsed policy; decisions go through the policy module's own evaluation. */
export function adaptPolicy(policy: Policy): PolicyPort {
  // Compiled rules depend on the decision time only through the version in force and the UTC day (the age cutoff),
  // and defaults only through the version: times with the same key decide alike.
  const decisionKey = (purpose: string, at: string): string | undefined => {
    const ms = Date.parse(at);
    if (Number.isNaN(ms)) return undefined;
    const version = versionAt(policy, at);
    const index = version ? policy.versions.indexOf(version) : -1;
    return `${index} ${new Date(ms).toISOString().slice(0, 10)} ${purpose}`;
  };
  // Batch checks compile rules per request; a handful of (purpose, version, day) combinations cover nearly all.
  const compiled = new Map<string, ReturnType<typeof compilePolicy>>();
  const compiledRules = (purpose: string, at: string) => {
    const key = decisionKey(purpose, at);
    const hit = key === undefined ? undefined : compiled.get(key);
    if (hit) return hit;
    const rules = compilePolicy(policy, purpose, at);
    if (key !== undefined) {
      if (compiled.size >= 64) compiled.clear();
      compiled.set(key, rules);
    }
    return rules;
  };
  return {
    name: policy.name,
    versionAt: (at) => versionAt(policy, at)?.id ?? null,
    document: () => policy,
    notice: (purpose, at) => noticeFor(policy, purpose, at),
    defaultStatus: (purpose, member, at) => defaultStatus(policy, purpose, member, at),
    decideMember: (member, state, purpose, at) =>
      decideMember({ policy, member, purpose, at, consent: consentInput(state) }),
    compileMemberDecider(purpose, at) {
      // The policy's allocation-free path: compiled once per request, then plain integer checks per member.
      const rules = compilePolicy(policy, purpose, at);
      return (member: Member | undefined, state: ConsentState) => {
        const packed = packMember(member);
        return reasonOfCode(
          decideMemberFast(rules, packed.country, packed.birth, packed.flags, packConsent(consentInput(state))),
        );
      };
    },
    compilePackedDecider(purpose, at) {
      const rules = compiledRules(purpose, at);
      return (member, state) =>
        reasonOfCode(
          decideMemberFast(
            rules,
            member.country,
            member.birth,
            member.flags,
            state ? packConsent(consentInput(state)) : CONSENT_CODES.none,
          ),
        );
    },
    decisionKey,
    gpcIsWithdrawal: (at) => gpcIsWithdrawal(policy, 'train_ai_system.generative', at),
    onWithdrawal: (at) => withdrawalEffect(policy, 'train_ai_system.generative', at),
  };
}

/** The audit chain: verification and appends for admin actions. */
export function adaptAudit(store: Store): AuditPort {
  return {
    async verify() {
      const result = await verifyAudit(store);
      return {
        ok: result.ok,
        entries: result.entries,
        firstBrokenSeq: result.firstBroken?.seq ?? null,
        detail: result.firstBroken
          ? `First broken link at entry ${result.firstBroken.seq}: ${result.firstBroken.reason}`
          : `Head ${result.head ? `${result.head.slice(0, 16)}…` : '(empty log)'}`,
      };
    },
    async append(entry) {
      await appendAudit(store, { ...entry, at: new Date().toISOString() });
    },
  };
}

/** Maps the ledger's typed errors onto the HTTP registry; anything else propagates as a bug. */
function ledgerError(error: unknown): unknown {
  if (!isConsentError(error)) return error;
  switch (error.code) {
    case 'ASSENT_ERR_CONSENT_IDEMPOTENCY_CONFLICT':
      return httpError('ASSENT_ERR_CONSENT_CONFLICT');
    case 'ASSENT_ERR_CONSENT_UNKNOWN_MEMBER':
      return httpError('ASSENT_ERR_MEMBER_NOT_FOUND', { memberId: String(error.details.memberId ?? '').slice(0, 80) });
    default:
      return httpError(
        'ASSENT_ERR_CONSENT_REJECTED',
        { reason: error.message.slice(0, 200) },
        { ledgerCode: error.code },
      );
  }
}

/**
 * The consent ledger as the server's port; the batch path reuses the ledger's pure `resolveState`. With `record`,
 * changes go through it (the group-commit writer) instead of `ledger.record`.
 */
export function adaptLedger(
  ledger: ConsentLedger,
  afterRecord?: (event: ConsentEvent) => Promise<unknown>,
  record?: ConsentLedger['record'],
): LedgerPort {
  const write = record ?? ((input, actor) => ledger.record(input, actor));
  return {
    async record(input, actor) {
      let result: Awaited<ReturnType<ConsentLedger['record']>>;
      try {
        result = await write(input, actor);
      } catch (error) {
        throw ledgerError(error);
      }
      // The policy's withdrawal effect (flag_models) runs once per new event, never for an idempotent repeat.
      if (result.created && afterRecord) await afterRecord(result.event);
      return result;
    },
    async stateAsOf(memberId, purpose, options) {
      try {
        return await ledger.stateAsOf(memberId, purpose, options);
      } catch (error) {
        throw ledgerError(error);
      }
    },
    history: (memberId) => ledger.history(memberId),
    resolve: (events, query) =>
      resolveState(events, query.purpose, query.asOf, query.knownAt, query.defaultStatus, query.memberId),
  };
}
