// keep: leaves the detected value in place (for types a policy chooses not to redact); it is still counted.

import { type Operator, unknownParams } from './operator.js';

export const keepOperator = Object.freeze<Operator>({
  name: 'keep',
  dropsRecord: false,
  validate: (params) => unknownParams(params, []),
  apply: (value) => value,
});
