import {
  type CountryCode,
  findNumbers,
  getCountries,
  getCountryCallingCode,
  getExampleNumber,
  parsePhoneNumberFromString,
} from 'libphonenumber-js/max';
import examples from 'libphonenumber-js/mobile/examples';
import { describe, expect, it } from 'vitest';
import { createPhoneRecognizer, labelledOtherwise } from './phone.js';
import { searchCandidate, shortcut } from './phone-search.js';

const recognizer = createPhoneRecognizer();

type Case = readonly [text: string, country: string | undefined, expected: readonly string[]];

const cases: readonly Case[] = [
  ['call +1 415 555 2671 now', undefined, ['+1 415 555 2671']],
  ['Tel.: 967 597 100', 'ES', ['967 597 100']],
  ['Festnetz 030 12345678', 'DE', ['030 12345678']],
  ['fax: +41 (0)71 526 99 04', undefined, ['+41 (0)71 526 99 04']],
  ['desk: +1-604-696-5272x565', undefined, ['+1-604-696-5272x565']],
  ['Phone:\n0487 98 11 92', undefined, ['0487 98 11 92']],
  ['ligue (11) 98765-4321', 'BR', ['(11) 98765-4321']],
  ['born 21/05/2015 in 1998-2001', 'ES', []],
  ['invoice 4711 of 2021', 'DE', []],
  ['Date: 2015-12-22 04:46:43', undefined, []],
  ['Phone:\n60-56-85-91', undefined, ['60-56-85-91']],
  ['on 12/05/2020 at noon', 'FR', []],
  ['Tfno.+34 945007000 Fax', 'ES', ['+34 945007000']],
  ['Fax: 9498777106', undefined, ['9498777106']],
  ['0487 98 11 92 without context or region', undefined, []],
];

describe('phone recognizer', () => {
  it.each(cases)('%j (%s) → %j', (text, country, expected) => {
    const spans = recognizer.analyze({ text, ...(country ? { country } : {}) }).filter((s) => s.score >= 0.5);
    expect(spans.map((s) => text.slice(s.start, s.end))).toEqual(expected);
  });

  it.each([
    ['passport number ', true],
    ['mijn bsn is ', true],
    ['steuer-id: ', true],
    ["driver's license ", true],
    ['ssn on file; call ', false],
    ['tel. 030 1234567, steuer-id ', true],
    ['steuer-id 1, mobil / handy ', false],
    ['my number is ', false],
    ['sin llamar al ', false],
    ['a pan of ', false],
    ['bsnx ', false],
  ] as const)('the nearest label before a number names another kind of number: %j → %s', (window, expected) => {
    expect(labelledOtherwise(window)).toBe(expected);
  });

  it('scores a number after an identity label at the threshold: redacted, but below the identifier', () => {
    const [span] = recognizer.analyze({ text: 'mijn BSN is 111222333', country: 'NL' });
    expect(span?.score).toBe(0.5);
    const [phone] = recognizer.analyze({ text: 'bel 0612345678', country: 'NL' });
    expect(phone?.score).toBeGreaterThan(0.5);
  });

  it('scores an international number above a national one read with a guessed region', () => {
    const [international] = recognizer.analyze({ text: 'call +1 415 555 2671' });
    const [guessed] = recognizer.analyze({ text: 'at 415 555 2671', lang: 'en' });
    expect(international?.score).toBeGreaterThan(guessed?.score ?? 1);
  });

  // The recognizer scores every number findNumbers returns as valid without asking isValid() again: the library's
  // default leniency (VALID) keeps only numbers whose isValid() held. These fail if an upgrade changes that.
  it.each([
    ['+1 415 555 2671', undefined, 1],
    ['030 12345678', 'DE', 1],
    ['03 97 51 10 86', 'FR', 1],
    ['+44 20 7946 0000 or +1 415 555 2671', undefined, 2],
  ] as const)('findNumbers returns only valid numbers: %s (%s) → %i', (candidate, region, count) => {
    const found = findNumbers(candidate, region ? { defaultCountry: region, v2: true } : { v2: true });
    expect(found.map(({ number }) => number.isValid())).toEqual(Array(count).fill(true));
  });

  it('findNumbers leaves out a possible but invalid number (no US area code starts with 1)', () => {
    expect(parsePhoneNumberFromString('+1 123 456 7890')?.isPossible()).toBe(true);
    expect(findNumbers('+1 123 456 7890', { v2: true })).toEqual([]);
  });

  // The recognizer skips the call for a candidate without '+' when no region is known. These fail if an upgrade lets
  // findNumbers read such a candidate (national numbers, '00' and '011' international prefixes) without a region.
  it.each([
    ['030 12345678', 'DE', '+49 30 12345678'],
    ['(212) 555-0134', 'US', '+1 (212) 555-0134'],
    ['0044 20 7946 0000', 'DE', '+44 20 7946 0000'],
    ['011 44 20 7946 0000', 'US', '+44 20 7946 0000'],
    ['44 20 7946 0000', 'GB', '+44 20 7946 0000'],
    ['1 415 555 2671 x 12', 'US', '+1 415 555 2671 x 12'],
  ] as const)(
    'findNumbers needs a region or a + for %s (found with %s, or as %s)',
    (candidate, region, international) => {
      expect(findNumbers(candidate, { defaultCountry: region, v2: true })).toHaveLength(1);
      expect(findNumbers(candidate, { v2: true })).toEqual([]);
      expect(findNumbers(international, { v2: true })).toHaveLength(1);
    },
  );
  // A candidate of digits alone, or '+' and digits, is parsed whole instead of searched (phone-search.ts);
  // the spans must be the ones findNumbers gives, found or not. The last column keeps both kinds in the table.
  it.each([
    ['+14155552671', undefined, true],
    ['+15551234567', 'US', false],
    ['4155552671', 'US', true],
    ['14155552671', 'US', true],
    ['1234567', 'US', false],
    ['+4930123456', undefined, true],
    ['030123456', 'DE', true],
    ['0612345678', 'FR', true],
    ['+33612345678', 'ES', true],
    ['612345678', 'ES', true],
    ['00442079460000', 'DE', true],
    ['00442079460000', 'US', false],
    ['0114420794600001', 'US', false],
    ['0011442079460000', 'AU', true],
  ] as const)('a digit-only candidate gets findNumbers’ answer: %s (%s) → %s', (candidate, region, found) => {
    const text = `call ${candidate} now`;
    const expected = findNumbers(candidate, region ? { defaultCountry: region, v2: true } : { v2: true }).map((n) => [
      n.startsAt + 5,
      n.endsAt + 5,
    ]);
    expect(expected.length > 0).toBe(found);
    const spans = createPhoneRecognizer()
      .analyze({ text, ...(region ? { country: region } : {}) }, { explain: true })
      .filter((s) => s.explanation?.pattern === 'libphonenumber');
    expect(spans.map((s) => [s.start, s.end])).toEqual(expected);
  });

  // phone-search.ts answers most candidates without findNumbers: one parse when the whole candidate is a number, none
  // when the library's metadata shows no piece of it can be one. Each row's answer must be findNumbers'; the last
  // column says which way the row goes ('found' and 'none' without findNumbers), so the table keeps all three.
  it.each([
    ['986 47 89 23', 'ES', 'found'],
    ['(96) 94088-6478', 'BR', 'found'],
    ['(564) 234-3839', 'US', 'found'],
    ['03.49.87.67.94', 'FR', 'found'],
    ['030 - 12345678', 'DE', 'found'],
    ['(0)30 1234567', 'DE', 'found'],
    ['+ 33 6 12 34 56 78', 'ES', 'found'],
    ['+1 415-555-2671', undefined, 'found'],
    ['0044 20 7946 0000', 'DE', 'found'],
    ['0343 15-555-1234', 'AR', 'found'],
    ['03-1234-5678', 'JP', 'found'],
    ['464-1234', 'AG', 'found'],
    ['020 22 123 45', 'MG', 'found'],
    ['8 800 555 35 35', 'RU', 'found'],
    ['06\u00a096\u00a020\u00a007\u00a044', 'FR', 'none'],
    ['994 41 05 14', 'ES', 'none'],
    ['(969) 964-8464', 'US', 'none'],
    ['(398) 398-6605', 'US', 'none'],
    ['(59) 1646-1895', 'BR', 'none'],
    ['12 34 56 78', 'DK', 'none'],
    ['1234567', 'US', 'none'],
    ['+13767174113', 'US', 'none'],
    ['+5598648464118', undefined, 'none'],
    ['09048 6095369', 'DE', 'findNumbers'],
    ['00203 95854945', 'DE', 'findNumbers'],
    ['+1 376 717 4113', undefined, 'findNumbers'],
    ['0612/345678', 'DE', 'findNumbers'],
    ['+44 20 7946 0000 ext. 12', undefined, 'findNumbers'],
  ] as const)('phone-search gives findNumbers’ answer: %j (%s) by %s', (candidate, region, way) => {
    const expected = findNumbers(candidate, region ? { defaultCountry: region, v2: true } : { v2: true }).map((n) => [
      n.startsAt,
      n.endsAt,
    ]);
    const short = shortcut(candidate, region)?.map((n) => [n.startsAt, n.endsAt]);
    expect(short === undefined ? 'findNumbers' : short.length > 0 ? 'found' : 'none').toBe(way);
    if (short) expect(short).toEqual(expected);
    expect(searchCandidate(candidate, region).map((n) => [n.startsAt, n.endsAt])).toEqual(expected);
  });

  // The same over generated candidates of every region as default (a seeded sample of the shapes above).
  it('phone-search gives findNumbers’ answer on generated candidates of every region', () => {
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 48271) % 2147483647;
      return seed % n;
    };
    const digits = (n: number) => Array.from({ length: n }, () => String(random(10))).join('');
    const separators = [' ', '-', '.', ' - ', '\u00a0'];
    let compared = 0;
    let shortcuts = 0;
    for (const region of getCountries()) {
      for (let i = 0; i < 8; i++) {
        const lead = [
          '',
          '0',
          '00',
          getCountryCallingCode(region),
          `+${getCountryCallingCode(region)}`,
          `(${digits(2)}) `,
        ][random(6)];
        const separator = separators[random(separators.length)] ?? ' ';
        const groups = Array.from({ length: 1 + random(4) }, () => digits(2 + random(4)));
        const candidate = `${lead}${groups.join(separator)}`;
        const count = candidate.replace(/\D/g, '').length;
        if (count < 6 || count > 17) continue;
        const defaultRegion: CountryCode | undefined = random(8) === 0 ? undefined : region;
        const expected = findNumbers(
          candidate,
          defaultRegion ? { defaultCountry: defaultRegion, v2: true } : { v2: true },
        );
        const got = searchCandidate(candidate, defaultRegion);
        expect([candidate, got.map((n) => [n.startsAt, n.endsAt])]).toEqual([
          candidate,
          expected.map((n) => [n.startsAt, n.endsAt]),
        ]);
        compared++;
        if (shortcut(candidate, defaultRegion) !== undefined) shortcuts++;
      }
    }
    expect(compared).toBeGreaterThan(1000);
    expect(shortcuts).toBeGreaterThan(compared / 2);
  });

  // Random digits are rarely valid numbers; these start from a valid mobile number of every region (the library's
  // examples) written the ways people write them, and from near misses of it: the readings the shortcut must get
  // right (national prefix, calling code with or without '+', international prefix, regrouped, one digit off, an
  // extra group). A shortcut that drops a prefix reading or a country sharing the calling code fails here.
  it('phone-search gives findNumbers’ answer on valid numbers of every region and their near misses', () => {
    let seed = 11;
    const random = (n: number) => {
      seed = (seed * 48271) % 2147483647;
      return seed % n;
    };
    const regroup = (digits: string, separator: string) => {
      const parts: string[] = [];
      for (let at = 0; at < digits.length; ) {
        const size = 2 + random(3);
        parts.push(digits.slice(at, at + size));
        at += size;
      }
      return parts.join(separator);
    };
    let compared = 0;
    let found = 0;
    for (const region of getCountries()) {
      const example = getExampleNumber(region, examples);
      if (!example) continue;
      const national = example.nationalNumber as string;
      const code = example.countryCallingCode as string;
      const offByOne = `${national.slice(0, -1)}${(Number(national.slice(-1)) + 1) % 10}`;
      const candidates = [
        example.formatNational(),
        example.formatInternational(),
        regroup(national, ' '),
        regroup(`0${national}`, '-'),
        `+${code} ${regroup(national, ' ')}`,
        `00${code} ${regroup(national, '.')}`,
        `${code} ${regroup(national, ' ')}`,
        `(${national.slice(0, 3)}) ${regroup(national.slice(3), ' ')}`,
        regroup(offByOne, ' '),
        `${regroup(national, ' ')} ${random(90) + 10}`,
      ];
      for (const candidate of candidates) {
        const count = candidate.replace(/\D/g, '').length;
        if (count < 6 || count > 17) continue;
        for (const defaultRegion of [region, random(6) === 0 ? undefined : ('US' as CountryCode)]) {
          const expected = findNumbers(
            candidate,
            defaultRegion ? { defaultCountry: defaultRegion, v2: true } : { v2: true },
          ).map((n) => [n.startsAt, n.endsAt]);
          expect([
            candidate,
            defaultRegion,
            searchCandidate(candidate, defaultRegion).map((n) => [n.startsAt, n.endsAt]),
          ]).toEqual([candidate, defaultRegion, expected]);
          compared++;
          if (expected.length > 0) found++;
        }
      }
    }
    expect(compared).toBeGreaterThan(3000);
    // Most candidates hold a number: the test exercises found numbers, not only rejections.
    expect(found).toBeGreaterThan(compared / 3);
  });

  it('phone-search leaves what it was not argued for to findNumbers', () => {
    expect(shortcut('12 34 56', 'XX' as CountryCode)).toBeUndefined();
    expect(shortcut(Array.from({ length: 20 }, () => '1').join(' '), 'US')).toBeUndefined();
  });
});
