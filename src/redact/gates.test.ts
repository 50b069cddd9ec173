// Gates are necessary conditions: every built-in recognizer, built again with its gates and prefilters switched off
// (buildWithoutGates), must find exactly the spans the real one finds. A gate that wrongly says "cannot match" hides
// personal data, and the gates are written by hand beside their regexes, so this runs over many texts: the labelled
// corpora when present, generated posts, the adversarial inputs, and seeded random texts built from pieces that sit
// on gate boundaries (label words, month names, top-level domains, digit runs, separators, Unicode case folds).

import { describe, expect, it } from 'vitest';
import { countryOf, generatePosts } from '../../bench/social-posts.js';
import { seededRandom } from '../domain/seeded-random.js';
import { adversarialInputs } from './adversarial-inputs.js';
import { corpusDirectory, listCorpora, readCorpus } from './eval/corpus.js';
import { NAME_RECOGNIZER } from './names/index.js';
import { buildWithoutGates, textHasWords } from './pattern-recognizer.js';
import type { AnalysisInput, DetectedSpan, Recognizer } from './recognizer.js';
import { RECOGNIZER_FACTORIES } from './registry.js';

const repoRoot = new URL('../..', import.meta.url).pathname;
const corpusDir = corpusDirectory(repoRoot);
const corpora = listCorpora(corpusDir);
if (corpora.length === 0) console.warn(`gates.test: corpora skipped, none at ${corpusDir} (set ASSENT_PII_DATASETS)`);

// The name tagger has no gates of this kind; every other recognizer is compared with its ungated twin.
const buildAll = () => RECOGNIZER_FACTORIES.map((create) => create()).filter((r) => r.name !== NAME_RECOGNIZER);
const gated: readonly Recognizer[] = buildAll();
const ungated: readonly Recognizer[] = buildWithoutGates(buildAll);

interface Mismatch {
  readonly source: string;
  readonly recognizer: string;
  readonly gated: string;
  readonly ungated: string;
}

function describeSpans(spans: readonly DetectedSpan[]): string {
  return spans.map((s) => `${s.type}@${s.start}-${s.end}:${s.score}`).join(' ');
}

function sameSpans(a: readonly DetectedSpan[], b: readonly DetectedSpan[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as DetectedSpan;
    const y = b[i] as DetectedSpan;
    if (x.start !== y.start || x.end !== y.end || x.type !== y.type || x.score !== y.score) return false;
    if (x.recognizer !== y.recognizer) return false;
  }
  return true;
}

/** Runs both sets over the inputs; returns the mismatches (offsets only: corpus texts hold personal data). */
function compare(inputs: Iterable<{ source: string; input: AnalysisInput }>): {
  mismatches: Mismatch[];
  spans: number;
} {
  const mismatches: Mismatch[] = [];
  let spans = 0;
  for (const { source, input } of inputs) {
    for (let r = 0; r < gated.length; r++) {
      const expected = (ungated[r] as Recognizer).analyze(input);
      const actual = (gated[r] as Recognizer).analyze(input);
      spans += expected.length;
      if (!sameSpans(actual, expected) && mismatches.length < 20) {
        const recognizer = (gated[r] as Recognizer).name;
        mismatches.push({ source, recognizer, gated: describeSpans(actual), ungated: describeSpans(expected) });
      }
    }
  }
  return { mismatches, spans };
}

/** Pieces on gate boundaries: words of the word-list gates, shapes of the numeric and adjacency gates. */
const PIECES: readonly string[] = [
  // spelled e-mail addresses: the words and signs the spelled-out gate and the prefilter's word gate read
  'jsmith88',
  ' at ',
  ' AT ',
  '[at]',
  '(at)',
  '-at-',
  '_at_',
  ' arroba ',
  ' dot ',
  ' punto ',
  ' ponto ',
  '[dot]',
  ' @ ',
  'gmail',
  'com',
  // labels and context words
  'passport number:',
  'pasaporte',
  "driver's license",
  'DL#',
  'cnh',
  'SSN',
  'DNI',
  'NIE',
  'codice fiscale',
  'Employee ID:',
  // labels and shapes added 2026-11-30: bank accounts, handles after a platform's name, passwords in URIs, East
  // Asian addresses, numbers labelled as something other than a phone
  'bank account',
  'acct no.',
  'sort code',
  'Kontonummer:',
  'número de cuenta',
  'número da conta',
  'conta corrente',
  'routing #',
  'snap:',
  'IG ',
  'add me on kik',
  'cash app',
  '$jake42',
  'venmo: jake-smith',
  '@zoë.k',
  'postgres://bob:hunter2@db.example.com:5432',
  '〒100-0001',
  '東京都千代田区千代田1-1',
  '北京市朝阳区建国路88号',
  '서울특별시 강남구 테헤란로 152',
  'BSN',
  'Steuer-ID',
  // a value's first digit as far from its label's start as generic-id's digit anchor allows for (40 of 64)
  'health insurance number \t nº.nº. \t ABCD-1234',
  'n.º de historia clínica   n°.no.   XY/98765',
  '1st of March, 2020',
  'patient no.',
  'MRN',
  'NHC:',
  'NASS:',
  'NºCol:',
  'número de colegiado',
  'nº de historia clínica',
  'Versichertennummer',
  'username:',
  'user id=',
  'login =',
  'usuário:',
  'password:',
  'api_key=',
  'Token is',
  'contraseña:',
  'clave =',
  'Bearer',
  'bearer',
  'secret',
  'corner of',
  'corner of Elm and Oak',
  'intersection of',
  'lives at',
  'Domicilio:',
  'aged',
  'turned',
  "I'm",
  'she is',
  'was',
  'years old',
  '-year-old',
  'y/o',
  'años',
  'de edad',
  'Edad:',
  'Jahre alt',
  'im Alter von',
  'âgé de',
  'anos',
  'varón de',
  'born',
  'b.',
  'geb.',
  'DOB',
  'card',
  'visa',
  'iban',
  'zip code',
  'CEP',
  'phone:',
  'Tel.:',
  'fax',
  'call',
  'wallet',
  'mac',
  // dates
  'March',
  'mar.',
  'Sept',
  'de marzo de',
  'Oktober',
  'märz',
  'août',
  'févr.',
  'março',
  'Saturday',
  'sábado',
  'terça-feira',
  'in',
  'since',
  'desde',
  'im Jahr',
  // streets
  'Main St',
  'Clarke Avenue',
  'Road',
  'Rd.',
  'Calle',
  'calle',
  'C/',
  'C/.',
  'Av.',
  'Avda.',
  'Pº',
  'Rue',
  'rue',
  'Via',
  'Rua',
  'Hauptstraße',
  'Hauptstr.',
  'Parijsstraat',
  'hersnapvej',
  'Unter den Linden Straße',
  'Andrássy út',
  'Apt',
  'Suite',
  'Ste.',
  'Unit',
  'P.O. Box',
  'PO Box',
  'Postfach',
  'Apartado de correos',
  'Boîte postale',
  'PSC',
  'APO AE',
  'FPO AA',
  'USS Constitution',
  's/n',
  'S/N',
  'and',
  '&',
  'Madrid',
  'Springfield, IL',
  'London',
  'GIR 0AA',
  'SW1A 1AA',
  'K1A 0B1',
  // URLs, handles, e-mail
  'https://',
  'http://',
  'ftp://',
  'www.',
  '.com',
  '.co',
  '.io',
  '.de',
  '.es',
  '.org/',
  'example',
  'linkedin.com/in/',
  'twitter.com/',
  'github.com/',
  't.me/',
  '@',
  '@jane_doe',
  `${'a'.repeat(64)}@example.com`,
  `${'b'.repeat(63)}.example.com`,
  `${'𝐀'.repeat(64)}@example.io`,
  'mobile.stackoverflow.com/users/jdoe',
  'jane.doe',
  // secrets, wallets
  'AKIA',
  'ghp_',
  'github_pat_',
  'glpat-',
  'xoxb-',
  'sk_live_',
  'AIza',
  'sk-',
  'SK',
  'SG.',
  'npm_',
  'eyJ',
  '-----BEGIN ',
  'PRIVATE KEY-----',
  '-----END ',
  'bc1',
  'tb1',
  '0x',
  // valid identifiers (checksums pass)
  '4111 1111 1111 1111',
  '378282246310005',
  'GB82WEST12345698765432',
  'DE89 3704 0044 0532 0130 00',
  '172.61.42.192',
  '2001:db8::8a2e:370:7334',
  'fe80::1',
  '00:1A:2B:3C:4D:5E',
  '001a.2b3c.4d5e',
  '111.444.777-35',
  '11.222.333/0001-81',
  '12345678Z',
  'X1234567L',
  'RSSMRA85T10A562S',
  '2345 6789 0129',
  'ABCPE1234F',
  'AB 12 34 56 C',
  '86095742719',
  '130 692 544',
  '1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2',
  'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq',
  '0x52908400098527886E0F7030069857D2E4169EE7',
  '+1 415 555 2671',
  '967 597 100',
  '(11) 98765-4321',
  '21/05/2015',
  '1984-04-27 15:25:53',
  '12:30',
  // separators and characters
  ' ',
  '\t',
  '\n',
  '\n\n',
  ',',
  ', ',
  '.',
  ':',
  '=',
  '/',
  '-',
  '#',
  'º',
  '°',
  '\u00a0',
  '(',
  ')',
  // Unicode: case folds a regex with the i and u flags applies (ſ = s, K = k), and ones it does not (İ, ı)
  'ſ',
  'K',
  'İ',
  'ı',
  'ß',
  'ẞ',
  'é',
  'Ñ',
  '😂',
  '\u0000',
  '\ud800',
];

/** A piece spelled another way: case changed, or a letter replaced by a character that folds to (or near) it. */
function mutate(piece: string, random: () => number): string {
  const roll = random();
  if (roll < 0.15) return piece.toUpperCase();
  if (roll < 0.3) return piece.toLowerCase();
  if (roll < 0.35) return piece.charAt(0).toUpperCase() + piece.slice(1);
  if (roll < 0.42) return piece.replace(/s/, 'ſ');
  if (roll < 0.46) return piece.replace(/k/i, 'K');
  if (roll < 0.5) return piece.replace(/i/, 'ı').replace(/I/, 'İ');
  return piece;
}

/** A random token: digits, hex or letters-and-digits runs near the numeric gates' thresholds, with separators. */
function randomToken(random: () => number): string {
  const pick = (alphabet: string, length: number) => {
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet.charAt(Math.floor(random() * alphabet.length));
    return out;
  };
  const digits = '0123456789';
  const kind = Math.floor(random() * 6);
  if (kind === 0) return pick(digits, 1 + Math.floor(random() * 19));
  if (kind === 1) {
    // digit groups joined by one separator
    const separator = pick(' -./:', 1);
    const groups = 2 + Math.floor(random() * 4);
    return Array.from({ length: groups }, () => pick(digits, 1 + Math.floor(random() * 5))).join(separator);
  }
  if (kind === 2)
    return (
      pick('ABCDEFGHIJKLMNOPQRSTUVWXYZ', 1 + Math.floor(random() * 3)) +
      pick(digits, 1 + Math.floor(random() * 8)) +
      pick('ABCDEFGHIJKLMNOPQRSTUVWXYZ', Math.floor(random() * 3))
    );
  if (kind === 3) return pick('0123456789abcdefABCDEF', 2 + Math.floor(random() * 3)) + pick(':-.', 1);
  if (kind === 4)
    return pick('ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz0123456789', 12 + Math.floor(random() * 30));
  return pick('abcdefghijklmnopqrstuvwxyz', 1 + Math.floor(random() * 8));
}

function randomTexts(count: number, seed: number): string[] {
  const random = seededRandom(seed);
  const texts: string[] = [];
  for (let i = 0; i < count; i++) {
    let text = '';
    const n = 1 + Math.floor(random() * 10);
    for (let j = 0; j < n; j++) {
      const part =
        random() < 0.7 ? mutate(PIECES[Math.floor(random() * PIECES.length)] as string, random) : randomToken(random);
      const glue = random();
      text += part + (glue < 0.5 ? ' ' : glue < 0.6 ? ', ' : glue < 0.65 ? '\n' : '');
    }
    texts.push(text);
  }
  return texts;
}

const COUNTRIES = [undefined, 'US', 'ES', 'DE', 'GB', 'BR'] as const;
const LANGS = [undefined, 'en', 'es', 'de', 'fr', 'pt'] as const;

function withRegion(text: string, index: number): AnalysisInput {
  const country = COUNTRIES[index % COUNTRIES.length];
  const lang = LANGS[(index >> 1) % LANGS.length];
  return { text, ...(lang ? { lang } : {}), ...(country ? { country } : {}) };
}

function expectNoMismatch(result: { mismatches: Mismatch[]; spans: number }, minSpans: number): void {
  expect(result.mismatches).toEqual([]);
  expect(result.spans).toBeGreaterThan(minSpans);
}

describe('recognizer gates are necessary conditions of their regexes', () => {
  it('seeded random texts from boundary pieces, short and repeated: same spans with and without gates', () => {
    const texts = randomTexts(6000, 20261129);
    const inputs = function* () {
      let index = 0;
      for (const piece of PIECES) yield { source: JSON.stringify(piece), input: withRegion(piece, index++) };
      for (const text of texts) {
        yield { source: JSON.stringify(text), input: withRegion(text, index) };
        if (index % 10 === 0)
          yield { source: `${JSON.stringify(text)} x20`, input: withRegion(text.repeat(20), index) };
        index++;
      }
    };
    expectNoMismatch(compare(inputs()), 5000);
  });

  it('generated posts: same spans with and without gates', () => {
    const posts = generatePosts(3000, 7);
    const inputs = function* () {
      for (const post of posts) {
        const country = countryOf(post.lang);
        yield {
          source: post.id,
          input: { text: post.text, ...(post.lang ? { lang: post.lang } : {}), ...(country ? { country } : {}) },
        };
      }
    };
    expectNoMismatch(compare(inputs()), 500);
  });

  it('adversarial inputs: same spans with and without gates', () => {
    const inputs = function* () {
      for (const [name, text] of Object.entries(adversarialInputs(4096))) yield { source: name, input: { text } };
    };
    const result = compare(inputs());
    expect(result.mismatches).toEqual([]);
  });

  it.skipIf(corpora.length === 0)(
    'labelled corpora: same spans with and without gates',
    () => {
      let total = 0;
      for (const file of corpora) {
        const corpus = readCorpus(`${corpusDir}/${file}`);
        const inputs = function* () {
          for (const record of corpus.records) {
            yield { source: record.id, input: { text: record.text, ...(record.lang ? { lang: record.lang } : {}) } };
          }
        };
        const result = compare(inputs());
        expect(result.mismatches, file).toEqual([]);
        total += result.spans;
      }
      expect(total).toBeGreaterThan(1000);
    },
    120_000,
  );
});

// The word lists of every pattern (literals, and anyOf words in the lower-cased text) sit in one index searched in
// the same pass as the other features: two code units pick the candidates, whose lower case is taken one unit at a
// time (texts with U+0130 or U+03A3, whose lower case is not one unit everywhere, are also searched in lower()).
const LITERAL_LISTS: readonly (readonly string[])[] = [
  ['St', 'Ave', 'Rd.', 'C/', 'x', 'Ñu', 'Straße', 'SK', '0x'],
  ['Box', 'Boîte', 'İz', 'ſt', 'Σα', '😂A', '𐐀b'],
  [', 1', ',1', 'ab', 'abc', 'abcd'],
];
const ANY_OF_LISTS: readonly (readonly string[])[] = [
  ['sunday', 'año', 'día', 'zz', 'q', 'sundays', 'kelvin', 'straße'],
  ['s', 'σας', 'ας', 'σα', 'iz', 'i̇z', 'éa', 'ü'],
  ['yo', 'y/o', 'edad', 'âge', 'user id', 'of', 'ofa', '𐐨b'],
];

describe('word-list gates', () => {
  it('find a list in a text exactly when the text (literals) or its lower case (anyOf) holds one of its words', () => {
    const words = [...LITERAL_LISTS.flat(), ...ANY_OF_LISTS.flat()];
    const noise = ['İ', 'Σ', 'ſ', 'K', 'ß', 'É', '😂', '𐐀', '𐐨', '\ud800', '\u0000', ' ', 'S', 's', 'I', 'i', 'a', '.'];
    const random = seededRandom(7);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
    const wrong: string[] = [];
    let found = 0;
    for (let n = 0; n < 20000; n++) {
      let text = '';
      const parts = 1 + Math.floor(random() * 5);
      for (let j = 0; j < parts; j++) {
        let part = random() < 0.6 ? pick(words) : pick(noise);
        const roll = random();
        if (roll < 0.2) part = part.toUpperCase();
        else if (roll < 0.3) part = part.charAt(0).toUpperCase() + part.slice(1);
        else if (roll < 0.4) part = part.slice(0, Math.max(1, part.length - 1));
        else if (roll < 0.5) part = part.replace('s', 'ſ').replace('k', 'K');
        if (random() < 0.2) part = pick(noise) + part;
        text += part + (random() < 0.5 ? '' : pick(noise));
      }
      const lower = text.toLowerCase().replaceAll('ſ', 's');
      for (const [use, lists, haystack] of [
        ['literals', LITERAL_LISTS, text],
        ['anyOf', ANY_OF_LISTS, lower],
      ] as const) {
        for (const list of lists) {
          const expected = list.some((word) => haystack.includes(word));
          if (expected) found++;
          if (textHasWords(text, list, use) !== expected && wrong.length < 10)
            wrong.push(`${use} ${JSON.stringify(text)}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(found).toBeGreaterThan(20000);
  });
});
