// Finds the committed data files (model weights, gazetteer) from both `src/redact/...` (tsx, vitest) and
// `dist/redact/...` (after tsc, which does not copy data files): walk up to the package root, then src/redact/data.

import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The absolute path of `src/redact/data/` in the package that contains `fromUrl` (default: this module). */
export function resolveDataDir(fromUrl: string = import.meta.url): string {
  let dir = dirname(fileURLToPath(fromUrl));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'src', 'redact', 'data'))) {
      return join(dir, 'src', 'redact', 'data');
    }
    const parent = dirname(dir);
    if (parent === dir) {
      throw new Error(
        'Assent redaction data directory not found: no package root with src/redact/data above this module',
      );
    }
    dir = parent;
  }
}
