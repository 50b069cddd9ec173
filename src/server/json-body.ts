// The JSON body parser. Fastify's default decodes the body as a stream of strings (measuring every chunk) and runs
// secure-json-parse, which scans the whole text for prototype-poisoning keys after parsing. This one reads bytes and
// parses with JSON.parse directly unless the body could hold such a key: any `__proto__`, `constructor` or backslash
// escape (a key can be spelled with \u escapes) sends it through Fastify's own secure parser, with the same errors.

import { errorCodes, type FastifyInstance } from 'fastify';

const RISKY = ['__proto__', 'constructor', '\\'] as const;

/**
 * Replaces the application/json parser of `app`; rejects prototype-poisoning keys as Fastify's default does. `read`,
 * when given, is tried first and may return a body of its own (undefined: parse as JSON).
 */
export function registerJsonBodyParser(app: FastifyInstance, read?: (bytes: Buffer) => unknown): void {
  const secure = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    const bytes = body as Buffer;
    const own = read?.(bytes);
    if (own !== undefined) {
      done(null, own);
      return;
    }
    if (bytes.length === 0 || RISKY.some((needle) => bytes.includes(needle))) {
      secure(request, bytes.toString('utf8'), done);
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(bytes.toString('utf8'));
    } catch {
      done(new errorCodes.FST_ERR_CTP_INVALID_JSON_BODY(), undefined);
      return;
    }
    done(null, value);
  });
}
