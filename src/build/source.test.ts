import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Member } from '../domain/index.js';
import { parseJsonLine, parseMemberObject } from './parse-lines.js';
import {
  countLines,
  digestFile,
  fileSource,
  parseMemberLines,
  type RejectedLine,
  readByteBatches,
  readLineBatches,
} from './source.js';

const dir = mkdtempSync(join(tmpdir(), 'assent-source-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Lines with their numbers as readByteBatches' batches give them (split at \n, as a worker does). */
async function linesOfByteBatches(path: string, target: number): Promise<[number, string][]> {
  const out: [number, string][] = [];
  for await (const { firstLine, bytes } of readByteBatches(path, target)) {
    expect(bytes.byteOffset).toBe(0);
    expect(bytes.byteLength).toBe(bytes.buffer.byteLength); // its own buffer, so it can be transferred
    const text = Buffer.from(bytes).toString('utf8');
    const lines = text.endsWith('\n') ? text.slice(0, -1).split('\n') : text.split('\n');
    for (const [i, line] of lines.entries()) out.push([firstLine + i, line]);
  }
  return out;
}

async function linesOfLineBatches(path: string): Promise<[number, string][]> {
  const out: [number, string][] = [];
  for await (const { firstLine, lines } of readLineBatches(path, 3))
    for (const [i, line] of lines.entries()) out.push([firstLine + i, line]);
  return out;
}

describe('readByteBatches', () => {
  it.each([
    ['ends with a newline', '{"a":1}\n{"b":"é"}\n\n{"c":"日本"}\n'],
    ['has no final newline', '{"a":1}\n{"b":2}'],
    ['has a line longer than a batch', `{"a":1}\n{"long":"${'x'.repeat(100)}"}\n{"c":3}\n`],
    ['is one line', '{"only":true}'],
    ['has CRLF line ends', '{"a":1}\r\n{"b":2}\r\n'],
  ])('gives the same numbered lines as readLineBatches when the file %s', async (name, content) => {
    const path = join(dir, `${name.replace(/\W/g, '-')}.jsonl`);
    writeFileSync(path, content);
    for (const target of [1, 7, 16, 1 << 20]) {
      expect(await linesOfByteBatches(path, target)).toEqual(await linesOfLineBatches(path));
    }
  });

  it('gives nothing for an empty file', async () => {
    const path = join(dir, 'empty.jsonl');
    writeFileSync(path, '');
    expect(await linesOfByteBatches(path, 8)).toEqual([]);
  });
});

describe('digestFile', () => {
  it.each([
    ['is empty', '', 0],
    ['ends with a newline', '{"a":1}\n{"b":"é"}\n\n', 3],
    ['has no final newline', '{"a":1}\n{"b":2}', 2],
    ['has CRLF line ends', '{"a":1}\r\n{"b":2}\r\n', 2],
    ['is longer than the read buffer', `${'{"x":"0123456789"}\n'.repeat(120_000)}{"last":true}`, 120_001],
  ])('gives the sha256, size and line count of a file that %s', async (name, content, lines) => {
    const path = join(dir, `digest-${name.replace(/\W/g, '-')}.jsonl`);
    writeFileSync(path, content);
    const bytes = Buffer.from(content, 'utf8');
    expect(await digestFile(path)).toEqual({
      sha256: createHash('sha256').update(bytes).digest('hex'),
      bytes: bytes.length,
      lines,
    });
    // The member snapshot counts the lines itself (countLines) and must agree with the digest.
    expect(await countLines(path)).toBe(lines);
  });

  it('rejects for a file that cannot be read', async () => {
    await expect(digestFile(join(dir, 'missing.jsonl'))).rejects.toThrow(/ENOENT/);
  });
});

describe('member lines', () => {
  const member = (id: string, extra: Record<string, unknown> = {}) =>
    JSON.stringify({ member_id: id, country: 'US', names: ['Ana Souza'], ...extra });
  const file = [
    member('m1'),
    '',
    '   ',
    member('m2', { names: ['Bruno Souza', 'B. S.'], self_declared_minor: true }),
    'not json',
    member('', {}),
    `${member('m3')}\r`,
    member('m\u00e9\n"4', { account_state: 'deleted', birth_year: 1990 }),
    '[1,2]',
    member('m5', { country: 7 }),
    member('m1', { country: 'DE' }),
    ...Array.from({ length: 8000 }, (_, i) => member(`x${i}`, { names: [`Name ${i}`, 'Ünïcødé Nåme'] })),
    member('last'),
  ].join('\n');

  /** What members() gave when it read lines: each non-blank line parsed alone, numbered from 1. */
  function expected(text: string): { members: Member[]; rejected: RejectedLine[] } {
    const members: Member[] = [];
    const rejected: RejectedLine[] = [];
    text.split('\n').forEach((line, i) => {
      if (line.trim() === '') return;
      const json = parseJsonLine(line);
      const parsed = json.ok ? parseMemberObject(json.value) : json;
      if (parsed.ok) members.push(parsed.value);
      else rejected.push({ where: `members.jsonl:${i + 1}`, field: parsed.field, message: parsed.message });
    });
    return { members, rejected };
  }

  it.each([
    ['ends with a newline', `${file}\n`],
    ['has no final newline', file],
  ])('parseMemberLines over memberLines() gives what members() gives when the file %s', async (name, text) => {
    const path = join(dir, `members-${name.replace(/\W/g, '-')}`, 'members.jsonl');
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    const source = fileSource(path, []);
    const viaLines = { members: [] as Member[], rejected: [] as RejectedLine[] };
    let batches = 0;
    for await (const lines of source.memberLines?.() ?? []) {
      const { members, rejected } = parseMemberLines(lines);
      viaLines.members.push(...members);
      viaLines.rejected.push(...rejected);
      batches++;
    }
    const viaMembers = { members: [] as Member[], rejected: [] as RejectedLine[] };
    for await (const batch of source.members((r) => viaMembers.rejected.push(r))) viaMembers.members.push(...batch);
    const want = expected(text);
    expect(batches).toBeGreaterThan(1); // ~700 kB: more than one batch
    expect(viaLines).toEqual(want);
    expect(viaMembers).toEqual(want);
    expect(want.rejected.map((r) => r.where)).toEqual([
      'members.jsonl:5',
      'members.jsonl:6',
      'members.jsonl:9',
      'members.jsonl:10',
    ]);
  });

  it('is absent for Parquet members', () => {
    expect(fileSource(join(dir, 'm.parquet'), []).memberLines).toBeUndefined();
  });
});
