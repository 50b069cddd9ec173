import { describe, expect, it } from 'vitest';
import { resolveOverlaps } from '../analyzer.js';
import { buildWithoutGates } from '../pattern-recognizer.js';
import { createUsernameRecognizer } from './username.js';

const recognizer = createUsernameRecognizer();
type Case = readonly [text: string, expected: readonly string[]];

function detected(text: string, country?: string): string[] {
  const spans = recognizer.analyze({ text, ...(country ? { country } : {}) }).filter((s) => s.score >= 0.5);
  return resolveOverlaps(spans, text.length).map((s) => text.slice(s.start, s.end));
}

const cases: readonly Case[] = [
  ['thanks @jane_doe!', ['@jane_doe']],
  ['profile linkedin.com/in/jane-doe-123', ['linkedin.com/in/jane-doe-123']],
  ['https://github.com/octocat and https://x.com/home', ['https://github.com/octocat']],
  ['https://www.instagram.com/some.user/', ['https://www.instagram.com/some.user/']],
  ['username: jdoe_99, password hidden', ['jdoe_99']],
  ['Usuario: ana.lopez', ['ana.lopez']],
  ['mail jane@example.com', []],
  ['price @ 5 dollars', []],
];

// '@' handles with '-' (Venmo, Snapchat): the whole handle, never a trailing '-'.
const hyphenHandles: readonly Case[] = [
  ['Venmo me @Jake-Smith-42', ['@Jake-Smith-42']],
  ['ping @jane-doe please', ['@jane-doe']],
  ['thanks @mike - great talk', ['@mike']],
  ['@ñandú_88 and @zoë.k posted', ['@ñandú_88', '@zoë.k']],
  ['gracias @josé-maría!', ['@josé-maría']],
  ['mail zoë@example.com', []],
  ['谢谢@jane_doe88。', ['@jane_doe88']],
  // review 2026-11-30: products, periods and slang after a platform's name
  ['The Instagram iOS app crashes', []],
  ['Discord iPhone app', []],
  ['Telegram macOS client', []],
  ['Snap Q3 revenue', []],
  ['Twitch TV2', []],
  ['my IG is lowkey dead', []],
  ['hmu on snap tmrw', []],
  ['my snap is bussin', []],
  ['my twitch is ded', []],
  ['@tanaka_taroさんのおかげでとても楽しい一日になりました', ['@tanaka_taro']],
  ['спасибо@ivan_88!', ['@ivan_88']],
  ['转发微博 //@李娜娜: 太好了', ['@李娜娜']],
  ['спасибо @Иван_Петров за помощь', ['@Иван_Петров']],
  ['شكرا @محمد_علي', ['@محمد_علي']],
  ['@たなか さんありがとう', ['@たなか']],
  ['thanks @mike -great talk', ['@mike']],
  ['ping @mike- now', ['@mike']],
  ['ping @mike-', ['@mike']],
  ['cc @mike—great talk', ['@mike']],
  ['@jane-doe.', ['@jane-doe']],
  // A range or a phone number after '@' is not a handle.
  ['meet @10-12 at the hall', []],
  ['call @1-800-FLOWERS', []],
  // A handle may hold dots ("thanks @acme.io" was one before '-' was allowed): the whole word, never a piece of it.
  ['see @jane-doe.com', ['@jane-doe.com']],
  ['mail jane-doe@example.com', []],
];

// Handles without '@' after a platform's name.
const platformPositives: readonly Case[] = [
  ['my IG is @jane.doe_88 and snap is janedoe88', ['@jane.doe_88', 'janedoe88']],
  ['snap: janedoe88', ['janedoe88']],
  ['snap:janedoe88', ['janedoe88']],
  ['Snap : janedoe', ['janedoe']],
  ['add me on snapchat janedoe88', ['janedoe88']],
  ['add me on snap janedoe', ['janedoe']],
  ['hmu on snap janedoe', ['janedoe']],
  ['my insta is jane.doe_88', ['jane.doe_88']],
  ['my insta is janedoe', ['janedoe']],
  ['her insta is janedoe lol', ['janedoe']],
  ['IG: janedoe', ['janedoe']],
  ['IG: JaneDoe', ['JaneDoe']],
  ['IG: Janedoe', ['Janedoe']],
  ['IG - jane.doe_88', ['jane.doe_88']],
  ['insta → jane.doe_88', ['jane.doe_88']],
  ['my IG handle is janedoe', ['janedoe']],
  ['my snapchat username is janedoe', ['janedoe']],
  ['my username on snap is janedoe', ['janedoe']],
  ['discord: jane#1234', ['jane#1234']],
  ['discord jane_doe', ['jane_doe']],
  ['discord tag: jane#1234', ['jane#1234']],
  ['tiktok @xavier_b', ['@xavier_b']],
  ['my tik tok is jane.doe', ['jane.doe']],
  ['telegram: @xavier_b', ['@xavier_b']],
  ['kik: xavier', ['xavier']],
  ['kik: sk8rgirl', ['sk8rgirl']],
  ['kik: 2cool4u', ['2cool4u']],
  ['twitch: xqcfan', ['xqcfan']],
  ['follow me on twitch xqcfan', ['xqcfan']],
  ['cashapp $JakeSmith42', ['$JakeSmith42']],
  ['cash app: $jake', ['$jake']],
  ['send $20 to $JakeSmith42 on cash app', ['$JakeSmith42']],
  ['my cashtag is $jakes', ['$jakes']],
  ['venmo: Jake-Smith-42', ['Jake-Smith-42']],
  ['venmo me Jake-Smith-42', ['Jake-Smith-42']],
  ['venmo: jake-smith', ['jake-smith']],
  ['my snap is jane-doe', ['jane-doe']],
  ['IG: janedoe-x', ['janedoe-x']],
  ['skype: live:jane.doe', ['live:jane.doe']],
  ['skype: jane.doe', ['jane.doe']],
  ['wechat: jane_88', ['jane_88']],
  ['snap: janedoe88, insta: jane.doe_88', ['janedoe88', 'jane.doe_88']],
  // Spanish, Portuguese, French, German.
  ['mi snap es janedoe88', ['janedoe88']],
  ['agrégame en snap: janedoe', ['janedoe']],
  ['sígueme en insta jane.doe_88', ['jane.doe_88']],
  ['mi usuario de insta es janedoe', ['janedoe']],
  ['meu insta é jane.doe_88', ['jane.doe_88']],
  ['me segue no insta janedoe', ['janedoe']],
  ['me adiciona no kik: sk8rgirl', ['sk8rgirl']],
  ["mon snap c'est janedoe88", ['janedoe88']],
  ['mon snap c’est janedoe', ['janedoe']],
  ['ajoute-moi sur snap janedoe', ['janedoe']],
  ['mein Insta ist jane.doe_88', ['jane.doe_88']],
  ['adde mich auf Snap: janedoe', ['janedoe']],
];

// Talk about the platforms, and labels followed by something other than a handle.
const platformNegatives: readonly Case[] = [
  ['snap is fun', []],
  ['IG: great post', []],
  ['my insta is dead lol', []],
  ['snapchat is down', []],
  ['on twitch tonight', []],
  ['follow me on twitch tonight', []],
  ['discord server', []],
  ['$5 on cashapp', []],
  ['add me on snap lol', []],
  ['IG: Jane', []],
  ['IG: Xavier', []],
  ['SNAP: EBT card accepted', []],
  ['IG: NYC trip', []],
  ['IG: 2024', []],
  ['IG: 10k followers', []],
  ['twitch: 2.5k subs', []],
  ['discord: 3pm EST', []],
  ['snap 5pm', []],
  ['snap janedoe', []],
  ['snap is janedoe', []],
  ['discord v14.2 released', []],
  ['Twitch co-founder Justin Kan', []],
  ['IG: self-care tips', []],
  ['snap: janedoe88, IG: self-care tips', ['janedoe88']],
  ['IG e.g. stories', []],
  ['Ig G 127 mg/dl', []],
  ['IgG: 12 mg', []],
  ['the snapshot is janedoe88', []],
  ['Tommy snap is janedoe', []],
  ['bought $AAPL today', []],
  ['the $TSLA price on cash app went up', []],
  ['cashapp $TSLA', []],
  ['IG: Tuesday night vibes', []],
  ['snap: Chicago at night', []],
  ['mein insta ist privat', []],
  ['I love snap peas and IG posts', []],
  ['mi insta es privado jaja', []],
  ['mein snap ist gesperrt', []],
  ['sígueme en insta porfa', []],
  ['IG: josé', []],
  ['telegram: 555 0199', []],
  // The e-mail address and the URL are the EMAIL and URL recognizers' spans; no handle is cut out of them.
  ['snap: jane_doe@gmail.com', []],
  ['IG: https://example.com/jane', []],
  ['discord.gg/abc123', []],
];

describe('username recognizer', () => {
  it.each(cases)('%j → %j', (text, expected) => {
    expect(detected(text)).toEqual(expected);
  });
  it.each(hyphenHandles)('hyphens: %j → %j', (text, expected) => {
    expect(detected(text)).toEqual(expected);
  });
  it.each(platformPositives)('after a platform: %j → %j', (text, expected) => {
    expect(detected(text)).toEqual(expected);
  });
  it.each(platformNegatives)('not a handle: %j → %j', (text, expected) => {
    expect(detected(text)).toEqual(expected);
  });

  it('scores a labelled handle above the default threshold without context words', () => {
    const scores = (text: string) => recognizer.analyze({ text }).map((s) => s.score);
    expect(scores('snap: janedoe88')).toEqual([0.8]);
    expect(scores('snap janedoe88')).toEqual([0.7]);
    expect(scores('sent $JakeSmith42 on cashapp')).toEqual([0.75]);
    expect(scores('bought $AAPL')).toEqual([]);
  });

  it('finds the same spans with its gates off', () => {
    const ungated = buildWithoutGates(createUsernameRecognizer);
    const texts = [
      ...[...cases, ...hyphenHandles, ...platformPositives, ...platformNegatives].map(([text]) => text),
      // Case folds the i and u flags read as ASCII letters: long s, the Kelvin sign.
      'ſnap: janedoe88',
      '\u212Aik: sk8rgirl',
      'bIG janedoe88',
      'IG\tjane_doe',
      'ig=jane_doe',
      'caſhapp $jake',
      '$jake on cash  app',
    ];
    for (const text of texts) expect(recognizer.analyze({ text })).toEqual(ungated.analyze({ text }));
  });
});
