import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { NOTICE_MECHANISMS } from '../domain/index.js';
import {
  DEFAULT_PRESET,
  listPresets,
  listPresetsSync,
  loadPreset,
  loadPresetSync,
  packageRootFrom,
  presetsDirectory,
  UnknownPresetError,
} from './presets.js';

describe('presets', () => {
  it('lists the built-in presets from the package root', async () => {
    expect(await listPresets()).toEqual(['consent-first', 'platform-2024-09', 'platform-2025-11']);
    expect(listPresetsSync()).toEqual(await listPresets());
    expect(existsSync(join(presetsDirectory(), '..', 'package.json'))).toBe(true);
    expect(await listPresets()).toContain(DEFAULT_PRESET);
  });

  it.each(['consent-first', 'platform-2024-09', 'platform-2025-11'])(
    '%s loads, is named after its file, and has notices in five languages',
    async (name) => {
      const policy = await loadPreset(name);
      expect(policy).toEqual(loadPresetSync(name));
      expect(policy.name).toBe(name);
      for (const version of policy.versions) {
        expect(version.id.startsWith(`${name}/`)).toBe(true);
        for (const rules of Object.values(version.purposes)) {
          expect(NOTICE_MECHANISMS).toContain(rules?.notice.mechanism);
          expect(Object.keys(rules?.notice.texts ?? {}).sort()).toEqual(['de', 'en', 'es', 'fr', 'pt']);
        }
      }
    },
  );

  it('finds the package root from the compiled tree too', () => {
    const root = join(presetsDirectory(), '..');
    expect(packageRootFrom(pathToFileURL(join(root, 'dist', 'policy', 'presets.js')))).toBe(root);
    expect(packageRootFrom(pathToFileURL(join(root, 'src', 'policy', 'presets.ts')))).toBe(root);
    expect(() => packageRootFrom(pathToFileURL('/presets.js'))).toThrow(/no package.json/);
  });

  it('rejects an unknown preset as a user error naming the choices', async () => {
    const error = await loadPreset('platform-2099').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnknownPresetError);
    expect((error as UnknownPresetError).kind).toBe('user');
    expect((error as Error).message).toContain('expected one of consent-first, platform-2024-09, platform-2025-11');
    expect(() => loadPresetSync('../package')).toThrow(UnknownPresetError);
  });
});
