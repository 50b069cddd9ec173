// Builds from Parquet input (members and content in DESIGN.md's schema, written by @dsnp/parquetjs as another tool
// would) give the same shards as the equivalent JSONL; bad rows are reported as `FILE: row N: field: ...`; a file
// that is not Parquet, or lacks a needed column, fails as the user's mistake.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import parquet from '@dsnp/parquetjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rulesPolicy } from '../src/build/build-policy.js';
import { TEST_POLICY_RULES } from '../src/build/crash-harness.js';
import { writeFixtureFiles } from '../src/build/fixture.js';
import { BuildError, runBuild } from '../src/build/index.js';
import { normalizeParquetValue } from '../src/build/parquet/index.js';
import { fileSource } from '../src/build/source.js';
import { openStore } from '../src/store/open-store.js';
import type { Store } from '../src/store/store.js';

type Row = Record<string, unknown>;

const MEMBER_SCHEMA = {
  member_id: { type: 'UTF8' },
  country: { type: 'UTF8', optional: true },
  birth_date: { type: 'UTF8', optional: true },
  account_state: { type: 'UTF8', optional: true },
  names: { type: 'UTF8', repeated: true },
  language: { type: 'UTF8', optional: true },
  created_at: { type: 'TIMESTAMP_MILLIS', optional: true },
} as const;

const CONTENT_SCHEMA = {
  content_id: { type: 'UTF8' },
  author_id: { type: 'UTF8' },
  kind: { type: 'UTF8' },
  visibility: { type: 'UTF8' },
  text: { type: 'UTF8' },
  created_at: { type: 'TIMESTAMP_MILLIS' },
  language: { type: 'UTF8', optional: true },
  deleted: { type: 'BOOLEAN', optional: true },
} as const;

async function writeParquetRows(path: string, schema: object, rows: readonly Row[]): Promise<void> {
  const writer = await parquet.ParquetWriter.openFile(
    new parquet.ParquetSchema(schema as ConstructorParameters<typeof parquet.ParquetSchema>[0]),
    path,
    { rowGroupSize: 37 },
  );
  for (const row of rows) {
    const out: Row = {};
    for (const [k, v] of Object.entries(row)) {
      if (v === null || v === undefined) continue;
      out[k] = k === 'created_at' ? new Date(v as string) : v;
    }
    await writer.appendRow(out);
  }
  await writer.close();
}

const jsonl = (path: string): Row[] =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Row);

let dir = '';
let store: Store;
let files: { members: string; content: string; membersParquet: string; contentParquet: string };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'assent-parquet-source-'));
  store = await openStore({ dataDir: join(dir, 'store') });
  const f = await writeFixtureFiles(dir, { members: 40, itemsPerMember: 6, textLength: 60 });
  files = {
    members: f.members,
    content: f.content,
    membersParquet: join(dir, 'members.parquet'),
    contentParquet: join(dir, 'content.parquet'),
  };
  await writeParquetRows(files.membersParquet, MEMBER_SCHEMA, jsonl(f.members));
  await writeParquetRows(files.contentParquet, CONTENT_SCHEMA, jsonl(f.content));
});

afterAll(async () => {
  await store?.close();
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

const build = (out: string, members: string, content: string[], workers = 1, strict = false) =>
  runBuild({
    store,
    policy: rulesPolicy(TEST_POLICY_RULES, 'd'.repeat(64)),
    purpose: TEST_POLICY_RULES.purpose,
    asOf: TEST_POLICY_RULES.asOf,
    outDir: join(dir, out),
    format: 'parquet',
    sources: fileSource(members, content),
    workers,
    actor: 'test',
    itemsPerShard: 50,
    strict,
  });

describe('Parquet build input', () => {
  it('gives the same shards and counts as the equivalent JSONL', async () => {
    const fromJsonl = await build('from-jsonl', files.members, [files.content]);
    const fromParquet = await build('from-parquet', files.membersParquet, [files.contentParquet], 2);
    expect(fromParquet.summary).toEqual(fromJsonl.summary);
    expect(fromParquet.summary.records).toBeGreaterThan(0);
    expect(fromParquet.manifest.shards.map((s) => s.sha256)).toEqual(fromJsonl.manifest.shards.map((s) => s.sha256));
    const parquetSources = fromParquet.manifest.sources.map((s) => [s.name, s.role, s.records]);
    expect(parquetSources).toEqual([
      ['members.parquet', 'members', 40],
      ['content.parquet', 'content', 240],
    ]);
  });

  it('reports bad rows as FILE: row N: field: ..., and fails with --strict', async () => {
    const members = jsonl(files.members).slice(0, 10);
    members.splice(2, 0, { member_id: 'm-bad', account_state: 'frozen', names: [] });
    const content = jsonl(files.content).slice(0, 30);
    content.splice(4, 0, { ...content[0], content_id: 'c-bad', kind: 'tweet' });
    const badMembers = join(dir, 'bad-members.parquet');
    const badContent = join(dir, 'bad-content.parquet');
    await writeParquetRows(badMembers, MEMBER_SCHEMA, members);
    await writeParquetRows(badContent, CONTENT_SCHEMA, content);
    const result = await build('bad-rows', badMembers, [badContent]);
    expect(result.summary.rejectedLines).toBe(2);
    expect(result.manifest.rejectedSamples).toEqual([
      'bad-content.parquet: row 5: kind: expected a known content kind such as "post"',
      'bad-members.parquet: row 3: account_state: expected active, deactivated or deleted',
    ]);
    await expect(build('bad-rows-strict', badMembers, [badContent], 1, true)).rejects.toMatchObject({
      code: 'ASSENT_BUILD_REJECTED_LINES',
      kind: 'user',
    });
  });

  it('fails as the user mistake on a file that is not Parquet or lacks a column', async () => {
    const notParquet = join(dir, 'not.parquet');
    writeFileSync(notParquet, readFileSync(files.content));
    const error = await build('not-parquet', files.members, [notParquet]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BuildError);
    expect((error as BuildError).kind).toBe('user');
    expect((error as BuildError).message).toBe(
      'not.parquet: expected a Parquet file, found one that lacks the PAR1 markers',
    );

    const noText = join(dir, 'no-text.parquet');
    const { text: _text, ...schema } = CONTENT_SCHEMA;
    await writeParquetRows(
      noText,
      schema,
      jsonl(files.content)
        .slice(0, 3)
        .map(({ text: _t, ...r }) => r),
    );
    const missing = await build('no-text', files.members, [noText]).catch((e: unknown) => e);
    expect((missing as BuildError).message).toMatch(/^no-text\.parquet: expected content columns text, found only /);
  });
});

describe('normalizeParquetValue', () => {
  const cases: [string, unknown, unknown][] = [
    ['a timestamp becomes ISO 8601', new Date('2024-03-01T12:00:00Z'), '2024-03-01T12:00:00.000Z'],
    ['an INT64 becomes a number', 1990n, 1990],
    ['a pyarrow LIST becomes an array', { list: [{ element: 'Ana' }, { element: 'Bo' }] }, ['Ana', 'Bo']],
    ['a LIST with item leaves', { list: [{ item: 'x' }] }, ['x']],
    ['an empty LIST (read as list: null)', { list: null }, []],
    ['a repeated field stays an array', ['a', 'b'], ['a', 'b']],
    ['undefined becomes null', undefined, null],
    ['a plain string stays', 'post', 'post'],
    ['a row normalises each field', { a: 2n, b: { list: [] } }, { a: 2, b: [] }],
  ];
  for (const [name, input, expected] of cases) {
    it(name, () => expect(normalizeParquetValue(input)).toEqual(expected));
  }
});
