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
  // Street types written as a word of their own after the name.
  [
    'Erzsébet tér 19.\n Suite 282\n Domoszló\n Hungary 34796',
    ['Erzsébet tér 19.\n Suite 282\n Domoszló\n Hungary 34796'],
  ],
  ['The office is on Rákóczi út 13.', ['Rákóczi út 13']],
  ['Árpád útja 3 is closed', ['Árpád útja 3']],
  ['Tržaška cesta 25', ['Tržaška cesta 25']],
  ['0269 Stensås terrasse 38', ['0269 Stensås terrasse 38']],
  ['Merineitsi põik 87', ['Merineitsi põik 87']],
  ['Oude Haven kade 12', ['Oude Haven kade 12']],
  ['6614 Luite tee 87\n Apt. 931', ['6614 Luite tee 87\n Apt. 931']],
  ['she lives at Karl Johans gate 22', ['Karl Johans gate 22']],
  ['2224 Trenerys gate 232\n> Apt. 342', ['2224 Trenerys gate 232\n> Apt. 342']],
  ['new Nike tee 2 for 20 dollars', []],
  ['arriving Paris gate 32 soon', []],
  ['boarding at gate 12 now', []],
  ['The gate 5 is closed', []],
  // Street types written before the name, and the Greek and German abbreviations after it.
  ['trg revolucije 17', ['trg revolucije 17']],
  ['nám. Míru 5', ['nám. Míru 5']],
  ['Λεωφόρος Συγγρού 119', ['Λεωφόρος Συγγρού 119']],
  ['Juliusz lives at 28919 136 Filadelfeos Str., Klirou', ['28919 136 Filadelfeos Str., Klirou']],
  // A second name with a street suffix on the street's line; multi-line blocks closed by a postal code.
  [
    '14 Crown Street Kishiev Squares\n Suite 321\n LONDON\n United Kingdom 75419',
    ['14 Crown Street Kishiev Squares\n Suite 321\n LONDON\n United Kingdom 75419'],
  ],
  ['1317 Kimberly Way Laidlaw Green', ['1317 Kimberly Way Laidlaw Green']],
  ['Our new office is at 42270 Main Street N, come say hi', ['42270 Main Street N']],
  ['I live at 12 Main Street West of the river', ['12 Main Street']],
  [
    'Address: 230 Igias Street Suite 503 Armenomonastiro Cyprus.',
    ['230 Igias Street Suite 503 Armenomonastiro Cyprus.'],
  ],
  [
    'The Legistorm office is at 475 Breivangvegen 38\nKRISTIANSUND N\n Norway 61682',
    ['475 Breivangvegen 38\nKRISTIANSUND N\n Norway 61682'],
  ],
  ['27 Main Street\nSpringfield\nIllinois\n62704', ['27 Main Street\nSpringfield\nIllinois\n62704']],
  ['83 Pärna Street\nCite Sfaxi\n, 13\n 44939', ['83 Pärna Street\nCite Sfaxi\n, 13\n 44939']],
  ['Piroska u. 97.\nPorto Alegre\n, RS\n Brazil 95828', ['Piroska u. 97.\nPorto Alegre\n, RS\n Brazil 95828']],
  ['25 Tawastintie 72 Apt. 004\nKnivsta, ab 18237', ['25 Tawastintie 72 Apt. 004\nKnivsta, ab 18237']],
  ['12 Main Street\nThanks for coming\n12345', ['12 Main Street']],
  ['12 Main Street\nSee you\n2024', ['12 Main Street']],
  ['Av. de la Imperial Tàrraco, 5.\nCP: 43005.', ['Av. de la Imperial Tàrraco, 5']],
  ['we toured the USS Constitution today', []],
  ['Windows 10 is out', []],
  ['we sold 3 Main products', []],
  ['During 1971, Mayo-Walters was founded', []],
  // A month name before the number makes a date, even with a year after it that reads as a postal code.
  ['January 28 , 2015 at 05:41 PM', []],
  ['Wed , Sep 29 , 2010 http://planca.st', []],
  ['Watch Boston United Live December 20 , 2014', []],
  ['el 3 de Marzo 12, 2019', []],
  ['the address is Aasa 43, Tallinn 10111', ['Aasa 43, Tallinn 10111']],
  ["They're not answering at 78 651 450", []],
  ['las enzimas hepáticas (GOT de 48, GPT 55)', []],
  ['Fue diagnosticado hace 10 años', []],
];

describe('street-address recognizer', () => {
  it.each(cases)('%j → %j', (text, expected) => {
    expect(detected(text)).toEqual(expected);
  });
});
