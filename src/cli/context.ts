// What every command needs, opened once from the global options: the store, the policy in force, the consent
// ledger. Commands stay thin: they parse flags, call these services, and print.

import { createHash } from 'node:crypto';
import type { Command } from 'commander';
import { appendAudit, canonicalJson } from '../audit/index.js';
import { type ConsentLedger, createConsentLedger } from '../consent/index.js';
import { DEFAULT_PRESET, listPresets, loadPolicyFile, loadPreset, type Policy } from '../policy/index.js';
import { type OpenStoreOptions, openStore } from '../store/open-store.js';
import type { Store } from '../store/store.js';
import { UsageError } from './cli-error.js';

export interface GlobalOptions {
  readonly dataDir?: string;
  readonly databaseUrl?: string;
  readonly policy?: string;
}

export interface Context {
  readonly store: Store;
  readonly policy: Policy;
  readonly policySha256: string;
  readonly ledger: ConsentLedger;
  readonly actor: string;
  close(): Promise<void>;
}

/** The root program of `command`, where the global options live. */
export function rootOf(command: Command): Command {
  let root = command;
  while (root.parent) root = root.parent;
  return root;
}

/** The global options, read from the root program whatever the depth of the command. */
export function globalOptions(command: Command): GlobalOptions {
  const raw = rootOf(command).opts<Record<string, unknown>>();
  // An empty environment variable means "not set", not "the empty path".
  const pick = (key: keyof GlobalOptions) =>
    typeof raw[key] === 'string' && raw[key] !== '' ? { [key]: raw[key] as string } : {};
  return { ...pick('dataDir'), ...pick('databaseUrl'), ...pick('policy') };
}

/** Loads a policy by preset name or file path; errors are the user's and name the file and line. */
export async function resolvePolicy(spec: string | undefined): Promise<Policy | undefined> {
  if (spec === undefined) return undefined;
  if ((await listPresets()).includes(spec)) return loadPreset(spec);
  return loadPolicyFile(spec);
}

function policyDigest(policy: Policy): string {
  return createHash('sha256').update(canonicalJson(policy)).digest('hex');
}

/**
 * Decides the policy in force: `requested` if given (recorded and made active, with an audit entry, when it differs
 * from the active one), else the store's active policy, else the default preset (recorded the same way).
 */
export async function ensureActivePolicy(
  store: Store,
  requested: Policy | undefined,
  actor: string,
): Promise<{ policy: Policy; sha256: string }> {
  const active = await store.activePolicy();
  let policy: Policy;
  if (requested) policy = requested;
  else if (active) policy = JSON.parse(active.document) as Policy;
  else policy = await loadPreset(DEFAULT_PRESET);
  const sha256 = policyDigest(policy);
  if (!active || active.sha256 !== sha256) {
    const now = new Date().toISOString();
    const id = `policy-${sha256.slice(0, 12)}`;
    await store.transaction(async (tx) => {
      const known = (await tx.listPolicies()).some((p) => p.id === id);
      if (!known) {
        await tx.savePolicy({
          id,
          name: policy.name,
          sha256,
          document: JSON.stringify(policy),
          loadedAt: now,
          active: false,
        });
      }
      await tx.activatePolicy(id);
      await appendAudit(tx, {
        at: now,
        actor,
        action: 'policy.loaded',
        subject: id,
        payload: { name: policy.name, sha256, versions: policy.versions.map((v) => v.id) },
      });
    });
  }
  return { policy, sha256 };
}

/** The actor recorded in the audit log for commands run from this shell. */
export function cliActor(): string {
  return `cli:${process.env.USER ?? 'unknown'}`;
}

/** Where the global options put the store (--data-dir, --database-url; openStore reads the environment for the rest). */
export function storeOptionsOf(options: GlobalOptions): OpenStoreOptions {
  return {
    ...(options.dataDir !== undefined ? { dataDir: options.dataDir } : {}),
    ...(options.databaseUrl !== undefined ? { databaseUrl: options.databaseUrl } : {}),
  };
}

/** Opens the store and the policy in force (see `ensureActivePolicy`). */
export async function openContext(command: Command): Promise<Context> {
  const options = globalOptions(command);
  const requested = await resolvePolicy(options.policy);
  const store = await openStore(storeOptionsOf(options));
  const actor = cliActor();
  try {
    const { policy, sha256 } = await ensureActivePolicy(store, requested, actor);
    const ledger = createConsentLedger(store);
    return { store, policy, policySha256: sha256, ledger, actor, close: () => store.close() };
  } catch (error) {
    await store.close();
    throw error;
  }
}

/** Runs `work` with an open context and always closes the store. */
export async function withContext<T>(command: Command, work: (context: Context) => Promise<T>): Promise<T> {
  const context = await openContext(command);
  try {
    return await work(context);
  } finally {
    await context.close();
  }
}

/** Parses an ISO 8601 timestamp flag or throws a usage error naming the flag. */
export function parseTimeFlag(flag: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(ms)) {
    throw new UsageError(
      `${flag}: expected an ISO 8601 date or timestamp such as 2025-11-03T00:00:00Z, found "${value}"`,
    );
  }
  return new Date(ms).toISOString();
}
