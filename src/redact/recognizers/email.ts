// EMAIL: RFC 5322-ish local part @ a domain with a letter TLD; skipped when the text has no '@'.

import { createPatternRecognizer, hasAscii, type PatternMatch, wordGate } from '../pattern-recognizer.js';
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
// uni (dot) edu", "jsmith88 @ gmail.com", "juan.perez arroba gmail punto com", "jsmith_at_gmail.com". The "at" is in
// brackets, or an '@' set apart (LOOSE_AT_SIGN), or a word between spaces with every dot of the domain spelled out
// too (so "look at example.com" stays a domain, not an address), or joined to its neighbours by '-' or '_'
// (JOINED_ADDRESS), or "AT" in capitals after a local part with a lower-case letter (CAPITAL_AT_ADDRESS). Labels
// cannot hold a space, bracket or dot, so each separator is read one way only.
/** A space between the words of a spelled-out address: a no-break space or a second space is a space too. */
const SP = '[ \\t\\u00a0]';
/** '@' in English, Spanish and Portuguese, French, Italian (German writes "at"). */
const AT_WORDS = ['at', 'arroba', 'arobase', 'chiocciola'] as const;
/** '.' in English, Spanish and Italian, Portuguese, French, German. */
const DOT_WORDS = ['dot', 'punto', 'ponto', 'point', 'punkt'] as const;
const bracketed = (word: string) => `${SP}?[\\[({<]${SP}?${word}${SP}?[\\])}>]${SP}?`;
const SPELLED_AT_BRACKETED = bracketed(`(?:${AT_WORDS.join('|')})`);
const BRACKETED_DOT = bracketed(`(?:${DOT_WORDS.join('|')})`);
const SPELLED_DOT = `(?:${BRACKETED_DOT}|${SP}{1,2}(?:${DOT_WORDS.join('|')})${SP}{1,2})`;
// After a bare "at", "point" is an English word, not a French dot: "we met at school point is" is no address.
const SPELLED_DOT_AFTER_AT = `(?:${BRACKETED_DOT}|${SP}{1,2}(?:${DOT_WORDS.filter((w) => w !== 'point').join('|')})${SP}{1,2})`;
const ANY_DOT = `(?:${SPELLED_DOT}|\\.)`;
// In the domain after a bracketed "at" or an '@' set apart, a dot between spaces is a dot too ("ana [at] correo . es");
// after a bare "at" it is not, since a sentence may end so ("we met at school . it was fun").
const DOMAIN_DOT = `(?:${SPELLED_DOT}|${SP}{1,2}\\.${SP}{1,2}|\\.)`;
// After a loose '@' ("see you @ home . it was great", "quedamos @ Sol punto de encuentro") a spaced '.' ends a sentence
// and "punto"/"point" are words: a plain '.', a bracketed dot word or the English "dot" only ...
const LOOSE_DOMAIN_DOT = `(?:${BRACKETED_DOT}|${SP}{1,2}dot${SP}{1,2}|\\.)`;
// ... except before a generic top-level domain, which no sentence starts with: "viralfeedvideonetwork @ gmail . com".
const SPACED_DOT_BEFORE_GENERIC_TLD = `${SP}{1,2}\\.${SP}{1,2}(?=(?:com|net|org|edu|gov)(?![\\p{L}\\p{N}-]))`;
// "Look at the dot", "worked at a dot com": after a spaced "at", a determiner or pronoun starts a phrase, not a domain.
// The other languages' determiners are read after every word for '@' ("at" also stands in German and Spanish posts,
// and an arroba is also a weight: "vale diez pesos la arroba").
const NOT_A_DETERMINER = `(?!(?:${[
  'the|a|an|this|that|these|those|my|your|ur|our|their|his|her|its|them|me|us|him|it',
  'el|la|los|las|un|una|unos|unas|mi|mis|tu|tus|su|sus|este|esta|ese|esa',
  'o|os|as|um|uma|meu|minha|seu|sua|esse|essa',
  'le|les|une|mon|ma|mes|ton|ta|son|sa|ce|cet|cette',
  'der|die|das|dem|den|des|ein|eine|einem|einen|einer|mein|meine|dein|deine',
  'il|lo|gli|uno|mio|mia',
  // Prepositions: "a arroba do boi", "la arroba de trigo", "una chiocciola di mare".
  'de|do|da|dos|das|del|di|du|no|na|nos|nas|em|en|por|per|par|para|pra|com|con|sem|sin',
].join('|')})${SP})`;
// After the bare English "at", only English determiners: "un", "le", "die" and "sa" are also domains ("jsmith at un dot
// org", "ab123 at le dot ac dot uk").
const NOT_AN_ENGLISH_DETERMINER = `(?!(?:the|a|an|this|that|these|those|my|your|ur|our|their|his|her|its|them|me|us|him|it)${SP})`;
// An '@' in brackets or with a space after it ("jsmith88 @ gmail.com", "ana (@) correo.es", "ana@ correo.es"); written
// tight, it is the plain pattern's, and with a space only before it, a handle's ("thanks @acme.io").
const LOOSE_AT_SIGN = `(?:${bracketed('@')}|${SP}{0,2}@${SP}{1,2})`;
const LOCAL_WORD = '[\\p{L}\\p{N}_%+-]{1,64}';
const DOMAIN_WORD = '[\\p{L}\\p{N}-]{1,63}';
const NOT_AFTER_LOCAL_PART = '(?<![\\p{L}\\p{N}_%+.@-])';
const TLD_END = `(?:${COMMON_TLDS})(?![\\p{L}\\p{N}-])`;
const SPELLED_ADDRESS = new RegExp(
  `${NOT_AFTER_LOCAL_PART}${LOCAL_WORD}(?:${ANY_DOT}${LOCAL_WORD}){0,3}(?:${SPELLED_AT_BRACKETED}${DOMAIN_WORD}(?:${DOMAIN_DOT}${DOMAIN_WORD}){0,3}${DOMAIN_DOT}|${LOOSE_AT_SIGN}${DOMAIN_WORD}(?:${LOOSE_DOMAIN_DOT}${DOMAIN_WORD}){0,3}(?:${LOOSE_DOMAIN_DOT}|${SPACED_DOT_BEFORE_GENERIC_TLD})|${SP}{1,2}at${SP}{1,2}${NOT_AN_ENGLISH_DETERMINER}${DOMAIN_WORD}(?:${SPELLED_DOT_AFTER_AT}${DOMAIN_WORD}){0,3}${SPELLED_DOT_AFTER_AT}|${SP}{1,2}(?:${AT_WORDS.filter((w) => w !== 'at').join('|')})${SP}{1,2}${NOT_A_DETERMINER}${DOMAIN_WORD}(?:${SPELLED_DOT}${DOMAIN_WORD}){0,3}${SPELLED_DOT})${TLD_END}`,
  'giu',
);
// "jsmith-at-gmail-dot-com", "jsmith_at_gmail_dot_com", "jsmith_at_gmail.com": one token, the "at" joined by '-' or
// '_'. A label cannot hold '_', so "_at_" may be followed by a written dot; "meet-at-noon.com" is a domain name, so
// "-at-" needs its dots spelled. The words and labels hold neither '-' nor '_' (the local part's words are joined by
// '.', '-' or '_'): each joiner is read one way only.
const JOINED_WORD = '[\\p{L}\\p{N}%+]{1,64}';
const JOINED_LABEL = '[\\p{L}\\p{N}]{1,63}';
const JOINED_DOT = '[-_]dot[-_]';
const JOINED_ADDRESS = new RegExp(
  `${NOT_AFTER_LOCAL_PART}${JOINED_WORD}(?:[._-]${JOINED_WORD}){0,3}(?:-at-${JOINED_LABEL}(?:${JOINED_DOT}${JOINED_LABEL}){0,3}${JOINED_DOT}|_at_${JOINED_LABEL}(?:(?:${JOINED_DOT}|\\.)${JOINED_LABEL}){0,3}(?:${JOINED_DOT}|\\.))${TLD_END}(?!_)`,
  'giu',
);
// "jsmith AT gmail.com": "AT" in capitals between spaces, where the text around it is not in capitals, stands for '@'
// (validated: the local part has a lower-case letter). In a text in capitals it is the word ("AVAILABLE AT
// AMAZON.COM"), and "at" in lower case before a written dot is the word too ("look at example.com"). Case-sensitive,
// so the top-level domains are listed in both cases.
const CAPITAL_AT_ADDRESS = new RegExp(
  `${NOT_AFTER_LOCAL_PART}${LOCAL_WORD}(?:\\.${LOCAL_WORD}){0,3}${SP}{1,2}AT${SP}{1,2}${DOMAIN_WORD}(?:\\.${DOMAIN_WORD}){0,3}\\.(?:${COMMON_TLDS}|${COMMON_TLDS.toUpperCase()})(?![\\p{L}\\p{N}-])`,
  'gu',
);
const CAPITAL_AT = new RegExp(`${SP}AT${SP}`, 'u');
// An arroba is also a weight (about 15 kg in Brazil, 11.5 kg in Spain: "uma arroba de carne", "o preço da arroba",
// "10 arroba por hectare") and a chiocciola a snail ("una chiocciola gigante"): before a bare word for '@', a local
// part that is an article, a preposition, a quantity word or a short number reads as a phrase, not an address;
// before the English "at", so does a verb or a place word ("he works at google dot com", "we'll meet at noon dot com").
// But such words are local parts too ("home at gmail dot com", "1984 arroba gmail ponto com"): before a mail
// provider's name, or after a word for e-mail ("my email is ..."), the address stands. An instruction ("coloca arroba
// gmail ponto com no login": put @gmail.com in the login) is never one.
const BARE_AT_WORD = new RegExp(`${SP}{1,2}(?:at|arroba|arobase|chiocciola)${SP}{1,2}`, 'iu');
const NOT_A_LOCAL_PART: ReadonlySet<string> = new Set(
  [
    'a o as os um uma uns umas da do das dos na no nas nos à ao aos em de por pela pelo pelas pelos pra para cada meia',
    'meio mais menos sua seu minha meu essa esse esta este nessa nesta dessa desta qual quanto quantas quantos toda e ou',
    'la las el los un una unos unas del al en cada media medio mi tu su esa ese aquella y mil dos tres cuatro cinco',
    'diez cien le les une des du par chaque ce cette mon ma ton ta son sa et demi demie il lo gli uno della delle',
    'dello di ogni mezza mezzo questa quella mia tua duas dois três quatro cinco dez vinte cem',
    'meet met meeting work works worked working was were is am are be been live lives lived living stay stayed',
    'staying arrive arrived look looked looking laugh laughed shop shopping eat ate eating sit sat start started',
    'starts job intern interned employed hired here there home good great best bad him her us them it you we they',
  ]
    .join(' ')
    .split(' '),
);
const INSTRUCTIONS: ReadonlySet<string> = new Set(
  'coloca coloque põe ponha usa use usá digita digite escreve escribe pon ponga écris mets mettez metti scrivi'.split(
    ' ',
  ),
);
const SHORT_NUMBER = /^\d{1,4}$/u;
// A word for e-mail (a whole word: not "gmail", "contacted") shortly before the address, with no sentence or clause
// break between ("my email is home at gmail dot com"; not "check your email, we meet at noon dot com").
const MAIL_WORD_BEFORE =
  /(?<![\p{L}\p{N}])(?:e-?mail|correo|courriel|contato|contacto|contact|mail)(?![\p{L}\p{N}])[^.!?\n,;]{0,24}$/iu;
// English verbs, which a mail provider's name after them does not make a local part: "I used to work at yahoo dot com"
// names the company.
const VERBS_BEFORE_AT: ReadonlySet<string> = new Set(
  `meet met meeting work works worked working was were is am are be been live lives lived living stay stayed staying
arrive arrived look looked looking laugh laughed shop shopping eat ate eating sit sat start started starts interned
employed hired`.split(/\s+/),
);

/** The spelled-out address is not a phrase around the other meaning of its word for '@' (NOT_A_LOCAL_PART). */
function isSpelledAddress({ value, start, input }: PatternMatch): 'valid' | 'invalid' {
  const at = BARE_AT_WORD.exec(value);
  if (at === null) return 'valid';
  const local = value.slice(0, at.index).toLowerCase();
  if (INSTRUCTIONS.has(local)) return 'invalid';
  if (!NOT_A_LOCAL_PART.has(local) && !SHORT_NUMBER.test(local)) return 'valid';
  if (!VERBS_BEFORE_AT.has(local) && MAIL_PROVIDER_NAME.test(value.slice(at.index + at[0].length))) return 'valid';
  return MAIL_WORD_BEFORE.test(input.text.slice(Math.max(0, start - 40), start)) ? 'valid' : 'invalid';
}
const LOWER_CASE = /\p{Ll}/u;
const UPPER_CASE = /\p{Lu}/u;
const HANDLE_MARK = /[\d._%+-]/;
const MAIL_PROVIDERS =
  'gmail|googlemail|yahoo|ymail|hotmail|outlook|live|msn|icloud|aol|proton|protonmail|pm|gmx|web|mail|yandex|qq|163|126|naver|daum|orange|free|wanadoo|libero|virgilio|uol|bol|terra|t-online|seznam|wp|o2|rediffmail|zoho';
const MAIL_PROVIDER = new RegExp(`^(?:${MAIL_PROVIDERS})\\.`, 'i');
/** A mail provider's name as the first word of a spelled-out domain ("gmail dot com", "uol ponto com"). */
const MAIL_PROVIDER_NAME = new RegExp(`^(?:${MAIL_PROVIDERS})(?![\\p{L}\\p{N}-])`, 'iu');

// What every spelled-out address holds, apart from an '@' set apart (hasLooseAt's): a bracket, a word for '.' (in any
// case), a joined "at" or "AT" before a space (the regex looks for the "A", rarer than the space before it). The
// prefilter asks it of every text without a plain address, from the shared pass (the opening-bracket bit and two word
// lists, createEmailRecognizer; 6% of the generated posts pass, nearly all for a bracket), then reads the char codes
// (spellsAnAddress). The regex itself is the spelled-out pattern's gate.
const MAY_SPELL =
  /[[({<]|[dD][oO][tT]|[pP](?:[uU][nN](?:[tT][oO]|[kK\u212a][tT])|[oO](?:[nN][tT][oO]|[iI][nN][tT]))|[-_][aA][tT][-_]|AT[ \t\u00a0]/;
/**
 * The spelled-out pattern's own gate: MAY_SPELL, or an '@' before a space, tab or closing bracket (an opening bracket
 * before it is in MAY_SPELL). The recognizer's prefilter lets through every text with a plain address, where this
 * keeps the regex, which starts at every letter, off the 2 in 3 of them that hold neither.
 */
const MAY_SPELL_OR_LOOSE_AT = new RegExp(`${MAY_SPELL.source}|@[ \\t\\u00a0\\])}>]`);
const SPACE = new Set([' ', '\t', '\u00a0'].map((c) => c.charCodeAt(0)));
const OPEN = new Set(['[', '(', '{', '<'].map((c) => c.charCodeAt(0)));
const CLOSE = new Set([']', ')', '}', '>'].map((c) => c.charCodeAt(0)));
const JOINER = new Set(['-', '_'].map((c) => c.charCodeAt(0)));

/**
 * The code unit at `i` as the patterns' i and u flags read it: an ASCII letter in lower case, long s (U+017F) as 's',
 * the Kelvin sign as 'k'. Other units are returned unchanged or as a code no word of the lists holds.
 */
function foldedAt(text: string, i: number): number {
  const code = text.charCodeAt(i);
  if (code === 0x17f) return 115;
  if (code === 0x212a) return 107;
  return code < 128 ? code | 32 : code;
}

/** Whether `word` (lower-case ASCII) stands at `i`, read as foldedAt reads it. */
function wordAt(text: string, i: number, word: string): boolean {
  if (i + word.length > text.length) return false;
  for (let k = 0; k < word.length; k++) if (foldedAt(text, i + k) !== word.charCodeAt(k)) return false;
  return true;
}

/** The length of the word for '@' at `i` (AT_WORDS), 0 when none. */
function atWordAt(text: string, i: number, first: number): number {
  // 'a' 97, 't' 116, 'c' 99.
  if (first === 97) {
    if (foldedAt(text, i + 1) === 116) return 2;
    if (wordAt(text, i, 'arroba')) return 6;
    if (wordAt(text, i, 'arobase')) return 7;
  } else if (first === 99 && wordAt(text, i, 'chiocciola')) return 10;
  return 0;
}

/** Whether a word for '.' (DOT_WORDS) starts at `i`. */
function dotWordAt(text: string, i: number, first: number): boolean {
  // 'd' 100, 'p' 112.
  if (first === 100) return wordAt(text, i, 'dot');
  return (
    first === 112 &&
    (wordAt(text, i, 'punto') || wordAt(text, i, 'ponto') || wordAt(text, i, 'point') || wordAt(text, i, 'punkt'))
  );
}

/**
 * A necessary condition of the spelled-out patterns, read in one pass: a word for '@' in brackets (a space allowed
 * inside them), or "at" between two joiners ('-', '_'), or "AT" in capitals between spaces in a text with a '.', or
 * a word for '@' between spaces in a text that also holds a word for '.'.
 */
function spellsAnAddress(text: string, hasDot: boolean): boolean {
  let spacedAt = false;
  let dotWord = false;
  for (let i = 0; i + 1 < text.length; i++) {
    // Every word of the lists starts with 'a', 'c', 'd' or 'p' (97, 99, 100, 112), none with a unit from 128 on.
    const code = text.charCodeAt(i);
    if (code >= 128) continue;
    const first = code | 32;
    if (first !== 97 && first !== 99 && first !== 100 && first !== 112) continue;
    if (!dotWord && dotWordAt(text, i, first)) dotWord = true;
    const length = atWordAt(text, i, first);
    if (length === 0) continue;
    const before = text.charCodeAt(i - 1);
    const after = text.charCodeAt(i + length);
    const open = OPEN.has(before) || (SPACE.has(before) && OPEN.has(text.charCodeAt(i - 2)));
    const close = CLOSE.has(after) || (SPACE.has(after) && CLOSE.has(text.charCodeAt(i + length + 1)));
    if (open && close) return true;
    if (length === 2 && JOINER.has(before) && JOINER.has(after)) return true;
    if (SPACE.has(before) && SPACE.has(after)) {
      if (hasDot && text.charCodeAt(i) === 65 && text.charCodeAt(i + 1) === 84) return true;
      spacedAt = true;
    }
  }
  return spacedAt && dotWord;
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
  // MAY_SPELL, answered by the shared pass over the record where the regex read every text without a plain address
  // again (most posts): a bracket, or a word of these lists (a list's word is found in the lower-cased text wherever
  // the regex's ASCII cases, or the Kelvin sign for 'k', spell it).
  const maySpellWord = wordGate('anyOf', ['dot', 'punto', 'punkt', 'ponto', 'point', '-at-', '-at_', '_at-', '_at_']);
  const capitalAt = wordGate('literals', ['AT ', 'AT\t', 'AT\u00a0']);
  return createPatternRecognizer({
    name: 'email',
    types: ['EMAIL'],
    prefilter: (text, features) =>
      (hasAscii(features, '@') && (hasAddressAt(text) || hasLooseAt(text))) ||
      ((features.openingBracket || maySpellWord(features) || capitalAt(features)) &&
        spellsAnAddress(text, hasAscii(features, '.'))),
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
        validate: isSpelledAddress,
        gate: MAY_SPELL_OR_LOOSE_AT,
      },
      // The regexes below start on every text the prefilter lets through (6% of posts, nearly all for a bracket): the
      // shared pass's word lists keep them to the texts with their "at".
      {
        name: 'spelled-out-joined',
        regex: JOINED_ADDRESS,
        score: 0.75,
        anyOf: ['-at-', '_at_'],
        // Code joins words with '_' too ("last_seen_at_start.io", "created_at_utc.to"): with a '_' in the local
        // part and a written dot, the domain must be a mail provider's ("John_Smith_AT_gmail.co.uk").
        validate: ({ value }) => {
          const at = value.search(/_at_/i);
          if (at <= 0 || !value.slice(0, at).includes('_')) return 'valid';
          const domain = value.slice(at + 4);
          return /[-_]dot[-_]/i.test(domain) || MAIL_PROVIDER.test(domain) ? 'valid' : 'invalid';
        },
      },
      {
        name: 'spelled-out-capital-at',
        regex: CAPITAL_AT_ADDRESS,
        score: 0.75,
        literals: ['AT'],
        // The local part has a lower-case letter, and a handle mark or a mail provider's domain after it: "Now
        // Available AT Amazon.com" and "Shop now AT target.com" are sentences; "jsmith AT gmail.com" and
        // "John.Smith AT example.org" are addresses.
        validate: ({ value }) => {
          const at = CAPITAL_AT.exec(value);
          if (at === null) return 'invalid';
          const local = value.slice(0, at.index);
          const domain = value.slice(at.index + at[0].length);
          return LOWER_CASE.test(local) &&
            (HANDLE_MARK.test(local) || (!UPPER_CASE.test(local) && MAIL_PROVIDER.test(domain)))
            ? 'valid'
            : 'invalid';
        },
      },
    ],
  });
}
