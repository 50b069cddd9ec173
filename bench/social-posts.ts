// Generator of social-media-style posts with labeled personal data (faker, seeded) for bench/redact.ts.
// Most posts carry no identifier, as on a real network; the rest mix names, e-mails, phones, handles, profile URLs,
// street addresses and dates in five locales.

import { type Faker, fakerDE, fakerEN_US, fakerES, fakerFR, fakerPT_BR } from '@faker-js/faker';
import type { EntityType } from '../src/domain/index.js';
import { seededRandom } from '../src/domain/seeded-random.js';
import type { LabeledRecord } from '../src/redact/eval/corpus.js';
import type { GoldSpan } from '../src/redact/eval/metrics.js';

type Piece = string | readonly [type: EntityType, value: string];
type Template = (f: Faker) => Piece[];

const LOCALES: readonly [string, string, Faker][] = [
  ['en', 'US', fakerEN_US],
  ['es', 'ES', fakerES],
  ['de', 'DE', fakerDE],
  ['fr', 'FR', fakerFR],
  ['pt', 'BR', fakerPT_BR],
];

const PLAIN: readonly string[] = [
  'Great article on distributed systems, highly recommend reading it this weekend.',
  'Three lessons from shipping our first product: talk to users, cut scope, and write things down.',
  'Hiring is hard. Onboarding is harder. What worked for your team? Curious to hear.',
  'Just finished a 10k run before work, feeling great. Coffee time!',
  'Our quarterly results are out: revenue up 12% and the team grew to 45 people.',
  'Reminder: the webinar starts at 3 pm, bring your questions about data pipelines.',
  'Thanks everyone for the kind words on my talk yesterday, slides coming soon.',
  'Hot take: most meetings could be a short document and a comment thread.',
];

const handle = (f: Faker) =>
  f.internet
    .username()
    .replace(/[^A-Za-z0-9_]/g, '_')
    .slice(0, 15);

const TEMPLATES: readonly Template[] = [
  (f) => ['Congrats to ', ['PERSON', f.person.fullName()], ' on the new role! Well deserved 👏'],
  (f) => [
    'Looking for a new role, reach me at ',
    ['EMAIL', f.internet.email()],
    ' or ',
    ['PHONE', f.phone.number({ style: 'international' })],
  ],
  (f) => [
    'Thanks ',
    ['USERNAME', `@${handle(f)}`],
    ' for the intro! Connect with me: ',
    [
      'USERNAME',
      `https://www.linkedin.com/in/${f.internet
        .username()
        .toLowerCase()
        .replace(/[^a-z0-9-]/g, '-')}`,
    ],
  ],
  (f) => ['Our new office is at ', ['STREET_ADDRESS', f.location.streetAddress()], ', come say hi on Friday.'],
  (f) => [
    'Call me on ',
    ['PHONE', f.phone.number({ style: 'national' })],
    ' after 6, ',
    ['PERSON', f.person.firstName()],
    ' here.',
  ],
  (f) => ['Happy birthday ', ['PERSON', f.person.fullName()], '! 🎂'],
  (f) => ['New blog post: ', ['URL', f.internet.url()], ' — feedback welcome.'],
  (f) => [
    'Meeting with ',
    ['PERSON', f.person.fullName()],
    ' and ',
    ['PERSON', f.person.fullName()],
    ' went great today.',
  ],
  (f) => ['Send your CV to ', ['EMAIL', f.internet.email()], ' (subject: data engineer).'],
];

/** `count` posts; about `piiShare` of them carry personal data. */
export function generatePosts(count: number, seed = 42, piiShare = 0.4): LabeledRecord[] {
  const rand = seededRandom(seed);
  for (const [, , f] of LOCALES) f.seed(seed);
  const posts: LabeledRecord[] = [];
  for (let i = 0; i < count; i++) {
    const [lang, , f] = LOCALES[Math.floor(rand() * LOCALES.length)] as (typeof LOCALES)[number];
    if (rand() >= piiShare) {
      posts.push({ id: `post-${i}`, text: PLAIN[Math.floor(rand() * PLAIN.length)] as string, lang, spans: [] });
      continue;
    }
    const template = TEMPLATES[Math.floor(rand() * TEMPLATES.length)] as Template;
    let text = '';
    const spans: GoldSpan[] = [];
    for (const piece of template(f)) {
      if (typeof piece === 'string') text += piece;
      else {
        spans.push({ start: text.length, end: text.length + piece[1].length, type: piece[0] });
        text += piece[1];
      }
    }
    posts.push({ id: `post-${i}`, text, lang, spans });
  }
  return posts;
}

/** The record's country for a language, as the platform would know it from the member profile. */
export function countryOf(lang: string | undefined): string | undefined {
  return LOCALES.find(([l]) => l === lang)?.[1];
}
