// pseudonymize: a keyed HMAC-SHA256 surrogate such as [PERSON_7f3a9c01]; the same value (after normalising case,
// Unicode form and whitespace) of the same type gets the same surrogate for as long as the key is the same.

import { createHmac } from 'node:crypto';
import { type Operator, type OperatorIssue, typeName, unknownParams } from './operator.js';

/** The form of a value that is hashed: NFKC, lower case, whitespace collapsed, trimmed. */
export function normalizeForPseudonym(value: string): string {
  return value.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim();
}

export const pseudonymizeOperator = Object.freeze<Operator>({
  name: 'pseudonymize',
  dropsRecord: false,
  validate(params) {
    const issues: OperatorIssue[] = unknownParams(params, ['key', 'length']);
    if (typeof params.key !== 'string') {
      issues.push({
        path: 'key',
        code: params.key === undefined ? 'missing' : 'wrong_type',
        message: `expected a secret key string of at least 16 characters, found ${typeName(params.key)}`,
      });
    } else if (params.key.length < 16) {
      issues.push({ path: 'key', code: 'out_of_range', message: 'expected at least 16 characters' });
    }
    if (params.length !== undefined) {
      if (typeof params.length !== 'number' || !Number.isInteger(params.length)) {
        issues.push({
          path: 'length',
          code: 'wrong_type',
          message: `expected an integer, found ${typeName(params.length)}`,
        });
      } else if (params.length < 4 || params.length > 64) {
        issues.push({ path: 'length', code: 'out_of_range', message: 'expected 4 to 64 hex characters' });
      }
    }
    return issues;
  },
  apply(value, type, params) {
    const length = typeof params.length === 'number' ? params.length : 8;
    const digest = createHmac('sha256', String(params.key))
      .update(`${type}\u0000${normalizeForPseudonym(value)}`)
      .digest('hex');
    return `[${type}_${digest.slice(0, length)}]`;
  },
});
