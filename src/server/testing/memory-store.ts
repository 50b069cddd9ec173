// An in-memory Store for server tests and benchmarks when no database adapter is at hand. It keeps the contract's
// semantics that the server relies on (append-only events with increasing seq, upserts by id, copies on read).

import type { ConsentEvent, ContentItem, Member } from '../../domain/index.js';
import type {
  ApiTokenRecord,
  AuditEntry,
  BuildMemberRow,
  BuildRecord,
  ModelRecord,
  PolicyRecord,
  ScanOptions,
  Store,
} from '../../store/store.js';

async function* batches<T>(items: readonly T[], options?: ScanOptions): AsyncIterable<readonly T[]> {
  const size = options?.batchSize ?? 1000;
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** A fresh, empty in-memory store. */
export function createMemoryStore(): Store {
  const members = new Map<string, Member>();
  const content = new Map<string, ContentItem>();
  const events: ConsentEvent[] = [];
  const audit: AuditEntry[] = [];
  const policies = new Map<string, PolicyRecord>();
  const builds = new Map<string, BuildRecord>();
  const buildMembers = new Map<string, Map<string, BuildMemberRow>>();
  const models = new Map<string, ModelRecord>();
  const tokens = new Map<string, ApiTokenRecord>();
  const eventsByMember = new Map<string, ConsentEvent[]>();

  const store: Store = {
    capabilities: { dialect: 'memory', concurrentWriters: false, maxBatchRows: 10_000 },
    location: 'memory',
    transaction: (work) => work(store),
    close: async () => {},
    async upsertMembers(list) {
      for (const m of list) members.set(m.id, m);
    },
    getMember: async (id) => members.get(id),
    async getMembers(ids) {
      const out = new Map<string, Member>();
      for (const id of ids) {
        const m = members.get(id);
        if (m) out.set(id, m);
      }
      return out;
    },
    scanMembers: (options) => batches([...members.values()].sort(byId), options),
    countMembers: async () => members.size,
    async upsertContent(items) {
      for (const c of items) content.set(c.id, c);
    },
    getContent: async (id) => content.get(id),
    contentByAuthor: async (memberId) => [...content.values()].filter((c) => c.authorId === memberId).sort(byId),
    scanContent: (options) => batches([...content.values()].sort(byId), options),
    countContent: async () => content.size,
    async appendConsentEvents(list) {
      const out: ConsentEvent[] = [];
      for (const e of list) {
        const event: ConsentEvent = { ...e, seq: events.length + 1 };
        events.push(event);
        const own = eventsByMember.get(event.memberId) ?? [];
        own.push(event);
        eventsByMember.set(event.memberId, own);
        out.push(event);
      }
      return out;
    },
    consentEventByRequestId: async (requestId) => events.find((e) => e.requestId === requestId),
    consentEventById: async (id) => events.find((e) => e.id === id),
    consentEventsFor: async (memberId, purposes) =>
      (eventsByMember.get(memberId) ?? []).filter((e) => !purposes || purposes.includes(e.purpose)),
    async consentEventsForMembers(ids, purposes) {
      const out: ConsentEvent[] = [];
      for (const id of new Set(ids)) {
        for (const e of eventsByMember.get(id) ?? []) if (!purposes || purposes.includes(e.purpose)) out.push(e);
      }
      return out.sort((a, b) => a.seq - b.seq);
    },
    scanConsentEvents: (options) =>
      batches(
        events.filter(
          (e) => e.seq > (options?.afterSeq ?? 0) && e.seq <= (options?.upToSeq ?? Number.MAX_SAFE_INTEGER),
        ),
        options,
      ),
    consentHeadSeq: async () => events.length,
    async appendAuditEntry(entry) {
      audit.push(entry);
    },
    lastAuditEntry: async () => audit.at(-1),
    scanAudit: (options) => batches(audit, options),
    async savePolicy(record) {
      policies.set(record.id, record);
    },
    activePolicy: async () => [...policies.values()].find((p) => p.active),
    async activatePolicy(id) {
      for (const [key, p] of policies) policies.set(key, { ...p, active: key === id });
    },
    listPolicies: async () => [...policies.values()],
    async createBuild(build) {
      builds.set(build.id, build);
    },
    async updateBuild(id, patch) {
      const build = builds.get(id);
      if (build) builds.set(id, { ...build, ...patch });
    },
    getBuild: async (id) => builds.get(id),
    listBuilds: async () => [...builds.values()],
    async addBuildMembers(rows) {
      for (const row of rows) {
        const map = buildMembers.get(row.buildId) ?? new Map<string, BuildMemberRow>();
        map.set(row.memberId, row);
        buildMembers.set(row.buildId, map);
      }
    },
    async deleteBuildMembers(buildId) {
      buildMembers.delete(buildId);
    },
    async buildsForMember(memberId) {
      const out: BuildMemberRow[] = [];
      for (const map of buildMembers.values()) {
        const row = map.get(memberId);
        if (row) out.push(row);
      }
      return out;
    },
    scanBuildMembers: (buildId, options) =>
      batches(
        [...(buildMembers.get(buildId)?.values() ?? [])].sort((a, b) => a.memberId.localeCompare(b.memberId)),
        options,
      ),
    countBuildMembers: async (buildId) => buildMembers.get(buildId)?.size ?? 0,
    async registerModel(model) {
      models.set(model.id, model);
    },
    getModel: async (id) => models.get(id),
    listModels: async () => [...models.values()],
    async flagModel(id, at, reason) {
      const model = models.get(id);
      if (model) models.set(id, { ...model, flaggedAt: at, flagReason: reason });
    },
    async createToken(token) {
      tokens.set(token.secretHash, token);
    },
    tokenBySecretHash: async (hash) => tokens.get(hash),
    listTokens: async () => [...tokens.values()],
    async revokeToken(id, at) {
      for (const [hash, token] of tokens) if (token.id === id) tokens.set(hash, { ...token, revokedAt: at });
    },
  };
  return store;
}
