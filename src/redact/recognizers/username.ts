// USERNAME: @handles and profile URLs of common social networks (the whole URL is the identifier).

import { createPatternRecognizer, hasAscii } from '../pattern-recognizer.js';

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

/** Social handles and profile URLs. */
export function createUsernameRecognizer() {
  return createPatternRecognizer({
    name: 'username',
    types: ['USERNAME'],
    prefilter: (_text, features) =>
      hasAscii(features, '@') || hasAscii(features, '/') || hasAscii(features, ':') || hasAscii(features, '='),
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
        name: 'handle',
        regex: /(?<![\w@.+-])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?(?![\w@-]|\.\w)/g,
        score: 0.75,
        literals: ['@'],
      },
    ],
  });
}
