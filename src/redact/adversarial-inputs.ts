// Hostile inputs for the linearity test and the benchmark: long runs of one character or of separators that
// backtracking regexes stumble over.

/** Hostile inputs of `size` characters each, by name. */
export function adversarialInputs(size: number): Record<string, string> {
  const fill = (unit: string) => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
  return {
    letters: fill('a'),
    digits: fill('7'),
    dots: fill('.'),
    at: fill('@'),
    colons: fill(':'),
    spaces: fill(' '),
    brackets: fill('(['),
    'digit-groups': fill('12 '),
    'dotted-digits': fill('1.'),
    'email-ish': fill('a.b@'),
    'hex-colons': fill('ab:'),
    'capital-words': fill('Ab '),
    'url-ish': fill('http://a.'),
    'base64-ish': fill('Ab9+'),
    newlines: fill('A\n'),
    'spelled-out-address': fill('a at b dot '),
    'spelled-at-words': fill('at '),
    'spelled-dot-words': fill(' dot'),
    'spelled-other-languages': fill('a arroba b punto c  .  '),
    'joined-address': fill('a-at-b-dot-a_at_b.'),
    'capital-at': fill('a AT b.'),
    'digit-words': fill('one '),
    'digit-words-and-groups': fill('double five, 1234 - '),
    // East Asian addresses and names in non-Latin scripts (2026-11-30)
    'han-run': fill('市'),
    'han-address-parts': fill('北京市朝阳区建国路'),
    'hangul-address-parts': fill('서울특별시 강남구 '),
    introductions: fill('我叫'),
    'name-list-run': fill('محمد '),
    'uri-userinfo': fill('x://user:'),
    // Places and codes on one line without a break: each code once read its line back to the start (quadratic).
    'place-codes-one-line': fill('x, Pune 560038 '),
    'digit-word-runs': fill('one two three four five six seven eight nine zero one two three four five six or '),
    'address-lists': fill('21, 2nd Cross, 4th Main, rua 7 de setembro, 55, '),
    // Words too long for the tagger's word cache, then short ones: a pasted blob (its rehash once never ended).
    'long-words': fill(`${'x'.repeat(49)} `.repeat(50).concat('hello ')),
    // Names after titles, self-introductions and lists, each read against the spans found before it.
    'cue-lists': fill('thanks to Maria Lopez and Ana, Frau Özdemir, Herr Meier, ich heiße Swantje, '),
    // Places after place prepositions, each read against the tagger's spans (one scan per place was quadratic).
    'place-cues': fill('in Leeds, aus Köln und Peter Müller, em Rio de Janeiro, Je vis à Lyon. '),
    // Member-style addresses in lower case and British "The" streets (2026-11-30): lower-case localities after a house
    // number, codes beside lower-case places, Catalan floors and doors.
    'lower-case-localities': fill('12/3, a b c road, t nagar, x 560038 '),
    'lower-case-place-codes': fill('paris 75008 paris '),
    'the-streets': fill('5 The Green, 6 the close, '),
    'lower-case-units': fill('flat 1, apt 2, a b, c 560038, '),
    'catalan-doors': fill('Carrer a 1, 4t 2a, '),
    // An address, then one long run of spaces: its extension once read such a run in quadratic time.
    'address-then-spaces': `Calle Sol 4, 28013 Madrid${' '.repeat(Math.max(0, size - 25))}`,
  };
}
