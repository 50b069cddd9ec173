// `assent serve`: the HTTP API, member pages and admin dashboard over the configured store and policy.

import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { startServer } from '../../server/app.js';
import { UsageError } from '../cli-error.js';
import { globalOptions, openContext } from '../context.js';
import { printLine } from '../output.js';

interface ServeOptions {
  readonly port: string;
  readonly host: string;
  readonly demo?: boolean;
  readonly jwksUrl?: string;
  readonly jwtIssuer?: string;
  readonly jwtAudience?: string;
  readonly rateLimit?: boolean;
}

function parsePort(raw: string): number {
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`--port: expected a port number from 0 to 65535, found "${raw}"`);
  }
  return port;
}

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('serve the HTTP API (/v1, /openapi.json, /docs), the member pages and the admin dashboard')
    .option('--port <port>', 'port to listen on', process.env.PORT ?? '4700')
    .option('--host <host>', 'interface to bind', '127.0.0.1')
    .option('--demo', 'demo mode: offers a "sign in as a demo member" chooser (never use with real members)')
    .option(
      '--jwks-url <url>',
      'verify the platform’s session JWTs against this JWKS (sub = member id)',
      process.env.ASSENT_JWKS_URL,
    )
    .option('--jwt-issuer <iss>', 'required issuer of session JWTs', process.env.ASSENT_JWT_ISSUER)
    .option('--jwt-audience <aud>', 'required audience of session JWTs', process.env.ASSENT_JWT_AUDIENCE)
    .option('--no-rate-limit', 'disable rate limiting (benchmarks only)')
    .action(async (options: ServeOptions, command: Command) => {
      const port = parsePort(options.port);
      if (options.jwksUrl !== undefined && !/^https?:\/\//.test(options.jwksUrl)) {
        throw new UsageError(`--jwks-url: expected an http(s) URL, found "${options.jwksUrl}"`);
      }
      const context = await openContext(command);
      const dataDir = globalOptions(command).dataDir ?? process.env.ASSENT_DATA_DIR ?? './assent-data';
      try {
        const server = await startServer({
          store: context.store,
          policy: context.policy,
          ledger: context.ledger,
          mode: options.demo ? 'demo' : 'production',
          port,
          host: options.host,
          buildsDir: resolve(join(dataDir, 'builds')),
          ...(options.jwksUrl
            ? {
                jwks: {
                  url: options.jwksUrl,
                  ...(options.jwtIssuer ? { issuer: options.jwtIssuer } : {}),
                  ...(options.jwtAudience ? { audience: options.jwtAudience } : {}),
                },
              }
            : {}),
          ...(process.env.ASSENT_SESSION_SECRET ? { sessionSecret: process.env.ASSENT_SESSION_SECRET } : {}),
          ...(options.rateLimit === false ? { rateLimit: false as const } : {}),
        });
        printLine(`Assent is serving ${server.url} (${options.demo ? 'demo mode' : 'production mode'})`);
        printLine(`  API reference: ${server.url}/docs   OpenAPI: ${server.url}/openapi.json`);
        await new Promise<void>((done) => {
          const stop = () => done();
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
        await server.close();
      } finally {
        await context.close();
      }
    });
}
