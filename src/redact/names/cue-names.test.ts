import { describe, expect, it } from 'vitest';
import { foldToken } from '../known/fold.js';
import { ANY_LANGUAGE, cueNames, opensAddressingPhrase } from './cue-names.js';
import { loadGazetteer } from './gazetteer.js';
import { loadNameModel } from './model.js';
import { createNameRecognizer } from './name-recognizer.js';
import { createNameTagger } from './tagger.js';
import { tokenize } from './tokenize.js';
import { loadFrequentWords } from './word-lists.js';

const gazetteer = loadGazetteer();
const frequent = loadFrequentWords();
const commonWord = (language: string, folded: string) =>
  language === ANY_LANGUAGE
    ? [...frequent.values()].some((words) => words.has(folded))
    : frequent.get(language)?.has(folded) === true;
const names = (text: string): string[] =>
  cueNames(text, tokenize(text), gazetteer, [], commonWord).map((n) => text.slice(n.start, n.end));

const CUE_CASES: readonly [string, string[]][] = [
  // lower-case family names after "cc", in a list
  ['cc: patel, okafor', ['patel', 'okafor']],
  ['cc patel and okafor', ['patel', 'okafor']],
  ['cc @patel and okafor', ['okafor']],
  // German, French, Spanish, Italian, Portuguese and Dutch phrases
  ['Danke an müller für die Hilfe', ['müller']],
  ['danke an schmidt und weber', ['schmidt', 'weber']],
  ['merci à lefèvre', ['lefèvre']],
  ['gracias a fernández y ruiz', ['fernández', 'ruiz']],
  ['grazie a rossi e bianchi', ['rossi', 'bianchi']],
  // the phrase's preposition said again before the next name of the list
  ['gracias a fernández y a ruiz', ['fernández', 'ruiz']],
  ['thanks to patel and to okafor', ['patel', 'okafor']],
  ['danke an schmidt und an weber', ['schmidt', 'weber']],
  ['merci à lefèvre et à dupont', ['lefèvre', 'dupont']],
  ['gracias a ruiz y a todos', ['ruiz']],
  // titles and forms of address, with their dot or not; greetings from someone
  ['Ho parlato con la signora Pina stamattina', ['Pina']],
  ['Conversei com a dona Cida ontem', ['Cida']],
  ['Termin bei Frau Özdemir morgen', ['Özdemir']],
  ['Sig. Rossi ha chiamato', ['Rossi']],
  ['about 400 cc. Fig. 1 shows it', []],
  ['Herr Doktor, bitte', []],
  ['Sr Engineer at Acme', []],
  ['Groetjes van Lieve en Wim', ['Lieve', 'Wim']],
  ['Un abrazo de oso para todos', []],
  // after a title, the name even when it is a common word a name list holds; a lower-case word, or a product, is none
  ['Herr Kellner hat angerufen', ['Kellner']],
  ['La pioggia dona freschezza', []],
  ['Sr UX designer, Sr PM', []],
  // an introduction that also opens ordinary sentences takes a listed name only
  ['Soy casado y tengo hijos', []],
  ['Soy celíaca', []],
  ['Hola, soy Lucía', ['Lucía']],
  ['Hola, soy Milagros', ['Milagros']],
  ['Ich bin der Meinung, dass es reicht', []],
  ['Ich bin der Festivalleiter', []],
  ['Mein Name ist Fröhlich', ['Fröhlich']],
  ['Il mio nome è sulla lista', []],
  ['Liebe Grüße von Swantje', ['Swantje']],
  // a self-introduction: the writer's name, listed or not, never a common word of the phrase's language
  ['hola, me llamo xiomara y busco piso', ['xiomara']],
  ['Ich bin der Uwe aus Köln', ['Uwe']],
  ['ich heiße Swantje', ['Swantje']],
  ["je m'appelle maëlle", ['maëlle']],
  ['mijn naam is Sanne Bakker', ['Sanne Bakker']],
  ['Ich bin der Meinung, dass es reicht', []],
  ['soy ingeniero y busco trabajo', []],
  ['my name is not important', []],
  ['mi chiamo Gianluca e Marco è mio fratello', ['Gianluca']],
  ['thanks to patel and to the whole team', ['patel']],
  ['obrigada a souza', ['souza']],
  ['Bedankt aan de Vries voor de hulp', ['de Vries']],
  ['met with van der berg and de la cruz today', ['van der berg', 'de la cruz']],
  // a capitalised listed name after a weak phrase; an English word after a strong one
  ['Thanks, Maria', ['Maria']],
  ['thanks to mark for the intro', ['mark']],
  ['Happy birthday to sarah!!', ['sarah']],
  ['Hats off to Nick for his love', ['Nick']],
  ['hola lefèvre, ¿qué tal?', ['lefèvre']],
  // a title is not part of the name
  ['Congrats to Sr. Ana Costa on the new role', ['Ana Costa']],
  // everyone, God, friends, pronouns, common words: no name
  ['Thanks to everyone who came!', []],
  ['thanks to all of you', []],
  ['merci à tous', []],
  ['merci a toi pour le follow', []],
  ['gracias a dios', []],
  ['valeu galera', []],
  ['danke an euch alle', []],
  ['bedankt aan iedereen', []],
  ['thanks lol', []],
  ['thanks guys, see you soon', []],
  ['happy birthday bro', []],
  ['Dear Mam , i am such a huge fan', []],
  ['hi all, quick update on the release', []],
  ['hey there, long time no see', []],
  ['hello world from my new blog', []],
  ['hola a todos', []],
  ['Hallo Welt, mein erster Beitrag', []],
  ['Oi Amor, tudo bem?', []],
  ['bisous à mamie', []],
  ['auguri a nonna', []],
  ['caro amico, come stai', []],
  ['thanks to april showers', []],
  ['dank je zon', []],
  // an English word after a weak phrase, a word of the larger list only after a weak one
  ['thanks mark', []],
  ['valeu tous', []],
  // no phrase
  ['talked about patel yesterday', []],
  ['the success of okafor', []],
  ['accept patel', []],
  // a particle alone is not a name
  ['thanks to de la', []],
];

describe('cueNames', () => {
  it.each(CUE_CASES)('%s', (text, expected) => {
    expect(names(text)).toEqual(expected);
  });

  // With the tagger's words, what is learnt of a word (its fold, whether it opens a phrase) is kept by its id while
  // the tagger's generation lasts: the same names on every case, read twice, through a cache small enough to turn
  // its generations over many times.
  it.each([0, 8, 50_000])('finds the same with the word ids of a tagger with a cache of %i words', (cacheSize) => {
    const tagger = createNameTagger(loadNameModel(), gazetteer, { cacheSize });
    for (let round = 0; round < 2; round++) {
      for (const [text, expected] of CUE_CASES) {
        tagger.tag(text);
        const words = tagger.words(text);
        if (words === undefined) throw new Error('no words');
        expect(
          cueNames(text, words, gazetteer, [], commonWord).map((n) => text.slice(n.start, n.end)),
          text,
        ).toEqual(expected);
      }
    }
  });

  it('reads at most six names of a list, and at most three words of a name', () => {
    const text = 'cc: patel, okafor, schmidt, weber, rossi, bianchi, souza, ruiz';
    expect(names(text)).toEqual(['patel', 'okafor', 'schmidt', 'weber', 'rossi', 'bianchi']);
    expect(names('thanks to anna maria patel okafor')).toEqual(['anna maria patel']);
  });
});

describe('the name recognizer with cue names', () => {
  const recognizer = createNameRecognizer();
  it('reports a name after a phrase where the tagger found none, with an explanation', () => {
    const text = 'cc: patel, okafor';
    const spans = recognizer.analyze({ text }, { explain: true });
    expect(spans.map((s) => [text.slice(s.start, s.end), s.type, s.score])).toEqual([
      ['patel', 'PERSON', 0.6],
      ['okafor', 'PERSON', 0.6],
    ]);
    expect(spans[0]?.explanation?.note).toMatch(/phrase that addresses or credits/);
  });

  it('leaves a name the tagger found to the tagger', () => {
    const text = 'Thanks to Maria Lopez for the review';
    const spans = recognizer.analyze({ text });
    expect(spans.map((s) => [text.slice(s.start, s.end), s.score < 0.6 || s.score > 0.6])).toEqual([
      ['Maria Lopez', true],
    ]);
  });
});

describe('opensAddressingPhrase', () => {
  it.each<[string, boolean]>([
    ['Thanks', true],
    ['cc', true],
    ['CC', true],
    ['Danke', true],
    ['grüße', true],
    ['Grüße', true],
    ['grusse', true],
    ['félicitations', true],
    ['MERCI', true],
    // words that open no phrase, or only in the middle of one
    ['the', false],
    ['to', false],
    ['an', false],
    ['thanksgiving', false],
    ['Maria', false],
    ['c', false],
    // a phrase word written with a combining mark (decomposed) is not read as one
    ['gru\u0308ße', false],
  ])('%s: %s', (word, expected) => {
    expect(opensAddressingPhrase(word, foldToken(word))).toBe(expected);
  });

  it('is what the tagger counts per text, and no text without such a word has cue names', () => {
    const recognizer = createNameRecognizer();
    for (const text of [
      'cc: patel, okafor',
      'Danke an müller und Grüße an weber',
      'talked about patel yesterday',
      'the success of okafor',
      'Thanks to Maria Lopez, thanks again',
    ]) {
      recognizer.analyze({ text });
      const words = recognizer.wordsOf(text);
      if (words === undefined) throw new Error('no words');
      let opening = 0;
      for (let i = 0; i < words.count; i++) {
        const word = text.slice(words.starts[i] ?? 0, words.ends[i] ?? 0);
        if (opensAddressingPhrase(word, foldToken(word))) opening++;
      }
      expect(words.phraseWords).toBe(opening);
      if (opening === 0) expect(names(text)).toEqual([]);
    }
  });
});
