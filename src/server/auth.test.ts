import { describe, expect, it } from 'vitest';
import type { TokenScope } from '../store/store.js';
import { canReadMember, canWriteConsent, decodeSession, encodeSession, hasScope, type Principal } from './auth.js';

const principal = (memberId: string | null, scopes: TokenScope[]): Principal => ({
  actor: 'test',
  memberId,
  scopes: new Set(scopes),
  cookieBased: false,
});

describe('sessions', () => {
  it.each([
    [{ kind: 'member', memberId: 'm-1' }, 'm:m-1'],
    [{ kind: 'demo_admin' }, 'a:demo'],
    [{ kind: 'token', secretHash: 'a'.repeat(64) }, `t:${'a'.repeat(64)}`],
  ] as const)('round-trips %j', (value, encoded) => {
    expect(encodeSession(value)).toBe(encoded);
    expect(decodeSession(encoded)).toEqual(value);
  });

  it.each([['m:'], ['a:root'], ['t:abc'], [`t:${'g'.repeat(64)}`], [''], ['x:m-1']])('rejects %j', (raw) => {
    expect(decodeSession(raw)).toBeUndefined();
  });
});

describe('capabilities', () => {
  it.each([
    ['own records', principal('m-1', []), 'm-1', true, true],
    ['another member', principal('m-1', []), 'm-2', false, false],
    ['read service', principal(null, ['read']), 'm-2', true, false],
    ['write service', principal(null, ['write_consent']), 'm-2', false, true],
    ['admin', principal(null, ['admin']), 'm-2', true, true],
    ['build only', principal(null, ['build']), 'm-2', false, false],
  ] as const)('%s: read %s, write %s', (_label, who, memberId, read, write) => {
    expect(canReadMember(who, memberId)).toBe(read);
    expect(canWriteConsent(who, memberId)).toBe(write);
  });

  it('lets admin hold every scope and nothing else stand in for another', () => {
    expect(hasScope(principal(null, ['admin']), 'build')).toBe(true);
    expect(hasScope(principal(null, ['read']), 'build')).toBe(false);
    expect(hasScope(principal(null, ['write_consent']), 'read')).toBe(false);
  });
});
