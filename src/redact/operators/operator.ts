// The operator seam: a named strategy that validates its parameters first, then turns a detected value into its
// replacement. Capability flag `dropsRecord` marks operators that remove the whole record instead.

import type { EntityType } from '../../domain/index.js';

/** A parameter problem, reported as data (path relative to the operator's params). */
export interface OperatorIssue {
  readonly path: string;
  readonly code: 'missing' | 'wrong_type' | 'out_of_range' | 'unknown_param' | 'unknown_operator';
  readonly message: string;
}

export type OperatorParams = Readonly<Record<string, unknown>>;

export interface Operator {
  readonly name: string;
  /** The record is dropped whole when a span uses this operator. */
  readonly dropsRecord: boolean;
  validate(params: OperatorParams): OperatorIssue[];
  /** The text that replaces `value` (a detected span of `type`); params are already validated. */
  apply(value: string, type: EntityType, params: OperatorParams): string;
  /**
   * Capability: the replacement when it does not depend on the value (replace, remove), the same string `apply`
   * returns for every value; the anonymizer then computes it once per type instead of once per span.
   */
  fixedReplacement?(type: EntityType, params: OperatorParams): string;
}

/** Checks that only `allowed` parameter names are present. */
export function unknownParams(params: OperatorParams, allowed: readonly string[]): OperatorIssue[] {
  return Object.keys(params)
    .filter((key) => !allowed.includes(key))
    .map((key) => ({ path: key, code: 'unknown_param' as const, message: `unknown parameter "${key}"` }));
}

/** Describes a value's type for messages ("found number"), never its content. */
export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
