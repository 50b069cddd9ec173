// replace: a typed placeholder such as [EMAIL]; `{type}` in a custom placeholder becomes the entity type.

import type { EntityType } from '../../domain/index.js';
import { type Operator, type OperatorIssue, type OperatorParams, typeName, unknownParams } from './operator.js';

function placeholderFor(type: EntityType, params: OperatorParams): string {
  const placeholder = typeof params.placeholder === 'string' ? params.placeholder : '[{type}]';
  return placeholder.replaceAll('{type}', type);
}

export const replaceOperator = Object.freeze<Operator>({
  name: 'replace',
  dropsRecord: false,
  validate(params) {
    const issues: OperatorIssue[] = unknownParams(params, ['placeholder']);
    if (params.placeholder !== undefined && typeof params.placeholder !== 'string') {
      issues.push({
        path: 'placeholder',
        code: 'wrong_type',
        message: `expected a string, found ${typeName(params.placeholder)}`,
      });
    }
    return issues;
  },
  apply(_value, type, params) {
    return placeholderFor(type, params);
  },
  fixedReplacement: (type, params) => placeholderFor(type, params),
});
