import { describe, expect, it } from 'vitest';
import { resolveOverlaps } from '../analyzer.js';
import { createStreetAddressRecognizer } from './street-address.js';

const recognizer = createStreetAddressRecognizer();
type Case = readonly [text: string, expected: readonly string[]];

function detected(text: string, country?: string): string[] {
  const spans = recognizer.analyze({ text, ...(country ? { country } : {}) }).filter((s) => s.score >= 0.5);
  return resolveOverlaps(spans, text.length).map((s) => text.slice(s.start, s.end));
}

const cases: readonly Case[] = [
  ['Jacob lives on 90 Whitchurch Road today', ['90 Whitchurch Road']],
  ['Domicilio: Calle Eusebio Sempere, 20, 10A.', ['Calle Eusebio Sempere, 20, 10A']],
  ['Domicilio: C/ Cantabria, 86, 2 G', ['C/ Cantabria, 86, 2 G']],
  ['Hauptstraße 5 in Berlin', ['Hauptstraße 5']],
  ['rendez-vous au 12 rue de la Paix', ['12 rue de la Paix']],
  ['Rua Augusta, 120', ['Rua Augusta, 120']],
  ['123 Main St\nSpringfield, IL 62704\nthanks', ['123 Main St\nSpringfield, IL 62704']],
  ['PSC 3294, Box 9168\nAPO AA 61487', ['PSC 3294, Box 9168\nAPO AA 61487']],
  [
    '5533 119 Countess Close\n Suite 868\n Seatoun\n New Zealand',
    ['5533 119 Countess Close\n Suite 868\n Seatoun\n New Zealand'],
  ],
  ['meet at the corner of Dalbraut 99 and Frederikke Coves', ['the corner of Dalbraut 99 and Frederikke Coves']],
  ['12 Main Street\nThanks for coming', ['12 Main Street']],
  ['It is 638 2229 Wolmarans St\nCaxias do Sul, RS 24893', ['638 2229 Wolmarans St\nCaxias do Sul, RS 24893']],
  ['send it to 6400 12 Timms Drive Suite 215 NUNGATTA Australia', ['6400 12 Timms Drive Suite 215 NUNGATTA Australia']],
  ['24 Clarke Avenue Suite 5 with a view', ['24 Clarke Avenue Suite 5']],
  ['20789 Allika 46\n Suite 501\n Riisa\n\n Estonia 62488', ['20789 Allika 46\n Suite 501\n Riisa\n\n Estonia 62488']],
  ['12 Main Street\n\nSee you there', ['12 Main Street']],
  ['lives at 255 hersnapvej 18, copenhagen', ['255 hersnapvej 18']],
  ['send it to Suite 541 Skogstien 106', ['Suite 541 Skogstien 106']],
  ['psc 5420, box 2708\napo aa 33879', ['psc 5420, box 2708\napo aa 33879']],
  ['USS Constitution\nFPO AE 44941', ['USS Constitution\nFPO AE 44941']],
  ['we toured the USS Constitution today', []],
  ['Windows 10 is out', []],
  ['we sold 3 Main products', []],
  ['During 1971, Mayo-Walters was founded', []],
  ["They're not answering at 78 651 450", []],
  ['las enzimas hepáticas (GOT de 48, GPT 55)', []],
  ['Fue diagnosticado hace 10 años', []],
];

describe('street-address recognizer', () => {
  it.each(cases)('%j → %j', (text, expected) => {
    expect(detected(text)).toEqual(expected);
  });
});
