import { describe, expect, it } from 'vitest';
import { resolveOverlaps } from '../analyzer.js';
import { createEmailRecognizer } from './email.js';

const recognizer = createEmailRecognizer();
type Case = readonly [text: string, expected: readonly string[]];

function detected(text: string, country?: string): string[] {
  const spans = recognizer.analyze({ text, ...(country ? { country } : {}) }).filter((s) => s.score >= 0.5);
  return resolveOverlaps(spans, text.length).map((s) => text.slice(s.start, s.end));
}

const cases: readonly Case[] = [
  ['write to jane.doe+news@example.co.uk today', ['jane.doe+news@example.co.uk']],
  ['E-mail: pedro_marcos@canalejo.org.', ['pedro_marcos@canalejo.org']],
  ['josé@correo.es y ana@x.io', ['josé@correo.es', 'ana@x.io']],
  // Every character of the local part's class, in a long text (the anchor's run class decides where the regex starts).
  [`${'filler words '.repeat(20)}mail x%y_z.w+q-r@example.com now`, ['x%y_z.w+q-r@example.com']],
  ['no at sign here example.com', []],
  ['handle @someone and a@b', []],
  ['version 1.2@3', []],
  // Spelled out: "at" in brackets, or between spaces with the domain's dots spelled out too.
  ['DM me or email jsmith88 at gmail dot com', ['jsmith88 at gmail dot com']],
  ['john dot smith at gmail dot com works', ['john dot smith at gmail dot com']],
  ['write to ana.gomez [at] correo.es please', ['ana.gomez [at] correo.es']],
  ['j (dot) doe (at) uni (dot) edu', ['j (dot) doe (at) uni (dot) edu']],
  ['JSMITH AT GMAIL DOT CO DOT UK', ['JSMITH AT GMAIL DOT CO DOT UK']],
  ['Look at example.com for details', []],
  ['meet at 5 at the cafe dot', []],
  ['reach me: jsmith88 @ gmail.com', ['jsmith88 @ gmail.com']],
  ['ana.gomez (@) correo.es o llama', ['ana.gomez (@) correo.es']],
  ['RT @someone: see you @ 5pm', []],
  ['thanks @acme.io for the help', []],
  ['Look at the dot in the corner of the screen.', []],
  ['I worked at a dot com in 1999 and it was wild.', []],
];

describe('email recognizer', () => {
  it.each(cases)('%j → %j', (text, expected) => {
    expect(detected(text)).toEqual(expected);
  });
});
