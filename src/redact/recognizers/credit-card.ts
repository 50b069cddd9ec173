// CREDIT_CARD: 12-19 digits in groups, a known issuer range and a valid Luhn check digit.

import { digitsOf, luhnValid } from '../checksums.js';
import { createPatternRecognizer } from '../pattern-recognizer.js';

interface IssuerRange {
  readonly prefixes: RegExp;
  readonly lengths: readonly number[];
}

const ISSUERS: readonly IssuerRange[] = [
  { prefixes: /^4/, lengths: [13, 16, 19] }, // Visa
  { prefixes: /^(?:5[1-5]|2(?:2[2-9][1-9]|2[3-9]\d|[3-6]\d\d|7[01]\d|720))/, lengths: [16] }, // Mastercard
  { prefixes: /^3[47]/, lengths: [15] }, // American Express
  { prefixes: /^(?:6011|65|64[4-9])/, lengths: [16, 17, 18, 19] }, // Discover
  { prefixes: /^(?:30[0-5]|309|36|3[89])/, lengths: [14, 15, 16, 17, 18, 19] }, // Diners Club
  { prefixes: /^(?:352[89]|35[3-8]\d)/, lengths: [16, 17, 18, 19] }, // JCB
  { prefixes: /^(?:2131|1800)/, lengths: [15] }, // JCB (old 15-digit)
  { prefixes: /^62/, lengths: [16, 17, 18, 19] }, // UnionPay
  { prefixes: /^(?:5[06-9]|6[0-9])/, lengths: [12, 13, 14, 15, 16, 17, 18, 19] }, // Maestro
  { prefixes: /^220[0-4]/, lengths: [16] }, // Mir
];

/** True when the digits belong to a known issuer range and length, and pass Luhn. */
export function creditCardValid(value: string): boolean {
  const digits = digitsOf(value);
  if (/^(\d)\1+$/.test(digits)) return false;
  const issuer = ISSUERS.some((range) => range.prefixes.test(digits) && range.lengths.includes(digits.length));
  return issuer && luhnValid(digits);
}

/** Payment card numbers. */
export function createCreditCardRecognizer() {
  return createPatternRecognizer({
    name: 'credit-card',
    types: ['CREDIT_CARD'],
    prefilter: (_text, features) => features.digits >= 12,
    context: {
      words: ['card', 'credit', 'debit', 'visa', 'mastercard', 'amex', 'cc', 'tarjeta', 'karte', 'carte', 'cartão'],
      boost: 0.1,
    },
    patterns: [
      {
        name: 'grouped',
        regex: /(?<![\d-])\d{4}([ -])\d{4,6}\1\d{4,5}(?:\1\d{1,4}){0,2}(?![\d-]|[.,]\d)/g,
        score: 0.85,
        minDigitRun: 4,
        validate: ({ value }) => (creditCardValid(value) ? 'valid' : 'invalid'),
      },
      {
        // A Luhn-valid number next to a card word, whatever its issuer range (new or regional issuers).
        name: 'luhn-in-card-context',
        regex: /(?<![\d.,-])\d{12,19}(?![\d-]|[.,]\d)/g,
        score: 0.45,
        minDigitRun: 12,
        validate: ({ value }) => (luhnValid(value) && !/^(\d)\1+$/.test(value) ? 'valid' : 'invalid'),
        context: {
          words: [
            'card',
            'credit card',
            'debit card',
            'cc',
            'tarjeta',
            'karte',
            'carte',
            'cartão',
            'visa',
            'mastercard',
          ],
          before: 40,
          boost: 0.4,
          required: true,
        },
      },
      {
        name: 'compact',
        regex: /(?<![\d.,-])\d{12,19}(?![\d-]|[.,]\d)/g,
        score: 0.8,
        minDigitRun: 12,
        validate: ({ value }) => (creditCardValid(value) ? 'valid' : 'invalid'),
      },
    ],
  });
}
