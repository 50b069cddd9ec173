// The one registry of anonymization operators, by name.

import { dropRecordOperator } from './drop-record.js';
import { keepOperator } from './keep.js';
import { maskOperator } from './mask.js';
import type { Operator } from './operator.js';
import { pseudonymizeOperator } from './pseudonymize.js';
import { removeOperator } from './remove.js';
import { replaceOperator } from './replace.js';

export type { Operator, OperatorIssue, OperatorParams } from './operator.js';
export { normalizeForPseudonym } from './pseudonymize.js';

export const OPERATORS: Readonly<Record<string, Operator>> = Object.freeze({
  replace: replaceOperator,
  pseudonymize: pseudonymizeOperator,
  mask: maskOperator,
  remove: removeOperator,
  keep: keepOperator,
  drop_record: dropRecordOperator,
});

export type OperatorName = 'replace' | 'pseudonymize' | 'mask' | 'remove' | 'keep' | 'drop_record';

/** The operator called `name`, if there is one. */
export function findOperator(name: string): Operator | undefined {
  return Object.hasOwn(OPERATORS, name) ? OPERATORS[name] : undefined;
}
