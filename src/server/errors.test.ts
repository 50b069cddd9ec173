import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERRORS, formatMessage, httpError } from './errors.js';

const doc = readFileSync(new URL('./errors.md', import.meta.url), 'utf8');

describe('error registry', () => {
  it.each(Object.entries(ERRORS))('documents %s with its status', (code, spec) => {
    const row = new RegExp(`^\\|\\s*\`${code}\`\\s*\\|\\s*(\\d+)\\s*\\|\\s*\\S`, 'm').exec(doc);
    expect(row, `${code} is missing from errors.md`).not.toBeNull();
    expect(Number(row?.[1])).toBe(spec.status);
  });

  it('documents no code that does not exist', () => {
    const documented = [...doc.matchAll(/^\|\s*`(ASSENT_ERR_[A-Z_]+)`\s*\|/gm)].map((m) => m[1]);
    expect(documented.sort()).toEqual(Object.keys(ERRORS).sort());
  });

  it('names every code ASSENT_ERR_<AREA>_<X> with a 4xx/5xx status', () => {
    for (const [code, spec] of Object.entries(ERRORS)) {
      expect(code).toMatch(/^ASSENT_ERR_[A-Z]+_[A-Z_]+$/);
      expect(spec.status).toBeGreaterThanOrEqual(400);
      expect(spec.status).toBeLessThan(600);
    }
  });

  it.each([
    ['Build {buildId} is not known.', { buildId: 'b1' }, 'Build b1 is not known.'],
    ['{a} and {b}', { a: 1 }, '1 and {b}'],
    ['no placeholders', {}, 'no placeholders'],
  ])('formats %j', (template, params, expected) => {
    expect(formatMessage(template, params)).toBe(expected);
  });

  it('builds a body with code, message and details', () => {
    const err = httpError('ASSENT_ERR_AUTH_SCOPE', { scope: 'build' }, { have: ['read'] });
    expect(err.statusCode).toBe(403);
    expect(err.toBody()).toEqual({
      code: 'ASSENT_ERR_AUTH_SCOPE',
      message: 'This credential lacks the scope build.',
      details: { have: ['read'] },
    });
  });
});
