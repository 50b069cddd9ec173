// The code version recorded in build manifests and shown by `assent --version`: package version plus the git
// commit when the package runs from a checkout.

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The package root: the nearest directory at or above `moduleUrl`'s folder that holds a package.json. The same walk
 * finds the repository root from `src/...` (tsx, vitest) and from `dist/...` (compiled).
 */
export function packageRootFrom(moduleUrl: string | URL): string {
  let dir = dirname(fileURLToPath(moduleUrl));
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${fileURLToPath(moduleUrl)}`);
    dir = parent;
  }
}

/** The root of the Assent package. */
export function packageRoot(): string {
  return packageRootFrom(import.meta.url);
}

let cachedVersion: string | undefined;

/** The package version from package.json, read once per thread (no git: see codeVersion). */
export function packageVersion(): string {
  cachedVersion ??= (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string })
    .version;
  return cachedVersion;
}

let cached: { version: string; commit: string | null } | undefined;

/** The package version and, from a checkout, the git commit (a child process, once per thread). */
export function codeVersion(): { version: string; commit: string | null } {
  if (cached) return cached;
  const root = packageRoot();
  const version = packageVersion();
  let commit: string | null = null;
  try {
    commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
  } catch {
    commit = null;
  }
  cached = { version, commit };
  return cached;
}
