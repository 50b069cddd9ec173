import { describe, expect, it } from 'vitest';
import { findOperator, OPERATORS } from './index.js';

type Case = readonly [operator: string, params: Record<string, unknown>, issues: readonly string[]];

const cases: readonly Case[] = [
  ['replace', {}, []],
  ['replace', { placeholder: '<{type}>' }, []],
  ['replace', { placeholder: 3 }, ['placeholder:wrong_type']],
  ['pseudonymize', {}, ['key:missing']],
  ['pseudonymize', { key: 'k'.repeat(16), length: 12 }, []],
  ['pseudonymize', { key: 'k'.repeat(16), length: 2 }, ['length:out_of_range']],
  ['mask', { keep: 2, char: '#' }, []],
  ['mask', { keep: 1.5 }, ['keep:wrong_type']],
  ['mask', { char: '##' }, ['char:wrong_type']],
  ['remove', { extra: true }, ['extra:unknown_param']],
  ['keep', {}, []],
  ['drop_record', {}, []],
];

describe('operators', () => {
  it.each(cases)('%s %j → %j', (name, params, issues) => {
    const operator = findOperator(name);
    expect(operator?.validate(params).map((i) => `${i.path}:${i.code}`)).toEqual(issues);
  });

  it('apply replacements', () => {
    expect(OPERATORS.replace?.apply('a@b.co', 'EMAIL', { placeholder: '<{type}>' })).toBe('<EMAIL>');
    expect(OPERATORS.mask?.apply('4111111111111111', 'CREDIT_CARD', {})).toBe('************1111');
    expect(OPERATORS.mask?.apply('abc', 'ID', { keep: 4 })).toBe('**c');
    expect(OPERATORS.remove?.apply('x', 'ID', {})).toBe('');
    expect(OPERATORS.keep?.apply('x', 'ID', {})).toBe('x');
  });

  it('marks only drop_record as dropping the record', () => {
    expect(
      Object.values(OPERATORS)
        .filter((o) => o.dropsRecord)
        .map((o) => o.name),
    ).toEqual(['drop_record']);
  });

  it('knows no operator by an inherited property name', () => {
    expect(findOperator('toString')).toBeUndefined();
  });
});
