// drop_record: the record is not emitted at all when it holds an entity of this type (for example SECRET).

import { type Operator, unknownParams } from './operator.js';

export const dropRecordOperator = Object.freeze<Operator>({
  name: 'drop_record',
  dropsRecord: true,
  validate: (params) => unknownParams(params, []),
  apply: () => '',
});
