// What the routes and pages ask of Assent, composed from the store and the ports: consent reads and changes,
// the batch check fast path, Global Privacy Control, transparency and export. Routes stay thin shells over this.

import {
  type ConsentEvent,
  type ConsentState,
  type ConsentStatus,
  type Decision,
  isPurpose,
  type Member,
  PURPOSES,
  permits,
  purposeLineage,
  STATUS_ALIASES,
} from '../domain/index.js';
import type { BuildRecord, ModelRecord, Store } from '../store/store.js';
import { idStrings, type RequestedIds } from './check-body.js';
import type { BatchCheckIndex } from './check-index.js';
import { type CheckAnswer, fragmentOf, renderCheckBytes, renderCheckFragments, renderCheckJson } from './check-json.js';
import { type SnapshotView, UNKNOWN_MEMBER } from './consent-snapshot.js';
import { httpError } from './errors.js';
import type { LedgerPort, PolicyPort } from './ports.js';

/** The generative purpose: the one the member setting governs and GPC applies to. */
export const GENERATIVE = 'train_ai_system.generative';
export const NON_GENERATIVE = 'train_ai_system.non_generative';

const SHORT_STATUS: Readonly<Record<string, string>> = Object.freeze(
  Object.fromEntries(Object.entries(STATUS_ALIASES).map(([short, dpv]) => [dpv, short])),
);

/** `ConsentGiven` → `given`, the word the API speaks. */
export function shortStatus(status: ConsentStatus): string {
  return SHORT_STATUS[status] ?? status;
}

/** Throws ASSENT_ERR_CONSENT_PURPOSE unless `purpose` is one Assent governs. */
export function assertPurpose(purpose: string): void {
  if (!isPurpose(purpose)) {
    throw httpError('ASSENT_ERR_CONSENT_PURPOSE', {
      purpose: JSON.stringify(String(purpose).slice(0, 80)),
      expected: PURPOSES.map((p) => p.key).join(', '),
    });
  }
}

/** Parses an ISO 8601 date-time (or date) strictly; anything else is a 400 naming the field. */
export function parseInstant(field: string, raw: string | undefined, fallback: Date): string {
  if (raw === undefined) return fallback.toISOString();
  const shaped = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/.test(raw);
  const time = shaped && realCalendarDate(raw) ? Date.parse(raw) : Number.NaN;
  if (Number.isNaN(time))
    throw httpError('ASSENT_ERR_CONSENT_DATE', { field, found: JSON.stringify(raw.slice(0, 40)) });
  return new Date(time).toISOString();
}

/** Rejects dates JavaScript would roll over, such as 2025-02-30 (read as 2 March). */
function realCalendarDate(raw: string): boolean {
  const [y, m, d] = raw.slice(0, 10).split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/**
 * The decision times (ms) around `asOfMs` in which `resolveState` sees the same events: it compares the decision
 * time only with valid-from times, and every event is known from `knownFrom` on. Undefined when an event is not yet
 * known at `knownAtMs` or a time does not parse.
 */
function stableWindow(
  events: readonly ConsentEvent[],
  asOfMs: number,
  knownAtMs: number,
): { from: number; until: number; knownFrom: number } | undefined {
  let from = Number.NEGATIVE_INFINITY;
  let until = Number.POSITIVE_INFINITY;
  let knownFrom = Number.NEGATIVE_INFINITY;
  for (const event of events) {
    const valid = Date.parse(event.validFrom);
    const recorded = Date.parse(event.recordedAt);
    if (Number.isNaN(valid) || Number.isNaN(recorded)) return undefined;
    if (valid <= asOfMs) from = Math.max(from, valid);
    else until = Math.min(until, valid);
    knownFrom = Math.max(knownFrom, recorded);
  }
  return knownFrom <= knownAtMs ? { from, until, knownFrom } : undefined;
}

export interface MemberConsentView {
  readonly memberId: string;
  readonly purpose: string;
  readonly state: ConsentState;
  readonly decision: Decision;
}

export interface CheckResult {
  readonly member_id: string;
  readonly allowed: boolean;
  readonly reason: string | null;
  readonly status: string;
  readonly source: 'explicit' | 'default';
}

export interface BuildHolding {
  readonly build: BuildRecord;
  readonly items: number;
  /** True when the build started before the member's withdrawal took effect (their data is in it). */
  readonly usedBeforeWithdrawal: boolean;
}

export interface Transparency {
  readonly memberId: string;
  readonly generative: MemberConsentView;
  readonly nonGenerative: MemberConsentView;
  readonly history: readonly ConsentEvent[];
  readonly withdrawnAt: string | null;
  readonly builds: readonly BuildHolding[];
  readonly models: readonly (ModelRecord & { readonly viaBuilds: readonly string[] })[];
  readonly withdrawalEffect: string;
}

export interface MemberServiceDeps {
  readonly store: Store;
  readonly policy: PolicyPort;
  readonly ledger: LedgerPort;
  readonly now?: () => Date;
  /** The in-process snapshot (consent-snapshot.ts): used when current, otherwise the store answers. */
  readonly snapshot?: {
    current(options?: { readonly reload?: boolean }): Promise<SnapshotView | undefined>;
    /** The snapshot when it holds `event` as this server recorded it (see ConsentSnapshot). */
    holding?(event: ConsentEvent): SnapshotView | undefined;
  };
}

export type MemberService = ReturnType<typeof createMemberService>;

/** The member-facing operations over the store, the ledger and the policy. */
export function createMemberService(deps: MemberServiceDeps) {
  const { store, policy, ledger } = deps;
  const now = deps.now ?? (() => new Date());

  async function requireMember(memberId: string): Promise<Member> {
    const member = await store.getMember(memberId);
    if (!member) throw httpError('ASSENT_ERR_MEMBER_NOT_FOUND', { memberId: memberId.slice(0, 80) });
    return member;
  }

  const snapshot = deps.snapshot;

  /**
   * `afterWrite`: right after this server's own change, which must not start a reload of the whole snapshot; with
   * the event it recorded, a snapshot that holds that event answers (it is the store as of that commit or later).
   */
  async function consentOf(
    member: Member,
    purpose: string,
    asOf: string,
    afterWrite: boolean | ConsentEvent = false,
  ): Promise<MemberConsentView> {
    const defaultStatus = policy.defaultStatus(purpose, member, asOf);
    const view =
      (typeof afterWrite === 'object' ? snapshot?.holding?.(afterWrite) : undefined) ??
      (await snapshot?.current({ reload: !afterWrite }));
    const state = view
      ? ledger.resolve(view.events(member.id), {
          memberId: member.id,
          purpose,
          asOf,
          knownAt: now().toISOString(),
          defaultStatus,
        })
      : await ledger.stateAsOf(member.id, purpose, { asOf, defaultStatus });
    return { memberId: member.id, purpose, state, decision: policy.decideMember(member, state, purpose, asOf) };
  }

  /** A batch's default status by member: it depends only on where the member is, so it is computed once per country. */
  function defaultsByCountry(purpose: string, asOf: string): (member: Member | undefined) => ConsentStatus {
    const unknownDefault = policy.defaultStatus(purpose, undefined, asOf);
    const defaults = new Map<string | null, ConsentStatus>();
    return (member) => {
      if (!member) return unknownDefault;
      let status = defaults.get(member.country);
      if (status === undefined) {
        status = policy.defaultStatus(purpose, member, asOf);
        defaults.set(member.country, status);
      }
      return status;
    };
  }

  /**
   * The batch check's evaluation of one member from a current snapshot: packed facts and compiled rules, the
   * ledger's rule only for members with events. Undefined when the policy offers no packed decider.
   */
  function snapshotChecker(view: SnapshotView, purpose: string, asOf: string, knownAt: string) {
    const decide = policy.compilePackedDecider?.(purpose, asOf);
    if (!decide) return undefined;
    const defaultFor = defaultsByCountry(purpose, asOf);
    return (memberId: string): CheckResult => {
      const facts = view.member(memberId);
      const defaultStatus = defaultFor(facts?.member);
      const own = facts ? facts.events : view.events(memberId);
      const state: ConsentState | undefined =
        own.length > 0 ? ledger.resolve(own, { memberId, purpose, asOf, knownAt, defaultStatus }) : undefined;
      const reason = decide(facts ?? UNKNOWN_MEMBER, state);
      return {
        member_id: memberId,
        allowed: reason === null,
        reason,
        status: shortStatus(state ? state.status : defaultStatus),
        source: state ? state.source : 'default',
      };
    };
  }

  /**
   * The fragment (check-json) of each requested member, first asks only, reusing results kept in `index` and keeping
   * new ones. Undefined when a result has a shape without a fragment (then the caller renders results as text).
   */
  function keptFragments(
    view: SnapshotView,
    index: BatchCheckIndex,
    resultOf: (memberId: string) => CheckResult,
    request: {
      readonly key: string;
      readonly asOfMs: number;
      readonly knownAtMs: number;
      readonly ids: readonly string[] | RequestedIds;
    },
  ): { asked: number[]; fragments: number[] } | undefined {
    const { asOfMs, knownAtMs, ids } = request;
    const strings = Array.isArray(ids) ? (ids as readonly string[]) : undefined;
    const ranges = strings ? undefined : (ids as RequestedIds);
    const count = strings ? strings.length : (ranges as RequestedIds).starts.length;
    const keyId = index.keyId(request.key);
    const stamp = index.beginRequest();
    const asked: number[] = [];
    const fragments: number[] = [];
    let unknown: Set<string> | undefined;
    for (let k = 0; k < count; k++) {
      const position = ranges
        ? index.find(ranges.bytes, ranges.starts[k] as number, ranges.ends[k] as number)
        : (view.member((strings as readonly string[])[k] as string)?.position ?? -1);
      let fragment: number;
      if (position >= 0) {
        if (!index.firstAsk(position, stamp)) continue;
        fragment = index.keptFragment(position, keyId, asOfMs, knownAtMs);
        if (fragment < 0) {
          const entry = view.memberAt(position);
          fragment = fragmentOf(resultOf(entry.member.id));
          const window = stableWindow(entry.events, asOfMs, knownAtMs);
          if (fragment >= 0 && window) index.keep(position, keyId, window, fragment);
        }
      } else {
        const memberId = ranges
          ? ranges.bytes.toString('latin1', ranges.starts[k], ranges.ends[k])
          : ((strings as readonly string[])[k] as string);
        unknown ??= new Set();
        if (unknown.has(memberId)) continue;
        unknown.add(memberId);
        fragment = fragmentOf(resultOf(memberId));
      }
      if (fragment < 0) return undefined;
      asked.push(k);
      fragments.push(fragment);
    }
    return { asked, fragments };
  }

  /** The batch check from the store: one query for the members, one for their events. */
  async function checkFromStore(
    purpose: string,
    asOf: string,
    knownAt: string,
    ids: readonly string[],
  ): Promise<CheckResult[]> {
    const [members, events] = await Promise.all([
      store.getMembers(ids),
      store.consentEventsForMembers(ids, purposeLineage(purpose)),
    ]);
    const byMember = new Map<string, ConsentEvent[]>();
    for (const event of events) {
      const list = byMember.get(event.memberId);
      if (list) list.push(event);
      else byMember.set(event.memberId, [event]);
    }
    const fast = policy.compileMemberDecider?.(purpose, asOf);
    const decide =
      fast ??
      ((member: Member | undefined, state: ConsentState) => policy.decideMember(member, state, purpose, asOf).reason);
    const defaultFor = defaultsByCountry(purpose, asOf);
    return ids.map((memberId) => {
      const member = members.get(memberId);
      const defaultStatus = defaultFor(member);
      const own = byMember.get(memberId);
      // Most members never made a choice: their state is the default, without running the resolver.
      const state: ConsentState = own
        ? ledger.resolve(own, { memberId, purpose, asOf, knownAt, defaultStatus })
        : { memberId, purpose, status: defaultStatus, source: 'default', event: null, asOf, knownAt };
      const reason = decide(member, state);
      return {
        member_id: memberId,
        allowed: reason === null,
        reason,
        status: shortStatus(state.status),
        source: state.source,
      };
    });
  }

  /** Latest withdrawal (valid-from) of the generative purpose that is still in force, or null. */
  function withdrawalInForce(view: MemberConsentView): string | null {
    return view.state.source === 'explicit' && !permits(view.state.status)
      ? (view.state.event?.validFrom ?? null)
      : null;
  }

  return {
    requireMember,

    async consent(memberId: string, purpose: string, asOfRaw?: string): Promise<MemberConsentView> {
      assertPurpose(purpose);
      const asOf = parseInstant('as_of', asOfRaw, now());
      // The member and their events come from the snapshot when it is current, else load together from the store;
      // the state is then resolved by the ledger's pure rule.
      const view = await snapshot?.current();
      const [member, events] = view
        ? [view.member(memberId)?.member, view.events(memberId)]
        : await Promise.all([store.getMember(memberId), store.consentEventsFor(memberId, purposeLineage(purpose))]);
      if (!member) throw httpError('ASSENT_ERR_MEMBER_NOT_FOUND', { memberId: memberId.slice(0, 80) });
      const defaultStatus = policy.defaultStatus(purpose, member, asOf);
      const state = ledger.resolve(events, { memberId, purpose, asOf, knownAt: now().toISOString(), defaultStatus });
      return { memberId, purpose, state, decision: policy.decideMember(member, state, purpose, asOf) };
    },

    /**
     * Records a member's choice. `requestId` makes retries safe; the same id with a different choice is a 409.
     */
    async change(input: {
      readonly memberId: string;
      readonly purpose: string;
      readonly status: 'given' | 'withdrawn';
      readonly method: 'toggle' | 'api' | 'gpc' | 'objection_form' | 'admin';
      readonly requestId: string;
      readonly actor: string;
    }): Promise<{ readonly view: MemberConsentView; readonly created: boolean }> {
      assertPurpose(input.purpose);
      const view = await snapshot?.current({ reload: false });
      const member = view ? view.member(input.memberId)?.member : await store.getMember(input.memberId);
      if (!member) throw httpError('ASSENT_ERR_MEMBER_NOT_FOUND', { memberId: input.memberId.slice(0, 80) });
      const at = now().toISOString();
      const notice = policy.notice(input.purpose, at);
      // A notice-only purpose offers no setting, but the right to object stays: objections are always recorded.
      if (notice?.mechanism === 'notice_only' && input.method !== 'objection_form') {
        throw httpError('ASSENT_ERR_CONSENT_NO_CHOICE', { purpose: input.purpose });
      }
      const status: ConsentStatus = input.status === 'given' ? 'ConsentGiven' : 'ConsentWithdrawn';
      const { event, created } = await ledger.record(
        {
          memberId: member.id,
          purpose: input.purpose,
          status,
          method: input.method,
          noticeVersion: notice?.version ?? null,
          jurisdiction: member.country,
          actor: input.actor,
          requestId: input.requestId,
        },
        input.actor,
      );
      return { view: await consentOf(member, input.purpose, now().toISOString(), created ? event : true), created };
    },

    /**
     * Honours a Global Privacy Control signal: when the policy counts GPC and the member's generative setting
     * permits use, records a withdrawal with method `gpc`. A specific "on" the member made themselves (settings page,
     * or their own session through the API) wins over the browser's general signal; a default or an import does not.
     */
    async applyGpc(
      memberId: string,
      actor: string,
    ): Promise<'recorded' | 'already_off' | 'overridden' | 'not_counted'> {
      const at = now().toISOString();
      if (!policy.gpcIsWithdrawal(at)) return 'not_counted';
      const member = await store.getMember(memberId);
      if (!member) return 'not_counted';
      const view = await consentOf(member, GENERATIVE, at);
      if (!permits(view.state.status)) return 'already_off';
      // The member's own "on" (settings page or the platform acting with their session) outranks a browser default.
      const ownChoice = view.state.event?.actor === `member:${memberId}` || view.state.event?.method === 'toggle';
      if (view.state.source === 'explicit' && ownChoice) return 'overridden';
      const day = at.slice(0, 10);
      await ledger.record(
        {
          memberId,
          purpose: GENERATIVE,
          status: 'ConsentWithdrawn',
          method: 'gpc',
          noticeVersion: policy.notice(GENERATIVE, at)?.version ?? null,
          jurisdiction: member.country,
          actor,
          requestId: `gpc:${memberId}:${day}:${view.state.event?.id ?? 'default'}`,
        },
        actor,
      );
      return 'recorded';
    },

    /**
     * Decisions for many members at once: from the snapshot when it is current, else one query for the members and
     * one for their events, then pure evaluation. Duplicated ids answer once each, in the order asked.
     */
    async check(purpose: string, asOfRaw: string | undefined, memberIds: readonly string[]): Promise<CheckAnswer> {
      assertPurpose(purpose);
      const asOf = parseInstant('as_of', asOfRaw, now());
      const knownAt = now().toISOString();
      const ids = [...new Set(memberIds)];
      const view = await snapshot?.current();
      const fromSnapshot = view && snapshotChecker(view, purpose, asOf, knownAt);
      const results = fromSnapshot ? ids.map(fromSnapshot) : await checkFromStore(purpose, asOf, knownAt, ids);
      return { purpose, as_of: asOf, policy_version: policy.versionAt(asOf), results };
    },

    /**
     * `check` rendered as JSON; ids may be strings or ranges of the request body (`scanCheckBody`), answered as bytes.
     * From a current snapshot, the result rendered for a member is kept (`BatchCheckIndex`) and reused while the
     * policy decides alike (`PolicyPort.decisionKey`) and the decision time stays between the member's own events'
     * valid-from times (the only times `resolveState` compares it with); it is dropped when their events change.
     */
    async checkJson(
      purpose: string,
      asOfRaw: string | undefined,
      memberIds: readonly string[] | RequestedIds,
    ): Promise<string | Buffer> {
      assertPurpose(purpose);
      const asOf = parseInstant('as_of', asOfRaw, now());
      const knownAt = now().toISOString();
      const view = await snapshot?.current();
      const fromSnapshot = view && snapshotChecker(view, purpose, asOf, knownAt);
      const key = policy.decisionKey?.(purpose, asOf);
      const head = { purpose, as_of: asOf, policy_version: policy.versionAt(asOf) };
      const byRange = !Array.isArray(memberIds) ? (memberIds as RequestedIds) : undefined;
      const strings = byRange ? undefined : (memberIds as readonly string[]);
      const index = fromSnapshot && key !== undefined ? view?.batchIndex() : undefined;
      if (view && fromSnapshot && key !== undefined && index) {
        const picked = keptFragments(view, index, fromSnapshot, {
          key,
          asOfMs: Date.parse(asOf),
          knownAtMs: Date.parse(knownAt),
          ids: memberIds,
        });
        if (picked && byRange) return renderCheckBytes(head, byRange, picked.asked, picked.fragments);
        if (picked && strings) {
          const ids = picked.asked.map((k) => strings[k] as string);
          return renderCheckFragments(head, ids, picked.fragments);
        }
      }
      const ids = [...new Set(byRange ? idStrings(byRange) : strings)];
      const results = fromSnapshot ? ids.map(fromSnapshot) : await checkFromStore(purpose, asOf, knownAt, ids);
      return renderCheckJson({ ...head, results });
    },

    async transparency(memberId: string): Promise<Transparency> {
      const member = await requireMember(memberId);
      const at = now().toISOString();
      const [generative, nonGenerative, history, rows, models] = await Promise.all([
        consentOf(member, GENERATIVE, at),
        consentOf(member, NON_GENERATIVE, at),
        ledger.history(memberId),
        store.buildsForMember(memberId),
        store.listModels(),
      ]);
      const withdrawnAt = withdrawalInForce(generative);
      const builds: BuildHolding[] = [];
      for (const row of rows) {
        const build = await store.getBuild(row.buildId);
        if (!build) continue;
        builds.push({
          build,
          items: row.items,
          usedBeforeWithdrawal: withdrawnAt !== null && build.startedAt < withdrawnAt,
        });
      }
      builds.sort((a, b) => b.build.startedAt.localeCompare(a.build.startedAt));
      const held = new Set(builds.map((b) => b.build.id));
      const holdingModels = models
        .map((model) => ({ ...model, viaBuilds: model.buildIds.filter((id) => held.has(id)) }))
        .filter((model) => model.viaBuilds.length > 0);
      return {
        memberId,
        generative,
        nonGenerative,
        history,
        withdrawnAt,
        builds,
        models: holdingModels,
        withdrawalEffect: String(policy.onWithdrawal(at)),
      };
    },

    /** Everything Assent holds about a member, as JSON-compatible data. */
    async exportMember(memberId: string) {
      const member = await requireMember(memberId);
      const [content, history, view] = await Promise.all([
        store.contentByAuthor(memberId),
        ledger.history(memberId),
        this.transparency(memberId),
      ]);
      return {
        format: 'assent.member-export/1',
        exported_at: now().toISOString(),
        member,
        content,
        consent_events: history,
        current_state: {
          [GENERATIVE]: stateJson(view.generative),
          [NON_GENERATIVE]: stateJson(view.nonGenerative),
        },
        builds: view.builds.map(buildHoldingJson),
        models: view.models.map(modelJson),
      };
    },
  };
}

/** A consent view as the API answers it (snake_case, short status words, the decision). */
export function stateJson(view: MemberConsentView) {
  const { state, decision } = view;
  return {
    member_id: view.memberId,
    purpose: view.purpose,
    status: shortStatus(state.status),
    dpv_status: state.status,
    source: state.source,
    as_of: state.asOf,
    event: state.event ? eventJson(state.event) : null,
    decision: { allowed: decision.allowed, reason: decision.reason, detail: decision.detail },
  };
}

/** A consent event as the API shows it: no actor or request id, which may identify the caller. */
export function eventJson(event: ConsentEvent) {
  return {
    id: event.id,
    purpose: event.purpose,
    status: shortStatus(event.status),
    method: event.method,
    notice_version: event.noticeVersion,
    valid_from: event.validFrom,
    recorded_at: event.recordedAt,
  };
}

/** A build record as the API shows it (the manifest only on GET /v1/builds/{id}). */
export function buildJson(build: BuildRecord) {
  return {
    id: build.id,
    purpose: build.purpose,
    as_of: build.asOf,
    policy_version: build.policyVersion,
    state: build.state,
    started_at: build.startedAt,
    published_at: build.publishedAt,
    progress: build.progress,
    error: build.error,
  };
}

/** A build that holds a member's data, with their item count and whether it predates their withdrawal. */
export function buildHoldingJson(holding: BuildHolding) {
  return { ...buildJson(holding.build), items: holding.items, used_before_withdrawal: holding.usedBeforeWithdrawal };
}

/** A registered model as the API shows it. */
export function modelJson(model: ModelRecord & { readonly viaBuilds?: readonly string[] }) {
  return {
    id: model.id,
    name: model.name,
    version: model.version,
    build_ids: model.buildIds,
    registered_at: model.registeredAt,
    flagged_at: model.flaggedAt,
    flag_reason: model.flagReason,
  };
}
