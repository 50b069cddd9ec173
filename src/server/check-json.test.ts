import { describe, expect, it } from 'vitest';
import { renderCheckJson } from './check-json.js';

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
});
