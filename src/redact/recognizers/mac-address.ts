// MAC_ADDRESS: six hex pairs separated by ':' or '-' (consistently), or Cisco dotted triples.

import { createPatternRecognizer, hasAscii } from '../pattern-recognizer.js';

/** Four hex digits: a group of a Cisco-style address, in the regex and its gate. */
const QUAD = '[0-9A-Fa-f]{4}';

const HEX = [...'0123456789abcdef'];

/** EUI-48 hardware addresses. */
export function createMacAddressRecognizer() {
  return createPatternRecognizer({
    name: 'mac-address',
    types: ['MAC_ADDRESS'],
    prefilter: (_text, features) => hasAscii(features, ':') || hasAscii(features, '-') || hasAscii(features, '.'),
    context: { words: ['mac', 'hardware', 'ethernet', 'wifi', 'wi-fi', 'bssid'], boost: 0.1 },
    patterns: [
      {
        name: 'colon-or-dash',
        regex: /(?<![\w:-])[0-9A-Fa-f]{2}([:-])[0-9A-Fa-f]{2}(?:\1[0-9A-Fa-f]{2}){4}(?![\w:-])/g,
        score: 0.8,
        literals: [':', '-'],
        // A separator followed by a hex digit (any case: the word list is searched in lower case).
        anyOf: [...HEX.map((hex) => `:${hex}`), ...HEX.map((hex) => `-${hex}`)],
        validate: ({ value }) => (/^(?:00[:-]){5}00$/.test(value) ? 'invalid' : 'valid'),
      },
      {
        name: 'cisco',
        regex: new RegExp(`(?<![\\w.])${QUAD}\\.${QUAD}\\.${QUAD}(?![\\w.])`, 'g'),
        score: 0.6,
        minDigits: 1,
        minAlnumRun: 4,
        literals: ['.'],
        anyOf: HEX.map((hex) => `.${hex}`),
        // The first dot follows four hex digits.
        anchor: { text: '.', within: 4 },
        // Four hex digits between two dots: found from the dots, where the regex tries every hex letter after the first.
        gate: new RegExp(`\\.${QUAD}\\.`),
        validate: ({ value }) => (/\d/.test(value) && /[a-f]/i.test(value) ? 'valid' : 'invalid'),
      },
    ],
  });
}
