// End-to-end tests of the `assent` command as users run it: the compiled CLI in a child process, a real SQLite file
// in a temporary data directory, exit codes and the sentences printed for bad input.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const CLI = join(ROOT, 'dist', 'cli', 'main.js');

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function withoutAssentSettings(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.ASSENT_DATABASE_URL;
  delete env.ASSENT_POLICY;
  delete env.ASSENT_DATA_DIR;
  return env;
}

function assent(dataDir: string, ...args: string[]): Run {
  return assentWithEnv(withoutAssentSettings(), dataDir, ...args);
}

function assentWithEnv(env: NodeJS.ProcessEnv, dataDir: string, ...args: string[]): Run {
  const result = spawnSync(process.execPath, [CLI, '--data-dir', dataDir, ...args], {
    encoding: 'utf8',
    env,
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('assent CLI (the compiled command; `npm test` builds it first)', () => {
  let dataDir: string;
  let summary: {
    eligibility: { members: { total: number; allowed: number; byReason: Record<string, number> } };
    network: { members: number };
  };

  beforeAll(() => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` before these tests`);
    dataDir = mkdtempSync(join(tmpdir(), 'assent-cli-'));
    const run = assent(dataDir, 'demo', '--members', '600', '--seed', '7', '--no-serve', '--json');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    summary = JSON.parse(run.stdout);
  }, 180_000);

  it('runs the demo into a fresh data directory and explains every exclusion by reason', () => {
    const { members } = summary.eligibility;
    expect(members.total).toBe(summary.network.members);
    const excluded = Object.values(members.byReason).reduce((a, b) => a + b, 0);
    expect(members.allowed + excluded).toBe(members.total);
    expect(members.byReason.jurisdiction_excluded).toBeGreaterThan(0);
    expect(members.byReason.opted_out).toBeGreaterThan(0);
    expect(existsSync(join(dataDir, 'assent.db'))).toBe(true);
  });

  it('records a withdrawal idempotently and reads it back as of now and as of the past', () => {
    const set = assent(
      dataDir,
      'consent',
      'set',
      'm0000001',
      '--purpose',
      'train_ai_system.generative',
      '--status',
      'withdrawn',
      '--request-id',
      'req-1',
      '--json',
    );
    expect(set.code).toBe(0);
    const first = JSON.parse(set.stdout);
    expect(first.created).toBe(true);
    const again = JSON.parse(
      assent(
        dataDir,
        'consent',
        'set',
        'm0000001',
        '--purpose',
        'train_ai_system.generative',
        '--status',
        'withdrawn',
        '--request-id',
        'req-1',
        '--json',
      ).stdout,
    );
    expect(again).toEqual({ ...first, created: false, flaggedModels: [] });
    const conflict = assent(
      dataDir,
      'consent',
      'set',
      'm0000001',
      '--purpose',
      'train_ai_system.generative',
      '--status',
      'given',
      '--request-id',
      'req-1',
    );
    expect(conflict.code).toBe(2);
    expect(conflict.stderr).toMatch(/req-1/);
    expect(conflict.stderr).not.toMatch(/at .*\.js:\d+/);

    const now = JSON.parse(
      assent(dataDir, 'consent', 'get', 'm0000001', '--purpose', 'train_ai_system.generative', '--json').stdout,
    );
    expect(now.status).toBe('ConsentWithdrawn');
    expect(now.source).toBe('explicit');
    const before = JSON.parse(
      assent(
        dataDir,
        'consent',
        'get',
        'm0000001',
        '--purpose',
        'train_ai_system.generative',
        '--as-of',
        '2024-10-01T00:00:00Z',
        '--known-at',
        '2024-10-01T00:00:00Z',
        '--json',
      ).stdout,
    );
    expect(before.source).toBe('default');
    const history = JSON.parse(assent(dataDir, 'consent', 'history', 'm0000001', '--json').stdout);
    expect(history.at(-1).id).toBe(first.event.id);
  });

  it('explains a decision rule by rule', () => {
    const run = assent(dataDir, 'explain', 'm0000001', '--json');
    expect(run.code).toBe(0);
    const explanation = JSON.parse(run.stdout);
    expect(explanation.decision.allowed).toBe(false);
    expect(explanation.checks.length).toBeGreaterThan(3);
    expect(explanation.checks.find((c: { passed: boolean }) => c.passed === false).reason).toBe(
      explanation.decision.reason,
    );
  });

  it('reports bad lines as FILE:LINE with the field, imports the valid ones, and exits 2', () => {
    const file = join(dataDir, 'bad-members.jsonl');
    writeFileSync(
      file,
      [
        JSON.stringify({ member_id: 'x1', country: 'US', language: 'en', created_at: '2024-01-01T00:00:00Z' }),
        '{"member_id": "x2", "country": ',
        JSON.stringify({ member_id: 'x3', country: 'ZZ', created_at: '2024-01-01T00:00:00Z' }),
        JSON.stringify({
          member_id: 'x4',
          country: 'DE',
          birth_date: '1990-02-30',
          created_at: '2024-01-01T00:00:00Z',
        }),
      ].join('\n'),
    );
    const run = assent(dataDir, 'import', 'members', file);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${file}:2`);
    expect(run.stderr).toMatch(
      new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3: country: expected .*ISO 3166`),
    );
    expect(run.stderr).toMatch(/:4: birth_date: expected/);
    expect(run.stdout).toMatch(/1 imported, 3 rejected/);

    const strict = assent(dataDir, 'import', 'members', file, '--strict', '--json');
    expect(strict.code).toBe(2);
    expect(JSON.parse(strict.stdout).imported).toBe(0);
  });

  it('validates policies with file and line, and shows the active one', () => {
    const file = join(dataDir, 'bad-policy.yaml');
    const preset = readFileSync(join(ROOT, 'policies', 'platform-2024-09.yaml'), 'utf8');
    writeFileSync(file, preset.replace(/treatment: excluded/, 'treatment: optout'));
    const run = assent(dataDir, 'policy', 'validate', file);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/bad-policy\.yaml:\d+: .*treatment: expected one of/);
    expect(assent(dataDir, 'policy', 'validate', join(ROOT, 'policies', 'platform-2025-11.yaml')).code).toBe(0);
    const show = JSON.parse(assent(dataDir, 'policy', 'show', '--json').stdout);
    expect(show.policy.name).toBe('platform-2024-09');
  });

  it('verifies the audit chain', () => {
    const run = assent(dataDir, 'audit', 'verify', '--json');
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.ok).toBe(true);
    expect(result.entries).toBeGreaterThan(3);
  });

  it('exits 2 for unknown commands and flags, 0 for help', () => {
    expect(assent(dataDir, 'frobnicate').code).toBe(2);
    expect(assent(dataDir, 'consent', 'get', 'm1', '--purpose').code).toBe(2);
    expect(
      assent(dataDir, 'consent', 'get', 'm0000001', '--purpose', 'train_ai_system.generative', '--as-of', 'yesterday')
        .code,
    ).toBe(2);
    const help = assent(dataDir, '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('consent');
  });

  it('refuses to run the demo over data it did not create', () => {
    const other = mkdtempSync(join(tmpdir(), 'assent-cli-real-'));
    writeFileSync(join(other, 'assent.db'), '');
    const run = assent(other, 'demo', '--members', '10', '--no-serve');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/did not create/);
  });

  it('detects and redacts JSONL line for line, in order, with per-line errors and an atomic output file', () => {
    const input = join(dataDir, 'posts.jsonl');
    const lines = [
      { id: 'a', text: 'Write to ana.silva@example.org or call (415) 730-1234.', country: 'US' },
      { id: 'b', text: 12 },
      { id: 'c', text: '' },
      { id: 'd', text: 'Nothing personal here.' },
    ];
    writeFileSync(input, `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`);
    const detectOut = join(dataDir, 'spans.jsonl');
    const detect = assent(dataDir, 'detect', '--input', input, '--output', detectOut);
    expect(detect.code).toBe(2);
    const spans = readFileSync(detectOut, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(spans.map((s) => s.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(spans[0].spans.map((s: { type: string }) => s.type)).toEqual(['EMAIL', 'PHONE']);
    const first = String(lines[0]?.text);
    expect(first.slice(spans[0].spans[0].start, spans[0].spans[0].end)).toBe('ana.silva@example.org');
    expect(spans[1].error).toMatch(/line 2: text: expected a string/);
    expect(spans[3].spans).toEqual([]);

    const redactOut = join(dataDir, 'redacted.jsonl');
    assent(dataDir, 'redact', '--input', input, '--output', redactOut);
    const redacted = readFileSync(redactOut, 'utf8');
    expect(redacted).not.toContain('ana.silva@example.org');
    expect(redacted).not.toContain('730-1234');
    expect(JSON.parse(redacted.split('\n')[0] ?? '').text).toBe('Write to [EMAIL] or call [PHONE].');
    expect(existsSync(`${redactOut}.tmp-${process.pid}`)).toBe(false);
  });

  it("redacts with a purpose's operators from the policy, keying pseudonyms from ASSENT_BUILD_SECRET", () => {
    const input = join(dataDir, 'purpose-posts.jsonl');
    const lines = [
      { id: 'a', text: 'Thanks to Ana Silva: write to ana.silva@example.org or call (415) 730-1234.', country: 'US' },
      { id: 'b', text: 'My card is 4111 1111 1111 1111.' },
    ];
    writeFileSync(input, `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`);
    const redactWith = (secret: string | undefined, ...flags: string[]) => {
      const env = withoutAssentSettings();
      delete env.ASSENT_BUILD_SECRET;
      if (secret !== undefined) env.ASSENT_BUILD_SECRET = secret;
      return assentWithEnv(env, dataDir, '--policy', 'consent-first', 'redact', '--input', input, ...flags);
    };
    const purpose = ['--purpose', 'train_ai_system.generative'];
    const first = redactWith('s3cret', ...purpose);
    expect(first.stderr).toMatch(/operators of policy consent-first consent-first\/v1 for train_ai_system\.generative/);
    expect(first.code).toBe(0);
    const [a, b] = first.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    // consent-first: PERSON pseudonymize, PHONE mask keeping the last 2, e-mail replaced, a payment card drops the record.
    expect(a.text).toMatch(/^Thanks to \[PERSON_[0-9a-f]{8}\]: write to <EMAIL> or call \*+34\.$/);
    expect(b).toEqual({ id: 'b', text: null, dropped: true });
    // The same secret gives the same pseudonyms; without one every run has its own key.
    expect(redactWith('s3cret', ...purpose).stdout).toBe(first.stdout);
    expect(redactWith(undefined, ...purpose).stdout).not.toBe(first.stdout);
    // Without --purpose the default operators apply, and a --policy on the command line is refused rather than ignored.
    const plain = assentWithEnv(withoutAssentSettings(), dataDir, 'redact', '--input', input);
    expect(plain.code).toBe(0);
    expect(JSON.parse(plain.stdout.split('\n')[0] ?? '').text).toContain('[PHONE]');
    const ignored = redactWith('s3cret');
    expect(ignored.code).toBe(2);
    expect(ignored.stderr).toMatch(/--policy: applies to redact only with --purpose/);
    expect(ignored.stdout).toBe('');
    const detected = assentWithEnv(
      withoutAssentSettings(),
      dataDir,
      '--policy',
      'consent-first',
      'detect',
      '--input',
      input,
    );
    expect(detected.code).toBe(2);
    expect(detected.stderr).toMatch(/--policy: detect reports every type/);

    const unknown = redactWith(undefined, '--purpose', 'train_ai_system.nonsense');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/--purpose: unknown purpose "train_ai_system.nonsense"/);
    const output = join(dataDir, 'never-written.jsonl');
    const early = redactWith(undefined, ...purpose, '--as-of', '2020-01-01', '--output', output);
    expect(early.code).toBe(2);
    expect(early.stderr).toMatch(/no rules for "train_ai_system.generative" in a version in force at 2020-01-01/);
    // Every flag is checked before the output is opened: no temporary file is left behind.
    const badWorkers = redactWith(undefined, ...purpose, '--workers', 'abc', '--output', output);
    expect(badWorkers.code).toBe(2);
    expect(badWorkers.stderr).toMatch(/--workers/);
    expect(readdirSync(dataDir).filter((f) => f.startsWith('never-written'))).toEqual([]);
    // --min-score may lower the policy's min_score (0.4 in consent-first), never raise it.
    const weaker = redactWith(undefined, ...purpose, '--min-score', '0.99');
    expect(weaker.code).toBe(2);
    expect(weaker.stderr).toMatch(/--min-score: 0.99 is above the policy's min_score 0.4/);
    expect(redactWith(undefined, ...purpose, '--min-score', '0.3').code).toBe(0);
    // Without --policy and without a store, the default preset applies and no store is created.
    const empty = mkdtempSync(join(tmpdir(), 'assent-cli-nostore-'));
    const env = withoutAssentSettings();
    const bare = assentWithEnv(env, empty, 'redact', '--input', input, ...purpose);
    expect(bare.code).toBe(0);
    expect(bare.stderr).toMatch(/operators of policy \S+ \S+ for train_ai_system\.generative/);
    expect(readdirSync(empty)).toEqual([]);
    const stray = redactWith(undefined, '--as-of', '2025-01-01');
    expect(stray.code).toBe(2);
    expect(stray.stderr).toMatch(/--as-of: applies only with --purpose/);
  });
});
