import { describe, expect, it } from 'vitest';
import { normaliseArgv } from './program.js';

describe('normaliseArgv', () => {
  it.each([
    [
      ['model', 'register', '--name', 'n', '--version', '2', '--build', 'b'],
      ['model', 'register', '--name', 'n', '--model-version', '2', '--build', 'b'],
    ],
    [
      ['--data-dir', 'd', 'model', 'register', '--version=3'],
      ['--data-dir', 'd', 'model', 'register', '--model-version=3'],
    ],
    [['--version'], ['--version']],
    [
      ['consent', 'get', 'm1', '--version'],
      ['consent', 'get', 'm1', '--version'],
    ],
    [
      ['model', 'list', '--version'],
      ['model', 'list', '--version'],
    ],
  ])('%j -> %j', (input, expected) => {
    expect(normaliseArgv(input)).toEqual(expected);
  });
});
