// The Store implemented once over Kysely for every SQL database. Adapters (./sqlite, ./postgres) supply a
// connected Kysely instance and a `StoreAdapter` describing how they differ; nothing here asks which one it is.

import { CompiledQuery, type Kysely, sql } from 'kysely';
import type { ConsentEvent, ContentItem, Member } from '../domain/index.js';
import {
  auditToRow,
  buildToRow,
  consentToRow,
  contentToRow,
  memberToRow,
  normalizeConsent,
  rowToAudit,
  rowToBuild,
  rowToBuildMember,
  rowToConsent,
  rowToContent,
  rowToMember,
  rowToModel,
  rowToPolicy,
  rowToToken,
  toNumber,
} from './rows.js';
import type { Database } from './schema.js';
import type {
  ApiTokenRecord,
  AuditEntry,
  BuildMemberRow,
  BuildRecord,
  ModelRecord,
  PolicyRecord,
  ScanOptions,
  Store,
  StoreCapabilities,
} from './store.js';

/** What an adapter tells the shared store about its database. */
export interface StoreAdapter {
  readonly capabilities: StoreCapabilities;
  readonly location: string;
  /** Parameters one statement may carry (SQLite 32766, PostgreSQL 65535). */
  readonly maxParameters: number;
  /** The statement that opens a write transaction (`begin immediate` takes SQLite's write lock up front). */
  readonly beginStatement: string;
  /**
   * Serialises appenders to the consent ledger and the audit chain across connections and processes; called inside
   * a transaction, held until it ends. A no-op where the transaction already holds the only write lock.
   */
  lockLedger(db: Kysely<Database>): Promise<void>;
  /**
   * A faster path for appending consent events inside the open transaction `db`, where the driver has one (SQLite: one
   * cached prepared statement run per row; PostgreSQL: one INSERT ... SELECT FROM unnest of column arrays).
   * Absent: multi-row INSERTs batched to the parameter limit.
   */
  insertConsentEvents?(db: Kysely<Database>, events: readonly ConsentEvent[]): Promise<void>;
  /**
   * Lets `Store.transactionWithDeferredFlush` commit without waiting for the disk: `relax()` runs before BEGIN on the
   * transaction's connection, `restore()` after it ended (committed or not), and `flush()` makes everything
   * committed so far durable without blocking. Absent: commits are durable when they return.
   */
  readonly deferredFlush?:
    | {
        relax(): void;
        restore(): void;
        flush(): Promise<void>;
      }
    | undefined;
  /** See `Store.changeToken`; `db` is the open transaction when called inside one. */
  changeToken(db: Kysely<Database>): Promise<string>;
  /** Releases the connection(s) and anything else the adapter opened. */
  close(): Promise<void>;
}

const DEFAULT_SCAN_BATCH = 1000;

/** Splits rows into batches that fit both `maxBatchRows` and the statement parameter limit. */
export function batchesOf<T>(rows: readonly T[], columns: number, adapter: StoreAdapter): T[][] {
  const size = Math.max(
    1,
    Math.min(adapter.capabilities.maxBatchRows, Math.floor(adapter.maxParameters / Math.max(1, columns))),
  );
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/**
 * The SQL of the lineage insert by batch size, per adapter: building it with Kysely's query builder (a node per
 * value, then compiled) took more time than SQLite took to insert the rows (250,000 rows: ~0.7 s against ~0.3 s).
 */
const buildMemberStatements = new WeakMap<StoreAdapter, Map<number, string>>();

/** Creates the shared store over a connected, migrated Kysely instance. */
export function createKyselyStore(db: Kysely<Database>, adapter: StoreAdapter): Store {
  return new KyselyStore(db, adapter, 0);
}

class KyselyStore implements Store {
  readonly capabilities: StoreCapabilities;
  readonly location: string;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly adapter: StoreAdapter,
    /** 0 outside a transaction; n inside the n-th nested level. */
    private readonly depth: number,
  ) {
    this.capabilities = adapter.capabilities;
    this.location = adapter.location;
  }

  async transaction<T>(work: (tx: Store) => Promise<T>): Promise<T> {
    if (this.depth > 0) {
      // Nested: a savepoint, so an inner failure undoes only the inner work when the caller catches it.
      const name = sql.raw(`assent_sp_${this.depth}`);
      await sql`savepoint ${name}`.execute(this.db);
      try {
        const result = await work(new KyselyStore(this.db, this.adapter, this.depth + 1));
        await sql`release savepoint ${name}`.execute(this.db);
        return result;
      } catch (error) {
        await sql`rollback to savepoint ${name}`.execute(this.db);
        await sql`release savepoint ${name}`.execute(this.db);
        throw error;
      }
    }
    return this.db.connection().execute(async (conn) => {
      await sql.raw(this.adapter.beginStatement).execute(conn);
      try {
        const result = await work(new KyselyStore(conn, this.adapter, 1));
        await sql`commit`.execute(conn);
        return result;
      } catch (error) {
        try {
          await sql`rollback`.execute(conn);
        } catch {
          // The connection may already have aborted the transaction; the original error is what matters.
        }
        throw error;
      }
    });
  }

  async transactionWithDeferredFlush<T>(
    work: (tx: Store) => Promise<T>,
  ): Promise<{ readonly result: T; readonly durable: Promise<void> }> {
    const deferred = this.adapter.deferredFlush;
    if (this.depth > 0 || !deferred) return { result: await this.transaction(work), durable: Promise.resolve() };
    const result = await this.db.connection().execute(async (conn) => {
      deferred.relax();
      try {
        return await new KyselyStore(conn, this.adapter, 0).transaction(work);
      } finally {
        deferred.restore();
      }
    });
    return { result, durable: deferred.flush() };
  }

  close(): Promise<void> {
    return this.adapter.close();
  }

  changeToken(): Promise<string> {
    return this.adapter.changeToken(this.db);
  }

  /** Runs several statements atomically: joins the current transaction or opens one. */
  private atomically<T>(work: (tx: KyselyStore) => Promise<T>): Promise<T> {
    if (this.depth > 0) return work(this);
    return this.transaction((tx) => work(tx as KyselyStore));
  }

  // Members ---------------------------------------------------------------------------------------------------

  async upsertMembers(members: readonly Member[]): Promise<void> {
    if (members.length === 0) return;
    const rows = members.map(memberToRow);
    await this.atomically(async (tx) => {
      for (const batch of batchesOf(rows, 9, this.adapter)) {
        await tx.db
          .insertInto('members')
          .values(batch)
          .onConflict((oc) =>
            oc.column('id').doUpdateSet((eb) => ({
              country: eb.ref('excluded.country'),
              birth_date: eb.ref('excluded.birth_date'),
              birth_year: eb.ref('excluded.birth_year'),
              age_signals: eb.ref('excluded.age_signals'),
              language: eb.ref('excluded.language'),
              account_state: eb.ref('excluded.account_state'),
              names: eb.ref('excluded.names'),
              created_at: eb.ref('excluded.created_at'),
            })),
          )
          .execute();
      }
    });
  }

  async getMember(id: string): Promise<Member | undefined> {
    const row = await this.db.selectFrom('members').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? rowToMember(row) : undefined;
  }

  async getMembers(ids: readonly string[]): Promise<Map<string, Member>> {
    const out = new Map<string, Member>();
    for (const batch of batchesOf([...new Set(ids)], 1, this.adapter)) {
      const rows = await this.db.selectFrom('members').selectAll().where('id', 'in', batch).execute();
      for (const row of rows) out.set(row.id, rowToMember(row));
    }
    return out;
  }

  async memberCountries(ids: readonly string[]): Promise<Map<string, string | null>> {
    const out = new Map<string, string | null>();
    for (const batch of batchesOf([...new Set(ids)], 1, this.adapter)) {
      const rows = await this.db.selectFrom('members').select(['id', 'country']).where('id', 'in', batch).execute();
      for (const row of rows) out.set(row.id, row.country);
    }
    return out;
  }

  async *scanMembers(options?: ScanOptions): AsyncIterable<readonly Member[]> {
    const size = options?.batchSize ?? DEFAULT_SCAN_BATCH;
    let after: string | null = null;
    for (;;) {
      let query = this.db.selectFrom('members').selectAll().orderBy('id').limit(size);
      if (after !== null) query = query.where('id', '>', after);
      const rows = await query.execute();
      if (rows.length === 0) return;
      yield rows.map(rowToMember);
      after = rows[rows.length - 1]?.id ?? null;
      if (rows.length < size) return;
    }
  }

  async countMembers(): Promise<number> {
    return this.count('members');
  }

  private async count(table: 'members' | 'content' | 'consent_events'): Promise<number> {
    const row = await this.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return toNumber(row.n as number | string | bigint);
  }

  // Content ---------------------------------------------------------------------------------------------------

  async upsertContent(items: readonly ContentItem[]): Promise<void> {
    if (items.length === 0) return;
    const rows = items.map(contentToRow);
    await this.atomically(async (tx) => {
      for (const batch of batchesOf(rows, 9, this.adapter)) {
        await tx.db
          .insertInto('content')
          .values(batch)
          .onConflict((oc) =>
            oc.column('id').doUpdateSet((eb) => ({
              author_id: eb.ref('excluded.author_id'),
              kind: eb.ref('excluded.kind'),
              visibility: eb.ref('excluded.visibility'),
              text: eb.ref('excluded.text'),
              created_at: eb.ref('excluded.created_at'),
              language: eb.ref('excluded.language'),
              deleted: eb.ref('excluded.deleted'),
              signals: eb.ref('excluded.signals'),
            })),
          )
          .execute();
      }
    });
  }

  async getContent(id: string): Promise<ContentItem | undefined> {
    const row = await this.db.selectFrom('content').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? rowToContent(row) : undefined;
  }

  async contentByAuthor(memberId: string): Promise<readonly ContentItem[]> {
    const rows = await this.db
      .selectFrom('content')
      .selectAll()
      .where('author_id', '=', memberId)
      .orderBy('id')
      .execute();
    return rows.map(rowToContent);
  }

  async *scanContent(options?: ScanOptions): AsyncIterable<readonly ContentItem[]> {
    const size = options?.batchSize ?? DEFAULT_SCAN_BATCH;
    let after: string | null = null;
    for (;;) {
      let query = this.db.selectFrom('content').selectAll().orderBy('id').limit(size);
      if (after !== null) query = query.where('id', '>', after);
      const rows = await query.execute();
      if (rows.length === 0) return;
      yield rows.map(rowToContent);
      after = rows[rows.length - 1]?.id ?? null;
      if (rows.length < size) return;
    }
  }

  async countContent(): Promise<number> {
    return this.count('content');
  }

  // Consent ledger --------------------------------------------------------------------------------------------

  async appendConsentEvents(events: readonly Omit<ConsentEvent, 'seq'>[]): Promise<readonly ConsentEvent[]> {
    if (events.length === 0) return [];
    return this.atomically(async (tx) => {
      await this.adapter.lockLedger(tx.db);
      const head = await tx.consentHeadSeq();
      const stored = events.map((e, i) => normalizeConsent(e, head + i + 1));
      if (this.adapter.insertConsentEvents) {
        await this.adapter.insertConsentEvents(tx.db, stored);
      } else {
        for (const batch of batchesOf(stored, 13, this.adapter)) {
          await tx.db.insertInto('consent_events').values(batch.map(consentToRow)).execute();
        }
      }
      return stored;
    });
  }

  async consentEventByRequestId(requestId: string): Promise<ConsentEvent | undefined> {
    const row = await this.db
      .selectFrom('consent_events')
      .selectAll()
      .where('request_id', '=', requestId)
      .executeTakeFirst();
    return row ? rowToConsent(row) : undefined;
  }

  async consentEventsByRequestIds(requestIds: readonly string[]): Promise<Map<string, ConsentEvent>> {
    const out = new Map<string, ConsentEvent>();
    for (const batch of batchesOf([...new Set(requestIds)], 1, this.adapter)) {
      const rows = await this.db.selectFrom('consent_events').selectAll().where('request_id', 'in', batch).execute();
      for (const row of rows) {
        const event = rowToConsent(row);
        if (event.requestId !== null) out.set(event.requestId, event);
      }
    }
    return out;
  }

  async consentEventById(id: string): Promise<ConsentEvent | undefined> {
    const row = await this.db.selectFrom('consent_events').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? rowToConsent(row) : undefined;
  }

  async consentEventsFor(memberId: string, purposes?: readonly string[]): Promise<readonly ConsentEvent[]> {
    return this.consentEventsForMembers([memberId], purposes);
  }

  async consentEventsForMembers(
    memberIds: readonly string[],
    purposes?: readonly string[],
  ): Promise<readonly ConsentEvent[]> {
    if (memberIds.length === 0 || purposes?.length === 0) return [];
    const out: ConsentEvent[] = [];
    const reserved = purposes?.length ?? 0;
    const size = Math.max(1, this.adapter.maxParameters - reserved);
    const unique = [...new Set(memberIds)];
    for (let i = 0; i < unique.length; i += size) {
      const batch = unique.slice(i, i + size);
      let query = this.db.selectFrom('consent_events').selectAll();
      query =
        batch.length === 1 ? query.where('member_id', '=', batch[0] ?? '') : query.where('member_id', 'in', batch);
      if (purposes !== undefined) query = query.where('purpose', 'in', [...purposes]);
      const rows = await query.orderBy('seq').execute();
      for (const row of rows) out.push(rowToConsent(row));
    }
    if (unique.length > size) out.sort((a, b) => a.seq - b.seq);
    return out;
  }

  async *scanConsentEvents(
    options?: ScanOptions & { readonly afterSeq?: number; readonly upToSeq?: number },
  ): AsyncIterable<readonly ConsentEvent[]> {
    const size = options?.batchSize ?? DEFAULT_SCAN_BATCH;
    let after = options?.afterSeq ?? 0;
    for (;;) {
      let query = this.db.selectFrom('consent_events').selectAll().where('seq', '>', after).orderBy('seq').limit(size);
      if (options?.upToSeq !== undefined) query = query.where('seq', '<=', options.upToSeq);
      const rows = await query.execute();
      if (rows.length === 0) return;
      const events = rows.map(rowToConsent);
      yield events;
      after = events[events.length - 1]?.seq ?? after;
      if (rows.length < size) return;
    }
  }

  async consentHeadSeq(): Promise<number> {
    const row = await this.db
      .selectFrom('consent_events')
      .select((eb) => eb.fn.max('seq').as('head'))
      .executeTakeFirst();
    return row?.head === null || row?.head === undefined ? 0 : toNumber(row.head);
  }

  // Audit -----------------------------------------------------------------------------------------------------

  async appendAuditEntries(entries: readonly AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.atomically(async (tx) => {
      await this.adapter.lockLedger(tx.db);
      const rows = entries.map((entry) => auditToRow(entry, JSON.stringify(entry.payload)));
      for (const batch of batchesOf(rows, Object.keys(rows[0] ?? {}).length, this.adapter)) {
        await tx.db.insertInto('audit_log').values(batch).execute();
      }
    });
  }

  async lastAuditEntry(): Promise<AuditEntry | undefined> {
    // Inside a transaction, take the ledger lock first so two appenders cannot both extend the same head.
    if (this.depth > 0) await this.adapter.lockLedger(this.db);
    const row = await this.db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirst();
    return row ? rowToAudit(row) : undefined;
  }

  async *scanAudit(options?: ScanOptions): AsyncIterable<readonly AuditEntry[]> {
    const size = options?.batchSize ?? DEFAULT_SCAN_BATCH;
    let after = 0;
    for (;;) {
      const rows = await this.db
        .selectFrom('audit_log')
        .selectAll()
        .where('seq', '>', after)
        .orderBy('seq')
        .limit(size)
        .execute();
      if (rows.length === 0) return;
      const entries = rows.map(rowToAudit);
      yield entries;
      after = entries[entries.length - 1]?.seq ?? after;
      if (rows.length < size) return;
    }
  }

  // Policies --------------------------------------------------------------------------------------------------

  async savePolicy(record: PolicyRecord): Promise<void> {
    await this.db
      .insertInto('policies')
      .values({
        id: record.id,
        name: record.name,
        sha256: record.sha256,
        document: record.document,
        loaded_at: record.loadedAt,
        active: record.active ? 1 : 0,
      })
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'),
          sha256: eb.ref('excluded.sha256'),
          document: eb.ref('excluded.document'),
          loaded_at: eb.ref('excluded.loaded_at'),
          active: eb.ref('excluded.active'),
        })),
      )
      .execute();
  }

  async activePolicy(): Promise<PolicyRecord | undefined> {
    const row = await this.db.selectFrom('policies').selectAll().where('active', '=', 1).executeTakeFirst();
    return row ? rowToPolicy(row) : undefined;
  }

  async activatePolicy(id: string): Promise<void> {
    await this.atomically(async (tx) => {
      const found = await tx.db.selectFrom('policies').select('id').where('id', '=', id).executeTakeFirst();
      if (!found) throw new Error(`policy ${id}: not found`);
      await tx.db.updateTable('policies').set({ active: 0 }).where('id', '!=', id).execute();
      await tx.db.updateTable('policies').set({ active: 1 }).where('id', '=', id).execute();
    });
  }

  async listPolicies(): Promise<readonly PolicyRecord[]> {
    const rows = await this.db.selectFrom('policies').selectAll().orderBy('loaded_at').orderBy('id').execute();
    return rows.map(rowToPolicy);
  }

  // Builds and lineage ----------------------------------------------------------------------------------------

  async createBuild(build: BuildRecord): Promise<void> {
    await this.db.insertInto('builds').values(buildToRow(build)).execute();
  }

  async updateBuild(
    id: string,
    patch: Partial<Pick<BuildRecord, 'state' | 'publishedAt' | 'progress' | 'manifest' | 'error'>>,
  ): Promise<void> {
    const set: {
      state?: string;
      published_at?: string | null;
      progress_done?: number;
      progress_total?: number | null;
      manifest?: string | null;
      error?: string | null;
    } = {};
    if (patch.state !== undefined) set.state = patch.state;
    if (patch.publishedAt !== undefined) set.published_at = patch.publishedAt;
    if (patch.progress !== undefined) {
      set.progress_done = patch.progress.done;
      set.progress_total = patch.progress.total;
    }
    if (patch.manifest !== undefined) set.manifest = patch.manifest === null ? null : JSON.stringify(patch.manifest);
    if (patch.error !== undefined) set.error = patch.error;
    if (Object.keys(set).length === 0) return;
    const result = await this.db.updateTable('builds').set(set).where('id', '=', id).executeTakeFirst();
    if (toNumber(result.numUpdatedRows) === 0) throw new Error(`build ${id}: not found`);
  }

  async getBuild(id: string): Promise<BuildRecord | undefined> {
    const row = await this.db.selectFrom('builds').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? rowToBuild(row) : undefined;
  }

  async listBuilds(): Promise<readonly BuildRecord[]> {
    const rows = await this.db.selectFrom('builds').selectAll().orderBy('started_at').orderBy('id').execute();
    return rows.map(rowToBuild);
  }

  async addBuildMembers(rows: readonly BuildMemberRow[]): Promise<void> {
    if (rows.length === 0) return;
    let statements = buildMemberStatements.get(this.adapter);
    if (!statements) {
      statements = new Map();
      buildMemberStatements.set(this.adapter, statements);
    }
    await this.atomically(async (tx) => {
      for (const batch of batchesOf(rows, 3, this.adapter)) {
        const parameters: unknown[] = [];
        for (const r of batch) parameters.push(r.buildId, r.memberId, r.items);
        const known = statements.get(batch.length);
        if (known !== undefined) {
          await tx.db.executeQuery(CompiledQuery.raw(known, parameters));
          continue;
        }
        const compiled = tx.db
          .insertInto('build_members')
          .values(batch.map((r) => ({ build_id: r.buildId, member_id: r.memberId, items: r.items })))
          .onConflict((oc) =>
            oc.columns(['build_id', 'member_id']).doUpdateSet((eb) => ({ items: eb.ref('excluded.items') })),
          )
          .compile();
        // Kept for this batch size only when its parameters are the rows' values in row order, as reused above.
        const reusable =
          compiled.parameters.length === parameters.length && compiled.parameters.every((p, i) => p === parameters[i]);
        if (reusable && statements.size < 8) statements.set(batch.length, compiled.sql);
        await tx.db.executeQuery(compiled);
      }
    });
  }

  async deleteBuildMembers(buildId: string): Promise<void> {
    await this.db.deleteFrom('build_members').where('build_id', '=', buildId).execute();
  }

  async buildsForMember(memberId: string): Promise<readonly BuildMemberRow[]> {
    const rows = await this.db
      .selectFrom('build_members')
      .selectAll()
      .where('member_id', '=', memberId)
      .orderBy('build_id')
      .execute();
    return rows.map(rowToBuildMember);
  }

  async *scanBuildMembers(buildId: string, options?: ScanOptions): AsyncIterable<readonly BuildMemberRow[]> {
    const size = options?.batchSize ?? DEFAULT_SCAN_BATCH;
    let after: string | null = null;
    for (;;) {
      let query = this.db
        .selectFrom('build_members')
        .selectAll()
        .where('build_id', '=', buildId)
        .orderBy('member_id')
        .limit(size);
      if (after !== null) query = query.where('member_id', '>', after);
      const rows = await query.execute();
      if (rows.length === 0) return;
      yield rows.map(rowToBuildMember);
      after = rows[rows.length - 1]?.member_id ?? null;
      if (rows.length < size) return;
    }
  }

  async countBuildMembers(buildId: string): Promise<number> {
    const row = await this.db
      .selectFrom('build_members')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('build_id', '=', buildId)
      .executeTakeFirstOrThrow();
    return toNumber(row.n as number | string | bigint);
  }

  // Models ----------------------------------------------------------------------------------------------------

  async registerModel(model: ModelRecord): Promise<void> {
    await this.atomically(async (tx) => {
      await tx.db
        .insertInto('models')
        .values({
          id: model.id,
          name: model.name,
          version: model.version,
          registered_at: model.registeredAt,
          flagged_at: model.flaggedAt,
          flag_reason: model.flagReason,
        })
        .execute();
      if (model.buildIds.length > 0) {
        await tx.db
          .insertInto('model_builds')
          .values(model.buildIds.map((buildId, position) => ({ model_id: model.id, build_id: buildId, position })))
          .execute();
      }
    });
  }

  async getModel(id: string): Promise<ModelRecord | undefined> {
    const row = await this.db.selectFrom('models').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return undefined;
    const links = await this.db
      .selectFrom('model_builds')
      .select('build_id')
      .where('model_id', '=', id)
      .orderBy('position')
      .execute();
    return rowToModel(
      row,
      links.map((l) => l.build_id),
    );
  }

  async listModels(): Promise<readonly ModelRecord[]> {
    const rows = await this.db.selectFrom('models').selectAll().orderBy('registered_at').orderBy('id').execute();
    const links = await this.db
      .selectFrom('model_builds')
      .selectAll()
      .orderBy('model_id')
      .orderBy('position')
      .execute();
    const byModel = new Map<string, string[]>();
    for (const link of links) {
      const list = byModel.get(link.model_id) ?? [];
      list.push(link.build_id);
      byModel.set(link.model_id, list);
    }
    return rows.map((row) => rowToModel(row, byModel.get(row.id) ?? []));
  }

  async flagModel(id: string, at: string, reason: string): Promise<void> {
    const result = await this.db
      .updateTable('models')
      .set({ flagged_at: at, flag_reason: reason })
      .where('id', '=', id)
      .executeTakeFirst();
    if (toNumber(result.numUpdatedRows) === 0) throw new Error(`model ${id}: not found`);
  }

  // API tokens ------------------------------------------------------------------------------------------------

  async createToken(token: ApiTokenRecord): Promise<void> {
    await this.db
      .insertInto('api_tokens')
      .values({
        id: token.id,
        name: token.name,
        secret_hash: token.secretHash,
        scopes: JSON.stringify(token.scopes),
        created_at: token.createdAt,
        revoked_at: token.revokedAt,
      })
      .execute();
  }

  async tokenBySecretHash(secretHash: string): Promise<ApiTokenRecord | undefined> {
    const row = await this.db
      .selectFrom('api_tokens')
      .selectAll()
      .where('secret_hash', '=', secretHash)
      .executeTakeFirst();
    return row ? rowToToken(row) : undefined;
  }

  async listTokens(): Promise<readonly ApiTokenRecord[]> {
    const rows = await this.db.selectFrom('api_tokens').selectAll().orderBy('created_at').orderBy('id').execute();
    return rows.map(rowToToken);
  }

  async revokeToken(id: string, at: string): Promise<void> {
    const result = await this.db
      .updateTable('api_tokens')
      .set({ revoked_at: at })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (toNumber(result.numUpdatedRows) === 0) {
      const exists = await this.db.selectFrom('api_tokens').select('id').where('id', '=', id).executeTakeFirst();
      if (!exists) throw new Error(`token ${id}: not found`);
    }
  }
}
