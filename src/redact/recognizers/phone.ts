// PHONE: phone-shaped candidates checked by libphonenumber-js (real numbering plans; the record's country, or a
// country guessed from its language, is the default region), plus national numbers in explicit phone context.

import { type CountryCode, isSupportedCountry } from 'libphonenumber-js/max';
import { escapeRegExp, findContextWords, gatesEnabled, textFeatures } from '../pattern-recognizer.js';
import type { AnalysisInput, AnalyzeOptions, DetectedSpan, Recognizer } from '../recognizer.js';
import { ID_LABELS } from './national-id.js';
import { PASSPORT_WORDS } from './passport.js';
import { digitCount, type FoundNumber, NONE, searchCandidate } from './phone-search.js';

// Digits with spaces, dots, dashes, slashes, parentheses; an optional '+' or '00' and an extension. No newlines:
// a number does not span lines. Separators are single characters between digit groups (linear-time).
const CANDIDATE =
  /(?<![\w+\-/]|\d\.)(?:\+ ?|00)?(?:\(\d{1,5}\)[ \u00a0]?)?\d{1,15}(?:(?:[ \u00a0.\-/]|[ \u00a0]?-[ \u00a0]?|[ \u00a0]?\(\d{1,5}\)[ \u00a0]?)\d{1,12}){0,6}(?:[ \u00a0]?(?:x|ext\.?|extension|#)[ \u00a0]?\d{1,6})?(?![\w])/g;

// Dates and timestamps look like digit groups: "2015-12-22 04", "21/05/2015".
const DATE_LIKE =
  /^(?:(?:19|20)\d\d-(?:0?[1-9]|1[0-2])-(?:0?[1-9]|[12]\d|3[01])(?: \d{1,2})?|(?:0?[1-9]|[12]\d|3[01])([/.-])(?:0?[1-9]|[12]\d|3[01])\1(?:(?:19|20)\d\d|\d\d))$/;

const PHONE_WORDS = [
  'phone',
  'tel',
  'tlf',
  'tfno',
  'telf',
  'teléfono',
  'telefono',
  'telefon',
  'téléphone',
  'telefone',
  'mobile',
  'mob',
  'cell',
  'movil',
  'celular',
  'portable',
  'handy',
  'fax',
  'call',
  'llamar',
  'llame',
  'llámame',
  'contacto',
  'móvil',
  'whatsapp',
  'sms',
  'text me',
  'contact',
  'desk',
  'número',
  'number',
  'messages to',
  'answering',
  'reach me',
  'reach',
  'dial',
  'ring',
  'office',
  'home',
  'work',
  'landline',
];

// Labels written after a number ("0161 496 0000 (office)", "555-0100-Fax").
const PHONE_WORDS_AFTER = ['office', 'fax', 'mobile', 'cell', 'home', 'work', 'tel', 'phone'];

/**
 * Labels of numbers that are not phone numbers: identity, licence and passport numbers. Digits after one of them,
 * with no phone word between ("BSN 111222333", "Steuer-ID 65 929 970 489", "passport number 123456789"), may also
 * be a valid phone number, but the member said what they are: the phone reading then scores LABELLED_OTHERWISE, below
 * the identifier's labelled reading, so policies that drop records holding a NATIONAL_ID or PASSPORT see one. It stays
 * at the threshold, so the digits are still redacted when no identifier recognizer accepts them (a mistyped checksum).
 */
const OTHER_LABELS: readonly string[] = [...ID_LABELS, ...PASSPORT_WORDS];
// "number" and "número" follow those labels ("passport number", "ID number") and name no phone by themselves.
const SPECIFIC_PHONE_WORDS = PHONE_WORDS.filter((word) => word !== 'number' && word !== 'número');
const LABELLED_OTHERWISE = 0.5;
const ANY_OTHER_LABEL = new RegExp(OTHER_LABELS.map(escapeRegExp).join('|'));
const LETTER = /\p{L}/u;

/** Where the last of `words` found at word boundaries in `window` ends, or -1. */
function lastLabelEnd(window: string, words: readonly string[]): number {
  let last = -1;
  for (const word of words) {
    for (let at = window.lastIndexOf(word); at !== -1; at = at > 0 ? window.lastIndexOf(word, at - 1) : -1) {
      const end = at + word.length;
      if (end <= last) break;
      if ((at === 0 || !LETTER.test(window.charAt(at - 1))) && !LETTER.test(window.charAt(end))) {
        last = end;
        break;
      }
    }
  }
  return last;
}

/** Whether the nearest label before a number (its `window`, lower-cased) names another kind of number. */
export function labelledOtherwise(window: string): boolean {
  // One scan for any of the labels first: most windows before a number hold none.
  if (!ANY_OTHER_LABEL.test(window)) return false;
  const other = lastLabelEnd(window, OTHER_LABELS);
  return other !== -1 && other > lastLabelEnd(window, SPECIFIC_PHONE_WORDS);
}

const LANGUAGE_COUNTRY: Readonly<Record<string, CountryCode>> = Object.freeze({
  es: 'ES',
  de: 'DE',
  fr: 'FR',
  it: 'IT',
  nl: 'NL',
  pt: 'PT',
  pl: 'PL',
  sv: 'SE',
  da: 'DK',
  fi: 'FI',
  nb: 'NO',
  ja: 'JP',
  hi: 'IN',
  en: 'US',
});

/** The record's country, else a country guessed from its language (`guessed` lowers the score). */
function defaultRegion(input: AnalysisInput): { region?: CountryCode; guessed: boolean } {
  const country = input.country?.slice(0, 2).toUpperCase();
  if (country && isSupportedCountry(country)) return { region: country, guessed: false };
  const lang = input.lang?.slice(0, 2).toLowerCase();
  const region = lang ? LANGUAGE_COUNTRY[lang] : undefined;
  return region ? { region, guessed: true } : { guessed: true };
}

/** libphonenumber calls allowed per record: a base plus one per 100 characters (see the budget note below). */
const BASE_BUDGET = 200;
const CHARS_PER_CALL = 100;
const CACHE_SIZE = 4096;

/** Phone and fax numbers. */
export function createPhoneRecognizer(): Recognizer {
  const name = 'phone';
  // Candidate → numbers found; repeated strings (signatures, lists, hostile input) are parsed once.
  const cache = new Map<string, readonly FoundNumber[]>();
  // Every candidate holds six digits or more: a text with fewer is skipped (off for the gates test).
  const minTextDigits = gatesEnabled() ? 6 : 0;

  function parse(candidate: string, region: CountryCode | undefined): readonly FoundNumber[] {
    // Without a default region libphonenumber reads only numbers written with '+': a national number gets no
    // calling code, so its parse() selects no numbering plan and fails, and an international prefix ('00', '011') is
    // stripped only for a known region. findNumbers would try every sub-candidate and find nothing, at ~0.2 ms for
    // '(212) 555-0134'. The test beside this file checks that on an upgrade.
    if (region === undefined && !candidate.includes('+')) return NONE;
    const key = `${region ?? ''}|${candidate}`;
    const cached = cache.get(key);
    if (cached) return cached;
    // findNumbers' answer: phone-search.ts gets most of them from one parse, or none when the metadata rules every
    // piece of the candidate out (on unseen posts, most rejected candidates).
    const found = searchCandidate(candidate, region);
    if (cache.size >= CACHE_SIZE) cache.clear();
    cache.set(key, found);
    return found;
  }

  // The default region of the last record's country and language (records of a stream share a few).
  let lastCountry: string | undefined;
  let lastLang: string | undefined;
  let lastRegion = defaultRegion({ text: '' });

  function analyze(input: AnalysisInput, options?: AnalyzeOptions): DetectedSpan[] {
    const text = input.text;
    if (textFeatures(text).digits < minTextDigits) return [];
    if (input.country !== lastCountry || input.lang !== lastLang) {
      lastCountry = input.country;
      lastLang = input.lang;
      lastRegion = defaultRegion(input);
    }
    const { region, guessed } = lastRegion;
    const spans: DetectedSpan[] = [];
    // Budget: libphonenumber costs tens to hundreds of microseconds per candidate. Past the budget (text that is
    // mostly digit groups), phone-shaped candidates are reported unverified at the threshold score: time stays
    // bounded and the record fails closed (redacted) rather than open.
    let budget = BASE_BUDGET + Math.floor(text.length / CHARS_PER_CALL);
    CANDIDATE.lastIndex = 0;
    for (let m = CANDIDATE.exec(text); m !== null; m = CANDIDATE.exec(text)) {
      const candidate = m[0];
      const digits = digitCount(candidate);
      if (digits < 6 || digits > 17 || DATE_LIKE.test(candidate)) continue;
      const offset = m.index;
      const window = text.slice(Math.max(0, offset - 40), offset).toLowerCase();
      const after = text.slice(offset + candidate.length, offset + candidate.length + 12).toLowerCase();
      const contextWords = [...findContextWords(window, PHONE_WORDS), ...findContextWords(after, PHONE_WORDS_AFTER)];
      if (budget <= 0) {
        if (digits >= 7 && digits <= 15) {
          spans.push(makeSpan(offset, offset + candidate.length, 0.5, 'phone-shape-unverified', contextWords, options));
        }
        continue;
      }
      budget--;
      const found = parse(candidate, region);
      // Read only when a span is reported: most candidates are not numbers.
      const otherwise = (found.length > 0 || contextWords.length > 0) && labelledOtherwise(window);
      let matched = false;
      for (const number of found) {
        matched = true;
        // A national number read with a guessed region is weaker evidence than one in international format.
        const international = candidate.startsWith('+') || candidate.startsWith('00');
        const base = guessed && !international ? 0.55 : 0.75;
        const score = otherwise ? LABELLED_OTHERWISE : Math.min(1, base + (contextWords.length > 0 ? 0.2 : 0));
        spans.push(
          makeSpan(offset + number.startsAt, offset + number.endsAt, score, 'libphonenumber', contextWords, options),
        );
      }
      // National numbers without a known region: accept phone-shaped digits (7 to 15) in phone context.
      if (!matched && contextWords.length > 0 && digits >= 7 && digits <= 15 && /[\d)]$/.test(candidate)) {
        const score = otherwise ? LABELLED_OTHERWISE : 0.6;
        spans.push(makeSpan(offset, offset + candidate.length, score, 'phone-context', contextWords, options));
      }
    }
    return spans;
  }

  function makeSpan(
    start: number,
    end: number,
    score: number,
    pattern: string,
    contextWords: string[],
    options?: AnalyzeOptions,
  ): DetectedSpan {
    const span = { start, end, type: 'PHONE' as const, score, recognizer: name };
    if (!options?.explain) return span;
    return {
      ...span,
      explanation: { recognizer: name, pattern, originalScore: score, contextWords, validation: 'not_applicable' },
    };
  }

  return Object.freeze({ name, types: ['PHONE'] as const, analyze });
}
