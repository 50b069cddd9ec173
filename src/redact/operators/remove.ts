// remove: deletes the detected value.

import { type Operator, unknownParams } from './operator.js';

export const removeOperator = Object.freeze<Operator>({
  name: 'remove',
  dropsRecord: false,
  validate: (params) => unknownParams(params, []),
  apply: () => '',
  fixedReplacement: () => '',
});
