// Finds the committed data files (model weights, gazetteer) from both `src/redact/...` (tsx, vitest) and
// `dist/redact/...` (after tsc, which does not copy data files): walk up to the package root, then src/redact/data.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

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

/** The gunzipped bytes of a data file. */
export function readGzipped(dataDir: string, file: string): Buffer {
  return gunzipWhole(readFileSync(join(dataDir, file)));
}

/**
 * gunzipSync with the output buffer sized from the gzip trailer's length field, so zlib writes one chunk instead of
 * many 16 KiB ones that are then copied together (the 6 MB gazetteer: ~65 -> ~35 ms). The field only sizes the
 * buffer: a wrong one costs time, never a different result.
 */
export function gunzipWhole(gz: Buffer): Buffer {
  const size = gz.length >= 18 ? gz.readUInt32LE(gz.length - 4) : 0;
  // Slack beyond the stated size lets zlib see the end of the stream within the first chunk.
  return gunzipSync(gz, { chunkSize: Math.min(Math.max(size + 1024, 16 * 1024), 256 * 1024 * 1024) });
}
