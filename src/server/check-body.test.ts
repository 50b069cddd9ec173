import { describe, expect, it } from 'vitest';
import { seededRandom } from '../domain/seeded-random.js';
import { hashIdBytes, idStrings, scanCheckBody } from './check-body.js';

const GEN = 'train_ai_system.generative';
const MEMBER_ID = /^[A-Za-z0-9._:@-]+$/;

/** What the route's schema accepts, checked by hand on a JSON.parse result. */
function schemaAccepts(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const body = value as Record<string, unknown>;
  if (Object.keys(body).some((key) => !['purpose', 'as_of', 'member_ids'].includes(key))) return false;
  if (typeof body.purpose !== 'string' || body.purpose.length < 1 || body.purpose.length > 100) return false;
  if ('as_of' in body && (typeof body.as_of !== 'string' || body.as_of.length > 40)) return false;
  const ids = body.member_ids;
  if (!Array.isArray(ids) || ids.length < 1 || ids.length > 10_000) return false;
  return ids.every((id) => typeof id === 'string' && id.length <= 128 && MEMBER_ID.test(id));
}

function read(text: string) {
  const body = scanCheckBody(Buffer.from(text, 'utf8'));
  return body && { purpose: body.purpose, as_of: body.as_of, member_ids: idStrings(body.member_ids) };
}

describe('scanCheckBody', () => {
  it.each([
    [`{"purpose":"${GEN}","member_ids":["m1","m2","m1"]}`],
    [` \n{ "member_ids" : [ "a.b:c@d-e_f" ] ,\t"purpose":"${GEN}" , "as_of" : "2025-01-01" }\r\n`],
    [`{"purpose":"p","as_of":"","member_ids":["${'x'.repeat(128)}"]}`],
  ])('reads the plain shape: %s', (text) => {
    const parsed = JSON.parse(text);
    expect(read(text)).toEqual({ as_of: undefined, ...parsed });
  });

  it.each([
    ['escapes in a value', `{"purpose":"train_ai_system.generativ\\u0065","member_ids":["m1"]}`],
    ['an escaped key', `{"purpos\\u0065":"${GEN}","member_ids":["m1"]}`],
    ['a duplicate key', `{"purpose":"a","purpose":"${GEN}","member_ids":["m1"]}`],
    ['another key', `{"purpose":"${GEN}","member_ids":["m1"],"extra":1}`],
    ['a prototype key', `{"purpose":"${GEN}","member_ids":["m1"],"__proto__":{}}`],
    ['no ids', `{"purpose":"${GEN}","member_ids":[]}`],
    ['no purpose', `{"member_ids":["m1"]}`],
    ['an empty purpose', `{"purpose":"","member_ids":["m1"]}`],
    ['a number id', `{"purpose":"${GEN}","member_ids":[42]}`],
    ['an id with a space', `{"purpose":"${GEN}","member_ids":["m 1"]}`],
    ['an id of 129 bytes', `{"purpose":"${GEN}","member_ids":["${'x'.repeat(129)}"]}`],
    ['a non-ASCII id', `{"purpose":"${GEN}","member_ids":["mé"]}`],
    ['as_of null', `{"purpose":"${GEN}","as_of":null,"member_ids":["m1"]}`],
    ['as_of of 41 bytes', `{"purpose":"${GEN}","as_of":"${'1'.repeat(41)}","member_ids":["m1"]}`],
    ['trailing text', `{"purpose":"${GEN}","member_ids":["m1"]} x`],
    ['a trailing comma', `{"purpose":"${GEN}","member_ids":["m1",]}`],
    ['a cut body', `{"purpose":"${GEN}","member_ids":["m1"`],
    ['an array', `[{"purpose":"${GEN}","member_ids":["m1"]}]`],
    ['10,001 ids', JSON.stringify({ purpose: GEN, member_ids: Array.from({ length: 10_001 }, (_, i) => `m${i}`) })],
  ])('leaves %s to the generic parser', (_label, text) => {
    expect(read(text)).toBeUndefined();
  });

  it('accepts only what JSON.parse and the schema accept, with the same values (generated bodies)', () => {
    const random = seededRandom(5);
    const pieces = [
      '{',
      '}',
      '[',
      ']',
      ',',
      ':',
      ' ',
      '"',
      '\\',
      'purpose',
      'as_of',
      'member_ids',
      GEN,
      'm1',
      'é',
      '1',
    ];
    let accepted = 0;
    for (let n = 0; n < 20_000; n++) {
      const ids = Array.from({ length: 1 + Math.floor(random() * 4) }, (_, i) => (random() < 0.9 ? `m${i}` : 'm 1'));
      const value: Record<string, unknown> = { purpose: random() < 0.9 ? GEN : '', member_ids: ids };
      if (random() < 0.3) value.as_of = random() < 0.8 ? '2025-01-01T00:00:00Z' : null;
      let text = JSON.stringify(value, null, random() < 0.5 ? undefined : 1);
      // Mutations: insert, delete or replace a piece at a random place.
      for (let m = Math.floor(random() * 3); m > 0; m--) {
        const at = Math.floor(random() * (text.length + 1));
        const piece = pieces[Math.floor(random() * pieces.length)] as string;
        const cut = random() < 0.5 ? 0 : 1 + Math.floor(random() * 3);
        text = text.slice(0, at) + (random() < 0.7 ? piece : '') + text.slice(at + cut);
      }
      const scanned = read(text);
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
      if (scanned) {
        accepted++;
        expect(schemaAccepts(parsed)).toBe(true);
        expect(scanned).toEqual({ as_of: undefined, ...(parsed as object) });
      } else if (schemaAccepts(parsed) && !/\\|é/.test(text)) {
        // A plain body the schema accepts must take the fast path (only escapes and non-ASCII text may not).
        expect.unreachable(`refused a plain body: ${text}`);
      }
    }
    expect(accepted).toBeGreaterThan(2000);
  });

  it('hashes equal byte ranges alike wherever they are', () => {
    const a = Buffer.from('xxm-1yy');
    const b = Buffer.from('m-1');
    expect(hashIdBytes(a, 2, 5)).toBe(hashIdBytes(b, 0, 3));
    expect(hashIdBytes(a, 2, 5)).not.toBe(hashIdBytes(Buffer.from('m-2'), 0, 3));
  });
});
