// IP_ADDRESS: dotted IPv4 with octet ranges, and IPv6 (full, compressed, with an embedded IPv4 tail).

import { createPatternRecognizer, hasAscii } from '../pattern-recognizer.js';

const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';

/** True when `value` is a syntactically valid IPv6 address with at least two explicit groups. */
export function ipv6Valid(value: string): boolean {
  const address = value.split('%')[0] ?? '';
  const halves = address.split('::');
  if (halves.length > 2) return false;
  const groups: string[] = [];
  let embeddedV4 = false;
  for (const half of halves) {
    if (half === '') continue;
    for (const group of half.split(':')) groups.push(group);
  }
  const last = groups[groups.length - 1];
  if (last?.includes('.')) {
    if (!new RegExp(`^${OCTET}(?:\\.${OCTET}){3}$`).test(last)) return false;
    groups.pop();
    embeddedV4 = true;
  }
  if (!groups.every((g) => /^[0-9a-f]{1,4}$/i.test(g))) return false;
  const count = groups.length + (embeddedV4 ? 2 : 0);
  if (groups.length + (embeddedV4 ? 1 : 0) < 2) return false;
  return halves.length === 2 ? count < 8 : count === 8;
}

/** IPv4 and IPv6 addresses. */
export function createIpAddressRecognizer() {
  return createPatternRecognizer({
    name: 'ip-address',
    types: ['IP_ADDRESS'],
    prefilter: (_text, features) => hasAscii(features, '.') || hasAscii(features, ':'),
    context: { words: ['ip', 'address', 'host', 'server', 'client', 'dirección'], boost: 0.1 },
    patterns: [
      {
        name: 'ipv4',
        regex: new RegExp(`(?<![\\w.])${OCTET}(?:\\.${OCTET}){3}(?:/\\d{1,2})?(?![\\w]|\\.\\d)`, 'g'),
        score: 0.8,
        minDigits: 4,
        literals: ['.'],
        anyOf: [...'0123456789'].map((digit) => `.${digit}`),
      },
      {
        name: 'ipv6',
        regex:
          /(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|(?:\d{1,3}\.){3}\d{1,3})?(?:%[\w]{1,16})?(?![\w:])/g,
        score: 0.85,
        literals: [':'],
        // The gate's second character: a hex digit (any case: the word list is searched in lower case) or ':'.
        anyOf: ['::', ...[...'0123456789abcdef'].map((hex) => `:${hex}`)],
        gate: /[0-9A-Fa-f]?:[0-9A-Fa-f]{0,4}:/,
        validate: ({ value }) => (ipv6Valid(value) ? 'valid' : 'invalid'),
      },
    ],
  });
}
