// The policy module: the policy file format and its validation, the built-in presets, effective dating, and
// decisions (a reference path with sentences, and a compiled fast path for builds).
export * from './compiled.js';
export * from './evaluate.js';
export * from './presets.js';
export * from './schema.js';
export * from './validate.js';
