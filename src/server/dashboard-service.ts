// Aggregates for the admin dashboard: the eligibility funnel, consent changes over time, opt-out rate by country,
// redactions per build, build history and model lineage. Computed in batches from the store, cached briefly.

import { type ConsentEvent, DECISION_REASONS, parseJurisdiction, permits, purposeLineage } from '../domain/index.js';
import type { ModelRecord, Store } from '../store/store.js';
import { buildJson, GENERATIVE, shortStatus } from './member-service.js';
import type { AuditPort, LedgerPort, PolicyPort } from './ports.js';

export interface ModelLineageRow {
  readonly model: ModelRecord;
  readonly members: number;
  /** Members in the model's builds whose withdrawal took effect after the build started. */
  readonly withdrawnSince: number;
}

export type DashboardService = ReturnType<typeof createDashboardService>;

function countsFromManifest(manifest: Readonly<Record<string, unknown>> | null): Record<string, number> {
  // The build manifest keeps redaction counts under counts.redactionsByType (src/build/manifest.ts).
  const counts = manifest?.counts;
  const byType =
    counts && typeof counts === 'object' && 'redactionsByType' in counts ? counts.redactionsByType : undefined;
  if (!byType || typeof byType !== 'object') return {};
  return Object.fromEntries(
    Object.entries(byType as Record<string, unknown>).filter(
      (entry): entry is [string, number] => typeof entry[1] === 'number',
    ),
  );
}

/** The dashboard's data source. */
export function createDashboardService(deps: {
  readonly store: Store;
  readonly policy: PolicyPort;
  readonly ledger: LedgerPort;
  readonly audit: AuditPort | undefined;
  readonly cacheMs?: number;
}) {
  const { store, policy, ledger } = deps;
  const cacheMs = deps.cacheMs ?? 3_000;
  let cached: { until: number; value: Promise<unknown> } | undefined;

  async function eventsByMember(ids: readonly string[]): Promise<Map<string, ConsentEvent[]>> {
    const map = new Map<string, ConsentEvent[]>();
    for (const event of await store.consentEventsForMembers(ids, purposeLineage(GENERATIVE))) {
      const list = map.get(event.memberId);
      if (list) list.push(event);
      else map.set(event.memberId, [event]);
    }
    return map;
  }

  async function modelLineage(): Promise<ModelLineageRow[]> {
    const at = new Date().toISOString();
    const rows: ModelLineageRow[] = [];
    for (const model of await store.listModels()) {
      const firstStart = new Map<string, string>();
      for (const buildId of model.buildIds) {
        const build = await store.getBuild(buildId);
        if (!build) continue;
        for await (const batch of store.scanBuildMembers(buildId, { batchSize: 1000 })) {
          for (const row of batch) {
            const seen = firstStart.get(row.memberId);
            if (seen === undefined || build.startedAt < seen) firstStart.set(row.memberId, build.startedAt);
          }
        }
      }
      let withdrawnSince = 0;
      const ids = [...firstStart.keys()];
      for (let i = 0; i < ids.length; i += 1000) {
        const slice = ids.slice(i, i + 1000);
        const events = await eventsByMember(slice);
        for (const memberId of slice) {
          const state = ledger.resolve(events.get(memberId) ?? [], {
            memberId,
            purpose: GENERATIVE,
            asOf: at,
            knownAt: at,
            defaultStatus: 'ConsentGiven',
          });
          const start = firstStart.get(memberId) ?? at;
          if (!permits(state.status) && state.event && state.event.validFrom > start) withdrawnSince++;
        }
      }
      rows.push({ model, members: ids.length, withdrawnSince });
    }
    return rows;
  }

  async function compute() {
    const at = new Date().toISOString();
    const funnel: Record<string, number> = { allowed: 0 };
    for (const reason of DECISION_REASONS) funnel[reason] = 0;
    const byCountry = new Map<string, { members: number; optedOut: number }>();
    let total = 0;
    for await (const batch of store.scanMembers({ batchSize: 1000 })) {
      const events = await eventsByMember(batch.map((m) => m.id));
      for (const member of batch) {
        total++;
        const state = ledger.resolve(events.get(member.id) ?? [], {
          memberId: member.id,
          purpose: GENERATIVE,
          asOf: at,
          knownAt: at,
          defaultStatus: policy.defaultStatus(GENERATIVE, member, at),
        });
        const decision = policy.decideMember(member, state, GENERATIVE, at);
        const key = decision.reason ?? 'allowed';
        funnel[key] = (funnel[key] ?? 0) + 1;
        const country = parseJurisdiction(member.country)?.country ?? 'unknown';
        const entry = byCountry.get(country) ?? { members: 0, optedOut: 0 };
        entry.members++;
        if (state.source === 'explicit' && !permits(state.status)) entry.optedOut++;
        byCountry.set(country, entry);
      }
    }
    const changes = new Map<string, Record<string, number>>();
    for await (const batch of store.scanConsentEvents({ batchSize: 5000 })) {
      for (const event of batch) {
        const day = event.recordedAt.slice(0, 10);
        const entry = changes.get(day) ?? {};
        const key = shortStatus(event.status);
        entry[key] = (entry[key] ?? 0) + 1;
        changes.set(day, entry);
      }
    }
    // Over more than two months, days become unreadable bars: group by month instead.
    const unit = changes.size > 62 ? 'month' : 'day';
    const grouped = new Map<string, Record<string, number>>();
    for (const [day, counts] of changes) {
      const key = unit === 'month' ? day.slice(0, 7) : day;
      const entry = grouped.get(key) ?? {};
      for (const [status, count] of Object.entries(counts)) entry[status] = (entry[status] ?? 0) + count;
      grouped.set(key, entry);
    }
    const builds = [...(await store.listBuilds())].sort((a, b) => b.startedAt.localeCompare(a.startedAt));
    return {
      generated_at: at,
      members: total,
      funnel: Object.entries(funnel)
        .filter(([, count]) => count > 0)
        .map(([reason, count]) => ({ reason, count })),
      consent_changes_unit: unit,
      consent_changes: [...grouped.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .slice(-90)
        .map(([day, counts]) => ({ day, ...counts })),
      opt_out_by_country: [...byCountry.entries()]
        .sort((a, b) => b[1].members - a[1].members)
        .slice(0, 15)
        .map(([country, c]) => ({
          country,
          members: c.members,
          opted_out: c.optedOut,
          rate: c.members ? c.optedOut / c.members : 0,
        })),
      redactions_by_build: builds
        .filter((b) => b.state === 'published')
        .slice(0, 10)
        .map((b) => ({ build_id: b.id, counts: countsFromManifest(b.manifest) })),
      builds: builds.slice(0, 20).map(buildJson),
      models: (await modelLineage()).map((row) => ({
        id: row.model.id,
        name: row.model.name,
        version: row.model.version,
        build_ids: row.model.buildIds,
        members: row.members,
        withdrawn_since: row.withdrawnSince,
        flagged_at: row.model.flaggedAt,
      })),
      audit: deps.audit ? await deps.audit.verify() : null,
    };
  }

  return {
    modelLineage,
    /** All dashboard aggregates; recomputed at most every `cacheMs`. */
    stats(): Promise<unknown> {
      const now = Date.now();
      if (!cached || cached.until < now) cached = { until: now + cacheMs, value: compute() };
      return cached.value;
    },
  };
}
