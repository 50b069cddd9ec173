// Mapping between domain values and table rows. Decoding tolerates what either driver returns (JSON as text or
// as a parsed value, 64-bit integers as numbers or decimal strings), so no adapter check is needed here.

import type { Insertable, Selectable } from 'kysely';
import type {
  AccountState,
  ConsentEvent,
  ConsentMethod,
  ConsentStatus,
  ContentItem,
  ContentKind,
  Member,
  Visibility,
} from '../domain/index.js';
import type {
  ApiTokensTable,
  AuditLogTable,
  BuildMembersTable,
  BuildsTable,
  ConsentEventsTable,
  ContentTable,
  MembersTable,
  ModelsTable,
  PoliciesTable,
} from './schema.js';
import type {
  ApiTokenRecord,
  AuditEntry,
  BuildMemberRow,
  BuildRecord,
  BuildState,
  ModelRecord,
  PolicyRecord,
  TokenScope,
} from './store.js';

/** Parses a JSON column whatever the driver returned. */
export function decodeJson<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

export function toNumber(value: number | string | bigint): number {
  return typeof value === 'number' ? value : Number(value);
}

export function memberToRow(m: Member): Insertable<MembersTable> {
  return {
    id: m.id,
    country: m.country,
    birth_date: m.birthDate,
    birth_year: m.birthYear,
    age_signals: JSON.stringify(m.ageSignals),
    language: m.language,
    account_state: m.accountState,
    names: JSON.stringify(m.names),
    created_at: m.createdAt,
  };
}

export function rowToMember(r: Selectable<MembersTable>): Member {
  return {
    id: r.id,
    country: r.country,
    birthDate: r.birth_date,
    birthYear: r.birth_year === null ? null : toNumber(r.birth_year),
    ageSignals: decodeJson(r.age_signals),
    language: r.language,
    accountState: r.account_state as AccountState,
    names: decodeJson(r.names),
    createdAt: r.created_at,
  };
}

export function contentToRow(c: ContentItem): Insertable<ContentTable> {
  return {
    id: c.id,
    author_id: c.authorId,
    kind: c.kind,
    visibility: c.visibility,
    text: c.text,
    created_at: c.createdAt,
    language: c.language,
    deleted: c.deleted ? 1 : 0,
    signals: JSON.stringify(c.signals),
  };
}

export function rowToContent(r: Selectable<ContentTable>): ContentItem {
  return {
    id: r.id,
    authorId: r.author_id,
    kind: r.kind as ContentKind,
    visibility: r.visibility as Visibility,
    text: r.text,
    createdAt: r.created_at,
    language: r.language,
    deleted: toNumber(r.deleted) === 1,
    signals: decodeJson(r.signals),
  };
}

/** The event with exactly the stored fields (absent optionals as null) and its seq, as a reader will see it. */
export function normalizeConsent(e: Omit<ConsentEvent, 'seq'>, seq: number): ConsentEvent {
  return {
    id: e.id,
    seq,
    memberId: e.memberId,
    purpose: e.purpose,
    status: e.status,
    method: e.method,
    noticeVersion: e.noticeVersion ?? null,
    jurisdiction: e.jurisdiction ?? null,
    validFrom: e.validFrom,
    recordedAt: e.recordedAt,
    actor: e.actor,
    requestId: e.requestId ?? null,
    supersedes: e.supersedes ?? null,
  };
}

export function consentToRow(e: ConsentEvent): Insertable<ConsentEventsTable> {
  return {
    seq: e.seq,
    id: e.id,
    member_id: e.memberId,
    purpose: e.purpose,
    status: e.status,
    method: e.method,
    notice_version: e.noticeVersion,
    jurisdiction: e.jurisdiction,
    valid_from: e.validFrom,
    recorded_at: e.recordedAt,
    actor: e.actor,
    request_id: e.requestId,
    supersedes: e.supersedes,
  };
}

export function rowToConsent(r: Selectable<ConsentEventsTable>): ConsentEvent {
  return {
    id: r.id,
    seq: toNumber(r.seq),
    memberId: r.member_id,
    purpose: r.purpose,
    status: r.status as ConsentStatus,
    method: r.method as ConsentMethod,
    noticeVersion: r.notice_version,
    jurisdiction: r.jurisdiction,
    validFrom: r.valid_from,
    recordedAt: r.recorded_at,
    actor: r.actor,
    requestId: r.request_id,
    supersedes: r.supersedes,
  };
}

export function auditToRow(a: AuditEntry, payloadText: string): Insertable<AuditLogTable> {
  return {
    seq: a.seq,
    at: a.at,
    actor: a.actor,
    action: a.action,
    subject: a.subject,
    payload: payloadText,
    prev_hash: a.prevHash,
    hash: a.hash,
  };
}

export function rowToAudit(r: Selectable<AuditLogTable>): AuditEntry {
  return {
    seq: toNumber(r.seq),
    at: r.at,
    actor: r.actor,
    action: r.action,
    subject: r.subject,
    payload: decodeJson(r.payload),
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

export function rowToPolicy(r: Selectable<PoliciesTable>): PolicyRecord {
  return {
    id: r.id,
    name: r.name,
    sha256: r.sha256,
    document: r.document,
    loadedAt: r.loaded_at,
    active: toNumber(r.active) === 1,
  };
}

export function buildToRow(b: BuildRecord): Insertable<BuildsTable> {
  return {
    id: b.id,
    purpose: b.purpose,
    as_of: b.asOf,
    policy_version: b.policyVersion,
    state: b.state,
    started_at: b.startedAt,
    published_at: b.publishedAt,
    location: b.location,
    progress_done: b.progress.done,
    progress_total: b.progress.total,
    manifest: b.manifest === null ? null : JSON.stringify(b.manifest),
    error: b.error,
  };
}

export function rowToBuild(r: Selectable<BuildsTable>): BuildRecord {
  return {
    id: r.id,
    purpose: r.purpose,
    asOf: r.as_of,
    policyVersion: r.policy_version,
    state: r.state as BuildState,
    startedAt: r.started_at,
    publishedAt: r.published_at,
    location: r.location,
    progress: {
      done: toNumber(r.progress_done),
      total: r.progress_total === null ? null : toNumber(r.progress_total),
    },
    manifest: r.manifest === null ? null : decodeJson(r.manifest),
    error: r.error,
  };
}

export function rowToBuildMember(r: Selectable<BuildMembersTable>): BuildMemberRow {
  return { buildId: r.build_id, memberId: r.member_id, items: toNumber(r.items) };
}

export function rowToModel(r: Selectable<ModelsTable>, buildIds: readonly string[]): ModelRecord {
  return {
    id: r.id,
    name: r.name,
    version: r.version,
    buildIds,
    registeredAt: r.registered_at,
    flaggedAt: r.flagged_at,
    flagReason: r.flag_reason,
  };
}

export function rowToToken(r: Selectable<ApiTokensTable>): ApiTokenRecord {
  return {
    id: r.id,
    name: r.name,
    secretHash: r.secret_hash,
    scopes: decodeJson<TokenScope[]>(r.scopes),
    createdAt: r.created_at,
    revokedAt: r.revoked_at,
  };
}
