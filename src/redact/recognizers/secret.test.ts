import { describe, expect, it } from 'vitest';
import { createAnalyzer, resolveOverlaps } from '../analyzer.js';
import { createAnonymizer } from '../anonymizer.js';
import { createSecretRecognizer } from './secret.js';

const recognizer = createSecretRecognizer();
type Case = readonly [text: string, expected: readonly string[]];

function detected(text: string, country?: string): string[] {
  const spans = recognizer.analyze({ text, ...(country ? { country } : {}) }).filter((s) => s.score >= 0.5);
  return resolveOverlaps(spans, text.length).map((s) => text.slice(s.start, s.end));
}

const cases: readonly Case[] = [
  ['key AKIAIOSFODNN7EXAMPLE in env', ['AKIAIOSFODNN7EXAMPLE']],
  ['token ghp_abcdefghijklmnopqrstuvwxyz0123456789', ['ghp_abcdefghijklmnopqrstuvwxyz0123456789']],
  ['stripe sk_live_4eC39HqLyjWDarjtT1zdp7dc', ['sk_live_4eC39HqLyjWDarjtT1zdp7dc']],
  ['google AIzaSyA-1234567890abcdefghijklmnopqrstu', ['AIzaSyA-1234567890abcdefghijklmnopqrstu']],
  ['password: Hunter2!x', ['Hunter2!x']],
  ['the password is required', []],
  [
    'jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
    ['eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U'],
  ],
  ['a normal sentence about keys and tokens', []],
  ['db: postgres://bob:hunter2@db.example.com:5432/prod', ['postgres://bob:hunter2@db.example.com:5432/prod']],
  [
    'mongodb+srv://admin:Sup3rS3cret@cluster0.abcde.mongodb.net/db?retryWrites=true',
    ['mongodb+srv://admin:Sup3rS3cret@cluster0.abcde.mongodb.net/db?retryWrites=true'],
  ],
  ['redis://:s3cr3tP4ss@redis.example.com:6379', ['redis://:s3cr3tP4ss@redis.example.com:6379']],
  ['postgres://app:$uperS3cret@db.prod.acme.com', ['postgres://app:$uperS3cret@db.prod.acme.com']],
  ['mysql://root:Pa#ss123@localhost/db', ['mysql://root:Pa#ss123@localhost/db']],
  ['use postgres://USER:PASSWORD@localhost:5432/mydb in your .env', []],
  ['mongodb+srv://admin:Password@cluster0.abcde.mongodb.net', []],
  ['postgres://user:XXXX@host/db', []],
  ['ftp://anna:pa$$w0rd@files.example.org', ['ftp://anna:pa$$w0rd@files.example.org']],
  ['example: postgres://user:password@localhost:5432/db', []],
  ['use redis://default:{{REDIS_PASSWORD}}@cache:6379', []],
  ['use redis://default:$REDIS_PASSWORD@cache:6379', []],
  ['see https://example.com:8443/path and mailto:jane@example.com', []],
];

describe('a password in a URI', () => {
  it('wins over the URL reading of an http URI with a path, so the record is dropped', () => {
    const text = 'try https://admin:Hunter22@intranet.acme.com/login now';
    const spans = createAnalyzer()
      .analyze({ text })
      .filter((s) => s.recognizer !== 'name-tagger');
    expect(spans.map((s) => [s.type, text.slice(s.start, s.end)])).toEqual([
      ['SECRET', 'https://admin:Hunter22@intranet.acme.com/login'],
    ]);
    expect(createAnonymizer().anonymize(text, spans)).toMatchObject({ text: null, dropped: true });
  });

  it('is a SECRET that takes the host with it, so the record is dropped by the default config', () => {
    const text = 'conn string mongodb+srv://admin:Sup3rS3cret@cluster0.abcde.mongodb.net/db';
    const spans = createAnalyzer().analyze({ text });
    const structured = spans.filter((s) => s.recognizer !== 'name-tagger');
    expect(structured.map((s) => [s.type, text.slice(s.start, s.end)])).toEqual([
      ['SECRET', 'mongodb+srv://admin:Sup3rS3cret@cluster0.abcde.mongodb.net/db'],
    ]);
    expect(createAnonymizer().anonymize(text, spans)).toMatchObject({ text: null, dropped: true });
  });
});

describe('secret recognizer', () => {
  it.each(cases)('%j → %j', (text, expected) => {
    expect(detected(text)).toEqual(expected);
  });
});
