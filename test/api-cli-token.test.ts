// `assent token create` end to end: the secret it prints once authenticates against the API over real HTTP,
// with exactly the scopes asked for; bad scopes are the user's mistake.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, Option } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { UsageError } from '../src/cli/cli-error.js';
import { parseScopes, registerTokenCommand } from '../src/cli/commands/token.js';
import { startTestServer } from '../src/server/testing/server-harness.js';
import { openStore } from '../src/store/open-store.js';

function program(): Command {
  const root = new Command('assent').addOption(new Option('--data-dir <dir>')).exitOverride();
  registerTokenCommand(root);
  for (const command of root.commands) command.exitOverride();
  return root;
}

async function run(dataDir: string, args: string[]): Promise<string> {
  const chunks: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    chunks.push(String(chunk));
    return true;
  });
  try {
    await program().parseAsync(['--data-dir', dataDir, ...args], { from: 'user' });
  } finally {
    spy.mockRestore();
  }
  return chunks.join('');
}

describe('assent token', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'assent-cli-token-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it.each([
    [['read'], ['read']],
    [
      ['read,build', 'admin'],
      ['read', 'build', 'admin'],
    ],
  ])('parses scopes %j', (raw, expected) => {
    expect(parseScopes(raw)).toEqual(expected);
  });

  it.each([[[]], [['root']], [['read', 'READ']]])('rejects scopes %j as a usage error', (raw) => {
    expect(() => parseScopes(raw)).toThrow(UsageError);
  });

  it('prints a secret once that works against the API with its scope only', async () => {
    const out = JSON.parse(await run(dataDir, ['token', 'create', '--scope', 'read', '--name', 'ci', '--json'])) as {
      id: string;
      secret: string;
      scopes: string[];
    };
    expect(out.scopes).toEqual(['read']);
    expect(out.secret).toMatch(/^assent_/);
    const listed = await run(dataDir, ['token', 'list', '--json']);
    expect(listed).toContain(out.id);
    expect(listed).not.toContain(out.secret);

    const store = await openStore({ dataDir });
    const server = await startTestServer(store);
    try {
      const auth = { authorization: `Bearer ${out.secret}` };
      expect((await fetch(`${server.url}/v1/builds`, { headers: auth })).status).toBe(200);
      const build = await fetch(`${server.url}/v1/builds`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ purpose: 'train_ai_system.generative' }),
      });
      expect(build.status).toBe(403);
      const events = [];
      for await (const batch of store.scanAudit()) events.push(...batch);
      expect(events.map((e) => e.action)).toContain('token.created');
      expect(JSON.stringify(events)).not.toContain(out.secret);
    } finally {
      await server.close();
      await store.close();
    }
  });
});
