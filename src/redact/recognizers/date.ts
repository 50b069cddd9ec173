// DATE and DATE_OF_BIRTH: numeric dates (d/m/y, m/d/y, ISO with time), dates with month names in en/es/de/fr/pt,
// weekdays, and years after a preposition. A date with a birth word just before it is a DATE_OF_BIRTH.

import type { EntityType } from '../../domain/index.js';
import {
  createPatternRecognizer,
  findContextWords,
  type PatternMatch,
  type Validation,
} from '../pattern-recognizer.js';

const MONTHS = [
  // en
  'january|february|march|april|may|june|july|august|september|october|november|december',
  'jan|feb|apr|jun|jul|aug|sep|sept|oct|nov|dec',
  // es
  'enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre',
  'ene|abr|dic',
  // de
  'januar|jänner|februar|märz|mai|juni|juli|oktober|dezember|okt|dez',
  // fr
  'janvier|février|fevrier|mars|avril|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre|janv|févr|avr|juil|déc',
  // pt
  'janeiro|fevereiro|março|marco|maio|junho|julho|setembro|outubro|novembro|dezembro|fev',
].join('|');
const MONTH = `(?:${MONTHS})\\.?`;
/** The month names, for the word-list gate of the patterns that need one (and street-address's date check). */
export const MONTH_WORDS: readonly string[] = MONTHS.split('|');
const WEEKDAYS =
  'monday|tuesday|wednesday|thursday|friday|saturday|sunday|lunes|martes|miércoles|miercoles|jueves|viernes|sábado|sabado|domingo|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|segunda-feira|terça-feira|quarta-feira|quinta-feira|sexta-feira';
const YEAR = '(?:1[5-9]\\d\\d|20\\d\\d)';
const DAY = '(?:0?[1-9]|[12]\\d|3[01])';
const DAY_SUFFIX = '(?:st|nd|rd|th|º|°|er|\\.)?';
const TIME = '(?:[T ](?:[01]?\\d|2[0-3]):[0-5]\\d(?::[0-5]\\d(?:\\.\\d{1,9})?)?(?:Z|[+-]\\d{2}:?\\d{2})?)?';

const BIRTH_WORDS = [
  'born',
  'birth',
  'birthday',
  'birthdate',
  'dob',
  'd.o.b',
  'd.o.b.',
  'b.',
  'nacimiento',
  'nació',
  'nacio',
  'nacido',
  'nacida',
  'nac.',
  'f. nac',
  'geboren',
  'geburtsdatum',
  'geb.',
  'né',
  'née',
  'naissance',
  'nascimento',
  'nasceu',
  'nascido',
  'nascida',
  'nato',
  'nata',
  // First person ("nací el 3 de abril", "nasci em"), and birthday words of the other languages.
  'nací',
  'naci',
  'nasci',
  'bday',
  'b-day',
  "b'day",
  'cumpleaños',
  'cumpleanos',
  'geburtstag',
  'anniversaire',
  'aniversário',
  'compleanno',
];

// German puts the participle after the date: "ich bin am 3. April 1990 geboren".
const BIRTH_WORDS_AFTER = ['geboren'];

/** Day-month-year order ambiguity: accept when some reading (d/m or m/d) is a calendar date. */
function numericDateValid({ value }: PatternMatch): Validation {
  const parts = value.split(/[T ]/)[0]?.split(/[/.-]/).map(Number) ?? [];
  if (parts.length !== 3) return 'invalid';
  const [a, b, c] = parts as [number, number, number];
  if (value.length >= 8 && /^\d{4}/.test(value)) return b >= 1 && b <= 12 && c >= 1 && c <= 31 ? 'valid' : 'invalid';
  const dm = a >= 1 && a <= 31 && b >= 1 && b <= 12;
  const md = a >= 1 && a <= 12 && b >= 1 && b <= 31;
  return (dm || md) && (c < 100 || (c >= 1500 && c <= 2199)) ? 'valid' : 'invalid';
}

function birthRefine({ start, end, input }: PatternMatch): {
  start: number;
  end: number;
  type?: EntityType;
  score?: number;
} {
  const window = input.text.slice(Math.max(0, start - 32), start).toLowerCase();
  const after = input.text.slice(end, end + 16).toLowerCase();
  return findContextWords(window, BIRTH_WORDS).length > 0 || findContextWords(after, BIRTH_WORDS_AFTER).length > 0
    ? { start, end, type: 'DATE_OF_BIRTH', score: 0.9 }
    : { start, end };
}

/** Calendar dates, with dates of birth apart. */
export function createDateRecognizer() {
  return createPatternRecognizer({
    name: 'date',
    types: ['DATE', 'DATE_OF_BIRTH'],
    patterns: [
      {
        name: 'iso',
        regex: new RegExp(`(?<![\\w/.-])${YEAR}([-/.])(?:0?[1-9]|1[0-2])\\1${DAY}${TIME}(?![\\w/-]|\\.\\d)`, 'g'),
        score: 0.85,
        minDigits: 6,
        validate: numericDateValid,
        refine: birthRefine,
      },
      {
        name: 'numeric',
        regex: /(?<![\w/.-])\d{1,2}([/.-])\d{1,2}\1(?:\d{4}|\d{2})(?![\w/-]|[.,]\d)/g,
        score: 0.75,
        minDigits: 3,
        validate: numericDateValid,
        refine: birthRefine,
      },
      {
        name: 'day-month-year',
        regex: new RegExp(
          `(?<![\\p{L}\\d])${DAY}${DAY_SUFFIX}(?:[ \\t]+(?:de|of)|[ \\t]*[-/])?[ \\t]*${MONTH}(?:(?:,?[ \\t]+(?:de|del|of)?[ \\t]*|[ \\t]*[-/][ \\t]*)${YEAR})?(?![\\p{L}\\d])`,
          'giu',
        ),
        score: 0.7,
        minDigits: 1,
        anyOf: MONTH_WORDS,
        // The match starts with the day.
        digitAnchor: 0,
        refine: birthRefine,
      },
      {
        name: 'month-day-year',
        regex: new RegExp(
          `(?<![\\p{L}\\d])${MONTH}[ \\t]+${DAY}${DAY_SUFFIX}(?:,?[ \\t]+${YEAR})?(?![\\p{L}\\d])`,
          'giu',
        ),
        score: 0.7,
        minDigits: 1,
        spaceBeforeDigit: true,
        anyOf: MONTH_WORDS,
        // A month right before spaces and the day's first digit, read back from each space-digit pair: the regex
        // tries every position of a text that names a month anywhere.
        gate: new RegExp(`[ \\t]\\d(?<=${MONTH}[ \\t]+\\d)`, 'iu'),
        refine: birthRefine,
      },
      {
        name: 'month-year',
        regex: new RegExp(`(?<![\\p{L}\\d])${MONTH}(?:[ \\t]+(?:de|del|of))?,?[ \\t]+${YEAR}(?![\\p{L}\\d])`, 'giu'),
        score: 0.65,
        minDigits: 4,
        spaceBeforeDigit: true,
        anyOf: MONTH_WORDS,
        refine: birthRefine,
      },
      {
        name: 'weekday',
        regex: new RegExp(`(?<![\\p{L}])(?:${WEEKDAYS})(?![\\p{L}])`, 'giu'),
        score: 0.5,
        anyOf: WEEKDAYS.split('|'),
      },
      {
        name: 'year-after-preposition',
        // The year, with the preposition before it as a look-behind: the regex starts only where a year can (V8 skips
        // quickly to a '1' or '2'), where the preposition first made it try every position of a text (14x faster
        // on the build benchmark's texts). The matches are the years that the preposition-first form captured: its
        // words and spaces hold no digit, so no two of its matches share one, nor does one reach back over another.
        regex: new RegExp(
          `${YEAR}(?<=(?<![\\p{L}])(?:in|since|during|until|from|by|en|desde|durante|hasta|entre|año|seit|im jahr|bis|depuis|année|em|até|ano|born)[ \\t]+(?:(?:the )?(?:year|el año|del año|de)[ \\t]+)?${YEAR})(?![\\w])`,
          'giu',
        ),
        score: 0.6,
        minDigits: 4,
        spaceBeforeDigit: true,
        refine: birthRefine,
      },
    ],
  });
}
