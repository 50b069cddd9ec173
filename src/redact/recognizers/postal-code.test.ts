import { describe, expect, it } from 'vitest';
import { resolveOverlaps } from '../analyzer.js';
import { createPostalCodeRecognizer } from './postal-code.js';

const recognizer = createPostalCodeRecognizer();
type Case = readonly [text: string, expected: readonly string[]];

function detected(text: string, country?: string): string[] {
  const spans = recognizer.analyze({ text, ...(country ? { country } : {}) }).filter((s) => s.score >= 0.5);
  return resolveOverlaps(spans, text.length).map((s) => text.slice(s.start, s.end));
}

const cases: readonly Case[] = [
  ['London SW1A 1AA', ['SW1A 1AA']],
  ['Springfield, IL 62704', ['62704']],
  ['Ottawa K1A 0B1', ['K1A 0B1']],
  ['CEP 01310-100', ['01310-100']],
  ['28046 Madrid', ['28046']],
  ['zip code is 90210', ['90210']],
  ['I bought 12345 apples', []],
  // A code after its label, in the shape the label's country uses.
  ['My zip code is 880', ['880']],
  ['zip code: 8001', ['8001']],
  ['Postcode: SW1A 1AA', ['SW1A 1AA']],
  ['PLZ 8001 Zürich', ['8001']],
  ['código postal 3610-114', ['3610-114']],
  ['postal code is 53-320', ['53-320']],
  ['Postal code 1011 AB', ['1011 AB']],
  ['pin code 560001', ['560001']],
  ['the zip code is unknown', []],
  ['postcode: see below', []],
  ['zip code: 12 cents', []],
  // A code after a place name in a sentence.
  ['Looking to support Factset in Bjert 6091 in its mission', ['6091']],
  ['Looking to support MysticWeb in Quinta de São Tiago 3610-114 in its mission', ['3610-114']],
  ['Looking to support Explorer in ÖVERTURINGEN 840 24 in its mission', ['840 24']],
  ['an office in København K 1421.', ['1421']],
  ['I moved in March 2019 to Berlin', []],
  ['it was hot in Chicago 2020 too', []],
  ['we met in Room 1234 at noon', []],
  ['she lives in Seattle 1500 miles away', []],
  ['prices in Europe 1299 € each', []],
  ['tickets in EUR 1299 only', []],
  ['call the office in London 0207 946 0958', []],
  ['the meetup in Oak Park 3254 Club Drive', []],
  ['at Trophy Club Gwinnett 3254 tonight', []],
  ['sold in Paris 4500 copies', []],
  ['invested in Tesla 1000 shares', []],
  ['take the ramp near Exit 1234 north', []],
  ['a ranch in Texas 1000 acres wide', []],
  ['in India 1234 new cases today', []],
  // The place word stands alone, before a space or a tab.
  ['moved from\tLyon 69002', ['69002']],
  ['Near Bjert 6091', ['6091']],
  ['within Bjert 6091', []],
  ['in2 Bjert 6091', []],
  ['in Europe 12345 servers went down', []],
  ['I live in Oslo 0150 and love it', ['0150']],
  // An Indian PIN code closing an address line (after a comma and a place, in any case or in Devanagari); a lower-case
  // place needs another item of the list before it. Amounts, counts and one-time codes after a comma are not codes.
  ['Indiranagar, Bengaluru 560038 please', ['560038']],
  ['Gudimalkapur, Hyderabad, Telangana 500028', ['500028']],
  ['गांधी नगर, जयपुर 302015', ['302015']],
  ['Nehru Nagar, Chennai - 600040', ['600040']],
  ['Koramangala, Bengaluru 560 034', ['560 034']],
  ['5th cross, koramangala, bangalore 560034', ['560034']],
  ['in Bengaluru 560038 in the east', ['560038']],
  ['meu cep é 70040010', ['70040010']],
  ['Meine PLZ ist 20095', ['20095']],
  ['Ich habe 10115 Schritte gemacht', []],
  ['wir hatten 25000 Besucher', []],
  ['10115 Berlin', ['10115']],
  ['we raised 560000 rupees for the school', []],
  ['Total, Rs 250000 for the set', []],
  ['My OTP, 482913 please', []],
  ['Final score, Mumbai 185000 viewers tuned in', []],
  ['In 2019, raised 560000 for charity', []],
  ['hematocrito 29,6%, plaquetas 492 000/µl', []],
  ['Update, Bangalore 2024 fest', []],
  ['Delhi 110001', []],
  ['the order, item 560038 shipped', []],
  ['ok, bangalore 560034', []],
  // A greeting or a phrase before the line's first comma opens a message; references, ids and counts follow it.
  ['I live in Koramangala, Bangalore 560034', ['560034']],
  ['Hi team, PNR 482913 is confirmed', []],
  ['Dear sir, Complaint 403221', []],
  ['Hello, Booking 482913 was cancelled', []],
  ['Thanks, Tracking 560038', []],
  ['Sir, Reference 560038', []],
  ['Thanks, Ramesh 560038 is my employee id', []],
  ['Ok, Amit 987654 is my OTP', []],
  ['Guys, Zomato 560038 orders', []],
  ['Diwali sale, Flipkart 199999 offer', []],
  ['Total votes, Varanasi 674664', []],
  ['Sold out, Chennai 600040 tickets', []],
  ['Day 3, Delhi 110001 temperature 45', []],
  ['कुल 25, दिल्ली 110051 लोग आए', []],
  ['we met in Santos 3000 torcedores', []],
  // A five-digit code beside a place in lower case (a city of the gazetteer, not a country nor a common word).
  ['on est au 75008 paris', ['75008']],
  ['paris 75008', ['75008']],
  ['28013 madrid', ['28013']],
  ['i have 12345 apples', []],
  ['usa 12345 for the win', []],
  ['lyon 12000 fans', []],
  ['a rua augusta 300 vezes', []],
  ['Train 12627 Karnataka Express', []],
  // A city right after a greeting closes an address; a name or a phrase does not.
  ['Hi, Bengaluru 560038 here', ['560038']],
  ['OTP is 482913, Delhi 110001', ['110001']],
];

describe('postal-code recognizer', () => {
  it.each(cases)('%j → %j', (text, expected) => {
    expect(detected(text)).toEqual(expected);
  });
});
