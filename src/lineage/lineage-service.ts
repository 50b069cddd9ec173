// Lineage: which builds and models hold a member's data, what a model was trained on and how many of those members
// withdrew since, model registration (audited), and the `on_withdrawal: flag_models` hook. Member ids live only in
// the store's build_members rows, never in a dataset.

import { randomUUID } from 'node:crypto';
import { appendAudit } from '../audit/index.js';
import {
  type ConsentEvent,
  type ConsentStatus,
  type Member,
  PURPOSES,
  permits,
  purposeLineage,
} from '../domain/index.js';
import { defaultStatus, type Policy, withdrawalEffect } from '../policy/index.js';
import type { BuildRecord, ModelRecord, Store } from '../store/store.js';

export class LineageError extends Error {
  override readonly name = 'LineageError';
  readonly kind = 'user';
  constructor(
    readonly code:
      | 'ASSENT_LINEAGE_BUILD_NOT_FOUND'
      | 'ASSENT_LINEAGE_BUILD_NOT_PUBLISHED'
      | 'ASSENT_LINEAGE_MODEL_NOT_FOUND'
      | 'ASSENT_LINEAGE_BAD_MODEL',
    message: string,
  ) {
    super(message);
  }
}

export interface ConsentNow {
  readonly purpose: string;
  readonly status: ConsentStatus;
  readonly source: 'explicit' | 'default';
  /** Valid-from of the deciding event, when explicit. */
  readonly since: string | null;
}

export interface MemberBuildEntry {
  readonly buildId: string;
  readonly purpose: string;
  readonly asOf: string;
  readonly state: string;
  readonly startedAt: string;
  readonly publishedAt: string | null;
  readonly items: number;
}

export interface MemberModelEntry {
  readonly modelId: string;
  readonly name: string;
  readonly version: string;
  readonly registeredAt: string;
  readonly flaggedAt: string | null;
  /** The model's builds that hold this member's data. */
  readonly buildIds: readonly string[];
  readonly items: number;
}

export interface MemberLineage {
  readonly memberId: string;
  readonly known: boolean;
  readonly builds: readonly MemberBuildEntry[];
  readonly models: readonly MemberModelEntry[];
  readonly consentNow: readonly ConsentNow[];
}

export interface ModelBuildEntry {
  readonly buildId: string;
  readonly purpose: string;
  readonly asOf: string;
  readonly publishedAt: string | null;
  readonly members: number;
  readonly withdrawnAfterTraining: number;
}

export interface ModelLineage {
  readonly model: ModelRecord;
  readonly builds: readonly ModelBuildEntry[];
  /** Distinct members over all builds are not computed (builds rarely overlap); this is the sum per build. */
  readonly members: number;
  /** Members of its builds whose consent for the build's purpose, as recorded now, no longer permits it and who
   * recorded that after the build started: "withdrawn after training". */
  readonly withdrawnAfterTraining: number;
}

/** The deciding event for `purpose` valid now, as known now. */
function latestEvent(events: readonly ConsentEvent[], purpose: string, now: string): ConsentEvent | null {
  const purposes = new Set(purposeLineage(purpose));
  purposes.add(purpose);
  const superseded = new Set(events.map((e) => e.supersedes).filter((id): id is string => id !== null));
  let best: ConsentEvent | null = null;
  for (const e of events) {
    if (!purposes.has(e.purpose) || superseded.has(e.id) || e.validFrom > now) continue;
    if (!best || e.validFrom > best.validFrom || (e.validFrom === best.validFrom && e.seq > best.seq)) best = e;
  }
  return best;
}

function consentNow(
  events: readonly ConsentEvent[],
  member: Member | undefined,
  policy: Policy | undefined,
  now: string,
): ConsentNow[] {
  return PURPOSES.map((p) => {
    const event = latestEvent(events, p.key, now);
    if (event) return { purpose: p.key, status: event.status, source: 'explicit' as const, since: event.validFrom };
    const status: ConsentStatus = policy ? defaultStatus(policy, p.key, member, now) : 'ConsentUnknown';
    return { purpose: p.key, status, source: 'default' as const, since: null };
  });
}

/**
 * Every build and model holding the member's data, with dates and item counts, and the member's consent now.
 *
 * @example const lineage = await memberLineage(store, 'm0000042', { policy });
 */
export async function memberLineage(
  store: Store,
  memberId: string,
  options: { readonly policy?: Policy; readonly now?: string } = {},
): Promise<MemberLineage> {
  const now = options.now ?? new Date().toISOString();
  const member = await store.getMember(memberId);
  const rows = await store.buildsForMember(memberId);
  const builds: MemberBuildEntry[] = [];
  const itemsByBuild = new Map<string, number>();
  for (const row of rows) {
    const build = await store.getBuild(row.buildId);
    if (!build) continue;
    itemsByBuild.set(build.id, row.items);
    builds.push({
      buildId: build.id,
      purpose: build.purpose,
      asOf: build.asOf,
      state: build.state,
      startedAt: build.startedAt,
      publishedAt: build.publishedAt,
      items: row.items,
    });
  }
  builds.sort((a, b) => (a.startedAt < b.startedAt ? -1 : a.startedAt > b.startedAt ? 1 : 0));
  const models: MemberModelEntry[] = [];
  for (const model of await store.listModels()) {
    const held = model.buildIds.filter((id) => itemsByBuild.has(id));
    if (held.length === 0) continue;
    models.push({
      modelId: model.id,
      name: model.name,
      version: model.version,
      registeredAt: model.registeredAt,
      flaggedAt: model.flaggedAt,
      buildIds: held,
      items: held.reduce((sum, id) => sum + (itemsByBuild.get(id) ?? 0), 0),
    });
  }
  const events = await store.consentEventsFor(memberId);
  return {
    memberId,
    known: member !== undefined,
    builds,
    models,
    consentNow: consentNow(events, member, options.policy, now),
  };
}

/** Members of `build` who withdrew (for its purpose) after the build started and do not permit it now. */
async function withdrawnSince(
  store: Store,
  build: BuildRecord,
  now: string,
): Promise<{ members: number; withdrawn: number }> {
  let members = 0;
  let withdrawn = 0;
  const purposes = [...purposeLineage(build.purpose)];
  if (purposes.length === 0) purposes.push(build.purpose);
  for await (const rows of store.scanBuildMembers(build.id, { batchSize: 1000 })) {
    members += rows.length;
    const events = await store.consentEventsForMembers(
      rows.map((r) => r.memberId),
      purposes,
    );
    const byMember = new Map<string, ConsentEvent[]>();
    for (const e of events) byMember.set(e.memberId, [...(byMember.get(e.memberId) ?? []), e]);
    for (const [, list] of byMember) {
      const current = latestEvent(list, build.purpose, now);
      if (current && !permits(current.status) && current.recordedAt >= build.startedAt) withdrawn++;
    }
  }
  return { members, withdrawn };
}

/**
 * A model's builds, their member counts, and how many of those members withdrew after training.
 *
 * @example const { withdrawnAfterTraining } = await modelLineage(store, modelId);
 */
export async function modelLineage(
  store: Store,
  modelId: string,
  options: { readonly now?: string } = {},
): Promise<ModelLineage> {
  const now = options.now ?? new Date().toISOString();
  const model = await store.getModel(modelId);
  if (!model) throw new LineageError('ASSENT_LINEAGE_MODEL_NOT_FOUND', `no model ${modelId} in the store`);
  const builds: ModelBuildEntry[] = [];
  for (const buildId of model.buildIds) {
    const build = await store.getBuild(buildId);
    if (!build) continue;
    const counts = await withdrawnSince(store, build, now);
    builds.push({
      buildId,
      purpose: build.purpose,
      asOf: build.asOf,
      publishedAt: build.publishedAt,
      members: counts.members,
      withdrawnAfterTraining: counts.withdrawn,
    });
  }
  return {
    model,
    builds,
    members: builds.reduce((s, b) => s + b.members, 0),
    withdrawnAfterTraining: builds.reduce((s, b) => s + b.withdrawnAfterTraining, 0),
  };
}

export interface RegisterModelInput {
  readonly name: string;
  readonly version: string;
  readonly buildIds: readonly string[];
}

/** Registers a training run over published builds; audited as `model.registered`. */
export async function registerModel(
  store: Store,
  input: RegisterModelInput,
  actor: string,
  options: { readonly now?: string; readonly id?: string } = {},
): Promise<ModelRecord> {
  if (input.name.trim() === '' || input.version.trim() === '') {
    throw new LineageError('ASSENT_LINEAGE_BAD_MODEL', 'a model needs a non-empty --name and --version');
  }
  if (input.buildIds.length === 0)
    throw new LineageError('ASSENT_LINEAGE_BAD_MODEL', 'a model needs at least one --build');
  for (const id of input.buildIds) {
    const build = await store.getBuild(id);
    if (!build) throw new LineageError('ASSENT_LINEAGE_BUILD_NOT_FOUND', `no build ${id} in the store`);
    if (build.state !== 'published') {
      throw new LineageError('ASSENT_LINEAGE_BUILD_NOT_PUBLISHED', `build ${id} is ${build.state}, not published`);
    }
  }
  const now = options.now ?? new Date().toISOString();
  const model: ModelRecord = {
    id: options.id ?? `model-${randomUUID()}`,
    name: input.name,
    version: input.version,
    buildIds: [...new Set(input.buildIds)],
    registeredAt: now,
    flaggedAt: null,
    flagReason: null,
  };
  await store.transaction(async (tx) => {
    await tx.registerModel(model);
    await appendAudit(tx, {
      at: now,
      actor,
      action: 'model.registered',
      subject: model.id,
      payload: { name: model.name, version: model.version, builds: model.buildIds },
    });
  });
  return model;
}

async function flag(store: Store, model: ModelRecord, at: string, reason: string): Promise<void> {
  await store.transaction(async (tx) => {
    await tx.flagModel(model.id, at, reason);
    await appendAudit(tx, {
      at,
      actor: 'system:lineage',
      action: 'model.flagged',
      subject: model.id,
      payload: { reason },
    });
  });
}

/**
 * Hook for the consent ledger: when `event` withdraws or refuses and the policy says `on_withdrawal: flag_models`,
 * marks every model trained on a build holding the member's data. Returns the ids of models newly flagged.
 */
export async function onConsentRecorded(store: Store, event: ConsentEvent, policy: Policy): Promise<string[]> {
  if (permits(event.status)) return [];
  if (withdrawalEffect(policy, event.purpose, event.recordedAt) !== 'flag_models') return [];
  const builds = new Set((await store.buildsForMember(event.memberId)).map((r) => r.buildId));
  if (builds.size === 0) return [];
  const flagged: string[] = [];
  for (const model of await store.listModels()) {
    if (model.flaggedAt !== null || !model.buildIds.some((id) => builds.has(id))) continue;
    await flag(store, model, event.recordedAt, 'holds data of a member who withdrew after training');
    flagged.push(model.id);
  }
  return flagged;
}

/** Re-checks every unflagged model (e.g. after switching a policy to `flag_models`); returns newly flagged ids. */
export async function recheckModels(
  store: Store,
  policy: Policy,
  options: { readonly now?: string } = {},
): Promise<string[]> {
  const now = options.now ?? new Date().toISOString();
  const flagged: string[] = [];
  for (const model of await store.listModels()) {
    if (model.flaggedAt !== null) continue;
    const lineage = await modelLineage(store, model.id, { now });
    const affected = lineage.builds.some(
      (b) => b.withdrawnAfterTraining > 0 && withdrawalEffect(policy, b.purpose, now) === 'flag_models',
    );
    if (!affected) continue;
    await flag(store, model, now, 'holds data of members who withdrew after training');
    flagged.push(model.id);
  }
  return flagged;
}
