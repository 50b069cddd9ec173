// PASSPORT: passport numbers (one or two letters and/or 6-9 digits) only next to a passport word.

import { createPatternRecognizer } from '../pattern-recognizer.js';

export const PASSPORT_WORDS: readonly string[] = [
  'passport',
  'passport no',
  'passport number',
  'pasaporte',
  'passeport',
  'passaporto',
  'passaporte',
  'reisepass',
  'pass-nr',
  'paspoort',
  'travel document',
];

/** Passport numbers (context required). */
export function createPassportRecognizer() {
  return createPatternRecognizer({
    name: 'passport',
    types: ['PASSPORT'],
    context: { words: PASSPORT_WORDS, before: 40, boost: 0.5, required: true },
    patterns: [
      {
        name: 'passport-number',
        regex:
          /(?<![\w-])(?:[A-Z]{1,2}\d{6,8}|\d{8,9}|[A-Z]\d{7}[A-Z]?|[CFGHJKLMNPRTVWXYZ][CFGHJKLMNPRTVWXYZ0-9]{8})(?![\w-])/g,
        score: 0.35,
        anyOf: PASSPORT_WORDS,
        validate: ({ value }) => (/\d{5}/.test(value) || /\d/.test(value) ? 'valid' : 'invalid'),
      },
    ],
  });
}
