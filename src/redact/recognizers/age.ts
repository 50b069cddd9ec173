// AGE: a person's age, in age phrases ("aged 54", "I just turned 30", "a 61-year-old", "varón de 53 años",
// "Edad: 73 años", "45 Jahre alt", "âgé de 45 ans", "com 45 anos").

import { createPatternRecognizer } from '../pattern-recognizer.js';

const NUMBER_WORDS_ES =
  'un|una|uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce|trece|catorce|quince|dieciséis|dieciseis|diecisiete|dieciocho|diecinueve|veinte|veinti\\p{L}{2,6}|treinta|cuarenta|cincuenta|sesenta|setenta|ochenta|noventa';
const NUMBER = `(?:\\d{1,3}|(?:${NUMBER_WORDS_ES})(?: y (?:${NUMBER_WORDS_ES}))?)`;
const UNIT_ES = '(?:años|año|meses|mes|semanas|días|dias)';
/** The end of a Spanish age ("42 años de edad"): the regex's tail and its gate. */
const DE_EDAD = ' de edad(?![\\p{L}])';

/** Ages of people. */
export function createAgeRecognizer() {
  return createPatternRecognizer({
    name: 'age',
    types: ['AGE'],
    patterns: [
      {
        name: 'en-years-old',
        regex: /(?<![\w.])\d{1,3}(?:[ -](?:years?|yrs?|months?)[ -]old|[ -]?y\/?o\b|-year-old)/gi,
        score: 0.85,
        minDigits: 1,
        anyOf: ['year', 'yr', 'month', 'yo', 'y/o'],
      },
      {
        name: 'en-age-phrase',
        regex:
          /\b(?:aged|age[d:]?|age of|turned|turning|turns|turn|i'm|i am|he's|she's|he is|she is|patient is a|is a|was|as a)[ \t]{1,3}(\d{1,3})(?=[ \t]*(?:[.,;!?)]|$|\n|and\b|years?\b|yo\b|next\b|today\b|this\b|in\b|on\b|now\b))/dgim,
        group: 1,
        score: 0.6,
        minDigits: 1,
        spaceBeforeDigit: true,
        // Each phrase holds one of these (the regex has the i flag without u, so ASCII matches ASCII only).
        anyOf: ['age', 'turn', "i'm", 'i am', "he's", "she's", 'he is', 'she is', 'is a', 'was', 'as a'],
        validate: ({ value, start, input }) => {
          const n = Number(value);
          if (n < 1 || n > 120) return 'invalid';
          // "was 5" is an age only with an age word close by.
          const before = input.text.slice(Math.max(0, start - 16), start).toLowerCase();
          if (
            /\b(?:was|is a|as a)\s+$/.test(before) &&
            !/\b(?:when|age|old|born|birthday)\b/.test(
              input.text.slice(Math.max(0, start - 60), start + 20).toLowerCase(),
            )
          )
            return 'invalid';
          return 'valid';
        },
      },
      {
        name: 'age-label',
        regex: new RegExp(
          `(?<![\\p{L}])(?:edad|age|alter|âge|idade)[ \\t]*:?[ \\t]*(${NUMBER}(?:[ \\t]+${UNIT_ES})?)(?![\\p{L}\\d])`,
          'giud',
        ),
        group: 1,
        score: 0.85,
        anyOf: ['año', 'mes', 'semana', 'día', 'dia', 'edad', 'age', 'alter', 'âge', 'idade'],
      },
      {
        name: 'es-de-edad',
        regex: new RegExp(`(?<![\\p{L}])(${NUMBER}[ \\t]+${UNIT_ES})${DE_EDAD}`, 'giud'),
        group: 1,
        score: 0.85,
        anyOf: ['edad'],
        // The phrase itself: every clinical note says "edad" (often "Edad: 42"), and the regex tries its number words
        // at every position.
        gate: new RegExp(DE_EDAD, 'iu'),
      },
      {
        name: 'es-age-after-noun',
        regex: new RegExp(
          `(?<![\\p{L}])(?:var[oó]n|mujer|paciente|niñ[oa]|lactante|hombre|chic[oa]|señora?|ancian[oa]|joven|adolescente|beb[eé]|gestante|primigesta)(?: [\\p{L}]{2,20}){0,2} de (${NUMBER}[ \\t]+${UNIT_ES})(?![\\p{L}])`,
          'giud',
        ),
        group: 1,
        score: 0.85,
        anyOf: ['año', 'mes', 'semana', 'día', 'dia', 'edad', 'age', 'alter', 'âge', 'idade'],
      },
      {
        name: 'de-fr-pt-age',
        regex:
          /(?<![\p{L}])(?:(\d{1,3} Jahre alt)|im Alter von (\d{1,3})|âgée? de (\d{1,3} ans)|(\d{1,3} anos de idade)|com (\d{1,3} anos))(?![\p{L}])/giu,
        score: 0.85,
        minDigits: 1,
        anyOf: ['jahre alt', 'im alter von', 'ans', 'anos'],
      },
    ],
  });
}
