// EMAIL: RFC 5322-ish local part @ a domain with a letter TLD; skipped when the text has no '@'.

import { createPatternRecognizer, hasAscii } from '../pattern-recognizer.js';
import { COMMON_TLDS } from './url.js';

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

// Addresses spelled out to dodge scrapers: "jsmith88 at gmail dot com", "ana.gomez [at] correo.es", "j (dot) doe (at)
// uni (dot) edu", "jsmith88 @ gmail.com". The "at" is in brackets, or an '@' set apart (LOOSE_AT_SIGN), or between
// spaces with every dot of the domain spelled out too (so "look at example.com" stays a domain, not an address).
// Labels cannot hold a space, bracket or dot, so each separator is read one way only.
const SPELLED_AT_BRACKETED = '[ \\t]?[\\[({<][ \\t]?at[ \\t]?[\\])}>][ \\t]?';
const SPELLED_DOT = '(?:[ \\t]?[\\[({<][ \\t]?dot[ \\t]?[\\])}>][ \\t]?|[ \\t]dot[ \\t])';
const ANY_DOT = `(?:${SPELLED_DOT}|\\.)`;
// "Look at the dot", "worked at a dot com": after a spaced "at", a determiner or pronoun starts a phrase, not a domain.
const NOT_A_DETERMINER =
  '(?!(?:the|a|an|this|that|these|those|my|your|ur|our|their|his|her|its|them|me|us|him|it)[ \\t])';
// An '@' in brackets or with a space after it ("jsmith88 @ gmail.com", "ana (@) correo.es", "ana@ correo.es"); written
// tight, it is the plain pattern's, and with a space only before it, a handle's ("thanks @acme.io").
const LOOSE_AT_SIGN = '(?:[ \\t]?[\\[({<][ \\t]?@[ \\t]?[\\])}>][ \\t]?|[ \\t]{0,2}@[ \\t]{1,2})';
const LOCAL_WORD = '[\\p{L}\\p{N}_%+-]{1,64}';
const DOMAIN_WORD = '[\\p{L}\\p{N}-]{1,63}';
const SPELLED_ADDRESS = new RegExp(
  `(?<![\\p{L}\\p{N}_%+.@-])${LOCAL_WORD}(?:${ANY_DOT}${LOCAL_WORD}){0,3}(?:(?:${SPELLED_AT_BRACKETED}|${LOOSE_AT_SIGN})${DOMAIN_WORD}(?:${ANY_DOT}${DOMAIN_WORD}){0,3}${ANY_DOT}|[ \\t]at[ \\t]${NOT_A_DETERMINER}${DOMAIN_WORD}(?:${SPELLED_DOT}${DOMAIN_WORD}){0,3}${SPELLED_DOT})(?:${COMMON_TLDS})(?![\\p{L}\\p{N}-])`,
  'giu',
);
// What every spelled-out address with a written "at" holds: an "at" in brackets (a space allowed inside them), or an
// "at" between spaces or tabs and a "dot" somewhere, in any case (an '@' set apart is hasLooseAt's). The pattern needs
// no character the recognizer's masks know, so this runs on every text without a plain address: first one regex for
// a bracket or a "dot" (6% of the generated posts), then one pass over the char codes ("at" between spaces alone is
// in one English post in six).
const BRACKET_OR_DOT = /[[({<]|[dD][oO][tT]/;
const SPACE = new Set([' ', '\t'].map((c) => c.charCodeAt(0)));
const OPEN = new Set(['[', '(', '{', '<'].map((c) => c.charCodeAt(0)));
const CLOSE = new Set([']', ')', '}', '>'].map((c) => c.charCodeAt(0)));
function maySpellAnAddress(text: string): boolean {
  let spacedAt = false;
  let dot = false;
  for (let i = 0; i + 1 < text.length; i++) {
    // An ASCII letter | 32 is its lower case: 'a' 97, 't' 116, 'd' 100, 'o' 111.
    const c = text.charCodeAt(i) | 32;
    if (c === 100 && (text.charCodeAt(i + 1) | 32) === 111 && (text.charCodeAt(i + 2) | 32) === 116) dot = true;
    if (c !== 97 || (text.charCodeAt(i + 1) | 32) !== 116) continue;
    const before = text.charCodeAt(i - 1);
    const after = text.charCodeAt(i + 2);
    const open = OPEN.has(before) || (SPACE.has(before) && OPEN.has(text.charCodeAt(i - 2)));
    const close = CLOSE.has(after) || (SPACE.has(after) && CLOSE.has(text.charCodeAt(i + 3)));
    if (open && close) return true;
    spacedAt ||= SPACE.has(before) && SPACE.has(after);
  }
  return spacedAt && dot;
}

/** Whether some '@' has an opening bracket before it, or a space, tab or closing bracket after it (LOOSE_AT_SIGN). */
function hasLooseAt(text: string): boolean {
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    const after = text.charCodeAt(at + 1);
    if (OPEN.has(text.charCodeAt(at - 1)) || SPACE.has(after) || CLOSE.has(after)) return true;
  }
  return false;
}

/** E-mail addresses, written plainly or spelled out. */
export function createEmailRecognizer() {
  return createPatternRecognizer({
    name: 'email',
    types: ['EMAIL'],
    prefilter: (text, features) =>
      (hasAscii(features, '@') && (hasAddressAt(text) || hasLooseAt(text))) ||
      (BRACKET_OR_DOT.test(text) && maySpellAnAddress(text)),
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
      {
        name: 'spelled-out',
        regex: SPELLED_ADDRESS,
        score: 0.75,
      },
    ],
  });
}
