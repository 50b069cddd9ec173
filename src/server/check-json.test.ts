import { describe, expect, it } from 'vitest';
import { scanCheckBody } from './check-body.js';
import { fragmentOf, renderCheckBytes, renderCheckJson } from './check-json.js';

describe('renderCheckJson', () => {
  it.each([
    [{ purpose: 'p', as_of: '2025-01-01T00:00:00.000Z', policy_version: null, results: [] }],
    [
      {
        purpose: 'train_ai_system.generative',
        as_of: '2025-01-01T00:00:00.000Z',
        policy_version: 'v1 "quoted"',
        results: [
          { member_id: 'm1', allowed: true, reason: null, status: 'given', source: 'default' as const },
          { member_id: 'm:2@x', allowed: false, reason: 'opted_out', status: 'withdrawn', source: 'explicit' as const },
          { member_id: 'm1', allowed: true, reason: null, status: 'given', source: 'default' as const },
          { member_id: 'é"\\\n', allowed: false, reason: 'minor', status: 'given', source: 'default' as const },
        ],
      },
    ],
  ])('renders exactly what JSON.stringify renders (%#)', (answer) => {
    expect(renderCheckJson(answer)).toBe(JSON.stringify(answer));
  });

  it('does not confuse shapes that differ in one field', () => {
    const base = { purpose: 'p', as_of: 'a', policy_version: 'v' };
    const a = { member_id: 'x', allowed: false, reason: 'minor', status: 'given', source: 'default' as const };
    const b = { ...a, source: 'explicit' as const };
    const c = { ...a, status: 'withdrawn' };
    const odd = { ...a, allowed: true }; // not a shape check() produces, but rendered faithfully all the same
    const answer = { ...base, results: [a, b, c, a, odd, { ...a, reason: null }] };
    expect(JSON.parse(renderCheckJson(answer))).toEqual(answer);
  });

  it('renders the same bytes from id ranges and fragments, with a non-ASCII head and repeated ids', () => {
    const results = [
      { member_id: 'm1', allowed: true, reason: null, status: 'given', source: 'default' as const },
      { member_id: 'x:2@y', allowed: false, reason: 'opted_out', status: 'withdrawn', source: 'explicit' as const },
      { member_id: 'm1', allowed: true, reason: null, status: 'given', source: 'default' as const },
    ];
    const head = { purpose: 'p', as_of: '2025-01-01T00:00:00.000Z', policy_version: 'Übergang “v2”' };
    const body = scanCheckBody(Buffer.from(JSON.stringify({ purpose: 'p', member_ids: ['m1', 'x:2@y', 'm1'] })));
    if (!body) throw new Error('the reader refused a plain body');
    const bytes = renderCheckBytes(head, body.member_ids, [0, 1, 2], results.map(fragmentOf));
    expect(bytes.toString('utf8')).toBe(JSON.stringify({ ...head, results }));
    expect(renderCheckBytes(head, body.member_ids, [], []).toString('utf8')).toBe(
      JSON.stringify({ ...head, results: [] }),
    );
  });
});
