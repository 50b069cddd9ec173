// USERNAME: @handles, profile URLs of common social networks (the whole URL is the identifier), and handles written
// without '@' after a platform's name ("snap: janedoe88", "add me on insta jane.doe_88", "cashapp $JakeSmith42").

import { GAZ, type Gazetteer, loadGazetteer } from '../names/gazetteer.js';
import { createPatternRecognizer, wordsNotAfter } from '../pattern-recognizer.js';

/** Hosts and paths of profile URLs, as regex sources; each ends with '/' or '@' (the profile-url gate needs it). */
const PROFILE_HOST_SOURCES: readonly string[] = [
  'linkedin\\.com/in/',
  'linkedin\\.com/pub/',
  'x\\.com/',
  'twitter\\.com/',
  'github\\.com/',
  'gitlab\\.com/',
  'instagram\\.com/',
  'facebook\\.com/',
  'fb\\.com/',
  'tiktok\\.com/@',
  'youtube\\.com/@',
  'youtube\\.com/(?:c|user|channel)/',
  'reddit\\.com/(?:u|user)/',
  'medium\\.com/@',
  't\\.me/',
  'threads\\.net/@',
  'mastodon\\.social/@',
  'bsky\\.app/profile/',
  'pinterest\\.com/',
  'twitch\\.tv/',
  'snapchat\\.com/add/',
  'vk\\.com/',
  'stackoverflow\\.com/users/',
  'behance\\.net/',
  'dribbble\\.com/',
  'soundcloud\\.com/',
  'keybase\\.io/',
];
if (!PROFILE_HOST_SOURCES.every((host) => host.endsWith('/') || host.endsWith('@'))) {
  throw new Error("username: a profile host must end with '/' or '@'");
}
const PROFILE_HOSTS = PROFILE_HOST_SOURCES.join('|');

// Paths that are pages of the network, not people.
const NOT_PROFILES = new Set([
  'home',
  'explore',
  'search',
  'login',
  'signup',
  'settings',
  'about',
  'help',
  'features',
  'pricing',
  'marketplace',
  'topics',
  'trending',
  'notifications',
  'messages',
  'i',
  'intent',
  'share',
  'hashtag',
  'watch',
  'pages',
  'groups',
  'events',
  'jobs',
  'company',
  'feed',
  'privacy',
  'terms',
  'policies',
]);

/*
 * Handles without '@' after a platform's name. Members write "snap: janedoe88", "my insta is jane.doe_88", "add me on
 * kik sk8rgirl", "discord jane_doe", "cashapp $JakeSmith42", "skype: live:jane.doe": a platform's name is used the same
 * way in English, Spanish, Portuguese, French and German, only the words around it differ. The same words start
 * plain talk about the platform ("snap is fun", "IG: great post", "on twitch tonight", "discord server"), so the word
 * after the label is a handle only when
 * - it has a handle's marks: a digit, '_', a '.' or '-' inside, a capital after a small letter, a Discord '#1234', a
 *   cashtag's '$', Skype's 'live:' (platform-handle, after the platform's name, "is", "me" or a dash); or
 * - the label says a handle follows ("IG:", "snap username is", "my snap is", "add me on snap", and their Spanish,
 *   Portuguese, French and German forms) and the word is not a common word (platform-labelled). Common words are
 *   the names gazetteer's COMMON and DICTIONARY entries (an English dictionary and frequent words of the corpora it
 *   was built from) and NOT_HANDLES. No shape tells "janedoe" from "amazing"; the gazetteer is the table the name
 *   tagger loads on every analyzer's first text, so in the engine it costs nothing more, and this recognizer loads it
 *   (~40 ms, once per thread tree) only on the first bare word after such a label, which most texts never hold.
 * Handles are ASCII on every one of these platforms; Instagram's 30 characters (Telegram's 32, Skype's 'live:' ids)
 * fit in 40.
 */

/** Platform names, lower case (the regexes have the i flag); a longer name before a name it starts with. */
const PLATFORMS: readonly string[] = [
  'snapchat',
  'snap',
  'instagram',
  'insta',
  'ig',
  'tiktok',
  'tik tok',
  'discord',
  'telegram',
  'kik',
  'twitch',
  'cashapp',
  'cash app',
  'venmo',
  'skype',
  'wechat',
];
const PLATFORM_SOURCE = `(?:${PLATFORMS.join('|')})`;
const NOT_WORD = '[\\p{L}\\p{N}_]';
/** A platform's name as a whole word, matched from its first letter (see wordsNotAfter). */
const PLATFORM_START = `${wordsNotAfter(NOT_WORD, PLATFORMS)}(?!${NOT_WORD})`;

/**
 * The gate of both platform patterns: every match holds a platform's name, lower-cased, with what must follow it (each
 * form below has a space, a tab, ':' or '=' right after the name). Alone, "ig" is in "big" and "right", "insta" in
 * Spanish "instaurar", "snap" in "snapshot".
 */
const PLATFORM_GATE: readonly string[] = PLATFORMS.flatMap((name) => [' ', '\t', ':', '='].map((next) => name + next));

/** Words between a platform's name and the handle: "snap username:", "IG handle is", "discord tag:". */
const NAME_WORD =
  "(?:user ?name|user|name|handle|id|tag|account|acc|usuario|usuário|nombre de usuario|nombre|cuenta|conta|nome de usuário|nome|compte|pseudo|nom d'utilisateur|nom|konto|benutzername|nutzername)";
/** "is" ("my snap is x", "mi snap es x", "meu snap é x", "mon snap c'est x", "mein snap ist x"). */
const COPULA = "(?:is|es|é|est|c'est|c’est|ist)";
/** Whose the handle is, before the platform's name in "my snap is x". */
const POSSESSIVE =
  '(?:my|your|his|her|their|mi|tu|su|meu|minha|teu|tua|seu|sua|mon|ma|ton|ta|son|sa|mein|meine|dein|deine|sein|seine|ihr|ihre)';
/** "username on snap is x", "usuario de insta es x", "nome no insta é x", "pseudo sur snap est x". */
const NAME_ON = `${NAME_WORD}[ \\t]{1,3}(?:on|in|en|de|no|na|do|da|sur|auf|bei)`;
/** "add me on", "agrégame en", "me adiciona no", "ajoute-moi sur", "adde mich auf", each right before the name. */
const ADD_ME = [
  '(?:add|follow|find|message|msg|dm|text|ping|contact|hit|reach|catch)[ \\t]{1,3}me(?:[ \\t]{1,3}up)?[ \\t]{1,3}(?:on|at|in|via|over)',
  'hmu[ \\t]{1,3}(?:on|at|in|via)',
  '(?:agr[eé]game|a[nñ]ademe|añádeme|s[ií]gueme|escr[ií]beme|b[uú]scame|h[aá]blame|encu[eé]ntrame)[ \\t]{1,3}(?:en|por)(?:[ \\t]{1,3}el)?',
  'me[ \\t]{1,3}(?:add|adiciona|adicione|segue|siga|sigam|chama|chame|procura|procure)[ \\t]{1,3}(?:no|na|pelo|pela|em)',
  '(?:ajoute|ajoutez|suis|suivez|contacte|contactez|[eé]cris|[eé]crivez|retrouve|retrouvez)[- ](?:moi|nous)[ \\t]{1,3}(?:sur|par|via)',
  '(?:add|adde|addet|folg|folge|folgt|schreib|schreibt|kontaktier|kontaktiert|find|findet)[ \\t]{1,3}(?:mich|mir|uns)[ \\t]{1,3}(?:auf|bei|in|über|per|via)',
].join('|');

/**
 * The handle: a cashtag's '$' or Skype's 'live:' may lead, a Discord '#1234' may end it; it starts and ends on a letter,
 * digit or '_'. Nothing of a handle may follow (a letter outside ASCII, '@' of an e-mail address, '/' of a URL, or a
 * '.', ':' or '-' that goes on), so a longer word is not cut to a handle-shaped prefix.
 */
const HANDLE_VALUE = '(\\$?(?:live:)?[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,38}[A-Za-z0-9_])?(?:#\\d{4})?)';
const HANDLE_END = `(?![\\p{L}\\p{N}_@#$/]|[.:-][\\p{L}\\p{N}_/])`;

/** "snap: x", "snap username is x", "my snap is x", "add me on snap x". */
const PLATFORM_LABELLED = new RegExp(
  `${PLATFORM_START}(?:` +
    `(?:[ \\t]{1,3}${NAME_WORD})?[ \\t]{0,3}[:=][ \\t]{0,3}` +
    `|[ \\t]{1,3}${NAME_WORD}[ \\t]{1,3}${COPULA}[ \\t]{1,3}` +
    `|[ \\t]{1,3}${COPULA}(?<=(?<!${NOT_WORD})(?:${POSSESSIVE}|${NAME_ON})[ \\t]{1,3}${PLATFORM_SOURCE}[ \\t]{1,3}${COPULA})[ \\t]{1,3}` +
    `|(?<=(?<!${NOT_WORD})(?:${ADD_ME})[ \\t]{1,3}${PLATFORM_SOURCE})[ \\t]{1,3}` +
    `)${HANDLE_VALUE}${HANDLE_END}`,
  'dgiu',
);

/** "snap janedoe88", "snap is janedoe88", "venmo me Jake-Smith-42", "IG - jane.doe_88". */
const PLATFORM_HANDLE = new RegExp(
  `${PLATFORM_START}(?:[ \\t]{1,3}(?:${COPULA}|${NAME_WORD}|me))?[ \\t]{1,3}(?:[-–—|>→][ \\t]{1,3})?${HANDLE_VALUE}${HANDLE_END}`,
  'dgiu',
);

/**
 * Words that follow these labels in chat and that the gazetteer does not flag as common (slang, words of the other
 * languages, the platforms' own words), lower case.
 */
const NOT_HANDLES = new Set([
  ...PLATFORMS,
  'abajo',
  'abierto',
  'acc',
  'ahora',
  'ahorita',
  'amanha',
  'aqui',
  'besitos',
  'besos',
  'bisous',
  'bjs',
  'bloqueado',
  'borrado',
  'brb',
  'bueno',
  'bussin',
  'cest',
  'ded',
  'goated',
  'highkey',
  'lowkey',
  'mid',
  'nul',
  'tmr',
  'tmrw',
  'tmrrw',
  'caido',
  'cya',
  'danke',
  'depois',
  'dms',
  'finsta',
  'gente',
  'geschlossen',
  'gesperrt',
  'gracias',
  'gruss',
  'hermana',
  'hermano',
  'hoje',
  'hola',
  'http',
  'https',
  'idc',
  'igual',
  'jaja',
  'jajaja',
  'jeje',
  'kkk',
  'kkkk',
  'luego',
  'mdr',
  'nao',
  'ninguno',
  'nunca',
  'nvm',
  'obg',
  'obrigada',
  'obrigado',
  'pfv',
  'pfvr',
  'plis',
  'porfa',
  'porfavor',
  'pra',
  'privada',
  'privat',
  'ptdr',
  'publica',
  'publico',
  'pues',
  'saludos',
  'salut',
  'siempre',
  'sigo',
  'spaeter',
  'tambem',
  'tbd',
  'tmb',
  'tmj',
  'ttyl',
  'vcs',
  'venga',
  'vieja',
  'viejo',
  'vlw',
  'xfa',
  'xoxo',
]);

/** A stock ticker ("$TSLA on cash app", "$AAPL") is in capitals; people write their cashtags otherwise. */
function isTicker(value: string): boolean {
  return /^\$[A-Z]{1,5}$/.test(value);
}

const COMMON_WORD = GAZ.COMMON | GAZ.DICTIONARY;
let gazetteer: Gazetteer | undefined;

/**
 * Whether the word after a platform's label is a handle: `labelled` when the label says one follows (then a word
 * without marks counts, unless it is common), else only a word with a handle's marks. `hyphenLabel`: the label names
 * a platform whose handles may hold '-'.
 */
function isPlatformHandle(value: string, labelled: boolean, hyphenLabel = false): boolean {
  let core = value;
  let marked = false;
  if (core.startsWith('$')) {
    core = core.slice(1);
    marked = true;
  }
  if (core.startsWith('live:')) {
    core = core.slice(5);
    marked = true;
  }
  // A number, a count, a time or a version ("IG: 2024", "IG: 10k followers", "snap 5pm", "discord v14.2") or initials
  // ("IG e.g.") is not a handle; "2cool4u" is.
  if (!/[A-Za-z]/.test(core) || /^v\d/i.test(core) || /^[A-Za-z](?:\.[A-Za-z])+$/.test(core)) return false;
  if (/^\d+(?:[.,]\d+)*[A-Za-z]{0,3}$/.test(core)) return false;
  if (!labelled && !marked && !/^[A-Za-z_]/.test(core)) return false;
  if (isTicker(value)) return false;
  if (marked) return true;
  // Without a label, the word after a platform's name is often a product, a period or a channel ("Instagram iOS app",
  // "Telegram macOS client", "Snap Q3 revenue", "Twitch TV2"): a handle there has a digit, '_', '#' or an inner '.',
  // four characters or more, and is not capitals and digits alone.
  if (!labelled) return core.length >= 4 && /[\d_#.]/.test(core) && !/^[A-Z]+\d+$/.test(core);
  // A '-' alone is no mark: English joins words with it ("Twitch co-founder", "IG: self-care tips").
  if (/[\d_#.]/.test(core) || /[a-z][A-Z]/.test(core)) return true;
  // After a label, a word of letters is a handle when it is not common; words joined by '-' are one after the label
  // of a platform whose handles hold '-' ("venmo: jake-smith"), else when one of them is not common.
  return core.includes('-') && hyphenLabel ? true : core.split('-').some(isUncommonWord);
}

/** Platforms whose handles may hold '-' (Snapchat, Venmo), lower case. */
const HYPHEN_PLATFORMS = new Set(['snapchat', 'snap', 'venmo']);
const PLATFORM_WORDS = new RegExp(`(?<!${NOT_WORD})${PLATFORM_SOURCE}(?!${NOT_WORD})`, 'giu');

/** Whether the platform named last in the label before `start` (within 64 characters) allows '-' in its handles. */
function hyphenLabelBefore(text: string, start: number): boolean {
  let last: string | undefined;
  for (const m of text.slice(Math.max(0, start - 64), start).matchAll(PLATFORM_WORDS)) last = m[0];
  return last !== undefined && HYPHEN_PLATFORMS.has(last.toLowerCase());
}

/**
 * Whether a word of letters is unlike any word the gazetteer knows. A word in capitals is an acronym ("SNAP: EBT card",
 * "IG: NYC"). A capitalised word that any list of the gazetteer holds is a name, a place or a day ("IG: Tuesday night
 * vibes", "snap: Chicago"), which the name tagger and the date recognizer type better; one no list holds is coined, as
 * handles are. A word in lower case is uncommon when the gazetteer does not flag it COMMON or DICTIONARY.
 */
function isUncommonWord(word: string): boolean {
  if (word.length < 3 || !/[a-z]/.test(word)) return false;
  const folded = word.toLowerCase();
  if (NOT_HANDLES.has(folded)) return false;
  gazetteer ??= loadGazetteer();
  const flags = gazetteer.flags(folded);
  return /^[A-Z]/.test(word) ? flags === 0 : (flags & COMMON_WORD) === 0;
}

/** Cash App's words: a cashtag ("$JakeSmith42") is taken on its own only near one. */
const CASH_APP_WORDS: readonly string[] = ['cashapp', 'cash app', 'cashtag', 'cash tag'];

/** Social handles and profile URLs. */
export function createUsernameRecognizer() {
  return createPatternRecognizer({
    name: 'username',
    types: ['USERNAME'],
    // No prefilter: every pattern has a gate of its own ('@', '/', ':' or '=', a platform's name), each answered by
    // the features pass (a mask, a word list), which is as cheap as a prefilter testing them all.
    context: { words: ['follow', 'user', 'username', 'handle', 'dm', 'profile', 'usuario', 'twitter', 'instagram'] },
    patterns: [
      {
        name: 'profile-url',
        regex: new RegExp(
          `(?<![\\w.-])(?:https?://)?(?:(?:www|m|mobile|[a-z]{2})\\.)?(?:${PROFILE_HOSTS})([A-Za-z0-9_.-]{1,100})/?`,
          'gi',
        ),
        score: 0.9,
        literals: ['/'],
        // The first '/' (of the scheme or the host's path) is at most 7 + 17 characters in ("mobile.stackoverflow.com/").
        anchor: { text: '/', within: 32 },
        // A host of the list, read back from a '/' or '@' (each ends with one): the regex tries every word after the
        // first '/' of a text, and most texts with a '/' name no network (dates, units, paths).
        gate: new RegExp(`[/@](?<=(?:${PROFILE_HOSTS}))`, 'i'),
        validate: ({ value }) => {
          const path = /\.[a-z]{2,3}\/(?:[a-z]+\/)?@?([^/]+)\/?$/i.exec(value)?.[1]?.toLowerCase() ?? '';
          return NOT_PROFILES.has(path) ? 'invalid' : 'valid';
        },
      },
      {
        // "username: jdoe_99", "login = m.rossi", "usuario: ana.lopez"
        name: 'labelled-username',
        regex:
          /(?<![\p{L}])(?:user ?name|user ?id|login|handle|usuario|nombre de usuario|benutzername|benutzer|identifiant|nom d'utilisateur|usuário|nome de usuário)[ \t]{0,3}[:=][ \t]{0,3}@?([\p{L}\p{N}._-]{2,40})(?![\p{L}\p{N}@])/dgiu,
        group: 1,
        score: 0.8,
        literals: [':', '='],
        anyOf: ['user', 'login', 'handle', 'usuario', 'usuário', 'benutzer', 'identifiant', 'utilisateur'],
      },
      {
        // "@jane_doe", "@jane.doe"; Venmo's and Snapchat's handles hold '-' too ("Venmo me @Jake-Smith-42"). A '-'
        // or '.' at the end is punctuation ("thanks @mike - great talk", "@mike-"): the handle ends before it.
        name: 'handle',
        // Latin letters with accents count ("@zoë.k", "@ñandú_88"): a handle cut at its first non-ASCII letter left the
        // rest of it in ("[USERNAME]ë.k"). A Latin handle ends where the script changes, as Chinese and Japanese
        // write a handle against the words around it ("谢谢@jane_doe88。", "@tanaka_taroさんの"); a handle in another
        // script ("//@李娜娜:", "@Иван_Петров", "@محمد_علي") takes letters, marks, digits and '_' up to 30.
        regex:
          /(?<![\p{Script=Latin}\p{N}\p{M}_@.+-])@(?:[\p{Script=Latin}\p{N}_](?:[\p{Script=Latin}\p{N}\p{M}_.-]{0,28}[\p{Script=Latin}\p{N}\p{M}_])?(?![\p{Script=Latin}\p{N}\p{M}_@]|[.-][\p{Script=Latin}\p{N}_])|(?![\p{Script=Latin}\p{N}_])\p{L}[\p{L}\p{M}\p{N}_]{0,29})/gu,
        score: 0.75,
        literals: ['@'],
        // A range or a phone number after '@' ("@10-12", "@1-800-FLOWERS") is not a handle: one with a '-' starts
        // on a letter or '_' (without a '-', "@10" stays what it was).
        validate: ({ value }) => {
          if (!value.includes('-')) return 'not_applicable';
          return /^@[\p{Script=Latin}_]/u.test(value) ? 'valid' : 'invalid';
        },
      },
      {
        // The label says a handle follows: a word without marks counts unless it is common (isPlatformHandle). Scored
        // as labelled-username: the label alone is the evidence, and it survives the default threshold (0.5).
        name: 'platform-labelled',
        regex: PLATFORM_LABELLED,
        group: 1,
        score: 0.8,
        anyOf: PLATFORM_GATE,
        validate: ({ value, start, input }) =>
          isPlatformHandle(value, true, value.includes('-') && hyphenLabelBefore(input.text, start))
            ? 'valid'
            : 'invalid',
      },
      {
        // A handle-shaped word right after a platform's name: above the threshold on its own, below the labelled form,
        // since a word with a digit or '_' after a platform's name may still be prose ("snap story_2").
        name: 'platform-handle',
        regex: PLATFORM_HANDLE,
        group: 1,
        score: 0.7,
        anyOf: PLATFORM_GATE,
        validate: ({ value }) => (isPlatformHandle(value, false) ? 'valid' : 'invalid'),
      },
      {
        // A cashtag with Cash App named within 40 characters before or after it ("send it to $JakeSmith42 on cash
        // app"). Alone a '$' word is a stock ticker or a price ("$AAPL", "$5"): 0.4 is below the threshold and the
        // context word is required; with it the span scores 0.75.
        name: 'cashtag',
        regex: /(?<![\w$])\$[A-Za-z][A-Za-z0-9_]{0,19}(?![\p{L}\p{N}_$@]|[.-][\p{L}\p{N}_])/gu,
        score: 0.4,
        anyOf: CASH_APP_WORDS,
        context: { words: CASH_APP_WORDS, before: 40, after: 40, required: true },
        validate: ({ value }) => (isTicker(value) ? 'invalid' : 'valid'),
      },
    ],
  });
}
