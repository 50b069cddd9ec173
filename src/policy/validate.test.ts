import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { presetsDirectory } from './presets.js';
import {
  formatPolicyIssue,
  loadPolicyFile,
  POLICY_ISSUE_CODES,
  PolicyValidationError,
  readPolicyFile,
  validatePolicy,
} from './validate.js';

// A small valid policy; each negative case replaces one line (numbered from 1) and expects one issue there.
const VALID = `name: tiny
versions:
  - id: tiny/v1
    valid_from: 2024-01-01T00:00:00Z
    purposes:
      train_ai_system:
        notice:
          id: n
          version: "1"
          mechanism: opt_out
          texts:
            en: { question: "May we?", explanation: "Because." }
        jurisdictions:
          groups:
            - { name: EU, countries: [EU], treatment: excluded }
          default_treatment: opt_out
        minors: { min_age: 18, unknown_age: include }
        content: { kinds: [post], visibilities: [public] }
        redaction:
          types: { PHONE: { operator: mask, keep_last: 2 } }
`;

function replaceLine(text: string, line: number, replacement: string): string {
  const lines = text.split('\n');
  lines[line - 1] = replacement;
  return lines.join('\n');
}

const P = 'versions[0].purposes.train_ai_system';

describe('validatePolicy', () => {
  it('accepts a valid policy and fills the defaults', () => {
    const result = validatePolicy(VALID, 'tiny.yaml');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const rules = result.policy.versions[0]?.purposes.train_ai_system;
    expect(rules?.minors.exclude_signals).toEqual(['self_declared_minor', 'in_secondary_education']);
    expect(rules?.signals).toEqual({ gpc_is_withdrawal: true, honor_content_reservations: true });
    expect(rules?.on_withdrawal).toBe('forward_only');
    expect(rules?.redaction.default).toEqual({ operator: 'replace' });
    expect(rules?.redaction.types.PHONE).toEqual({ operator: 'mask', keep_last: 2 });
  });

  it.each([
    [
      15,
      '            - { name: EU, countries: [EU], treatment: optout }',
      `${P}.jurisdictions.groups[0].treatment`,
      'policy_value',
      'expected one of excluded, opt_in, opt_out, found "optout"',
    ],
    [
      15,
      '            - { name: EU, countries: [UK], treatment: excluded }',
      `${P}.jurisdictions.groups[0].countries[0]`,
      'policy_format',
      'found "UK"',
    ],
    [10, '          mechanism: on', `${P}.notice.mechanism`, 'policy_value', 'found "on"'],
    [4, '    valid_from: 2024-01-01', 'versions[0].valid_from', 'policy_format', 'ISO 8601 timestamp'],
    [
      17,
      '        minors: { min_age: 18, unknown_age: include, color: red }',
      `${P}.minors.color`,
      'policy_unknown_field',
      'unknown field',
    ],
    [
      18,
      '        content: { kinds: [post, tweet], visibilities: [public] }',
      `${P}.content.kinds[1]`,
      'policy_value',
      'found "tweet"',
    ],
    [
      18,
      '        content: { kinds: post, visibilities: [public] }',
      `${P}.content.kinds`,
      'policy_type',
      'expected a list, found "post"',
    ],
    [17, '        minors: { min_age: 18 }', `${P}.minors.unknown_age`, 'policy_missing_field', 'found nothing'],
    [
      20,
      '          types: { PHONE: { operator: mask, keep_last: -1 } }',
      `${P}.redaction.types.PHONE.keep_last`,
      'policy_range',
      'expected at least 0, found -1',
    ],
    [
      20,
      '          types: { PHONE: { operator: blur } }',
      `${P}.redaction.types.PHONE.operator`,
      'policy_value',
      'found "blur"',
    ],
    [
      20,
      '          types: { PHONES: { operator: remove } }',
      `${P}.redaction.types.PHONES`,
      'policy_value',
      'expected an entity type',
    ],
    [6, '      marketing:', 'versions[0].purposes.marketing', 'policy_value', 'expected a purpose'],
    [12, '            de: { question: "Q?", explanation: "E." }', `${P}.notice.texts.en`, 'policy_rule', 'English'],
    [1, 'name: Tiny Policy', 'name', 'policy_format', 'lower-case'],
  ])('line %i: %s', (line, replacement, path, code, message) => {
    const result = validatePolicy(replaceLine(VALID, line, replacement), 'policies/tiny.yaml');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const issue = result.issues.find((i) => i.path === path);
    expect(issue, JSON.stringify(result.issues)).toBeDefined();
    expect(issue?.code).toBe(code);
    expect(issue?.message).toContain(message);
    expect(issue?.file).toBe('policies/tiny.yaml');
    // The issue points at the line that was changed (a missing field points at its parent object's line).
    expect(issue?.line).toBe(line);
  });

  it('formats an issue as file:line: path: message', () => {
    const result = validatePolicy(
      replaceLine(VALID, 15, '            - { name: EU, countries: [EU], treatment: optout }'),
      'policies/x.yaml',
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map(formatPolicyIssue)).toContain(
      `policies/x.yaml:15: ${P}.jurisdictions.groups[0].treatment: expected one of excluded, opt_in, opt_out, found "optout"`,
    );
  });

  const twoVersions = (secondFrom: string, firstUntil?: string): string => {
    const version = VALID.slice(VALID.indexOf('  - id:'));
    const first = firstUntil
      ? version.replace(
          'valid_from: 2024-01-01T00:00:00Z',
          `valid_from: 2024-01-01T00:00:00Z\n    valid_until: ${firstUntil}`,
        )
      : version;
    const second = version.replace('tiny/v1', 'tiny/v2').replace('2024-01-01T00:00:00Z', secondFrom);
    return `name: tiny\nversions:\n${first}${second}`;
  };

  it.each([
    ['ordered, open-ended', twoVersions('2025-01-01T00:00:00Z'), undefined],
    ['valid_until meets the next start', twoVersions('2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z'), undefined],
    ['out of order', twoVersions('2023-01-01T00:00:00Z'), 'versions are ordered'],
    ['a gap', twoVersions('2025-01-01T00:00:00Z', '2024-06-01T00:00:00Z'), 'leaves a gap'],
    ['an overlap', twoVersions('2025-01-01T00:00:00Z', '2025-06-01T00:00:00Z'), 'overlaps'],
    ['a duplicate id', twoVersions('2025-01-01T00:00:00Z').replace('tiny/v2', 'tiny/v1'), 'not used before'],
  ])('versions: %s', (_name, text, problem) => {
    const result = validatePolicy(text, 'p.yaml');
    if (problem === undefined) {
      expect(result.ok, JSON.stringify(result)).toBe(true);
      return;
    }
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => i.message).join('\n')).toContain(problem);
    expect(result.issues.every((i) => i.code === 'policy_rule' && i.line !== undefined)).toBe(true);
  });

  it('rejects a country listed in two groups', () => {
    const text = replaceLine(
      VALID,
      15,
      '            - { name: EU, countries: [EU], treatment: excluded }\n            - { name: DE, countries: [DE], treatment: opt_in }',
    );
    const result = validatePolicy(text, 'p.yaml');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues[0]).toMatchObject({
      line: 16,
      path: `${P}.jurisdictions.groups[1].countries[0]`,
      code: 'policy_rule',
    });
    expect(result.issues[0]?.message).toContain('DE is already in group EU');
  });

  it('refuses alias bombs instead of expanding them', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 0; i < 8; i += 1)
      lines.push(
        `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10)
          .fill(`*${String.fromCharCode(97 + i)}`)
          .join(', ')}]`,
      );
    const result = validatePolicy(lines.join('\n'), 'bomb.yaml');
    expect(result).toMatchObject({ ok: false, issues: [{ code: 'policy_syntax' }] });
  });

  it('reads JSON with line numbers too', () => {
    const json = JSON.stringify({ name: 'j', versions: [{ id: 'j/v1', valid_from: 'soon', purposes: {} }] }, null, 2);
    const result = validatePolicy(json, 'p.json');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.find((i) => i.path === 'versions[0].valid_from')?.line).toBe(6);
  });

  it('reports a syntax error with its line and never throws', () => {
    const result = validatePolicy('name: x\nversions: [\n  - : :\n', 'p.yaml');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues[0]?.code).toBe('policy_syntax');
    expect(result.issues[0]?.line).toBeGreaterThanOrEqual(2);
    expect(validatePolicy('', 'empty.yaml').ok).toBe(false);
    const duplicate = validatePolicy('name: x\nname: y\nversions: []\n', 'dup.yaml');
    expect(duplicate).toMatchObject({ ok: false, issues: [{ code: 'policy_syntax', line: 2 }] });
    const twoDocuments = validatePolicy(`${VALID}---\n${VALID}`, 'two.yaml');
    expect(twoDocuments).toMatchObject({ ok: false, issues: [{ code: 'policy_syntax' }] });
    expect(validatePolicy('- just\n- a list\n', 'list.yaml').ok).toBe(false);
  });
});

describe('policy files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'assent-policy-'));

  it('loadPolicyFile returns the policy or throws a user error listing every issue', async () => {
    const good = join(dir, 'good.yaml');
    writeFileSync(good, VALID);
    expect((await loadPolicyFile(good)).name).toBe('tiny');
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, replaceLine(VALID, 10, '          mechanism: sometimes'));
    const error = await loadPolicyFile(bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PolicyValidationError);
    expect((error as PolicyValidationError).kind).toBe('user');
    expect((error as Error).message).toMatch(/bad\.yaml:10: .*mechanism: expected one of opt_out, opt_in, notice_only/);
  });

  it('an unreadable file is one issue, not a crash', async () => {
    const result = await readPolicyFile(join(dir, 'missing.yaml'));
    expect(result).toMatchObject({ ok: false, issues: [{ code: 'policy_unreadable' }] });
  });

  it('documents every issue code in policies/README.md', () => {
    const readme = readFileSync(join(presetsDirectory(), 'README.md'), 'utf8');
    for (const code of Object.keys(POLICY_ISSUE_CODES)) expect(readme).toContain(`\`${code}\``);
  });
});
