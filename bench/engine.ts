// The redaction engine as `assent redact` runs it: the compiled JavaScript in dist/ (`npm run build`), with the types
// of the sources. Timed through tsx instead, the engine ran ~30% slower on the generated posts (70.9 against 54.5 ms
// per warm pass over 10k posts, same machine, same minute): tsx transforms with esbuild's keepNames, which wraps every
// function the engine creates while it runs (closures per record) in a call that defines its `name` property.

import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dist = join(resolve(dirname(fileURLToPath(import.meta.url)), '..'), 'dist');

/** Imports dist/<file>; a missing build is a sentence and exit code 2, not a stack trace. */
async function loadCompiled(file: string): Promise<unknown> {
  const path = join(dist, file);
  if (!existsSync(path)) {
    console.error(`bench: ${path} is missing; run \`npm run build\` first (the benchmark times the compiled engine)`);
    process.exit(2);
  }
  return import(pathToFileURL(path).href);
}

export const loadEngine = async () =>
  (await loadCompiled('redact/index.js')) as typeof import('../src/redact/index.js');

export const loadNames = async () =>
  (await loadCompiled('redact/names/index.js')) as typeof import('../src/redact/names/index.js');
