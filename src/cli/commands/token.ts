// `assent token create|list|revoke`: API tokens for administrators and platform services. The secret is printed
// once; only its sha256 is stored.

import type { Command } from 'commander';
import { appendAudit } from '../../audit/index.js';
import { createApiToken, isTokenScope } from '../../server/tokens.js';
import { TOKEN_SCOPES, type TokenScope } from '../../store/store.js';
import { UsageError } from '../cli-error.js';
import { withContext } from '../context.js';
import { printJson, printLine, printTable } from '../output.js';

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Parses `--scope` values; an unknown scope is the user's mistake. */
export function parseScopes(values: readonly string[]): TokenScope[] {
  const raw = values.flatMap((value) => value.split(',').map((s) => s.trim()));
  if (raw.length === 0) throw new UsageError(`--scope: expected at least one of ${TOKEN_SCOPES.join(', ')}`);
  return raw.map((scope) => {
    if (!isTokenScope(scope))
      throw new UsageError(`--scope: expected one of ${TOKEN_SCOPES.join(', ')}, found "${scope}"`);
    return scope;
  });
}

export function registerTokenCommand(program: Command): void {
  const token = program.command('token').description('API tokens for administrators and platform services');
  token
    .command('create')
    .description('create a token and print its secret once')
    .requiredOption('--scope <scope>', `scope (repeatable or comma-separated): ${TOKEN_SCOPES.join(', ')}`, collect, [])
    .option('--name <name>', 'a label for the token', 'api-token')
    .option('--json', 'print the token as JSON')
    .action(async (options: { scope: string[]; name: string; json?: boolean }, command: Command) => {
      const scopes = parseScopes(options.scope);
      await withContext(command, async ({ store, actor }) => {
        const { secret, record } = await createApiToken(store, { name: options.name, scopes });
        await appendAudit(store, {
          at: record.createdAt,
          actor,
          action: 'token.created',
          subject: record.id,
          payload: { name: record.name, scopes: [...record.scopes] },
        });
        if (options.json)
          printJson({ id: record.id, name: record.name, scopes: record.scopes, secret, createdAt: record.createdAt });
        else {
          printLine(`token ${record.id} (${record.scopes.join(', ')}) created. Its secret, shown only now:`);
          printLine(secret);
        }
      });
    });
  token
    .command('list')
    .description('list tokens (never their secrets)')
    .option('--json', 'print as JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      await withContext(command, async ({ store }) => {
        const tokens = (await store.listTokens()).map(({ secretHash: _hash, ...rest }) => rest);
        if (options.json) printJson(tokens);
        else
          printTable(
            ['id', 'name', 'scopes', 'created', 'revoked'],
            tokens.map((t) => [t.id, t.name, t.scopes.join(','), t.createdAt, t.revokedAt]),
          );
      });
    });
  token
    .command('revoke')
    .description('revoke a token by id')
    .argument('<id>', 'token id (tok_...)')
    .action(async (id: string, _options: unknown, command: Command) => {
      await withContext(command, async ({ store, actor }) => {
        if (!(await store.listTokens()).some((t) => t.id === id)) throw new UsageError(`token ${id}: no such token`);
        const at = new Date().toISOString();
        await store.revokeToken(id, at);
        await appendAudit(store, { at, actor, action: 'token.revoked', subject: id, payload: {} });
        printLine(`token ${id} revoked`);
      });
    });
}
