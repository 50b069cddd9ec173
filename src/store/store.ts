// The persistence seam. Every database lives behind this one interface; adapters (./sqlite, ./postgres) differ
// only in capability flags that shared code may read, never by identity. The contract suite (store.contract.ts)
// runs against every adapter.

import type { ConsentEvent, ContentItem, Member } from '../domain/index.js';

/** What an adapter can do, read by shared code instead of asking which database it is. */
export interface StoreCapabilities {
  /** Human-readable name for messages, e.g. `sqlite` or `postgres`. Never branch on it. */
  readonly dialect: string;
  /** Several processes may write at once (needed for distributed workers). */
  readonly concurrentWriters: boolean;
  /** Best batch size for bulk inserts (bounded by the driver's parameter limit). */
  readonly maxBatchRows: number;
}

/** One entry of the hash-chained audit log. */
export interface AuditEntry {
  readonly seq: number;
  /** ISO timestamp. */
  readonly at: string;
  readonly actor: string;
  /** e.g. `consent.recorded`, `consent.imported`, `policy.loaded`, `build.published`, `model.registered`, `token.created`. */
  readonly action: string;
  /** What the action is about (a member id, build id, ...), or null. */
  readonly subject: string | null;
  /** Canonical JSON-compatible payload; never holds raw personal data (no names, texts, e-mails). */
  readonly payload: Readonly<Record<string, unknown>>;
  readonly prevHash: string;
  readonly hash: string;
}

/** What is appended; seq, prevHash and hash are assigned by the audit module inside the same transaction. */
export type AuditEntryInput = Omit<AuditEntry, 'seq' | 'prevHash' | 'hash'>;

/** A loaded policy document, kept so every decision can name the exact text it was made under. */
export interface PolicyRecord {
  readonly id: string;
  readonly name: string;
  /** sha256 of the canonical JSON of the parsed policy. */
  readonly sha256: string;
  /** The parsed policy as JSON text. */
  readonly document: string;
  readonly loadedAt: string;
  readonly active: boolean;
}

export const BUILD_STATES = ['running', 'published', 'failed'] as const;
export type BuildState = (typeof BUILD_STATES)[number];

export interface BuildRecord {
  readonly id: string;
  readonly purpose: string;
  readonly asOf: string;
  readonly policyVersion: string;
  readonly state: BuildState;
  readonly startedAt: string;
  readonly publishedAt: string | null;
  /** Output directory (or URI) of the dataset. */
  readonly location: string;
  /** Items processed so far / total when known, for progress. */
  readonly progress: { readonly done: number; readonly total: number | null };
  /** The manifest once published (JSON-compatible). */
  readonly manifest: Readonly<Record<string, unknown>> | null;
  readonly error: string | null;
}

/** Lineage: one member's presence in one build. Member ids live here, never in the dataset. */
export interface BuildMemberRow {
  readonly buildId: string;
  readonly memberId: string;
  readonly items: number;
}

export interface ModelRecord {
  readonly id: string;
  readonly name: string;
  readonly version: string;
  readonly buildIds: readonly string[];
  readonly registeredAt: string;
  /** Set when a policy with `on_withdrawal: flag_models` marks it as holding data of members who withdrew. */
  readonly flaggedAt: string | null;
  readonly flagReason: string | null;
}

export const TOKEN_SCOPES = ['read', 'write_consent', 'build', 'admin'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

export interface ApiTokenRecord {
  readonly id: string;
  readonly name: string;
  /** sha256 of the secret; the secret itself is shown once and never stored. */
  readonly secretHash: string;
  readonly scopes: readonly TokenScope[];
  readonly createdAt: string;
  readonly revokedAt: string | null;
}

export interface ScanOptions {
  /** Rows per yielded batch. */
  readonly batchSize?: number;
}

/**
 * The store. Every method is a single atomic operation; `transaction` groups several. Reads in a transaction see
 * its own writes. Writes are durable when the promise resolves.
 */
export interface Store {
  readonly capabilities: StoreCapabilities;
  /** Where the data lives, safe to print (passwords removed). */
  readonly location: string;

  /** Runs `work` in one transaction: everything it writes commits together or not at all. */
  transaction<T>(work: (tx: Store) => Promise<T>): Promise<T>;
  /**
   * Like `transaction`, in two steps: resolves once the transaction committed (this store may run other work, and
   * readers may see the commit), with `durable`, which resolves once the commit is on disk. Where flushing would
   * block the process (SQLite) the flush runs in the background; elsewhere `durable` is already resolved. Callers
   * acknowledge writes only after `durable`. Inside a transaction it is a nested `transaction`.
   */
  transactionWithDeferredFlush<T>(
    work: (tx: Store) => Promise<T>,
  ): Promise<{ readonly result: T; readonly durable: Promise<void> }>;
  close(): Promise<void>;
  /**
   * An opaque token for cache validation: two calls return the same token only if no write was committed to this
   * store's tables in between (on PostgreSQL, those of its schema), by this store or by any other connection or
   * process; writes elsewhere on the database server need not change it. A token read before a read stays
   * valid for what that read returned. A change may also come from writes that touch nothing a cache holds (a
   * spurious change costs a reload, never a stale answer). Cheap: meant to be called on every request.
   */
  changeToken(): Promise<string>;

  // Members: the directory is current state (upserted by id).
  upsertMembers(members: readonly Member[]): Promise<void>;
  getMember(id: string): Promise<Member | undefined>;
  getMembers(ids: readonly string[]): Promise<Map<string, Member>>;
  /** Which of these members exist, with their country (null when unknown): a cheap check for bulk imports. */
  memberCountries(ids: readonly string[]): Promise<Map<string, string | null>>;
  /** All members in id order, in batches. */
  scanMembers(options?: ScanOptions): AsyncIterable<readonly Member[]>;
  countMembers(): Promise<number>;

  // Content items (upserted by id).
  upsertContent(items: readonly ContentItem[]): Promise<void>;
  getContent(id: string): Promise<ContentItem | undefined>;
  contentByAuthor(memberId: string): Promise<readonly ContentItem[]>;
  /** All items in id order, in batches. */
  scanContent(options?: ScanOptions): AsyncIterable<readonly ContentItem[]>;
  countContent(): Promise<number>;

  // Consent ledger: append-only. The store assigns `seq` (strictly increasing); ids are given by the caller.
  appendConsentEvents(events: readonly Omit<ConsentEvent, 'seq'>[]): Promise<readonly ConsentEvent[]>;
  consentEventByRequestId(requestId: string): Promise<ConsentEvent | undefined>;
  /** The events holding any of these request ids, by request id (one query per few hundred ids). */
  consentEventsByRequestIds(requestIds: readonly string[]): Promise<Map<string, ConsentEvent>>;
  consentEventById(id: string): Promise<ConsentEvent | undefined>;
  /** A member's events (optionally only these purposes) in seq order. */
  consentEventsFor(memberId: string, purposes?: readonly string[]): Promise<readonly ConsentEvent[]>;
  /** Events for many members at once, in seq order (batch checks). */
  consentEventsForMembers(memberIds: readonly string[], purposes?: readonly string[]): Promise<readonly ConsentEvent[]>;
  /** All events in seq order, optionally only those with `seq` in (afterSeq, upToSeq]. */
  scanConsentEvents(
    options?: ScanOptions & { readonly afterSeq?: number; readonly upToSeq?: number },
  ): AsyncIterable<readonly ConsentEvent[]>;
  /** The highest seq, or 0 for an empty ledger. */
  consentHeadSeq(): Promise<number>;

  // Audit log: appended only through src/audit, which computes the chain.
  /** Appends consecutive entries (already chained by src/audit) in as few statements as the driver allows. */
  appendAuditEntries(entries: readonly AuditEntry[]): Promise<void>;
  lastAuditEntry(): Promise<AuditEntry | undefined>;
  scanAudit(options?: ScanOptions): AsyncIterable<readonly AuditEntry[]>;

  // Policies.
  savePolicy(record: PolicyRecord): Promise<void>;
  activePolicy(): Promise<PolicyRecord | undefined>;
  /** Marks one policy active and every other inactive. */
  activatePolicy(id: string): Promise<void>;
  listPolicies(): Promise<readonly PolicyRecord[]>;

  // Builds and lineage.
  createBuild(build: BuildRecord): Promise<void>;
  updateBuild(
    id: string,
    patch: Partial<Pick<BuildRecord, 'state' | 'publishedAt' | 'progress' | 'manifest' | 'error'>>,
  ): Promise<void>;
  getBuild(id: string): Promise<BuildRecord | undefined>;
  listBuilds(): Promise<readonly BuildRecord[]>;
  addBuildMembers(rows: readonly BuildMemberRow[]): Promise<void>;
  /** Removes a build's lineage rows (a build that failed before publishing). */
  deleteBuildMembers(buildId: string): Promise<void>;
  buildsForMember(memberId: string): Promise<readonly BuildMemberRow[]>;
  scanBuildMembers(buildId: string, options?: ScanOptions): AsyncIterable<readonly BuildMemberRow[]>;
  countBuildMembers(buildId: string): Promise<number>;

  // Models.
  registerModel(model: ModelRecord): Promise<void>;
  getModel(id: string): Promise<ModelRecord | undefined>;
  listModels(): Promise<readonly ModelRecord[]>;
  flagModel(id: string, at: string, reason: string): Promise<void>;

  // API tokens.
  createToken(token: ApiTokenRecord): Promise<void>;
  tokenBySecretHash(secretHash: string): Promise<ApiTokenRecord | undefined>;
  listTokens(): Promise<readonly ApiTokenRecord[]>;
  revokeToken(id: string, at: string): Promise<void>;
}
