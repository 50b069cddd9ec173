// Builds the server's ports from the real modules: a parsed policy (src/policy) and the audit chain (src/audit).
// The ledger adapter lives beside them once src/consent is wired; routes only ever see the ports.

import { appendAudit, verifyAudit } from '../audit/index.js';
import type { ConsentState, Member } from '../domain/index.js';
import {
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
import type { AuditPort, PolicyPort } from './ports.js';

function consentInput(state: ConsentState) {
  return state.event
    ? { status: state.status, source: state.source, method: state.event.method }
    : { status: state.status, source: state.source };
}

/** The server's view of a parsed policy; decisions go through the policy module's own evaluation. */
export function adaptPolicy(policy: Policy): PolicyPort {
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
          : `Head ${result.head ?? '(empty log)'}`,
      };
    },
    async append(entry) {
      await appendAudit(store, { ...entry, at: new Date().toISOString() });
    },
  };
}
