// POSTAL_CODE: strong shapes on their own (GB, CA, NL, BR CEP, PL), five-digit codes (US, DE, FR, ES) next to a
// postal word, a US state or a place name, and Indian PIN codes in context.

import { createPatternRecognizer } from '../pattern-recognizer.js';

const POSTAL_WORDS = [
  'zip',
  'zip code',
  'zipcode',
  'postcode',
  'post code',
  'postal',
  'postal code',
  'plz',
  'postleitzahl',
  'code postal',
  'cp',
  'c.p.',
  'código postal',
  'codigo postal',
  'cep',
  'pin',
  'pin code',
  'pincode',
];

const US_STATES =
  'AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|DC|PR';

/** Postal codes. */
export function createPostalCodeRecognizer() {
  return createPatternRecognizer({
    name: 'postal-code',
    types: ['POSTAL_CODE'],
    // Every shape holds a digit; "GIR 0AA" (the one GB code with a single digit) holds only one.
    prefilter: (_text, features) => features.digits >= 1,
    context: { words: POSTAL_WORDS, before: 30, boost: 0.35 },
    patterns: [
      {
        name: 'gb',
        regex: /\b(?:[A-PR-UWYZ][A-HK-Y]?\d[A-HJKPS-UW\d]?|GIR) ?\d[ABD-HJLNP-UW-Z]{2}\b/g,
        score: 0.6,
        digitBeforeUpper: true,
        validate: ({ value }) => (/\d/.test(value) && value.length >= 5 ? 'valid' : 'invalid'),
      },
      {
        name: 'ca',
        regex: /\b[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] ?\d[ABCEGHJ-NPRSTV-Z]\d\b/g,
        score: 0.6,
        upperBeforeDigit: true,
        digitBeforeUpper: true,
        minDigits: 3,
      },
      {
        name: 'br-cep',
        regex: /(?<![\w.-])\d{5}-\d{3}(?![\w-])/g,
        score: 0.55,
        minDigitRun: 5,
        literals: ['-'],
      },
      {
        name: 'us-zip-plus4',
        regex: /(?<![\w.-])\d{5}-\d{4}(?![\w-])/g,
        score: 0.5,
        minDigitRun: 5,
        literals: ['-'],
      },
      {
        name: 'us-state-zip',
        regex: new RegExp(`(?<=\\b(?:${US_STATES}),?[ \\t]{1,3})\\d{5}(?:-\\d{4})?(?![\\w-])`, 'g'),
        score: 0.7,
        minDigitRun: 5,
      },
      {
        // Five digits followed by a capitalised place name: "28046 Madrid", "75008 Paris", "10115 Berlin".
        name: 'five-digits-place',
        regex: /(?<![\w.,/-])\d{5}(?=[ \t]{1,2}(?:-[ \t])?\p{Lu}\p{Ll}{2,})/gu,
        score: 0.5,
        minDigitRun: 5,
      },
      { name: 'nl', regex: /(?<![\w-])[1-9]\d{3} ?[A-Z]{2}(?![\w-])/g, score: 0.3, minDigitRun: 4 },
      { name: 'three-two', regex: /(?<![\w-])\d{3} \d{2}(?![\w-])/g, score: 0.2, minDigitRun: 3 },
      { name: 'pl', regex: /(?<![\w-])\d{2}-\d{3}(?![\w-])/g, score: 0.3, minDigitRun: 3, literals: ['-'] },
      { name: 'in-pin', regex: /(?<![\w-])[1-9]\d{2} ?\d{3}(?![\w-])/g, score: 0.2, minDigitRun: 3 },
      { name: 'five-digits', regex: /(?<![\w.,/-])\d{4,5}(?![\w/-]|[.,]\d)/g, score: 0.2, minDigitRun: 4 },
    ],
  });
}
