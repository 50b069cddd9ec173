// replace: a typed placeholder such as [EMAIL]; `{type}` in a custom placeholder becomes the entity type.

import { type Operator, type OperatorIssue, typeName, unknownParams } from './operator.js';

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
    const placeholder = typeof params.placeholder === 'string' ? params.placeholder : '[{type}]';
    return placeholder.replaceAll('{type}', type);
  },
});
