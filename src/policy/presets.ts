// Built-in policies: the YAML files in the package's `policies/` folder, found from the source tree (tsx, vitest)
// and from the compiled tree (`dist/policy/presets.js`) alike by walking up to the directory with package.json.

import { readdirSync, readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { packageRootFrom } from '../version.js';
import type { Policy } from './schema.js';
import { PolicyValidationError, validatePolicy } from './validate.js';

export { packageRootFrom };

/** The preset used when nothing else is chosen. */
export const DEFAULT_PRESET = 'platform-2024-09';

/** An unknown preset name is the user's mistake (`kind: 'user'`). */
export class UnknownPresetError extends Error {
  override readonly name = 'UnknownPresetError';
  readonly kind = 'user';
  readonly code = 'ASSENT_ERR_POLICY_PRESET';
}

/** The folder that holds the preset files. */
export function presetsDirectory(): string {
  return join(packageRootFrom(import.meta.url), 'policies');
}

const PRESET_FILE = /^([a-z0-9][a-z0-9._-]*)\.yaml$/;

function namesIn(files: readonly string[]): string[] {
  return files.flatMap((file) => PRESET_FILE.exec(file)?.[1] ?? []).sort();
}

function parsePreset(text: string, file: string): Policy {
  const result = validatePolicy(text, file);
  if (!result.ok) throw new PolicyValidationError(result.issues);
  return result.policy;
}

/** The names of the built-in presets, sorted. */
export async function listPresets(): Promise<string[]> {
  return namesIn(await readdir(presetsDirectory()));
}

/** Synchronous `listPresets`, for benchmarks and module start-up. */
export function listPresetsSync(): string[] {
  return namesIn(readdirSync(presetsDirectory()));
}

function presetPath(name: string, names: readonly string[]): string {
  if (!names.includes(name)) {
    throw new UnknownPresetError(`policy preset: expected one of ${names.join(', ')}, found "${name}"`);
  }
  return join(presetsDirectory(), `${name}.yaml`);
}

/**
 * Loads and validates a built-in preset by name.
 *
 * @example const policy = await loadPreset(DEFAULT_PRESET);
 */
export async function loadPreset(name: string): Promise<Policy> {
  const file = presetPath(name, await listPresets());
  return parsePreset(await readFile(file, 'utf8'), `policies/${name}.yaml`);
}

/** Synchronous `loadPreset`. */
export function loadPresetSync(name: string): Policy {
  const file = presetPath(name, listPresetsSync());
  return parsePreset(readFileSync(file, 'utf8'), `policies/${name}.yaml`);
}
