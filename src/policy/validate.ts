// Policy validation as data: parse YAML or JSON (JSON is read by the same YAML parser, so both get line numbers),
// check it against the schema, and turn every problem into an issue naming the file, line, path, expected and found.

import { readFile } from 'node:fs/promises';
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import type { core } from 'zod';
import { ENTITY_TYPES, PURPOSES } from '../domain/index.js';
import { type Policy, policySchema } from './schema.js';

/** Every issue code validation can return; documented in policies/README.md (a test checks it). */
export const POLICY_ISSUE_CODES = Object.freeze({
  policy_unreadable: 'The file could not be read.',
  policy_syntax: 'The text is not valid YAML or JSON.',
  policy_missing_field: 'A required field is absent.',
  policy_unknown_field: 'A field the format does not define (typos are caught here).',
  policy_type: 'A value of the wrong type (a list where an object is expected, a number where text is).',
  policy_value: 'A value outside the allowed set (a treatment, mechanism, content kind, purpose, entity type).',
  policy_format: 'A value that does not have the required form (timestamp, country code, locale, name).',
  policy_range: 'A number or list outside its bounds (an empty list, a negative keep_last).',
  policy_rule: 'A rule across fields is broken: versions out of order, a gap or overlap, a duplicate, no English text.',
} as const);
export type PolicyIssueCode = keyof typeof POLICY_ISSUE_CODES;

export interface PolicyIssue {
  readonly file: string;
  /** 1-based line, when the problem can be located in the text. */
  readonly line?: number;
  /** Path in the document, e.g. `versions[1].purposes["train_ai_system.generative"].notice.mechanism`. */
  readonly path: string;
  readonly code: PolicyIssueCode;
  /** `expected ..., found ...`, without the file and path. */
  readonly message: string;
}

export type PolicyValidation =
  | { readonly ok: true; readonly policy: Policy }
  | { readonly ok: false; readonly issues: readonly PolicyIssue[] };

/** `file:line: path: message`, the one-line form the CLI prints. */
export function formatPolicyIssue(issue: PolicyIssue): string {
  const where = issue.line === undefined ? issue.file : `${issue.file}:${issue.line}`;
  return issue.path === '' ? `${where}: ${issue.message}` : `${where}: ${issue.path}: ${issue.message}`;
}

/** A policy file that does not validate; `kind: 'user'` makes the CLI report it as bad input (exit 2). */
export class PolicyValidationError extends Error {
  override readonly name = 'PolicyValidationError';
  readonly kind = 'user';
  readonly code = 'ASSENT_ERR_POLICY_INVALID';
  constructor(readonly issues: readonly PolicyIssue[]) {
    super(issues.map(formatPolicyIssue).join('\n'));
  }
}

type PathSegment = string | number;

/** Renders a path as `a.b[0]["train_ai_system.generative"]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (typeof segment === 'string' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(segment)) {
      out += out === '' ? segment : `.${segment}`;
    } else out += `[${JSON.stringify(String(segment))}]`;
  }
  return out;
}

function describeFound(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  return String(value);
}

const TYPE_WORDS: Readonly<Record<string, string>> = {
  string: 'text',
  number: 'a number',
  int: 'an integer',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  record: 'an object',
};

/** Objects whose keys come from a fixed list: an unknown key there is a wrong value, and the message lists them. */
const KEYED_RECORDS: Readonly<Record<string, { what: string; keys: readonly string[] }>> = {
  purposes: { what: 'a purpose', keys: PURPOSES.map((p) => p.key) },
  types: { what: 'an entity type', keys: ENTITY_TYPES },
};

interface Located {
  readonly path: PathSegment[];
  /** The last path segment is a key that should not be there: point at the key itself. */
  readonly atKey?: boolean;
  readonly code: PolicyIssueCode;
  readonly message: string;
}

/** Turns one zod issue into one or more located issues (one per unknown key). */
function translate(issue: core.$ZodIssue): Located[] {
  const path = issue.path.map((p) => (typeof p === 'number' ? p : String(p)));
  const found = describeFound(issue.input);
  switch (issue.code) {
    case 'unrecognized_keys': {
      const known = KEYED_RECORDS[String(path[path.length - 1])];
      return issue.keys.map((key) => ({
        path: [...path, key],
        atKey: true,
        code: known ? ('policy_value' as const) : ('policy_unknown_field' as const),
        message: known
          ? `expected ${known.what} (${known.keys.join(', ')}), found "${key}"`
          : `expected no field named "${key}" here (unknown field)`,
      }));
    }
    case 'invalid_type':
      if (issue.input === undefined) {
        return [
          {
            path,
            code: 'policy_missing_field',
            message: `expected ${TYPE_WORDS[issue.expected] ?? issue.expected}, found nothing`,
          },
        ];
      }
      return [
        {
          path,
          code: 'policy_type',
          message: `expected ${TYPE_WORDS[issue.expected] ?? issue.expected}, found ${found}`,
        },
      ];
    case 'invalid_value':
      return [
        {
          path,
          code: issue.input === undefined ? 'policy_missing_field' : 'policy_value',
          message: `expected one of ${issue.values.map(String).join(', ')}, found ${found}`,
        },
      ];
    case 'invalid_union': {
      if ('options' in issue && issue.options && issue.discriminator) {
        const discriminant =
          issue.input && typeof issue.input === 'object'
            ? (issue.input as Record<string, unknown>)[issue.discriminator]
            : undefined;
        return [
          {
            path,
            code: 'policy_value',
            message: `expected one of ${issue.options.map(String).join(', ')}, found ${describeFound(discriminant)}`,
          },
        ];
      }
      return [{ path, code: 'policy_value', message: `expected one of the allowed forms, found ${found}` }];
    }
    case 'invalid_key':
      return [
        {
          path: [...path, String(issue.input)],
          code: 'policy_value',
          message: `expected a known key (${issue.issues.map((i) => (i.code === 'invalid_value' ? i.values.join(', ') : i.message)).join('; ')}), found "${String(issue.input)}"`,
        },
      ];
    case 'invalid_format':
    case 'invalid_element': {
      const expected = issue.message.startsWith('expected') ? issue.message : `expected ${issue.message}`;
      return [{ path, code: 'policy_format', message: `${expected}, found ${found}` }];
    }
    case 'too_small':
    case 'too_big': {
      const bound = issue.code === 'too_small' ? 'at least' : 'at most';
      const limit = issue.code === 'too_small' ? issue.minimum : issue.maximum;
      const unit = issue.origin === 'array' ? ' entries' : issue.origin === 'string' ? ' characters' : '';
      const foundText = Array.isArray(issue.input) ? `${issue.input.length} entries` : found;
      return [{ path, code: 'policy_range', message: `expected ${bound} ${String(limit)}${unit}, found ${foundText}` }];
    }
    case 'custom': {
      const format = issue.message.includes('ISO 3166') || issue.message.includes('lower-case');
      const message = issue.message.includes(', found ') ? issue.message : `${issue.message}, found ${found}`;
      return [{ path, code: format ? 'policy_format' : 'policy_rule', message }];
    }
    default:
      return [{ path, code: 'policy_value', message: `${issue.message}, found ${found}` }];
  }
}

/** The deepest YAML node on `path` (a key's own node for the last segment when it exists), for its line. */
function nodeAt(root: Node | null, path: readonly PathSegment[]): { node: Node | null; keyNode: Node | null } {
  let node: Node | null = root;
  let keyNode: Node | null = null;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
      if (!pair) return { node, keyNode: null };
      keyNode = isScalar(pair.key) ? pair.key : null;
      node = (pair.value as Node | null) ?? keyNode;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as Node | undefined;
      if (!item) return { node, keyNode: null };
      node = item;
      keyNode = null;
    } else {
      return { node, keyNode: null };
    }
  }
  return { node, keyNode };
}

function lineOf(
  root: Node | null,
  path: readonly PathSegment[],
  counter: LineCounter,
  preferKey: boolean,
): number | undefined {
  const { node, keyNode } = nodeAt(root, path);
  const target = preferKey && keyNode ? keyNode : (node ?? keyNode);
  const offset = target?.range?.[0];
  return offset === undefined ? undefined : counter.linePos(offset).line;
}

/**
 * Validates a policy document (YAML or JSON text). Never throws: problems come back as issues.
 *
 * @example
 * const result = validatePolicy(text, 'policies/x.yaml');
 * if (!result.ok) for (const issue of result.issues) console.error(formatPolicyIssue(issue));
 */
export function validatePolicy(text: string, fileName: string): PolicyValidation {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      issues: doc.errors.map((error) => {
        const line = counter.linePos(error.pos[0]).line;
        const message = error.message.split('\n')[0] ?? error.message;
        return {
          file: fileName,
          line,
          path: '',
          code: 'policy_syntax' as const,
          message: `expected valid YAML or JSON: ${message}`,
        };
      }),
    };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    // Alias expansion beyond the limit (a "billion laughs" document) is refused rather than expanded.
    const message = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      issues: [{ file: fileName, path: '', code: 'policy_syntax', message: `expected a plain document: ${message}` }],
    };
  }
  const parsed = policySchema.safeParse(data, { reportInput: true });
  if (parsed.success) return { ok: true, policy: parsed.data };
  const root = doc.contents as Node | null;
  const issues: PolicyIssue[] = [];
  for (const zodIssue of parsed.error.issues) {
    for (const located of translate(zodIssue)) {
      const line = lineOf(root, located.path, counter, located.atKey === true);
      issues.push({
        file: fileName,
        ...(line !== undefined ? { line } : {}),
        path: formatPath(located.path),
        code: located.code,
        message: located.message,
      });
    }
  }
  issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return { ok: false, issues };
}

/** Reads and validates a policy file, returning issues as data (an unreadable file is one issue). */
export async function readPolicyFile(path: string): Promise<PolicyValidation> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'read error';
    return {
      ok: false,
      issues: [
        {
          file: path,
          path: '',
          code: 'policy_unreadable',
          message: `expected a readable policy file, found ${reason}`,
        },
      ],
    };
  }
  return validatePolicy(text, path);
}

/** Reads a policy file and returns the policy, or throws a `PolicyValidationError` listing every issue. */
export async function loadPolicyFile(path: string): Promise<Policy> {
  const result = await readPolicyFile(path);
  if (!result.ok) throw new PolicyValidationError(result.issues);
  return result.policy;
}
