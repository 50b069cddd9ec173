// Static files: the stylesheet and scripts (kept as modules so they ship inside dist/), and Chart.js served from
// node_modules as a vendor file, so pages need no CDN and no build step.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { ADMIN_JS, APP_JS } from './assets/scripts.js';
import { APP_CSS } from './assets/styles.js';

function chartJsSource(): string {
  const require = createRequire(import.meta.url);
  return readFileSync(join(dirname(require.resolve('chart.js')), 'chart.umd.min.js'), 'utf8');
}

const FAVICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#0a58ca"/><text x="16" y="23" font-family="system-ui,sans-serif" font-size="19" font-weight="700" fill="#fff" text-anchor="middle">A</text></svg>';

/** Registers `/static/*`. Files are read once, at start. */
export function registerStaticAssets(app: FastifyInstance): void {
  const files = new Map<string, { type: string; body: string }>([
    ['app.css', { type: 'text/css; charset=utf-8', body: APP_CSS }],
    ['app.js', { type: 'text/javascript; charset=utf-8', body: APP_JS }],
    ['admin.js', { type: 'text/javascript; charset=utf-8', body: ADMIN_JS }],
    ['vendor/chart.umd.min.js', { type: 'text/javascript; charset=utf-8', body: chartJsSource() }],
  ]);
  app.get<{ Params: { '*': string } }>('/static/*', { schema: { hide: true } }, async (request, reply) => {
    const file = files.get(request.params['*']);
    if (!file) return reply.callNotFound();
    return reply.type(file.type).header('cache-control', 'public, max-age=300').send(file.body);
  });
  app.get('/favicon.ico', { schema: { hide: true } }, async (_request, reply) =>
    reply.type('image/svg+xml').header('cache-control', 'public, max-age=86400').send(FAVICON_SVG),
  );
}
