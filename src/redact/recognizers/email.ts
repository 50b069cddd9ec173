// EMAIL: RFC 5322-ish local part @ a domain with a letter TLD; skipped when the text has no '@'.

import { createPatternRecognizer, hasAscii } from '../pattern-recognizer.js';

/** A character of the local part: the regex's class and its anchor's run class, from one source. */
const LOCAL_PART = '[\\p{L}\\p{N}._%+-]';

/** E-mail addresses. */
export function createEmailRecognizer() {
  return createPatternRecognizer({
    name: 'email',
    types: ['EMAIL'],
    prefilter: (_text, features) => hasAscii(features, '@'),
    context: { words: ['email', 'e-mail', 'mail', 'correo', 'courriel', 'contact'], boost: 0.1 },
    patterns: [
      {
        name: 'address',
        regex: new RegExp(
          `(?<![\\w.%+-])[\\p{L}\\p{N}_%+-](?:${LOCAL_PART}{0,62}[\\p{L}\\p{N}_%+-])?@(?:[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?\\.){1,8}\\p{L}[\\p{L}\\p{N}-]{1,23}(?![\\p{L}\\p{N}-])`,
          'gu',
        ),
        score: 0.9,
        // The local part is at most 64 characters (128 code units) before the '@', and made of its characters.
        anchor: { text: '@', within: 128, run: new RegExp(LOCAL_PART, 'u') },
      },
    ],
  });
}
