// Writes a generated network as the JSONL files `assent import` reads, so the demo goes through the same
// importers a platform would use, and a user can open the files to see what went in.

import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DemoNetwork } from './generate.js';

export interface NetworkFiles {
  readonly members: string;
  readonly content: string;
  readonly consent: string;
  readonly canaries: string;
}

async function writeAtomically(path: string, text: string): Promise<void> {
  const temp = `${path}.tmp-${process.pid}`;
  await writeFile(temp, text);
  await rename(temp, path);
}

const jsonl = (records: readonly unknown[]): string =>
  records.map((r) => JSON.stringify(r)).join('\n') + (records.length ? '\n' : '');

/** Writes members.jsonl, content.jsonl, consent.jsonl and canaries.json into `dir`. */
export async function writeNetwork(network: DemoNetwork, dir: string): Promise<NetworkFiles> {
  await mkdir(dir, { recursive: true });
  const files: NetworkFiles = {
    members: join(dir, 'members.jsonl'),
    content: join(dir, 'content.jsonl'),
    consent: join(dir, 'consent.jsonl'),
    canaries: join(dir, 'canaries.json'),
  };
  await writeAtomically(files.members, jsonl(network.members));
  await writeAtomically(files.content, jsonl(network.content));
  await writeAtomically(files.consent, jsonl(network.consent));
  await writeAtomically(files.canaries, `${JSON.stringify(network.canaries, null, 2)}\n`);
  return files;
}
