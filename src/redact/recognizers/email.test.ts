import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../domain/seeded-random.js';
import { resolveOverlaps } from '../analyzer.js';
import { buildWithoutGates } from '../pattern-recognizer.js';
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
  // review 2026-11-30: domains that are determiners of other languages, after the English "at"
  ['email jsmith88 at un dot org', ['jsmith88 at un dot org']],
  ['ab123 at le dot ac dot uk', ['ab123 at le dot ac dot uk']],
  // a loose '@' takes a plain dot, a bracketed dot word or "dot", not a spaced '.' or another language's word
  ['see you @ home . it was great', []],
  ['Quedamos @ Sol punto de encuentro a las 5', []],
  ['jsmith88 @ gmail dot com', ['jsmith88 @ gmail dot com']],
  // a capitalised word before "AT" is a sentence; code joined by '_' is not an address
  ['Now Available AT Amazon.com!', []],
  ['John.Smith AT gmail.com', ['John.Smith AT gmail.com']],
  ['if self.value_at_risk.is_nan():', []],
  ['Shop now AT Amazon.com', []],
  ['Find it AT target.com', []],
  ['jsmith AT gmail.com', ['jsmith AT gmail.com']],
  ['print(last_seen_at_start.io)', []],
  ['jsmith_at_gmail.com', ['jsmith_at_gmail.com']],
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
  // Other languages' words for '@' and '.': bare, the domain's dots must be spelled too.
  ['escríbeme a juan.perez arroba gmail punto com', ['juan.perez arroba gmail punto com']],
  ['meu email: maria arroba gmail ponto com ponto br', ['maria arroba gmail ponto com ponto br']],
  ['écrivez à jean arobase gmail point fr', ['jean arobase gmail point fr']],
  ['schreib an hans at gmx punkt de', ['hans at gmx punkt de']],
  // The i and u flags read the Kelvin sign as 'k' and the long s as 's': so must the prefilter.
  ['hans at gmx pun\u212at de', ['hans at gmx pun\u212at de']],
  ['jean arobaſe gmail point fr', ['jean arobaſe gmail point fr']],
  ['scrivimi: marco chiocciola libero punto it', ['marco chiocciola libero punto it']],
  ['correo: ana (arroba) correo.es', ['ana (arroba) correo.es']],
  ['mail jean [arobase] orange [point] fr', ['jean [arobase] orange [point] fr']],
  ['juan arroba gmail.com', []],
  ['compré una arroba la punto com', []],
  // An arroba is also a weight, a chiocciola a snail: after an article, a preposition, a quantity or a short number
  // the word is not '@', nor before a preposition.
  ['o preço da arroba subiu ponto de atenção para o produtor', []],
  ['vendi a arroba gorda ponto de venda no mercado', []],
  ['quanto custa a arroba no ponto de venda', []],
  ['o valor da arroba bovina ponto br notícias', []],
  ['a cotação da arroba hoje ponto in natura', []],
  ['o pasto rende 5 arroba por hectare ponto com chuva', []],
  ['comprei meia arroba gorda ponto com os vizinhos', []],
  ['o boi pesa 20 arrobas e uma arroba de carne custa 300 reais ponto com certeza', []],
  ['la arroba de trigo subió punto de inflexión', []],
  ['vendo maíz a diez pesos la arroba seca punto es lo que hay', []],
  ['una chiocciola gigante punto com', []],
  ['la lumaca o chiocciola grande punto it è il sito', []],
  ['ho visto una chiocciola di mare punto it', []],
  // ... while a name or a handle before it is a local part, in every language.
  ['manda pra joao arroba gmail ponto com', ['joao arroba gmail ponto com']],
  ['manda pra maria.silva arroba hotmail ponto com ponto br', ['maria.silva arroba hotmail ponto com ponto br']],
  ['meu contato: boi123 arroba uol ponto com ponto br', ['boi123 arroba uol ponto com ponto br']],
  ['mi correo es carlos arroba yahoo punto es', ['carlos arroba yahoo punto es']],
  ['scrivimi a giulia chiocciola libero punto it', ['giulia chiocciola libero punto it']],
  ['qq: 123456 arroba qq ponto com', ['123456 arroba qq ponto com']],
  // An instruction or an English verb before the word for '@' is a sentence, not a local part.
  ['coloca arroba gmail ponto com no final do login', []],
  ['he works at google dot com now', []],
  ["we'll meet at noon dot com era style", []],
  ['I used to work at amazon dot com', []],
  ['contact: worker at gmail dot com', ['worker at gmail dot com']],
  // ... but before a mail provider's name, or after a word for e-mail, such a word is a local part.
  ['my email is home at gmail dot com', ['home at gmail dot com']],
  ['write to us at yahoo dot com', ['us at yahoo dot com']],
  ['email 2024 at gmail dot com', ['2024 at gmail dot com']],
  ['meu email é 1984 arroba gmail ponto com', ['1984 arroba gmail ponto com']],
  ['my email: work at acme dot com', ['work at acme dot com']],
  ['he works at acme dot com. Email me', []],
  ['I used to work at yahoo dot com', []],
  ['check your email, we meet at noon dot com', []],
  ['my gmail died, we met at school dot com lol', []],
  ['the game at home point de depart', []],
  // "point" after a bare English "at" is the English word; after "arobase" it is the French dot.
  ['we met at school point is that we were late', []],
  // Joined by '-' or '_'; "-at-" with a written dot is a domain name.
  ['mail jsmith-at-gmail-dot-com', ['jsmith-at-gmail-dot-com']],
  [
    'mail jsmith_at_gmail_dot_com or John_Smith_AT_gmail.co.uk',
    ['jsmith_at_gmail_dot_com', 'John_Smith_AT_gmail.co.uk'],
  ],
  ['eat at eat-at-joes.com', []],
  ['the state-of-the-art dot com era', []],
  // "AT" in capitals where the local part is not: '@'; in a text in capitals, the word.
  ['mail jsmith AT gmail.com or Ana.Gomez AT Correo.ES', ['jsmith AT gmail.com', 'Ana.Gomez AT Correo.ES']],
  ['AVAILABLE AT AMAZON.COM', []],
  ['look at example.com, LOOK AT EXAMPLE.COM', []],
  // A no-break space or a second space around the words; a dot between spaces after a bracketed "at" or a loose '@'.
  ['mail jsmith  at  gmail  dot  com', ['jsmith  at  gmail  dot  com']],
  ['mail jsmith\u00a0at\u00a0gmail\u00a0dot\u00a0com', ['jsmith\u00a0at\u00a0gmail\u00a0dot\u00a0com']],
  ['ana [at] correo . es y pepe @ gmail . com', ['ana [at] correo . es', 'pepe @ gmail . com']],
  ['we met at school . it was fun', []],
  ['jsmith at gmail . com', []],
];

describe('email recognizer', () => {
  it.each(cases)('%j → %j', (text, expected) => {
    expect(detected(text)).toEqual(expected);
  });
});

// The prefilter (MAY_SPELL, spellsAnAddress) is a necessary condition: texts built from the spelled-out patterns' pieces,
// cases and case folds (long s, Kelvin sign) get the same spans with it as without it.
const WORDS = ['jsmith', 'ana.gomez', 'gmail', 'correo', 'com', 'es', 'de', 'fr', 'the', 'la', 'my', 'x', '.'];
const AT = ['at', 'AT', 'At', 'arroba', 'ARROBA', 'arobaſe', 'arobase', 'chiocciola', '@', '.'];
const DOT = ['dot', 'DOT', 'punto', 'ponto', 'point', 'punkt', 'punKt', 'PunKT', '.'];
const PAIRS = [' | ', '  |  ', '\u00a0| ', '\t|\t', '(|)', ' [|] ', '[ | ]', '<|>', '{|}', '-|-', '_|_', '|', '-|_'];
const SEPARATORS = [
  ' ',
  ' ',
  '  ',
  '\u00a0',
  '\t',
  '-',
  '_',
  '',
  '(',
  ')',
  '[',
  ']',
  '<',
  '>',
  '{',
  '}',
  ', ',
  ' ( ',
  ' ) ',
];

describe('email prefilter', () => {
  it('finds the spans the ungated recognizer finds on texts of spelled-out pieces', () => {
    const ungated = buildWithoutGates(createEmailRecognizer);
    const random = seededRandom(20261130);
    const pick = (list: readonly string[]) => list[Math.floor(random() * list.length)] as string;
    // A word between separators: mostly a matching pair (spaces, brackets, joiners), else any two.
    const around = (word: string) => {
      if (random() < 0.3) return pick(SEPARATORS) + word + pick(SEPARATORS);
      const [open, close] = pick(PAIRS).split('|') as [string, string];
      return open + word + close;
    };
    let spans = 0;
    for (let n = 0; n < 20000; n++) {
      // An address's shape (a word, a separator, an '@' word, a separator, a label, then dots and labels), each piece
      // drawn at random, with words before and after.
      let text = random() < 0.5 ? `${pick(WORDS)}${pick(SEPARATORS)}` : '';
      text += pick(WORDS) + around(pick(AT)) + pick(WORDS);
      const dots = 1 + Math.floor(random() * 3);
      for (let i = 0; i < dots; i++) text += around(pick(DOT)) + pick(WORDS);
      if (random() < 0.5) text += pick(SEPARATORS) + pick(WORDS);
      const expected = ungated.analyze({ text });
      spans += expected.length;
      expect(recognizer.analyze({ text }), text).toEqual(expected);
    }
    expect(spans).toBeGreaterThan(1000);
  });
});
