// EMAIL: RFC 5322-ish local part @ a domain with a letter TLD; skipped when the text has no '@'.

import { createPatternRecognizer, hasAscii } from '../pattern-recognizer.js';

/** A character of the local part: the regex's class and its anchor's run class, from one source. */
const LOCAL_PART = '[\\p{L}\\p{N}._%+-]';

/** The local part's first and last character (no dot), and a domain label's first: the regex's and the prefilter's. */
const LOCAL_PART_EDGE = '[\\p{L}\\p{N}_%+-]';
const LABEL_START = '[\\p{L}\\p{N}]';
const LOCAL_PART_END = new RegExp(LOCAL_PART_EDGE, 'u');
const DOMAIN_START = new RegExp(LABEL_START, 'u');

/**
 * Whether some '@' has a character that can end a local part before it and one that can start a domain after it
 * (a surrogate counts as either: it may be half of a letter). Texts whose '@'s are handles ("@user", "RT @user")
 * fail it, where the regex, started at the first '@', tried every letter after it.
 */
function hasAddressAt(text: string): boolean {
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    if (at === 0 || at + 1 >= text.length) continue;
    const before = text.charCodeAt(at - 1);
    const after = text.charCodeAt(at + 1);
    const localEnd = (before >= 0xd800 && before <= 0xdfff) || LOCAL_PART_END.test(text.charAt(at - 1));
    const domainStart = (after >= 0xd800 && after <= 0xdfff) || DOMAIN_START.test(text.charAt(at + 1));
    if (localEnd && domainStart) return true;
  }
  return false;
}

/** E-mail addresses. */
export function createEmailRecognizer() {
  return createPatternRecognizer({
    name: 'email',
    types: ['EMAIL'],
    prefilter: (text, features) => hasAscii(features, '@') && hasAddressAt(text),
    context: { words: ['email', 'e-mail', 'mail', 'correo', 'courriel', 'contact'], boost: 0.1 },
    patterns: [
      {
        name: 'address',
        regex: new RegExp(
          `(?<![\\w.%+-])${LOCAL_PART_EDGE}(?:${LOCAL_PART}{0,62}${LOCAL_PART_EDGE})?@(?:${LABEL_START}(?:[\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?\\.){1,8}\\p{L}[\\p{L}\\p{N}-]{1,23}(?![\\p{L}\\p{N}-])`,
          'gu',
        ),
        score: 0.9,
        // The local part is at most 64 characters (128 code units) before the '@', and made of its characters.
        anchor: { text: '@', within: 128, run: new RegExp(LOCAL_PART, 'u') },
      },
    ],
  });
}
