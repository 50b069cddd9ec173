// mask: replaces every character but the last N (default 4) with a mask character; separators are masked too, so
// the length is kept and nothing but the tail is revealed.

import { type Operator, type OperatorIssue, typeName, unknownParams } from './operator.js';

export const maskOperator = Object.freeze<Operator>({
  name: 'mask',
  dropsRecord: false,
  validate(params) {
    const issues: OperatorIssue[] = unknownParams(params, ['keep', 'char']);
    if (params.keep !== undefined) {
      if (typeof params.keep !== 'number' || !Number.isInteger(params.keep)) {
        issues.push({
          path: 'keep',
          code: 'wrong_type',
          message: `expected an integer, found ${typeName(params.keep)}`,
        });
      } else if (params.keep < 0 || params.keep > 16) {
        issues.push({ path: 'keep', code: 'out_of_range', message: 'expected 0 to 16' });
      }
    }
    if (params.char !== undefined && (typeof params.char !== 'string' || [...params.char].length !== 1)) {
      issues.push({
        path: 'char',
        code: 'wrong_type',
        message: `expected one character, found ${typeName(params.char)}`,
      });
    }
    return issues;
  },
  apply(value, _type, params) {
    const keep = typeof params.keep === 'number' ? params.keep : 4;
    const char = typeof params.char === 'string' ? params.char : '*';
    const chars = [...value];
    // Never reveal more than half of a short value.
    const shown = Math.min(keep, Math.floor(chars.length / 2));
    return char.repeat(chars.length - shown) + chars.slice(chars.length - shown).join('');
  },
});
