// The demo's data: a synthetic network written as the JSONL files the real importers read, into a data directory
// that only the demo may wipe. The CLI's demo command imports, summarises, builds and serves.

import { existsSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { type DemoNetwork, generateNetwork } from './generate.js';
import { type NetworkFiles, writeNetwork } from './write-network.js';

/** The marker that says a data directory was made by the demo and may be wiped by the next demo run. */
export const DEMO_MARKER = 'demo';

/**
 * Clears a data directory left by an earlier demo. A directory holding a store that the demo did not make is
 * refused: the demo never destroys real data.
 */
export async function prepareDemoDataDir(dataDir: string): Promise<void> {
  if (!existsSync(dataDir)) return;
  const entries = await readdir(dataDir);
  if (entries.length === 0) return;
  if (!entries.includes(DEMO_MARKER)) {
    throw Object.assign(
      new Error(`${dataDir}: holds data that the demo did not create; pass --data-dir with a new or empty directory`),
      { kind: 'user' as const },
    );
  }
  for (const entry of entries) await rm(join(dataDir, entry), { recursive: true, force: true });
}

export interface GenerateAndWriteResult {
  readonly network: DemoNetwork;
  readonly files: NetworkFiles;
}

/** Generates the network and writes its JSONL files under `<dataDir>/demo/`. */
export async function generateDemoFiles(
  dataDir: string,
  options: { members: number; seed: number },
): Promise<GenerateAndWriteResult> {
  const network = generateNetwork({ members: options.members, seed: options.seed });
  const files = await writeNetwork(network, join(dataDir, DEMO_MARKER));
  return { network, files };
}
