// NATIONAL_ID: national identity, tax and social-security numbers, each with its format and check digits where they
// exist (US SSN, UK NINO, IN Aadhaar and PAN, BR CPF and CNPJ, ES DNI/NIE, IT codice fiscale, FR NIR, DE Steuer-ID,
// NL BSN, CA SIN), and driver's licence numbers in context.

import {
  bsnValid,
  cnpjValid,
  codiceFiscaleValid,
  cpfValid,
  digitsOf,
  iso7064Mod11_10Valid,
  luhnValid,
  ninoValid,
  nirValid,
  spanishIdValid,
  ssnValid,
  verhoeffValid,
} from '../checksums.js';
import { createPatternRecognizer, type PatternMatch, type Validation } from '../pattern-recognizer.js';

/** A codice fiscale after its six letters (birth date, place, check letter): in the regex and its gate. */
const CODICE_FISCALE_TAIL = '\\d{2}[A-EHLMPR-T]\\d{2}[A-Z]\\d{3}[A-Z]';

const check =
  (valid: (value: string) => boolean) =>
  ({ value }: PatternMatch): Validation =>
    valid(value) ? 'valid' : 'invalid';

const ID_WORDS = [
  'ssn',
  'social security',
  'national insurance',
  'nino',
  'ni number',
  'aadhaar',
  'aadhar',
  'uidai',
  'pan',
  'cpf',
  'cnpj',
  'rg',
  'dni',
  'nie',
  'nif',
  'documento',
  'codice fiscale',
  'c.f.',
  'nir',
  'sécurité sociale',
  'securite sociale',
  'insee',
  'steuer',
  'identifikationsnummer',
  'idnr',
  'bsn',
  'burgerservicenummer',
  'sofinummer',
  'sin',
  'social insurance',
  'national id',
  'id number',
  'identity',
  'identification',
  'tax id',
  'tin',
  'cédula',
  'cedula',
];

const LICENCE_WORDS = [
  "driver's license",
  'drivers license',
  'driver license',
  "driver's licence",
  'driving licence',
  'driving license',
  'licencia de conducir',
  'permiso de conducir',
  'carnet de conducir',
  'führerschein',
  'permis de conduire',
  'carteira de motorista',
  'cnh',
  'dl#',
  'dl no',
];

/** ID_WORDS that are also ordinary words or short codes in some language ("pan", "tin", Spanish "sin"). */
const AMBIGUOUS_ID_WORDS = new Set([
  'pan',
  'rg',
  'nie',
  'nif',
  'documento',
  'c.f.',
  'sin',
  'identity',
  'identification',
  'tin',
]);

/**
 * Labels that name nothing but an identity or licence number: the phone recognizer reads a number after one of them
 * (nearer than any phone word) as that identifier first.
 */
export const ID_LABELS: readonly string[] = Object.freeze([
  ...ID_WORDS.filter((word) => !AMBIGUOUS_ID_WORDS.has(word)),
  ...LICENCE_WORDS,
]);

/** National identity numbers. */
export function createNationalIdRecognizer() {
  return createPatternRecognizer({
    name: 'national-id',
    types: ['NATIONAL_ID'],
    prefilter: (_text, features) => features.digits >= 4,
    context: { words: ID_WORDS, before: 50 },
    patterns: [
      {
        name: 'us-ssn',
        regex: /(?<![\w-])\d{3}([- .])\d{2}\1\d{4}(?![\w-]|[.,]\d)/g,
        score: 0.55,
        minDigitRun: 4,
        validate: check(ssnValid),
      },
      {
        name: 'us-ssn-compact',
        regex: /(?<![\w-])\d{9}(?![\w-]|[.,]\d)/g,
        score: 0.25,
        minDigitRun: 9,
        validate: check(ssnValid),
      },
      {
        name: 'uk-nino',
        regex: /\b[A-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b/g,
        score: 0.7,
        minDigits: 6,
        validate: check(ninoValid),
      },
      {
        name: 'in-aadhaar',
        regex: /(?<![\w-])[2-9]\d{3}([ -]?)\d{4}\1\d{4}(?![\w-])/g,
        score: 0.45,
        minDigitRun: 4,
        validate: check((v) => verhoeffValid(digitsOf(v))),
      },
      {
        name: 'in-pan',
        regex: /\b[A-Z]{3}[ABCFGHLJPT][A-Z]\d{4}[A-Z]\b/g,
        score: 0.6,
        minDigitRun: 4,
        upperBeforeDigit: true,
        digitBeforeUpper: true,
      },
      {
        name: 'br-cpf',
        regex: /(?<![\w.-])\d{3}\.\d{3}\.\d{3}-\d{2}(?![\w-])/g,
        score: 0.9,
        minDigits: 11,
        literals: ['.'],
        validate: check(cpfValid),
      },
      {
        name: 'br-cnpj',
        regex: /(?<![\w.-])\d{2}\.\d{3}\.\d{3}\/\d{4}-\d{2}(?![\w-])/g,
        score: 0.9,
        minDigits: 14,
        literals: ['/'],
        validate: check(cnpjValid),
      },
      {
        name: 'br-cpf-cnpj-compact',
        regex: /(?<![\w-])(?:\d{11}|\d{14})(?![\w-])/g,
        score: 0.3,
        minDigitRun: 11,
        validate: check((v) => (v.length === 11 ? cpfValid(v) : cnpjValid(v))),
      },
      {
        name: 'es-dni-nie',
        regex: /(?<![\w-])(?:[XYZ]-?\d{7}|\d{8})-? ?[A-Z](?![\w-])/g,
        score: 0.75,
        minDigitRun: 7,
        validate: check(spanishIdValid),
      },
      {
        name: 'it-codice-fiscale',
        regex: new RegExp(`\\b[A-Z]{6}${CODICE_FISCALE_TAIL}\\b`, 'gi'),
        score: 0.9,
        minDigits: 7,
        minAlnumRun: 16,
        // The code from its first digit on: found from the digits, where the regex tries every word of six letters.
        gate: new RegExp(CODICE_FISCALE_TAIL, 'i'),
        validate: check(codiceFiscaleValid),
      },
      {
        name: 'fr-nir',
        regex: /(?<![\w-])[12] ?\d{2} ?(?:0[1-9]|1[0-2]|[2-9]\d) ?(?:\d{2}|2A|2B) ?\d{3} ?\d{3} ?\d{2}(?![\w-])/g,
        score: 0.85,
        minDigits: 11,
        validate: check(nirValid),
      },
      {
        name: 'de-steuer-id',
        regex: /(?<![\w-])[1-9]\d(?: ?\d{3}){3}(?![\w-])/g,
        score: 0.3,
        minDigits: 11,
        validate: check((v) => iso7064Mod11_10Valid(digitsOf(v))),
      },
      {
        name: 'nl-bsn',
        regex: /(?<![\w-])\d{4}\.?\d{2}\.?\d{3}(?![\w-])/g,
        score: 0.2,
        minDigits: 9,
        validate: check(bsnValid),
      },
      {
        name: 'ca-sin',
        regex: /(?<![\w-])[1-79]\d{2}([ -])\d{3}\1\d{3}(?![\w-])/g,
        score: 0.3,
        minDigits: 9,
        validate: check((v) => luhnValid(digitsOf(v))),
      },
      {
        name: 'drivers-licence',
        regex:
          /(?<![\w-])[A-Z]{0,2}\d{5,14}(?![\w-])|(?<![\w-])[A-Z]?\d{2,5}(?:-\d{2,5}){1,3}(?![\w-])|(?<![\w-])[A-Z]{1,2}\d{2,4}[A-Z]{1,3}\d{2,8}(?![\w-])/g,
        score: 0.3,
        anyOf: LICENCE_WORDS,
        context: { words: LICENCE_WORDS, before: 40, boost: 0.4, required: true },
      },
    ],
  });
}
