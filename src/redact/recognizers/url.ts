// URL: scheme or www. URLs, and bare domains with a common top-level domain (lower score).

import { createPatternRecognizer, hasAscii } from '../pattern-recognizer.js';

/** A character of a domain label: the bare-domain regex's class and its anchor's run class, from one source. */
const LABEL_CHAR = '[a-z0-9-]';

const TRAILING = /[.,;:!?)\]}'"»”’]+$/;

function trimTrailing(match: { start: number; end: number; value: string }) {
  const trimmed = match.value.replace(TRAILING, '');
  // Keep a closing parenthesis that closes one opened inside the URL (Wikipedia-style links).
  let end = match.start + trimmed.length;
  if (match.value.charAt(trimmed.length) === ')' && trimmed.includes('(')) end++;
  return end > match.start ? { start: match.start, end } : null;
}

/** Top-level domains common enough to read a bare name with one as a domain (and an e-mail address spelled out). */
export const COMMON_TLDS =
  'com|org|net|edu|gov|io|co|ai|app|dev|me|info|biz|xyz|online|site|blog|tech|de|fr|es|it|nl|be|ch|at|uk|se|no|dk|fi|pl|pt|br|ar|mx|cl|in|ca|us|au|nz|jp|cn|ru|eu|hu|cz|gr|ie|is|tk|tv|ly|gl|il|za|ro|sk|si|hr|ee|lt|lv|ua|tr|kr|sg|hk|tw';

/** URLs and domain names. */
export function createUrlRecognizer() {
  return createPatternRecognizer({
    name: 'url',
    types: ['URL'],
    prefilter: (text, features) => hasAscii(features, '.') || text.includes('://'),
    patterns: [
      {
        name: 'scheme-or-www',
        regex: /(?<![\w@.-])(?:(?:https?|ftp):\/\/|www\.)[^\s<>"'`{}|\\^[\]]{1,2048}/giu,
        score: 0.85,
        anyOf: ['://', 'www.'],
        refine: trimTrailing,
      },
      {
        name: 'bare-domain',
        regex: new RegExp(
          `(?<![\\w@.-])(?:[a-z0-9](?:${LABEL_CHAR}{0,61}[a-z0-9])?\\.){1,6}(?:${COMMON_TLDS})(?:/[^\\s<>"'\`{}|\\\\^[\\]]{0,2048})?(?![\\w@-]|\\.\\w)`,
          'gi',
        ),
        score: 0.6,
        literals: ['.'],
        anyOf: COMMON_TLDS.split('|').map((tld) => `.${tld}`),
        // A top-level domain after labels that no '@', '.', '-' or word character comes before, read back from the
        // domain's end: a text whose only domains are in e-mail addresses (clinical notes with a contact) fails it,
        // where the regex, started at the first '.', tried every word after it.
        gate: new RegExp(
          `\\.(?:${COMMON_TLDS})(?![\\w-])(?<=(?<![\\w@.-])(?:[a-z0-9](?:${LABEL_CHAR}{0,61}[a-z0-9])?\\.){1,6}(?:${COMMON_TLDS}))`,
          'i',
        ),
        // The first label is at most 63 characters before its dot (ASCII only: the regex has no u flag).
        anchor: { text: '.', within: 64, run: new RegExp(LABEL_CHAR, 'i') },
        refine: trimTrailing,
      },
    ],
  });
}
