// Names after a phrase that addresses or credits people: "cc: patel, okafor", "danke an müller", "bedankt aan de
// Vries", "thanks to maria and kim". The tagger learnt its weights from English and Spanish text in which most names
// are capitalised; a lower-case family name, a name in German (where every noun is capitalised, so capitals say
// little) or a Dutch name with its particle often gets no tag. After such a phrase a reader expects a name, and a
// word the name lists hold is one.
//
// A word counts when the gazetteer holds it as a given or family name (faker, or the larger `humannames` list) and not
// as a common word ("all", "team", "lol"), nor only as a place. A capitalised word needs nothing more. A lower-case or
// all-capitals word must also be outside the English dictionary ("patel", "okafor"), or written with a diacritic
// the dictionary's word lacks ("müller"), or come after a strong phrase (one ending in a preposition, or "cc"),
// where a listed given or family name is taken even if it is an English word ("thanks to mark"). Names may hold a
// particle ("de Vries", "van der Berg") and follow one another in a list ("patel, okafor and kim"), past the phrase's
// preposition said again ("gracias a Lucía y a Pedro").
//
// After a self-introduction ("me llamo", "ich heiße", "my name is") or a title ("Frau", "signora", "Sr."), one name,
// which need not be listed (isIntroducedName): "me llamo xiomara", "dona Cida".

import { foldToken } from '../known/fold.js';
import { CUE, cueClass } from './features.js';
import { GAZ, type Gazetteer } from './gazetteer.js';
import { LISTED_GIVEN_NAMES } from './given-names.js';
import type { TaggedWords } from './tagger.js';
import type { WordRanges } from './tokenize.js';

export interface CueName {
  readonly start: number;
  readonly end: number;
}

export const CUE_NAME_SCORE = 0.6;

// Phrases after which a name is expected, by language. Strong ones end in a preposition ("to", "an", "à", "a",
// "aan", "with"), or are "cc"; the rest ("thanks", "merci") are as often followed by other words.
const STRONG_CUES = `cc|bcc|thanks to|thank you to|shoutout to|shout out to|kudos to|congrats to|congratulations to|props to
|credit to|big thanks to|special thanks to|hats off to|salute to|respect to|big up|met with|meeting with|spoke with|spoke to|talked to|talking to|call with
|lunch with|dinner with|coffee with|happy birthday to|say hi to|danke an|dank an|vielen dank an|grüße an|gruß an
|glückwunsch an|glückwünsche an|gratulation an|treffen mit|merci à|bravo à|félicitations à|bisous à|gracias a|saludos a|felicidades a
|grazie a|saluti a|auguri a|complimenti a|obrigado a|obrigada a|abraço a|abraços a|parabéns a|bedankt aan|dank aan
|groeten aan|proficiat aan|felicitaties aan`;
// Titles and forms of address before a name, in the languages here ("la signora Pina", "Frau Özdemir", "dona Cida",
// "Seu Zé", "mevrouw Jansen"): a phrase of one word, with a dot after it or not ("Sig. Rossi"), read as a
// self-introduction is: the name after it need not be listed.
export const ANY_LANGUAGE = '*';
const TITLE_CUES = `mr|mrs|ms|dr|prof|herr|frau|signora|signor|sig|dott|dottoressa|monsieur|madame|mme|mlle|mevrouw
|meneer|dhr|mevr|señor|señora|sr|sra|srta|don|doña|dona|herrn|hr`;
// Self-introductions, by language: after them a reader expects the writer's own name, whatever lists hold it ("me
// llamo xiomara", "ich bin der Uwe"), unless it is one of the language's commonest words ("ich bin der Meinung", "soy
// ingeniero"; English ones are the gazetteer's common and dictionary words).
const INTRO_CUES: Readonly<Record<string, string>> = {
  en: `my name is|my name's|i am called|i'm called`,
  de: `ich heiße|ich heisse|mein name ist|man nennt mich`,
  es: `me llamo|mi nombre es`,
  fr: `je m'appelle|mon nom est|je me nomme`,
  it: `mi chiamo|il mio nome è`,
  pt: `me chamo|meu nome é`,
  nl: `mijn naam is|ik heet`,
};
// Introductions that as often open an ordinary sentence ("soy ingeniero", "Ich bin der Festivalleiter", "moi c'est
// boulot"): only a name a list holds after them ("Hola, soy Milagros", "ich bin der Uwe").
const LISTED_INTRO_CUES: Readonly<Record<string, string>> = {
  de: `ich bin der|ich bin die`,
  es: `soy`,
  fr: `moi c'est`,
};
// Greetings from someone ("Groetjes van Lieve en Wim", "Liebe Grüße von Swantje") are weak: "un abrazo de oso",
// "greetings from the team".
const WEAK_CUES = `greetings from|love from|grüße von|grüsse von|liebe grüße von|viele grüße von|groetjes van|groeten van
|saludos de|un abrazo de|besos de|bisous de|baci da|beijos de|abraços de|thanks|thank you|thx|happy birthday|hbd|rip|danke|merci|gracias|grazie|obrigado|obrigada|valeu|bedankt
|parabéns|felicidades|auguri|joyeux anniversaire|feliz cumpleaños|buon compleanno|feliz aniversário|alles gute
|dank je|dankjewel|hi|hey|hello|dear|hola|querido|querida|bonjour|salut|cher|chère|hallo|liebe|lieber|ciao|caro|cara|oi|olá|hoi`;

// The phrases' first words, lower-cased as written and folded ("grüße", "grusse"), as hashes: a word whose hash is
// not among them is passed over without being sliced and folded, which is almost every word. The hash is read only
// for words of a length, first and last letter that some first word has (SHAPES: bit letterSlot(last) of
// SHAPES[length * 32 + letterSlot(first)]), three reads. A word written in decomposed form ("u" and a combining mark
// for "ü") is not read as a phrase word.
const SHAPES = new Int32Array(32 * 32);
const FIRST_WORDS = new Set<number>();

/** 0-25 for an ASCII letter of either case, 26 for a Latin-1 letter, 27 for anything else. */
function letterSlot(code: number): number {
  const lower = code | 0x20;
  if (lower >= 97 && lower <= 122) return lower - 97;
  return code >= 0xc0 && code <= 0xff ? 26 : 27;
}

/** FNV-1a of text[start, end) lower-cased unit by unit (ASCII and Latin-1 capitals). */
function lowerHash(text: string, start: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let i = start; i < end; i++) {
    let code = text.charCodeAt(i);
    if ((code >= 65 && code <= 90) || (code >= 0xc0 && code <= 0xde && code !== 0xd7)) code += 32;
    hash = Math.imul(hash ^ code, 0x01000193);
  }
  return hash;
}

function mayStartCue(text: string, start: number, end: number): boolean {
  const length = end - start;
  if (length < 2 || length > 31) return false;
  const shapes = SHAPES[length * 32 + letterSlot(text.charCodeAt(start))] as number;
  if ((shapes & (1 << letterSlot(text.charCodeAt(end - 1)))) === 0) return false;
  return FIRST_WORDS.has(lowerHash(text, start, end));
}

function addFirstWord(word: string): void {
  const at = word.length * 32 + letterSlot(word.charCodeAt(0));
  SHAPES[at] = (SHAPES[at] as number) | (1 << letterSlot(word.charCodeAt(word.length - 1)));
  FIRST_WORDS.add(lowerHash(word, 0, word.length));
}

/** A phrase's folded words, whether it is strong, and what it introduces. */
interface CuePhrase {
  readonly words: readonly string[];
  /** Ends in a preposition or is "cc": a listed name is taken even if it is an English word. */
  readonly strong: boolean;
  /** A self-introduction's language (ANY_LANGUAGE after a title): one name, read by isIntroducedName. */
  readonly intro: string | undefined;
  /** What an introduction takes: any name-like word, only a listed name, or (a title) a capitalised one. */
  readonly introduces: 'any' | 'listed' | 'capitalised';
}

/** The folded words of each phrase, keyed by its first folded word. */
function cueTable(
  list: string,
  strong: boolean,
  table: Map<string, CuePhrase[]>,
  intro?: string,
  introduces: CuePhrase['introduces'] = 'any',
): void {
  for (const phrase of list.split(/\s*\|\s*/)) {
    const written = phrase.trim().split(/\s+/);
    const words = written.map(foldToken);
    addFirstWord(written[0] as string);
    addFirstWord(words[0] as string);
    const first = words[0] as string;
    const entries = table.get(first) ?? [];
    entries.push({ words, strong, intro, introduces });
    // Longer phrases first, so "thanks to" wins over "thanks".
    entries.sort((a, b) => b.words.length - a.words.length);
    table.set(first, entries);
  }
}
const CUES = new Map<string, CuePhrase[]>();
cueTable(STRONG_CUES, true, CUES);
for (const [language, phrases] of Object.entries(INTRO_CUES)) cueTable(phrases, true, CUES, language);
for (const [language, phrases] of Object.entries(LISTED_INTRO_CUES)) cueTable(phrases, true, CUES, language, 'listed');
// A title is no language's own: a word after it must be common in none of them.
cueTable(TITLE_CUES, false, CUES, ANY_LANGUAGE, 'capitalised');
const TITLES: ReadonlySet<string> = new Set(TITLE_CUES.split(/\s*\|\s*/).map(foldToken));
// Words that follow a title and are none of a name ("Herr Doktor", "Frau Professor").
const AFTER_TITLE: ReadonlySet<string> = new Set(
  'doktor doctor professor pfarrer direktor direktorin minister kollege kollegin nachbar nachbarin'.split(' '),
);
cueTable(WEAK_CUES, false, CUES);

/** Whether a folded word is the first word of an addressing or crediting phrase ("gracias", "danke", "hola"). */
export function startsAddressingPhrase(folded: string): boolean {
  return CUES.has(folded);
}

/** Whether a folded word is a title or form of address ("sr", "frau", "dhr"), whose dot ends no sentence. */
export function isTitle(folded: string): boolean {
  return TITLES.has(folded);
}

/** Words between a family name and what comes before it ("de Vries", "van der Berg", "da Silva"), folded. */
export const NAME_PARTICLES: ReadonlySet<string> = new Set(
  'de da do dos das di del della van von der den ter ten du des la le bin al el mc'.split(' '),
);
/** Words or signs between two names of a list. */
const LIST_JOINS: ReadonlySet<string> = new Set(', & + and und et y e en og och i'.split(' '));
/** Signs that may stand between the phrase and the first name ("cc: patel", "thanks, maria"). */
const AFTER_CUE: ReadonlySet<string> = new Set([':', ',', '-']);
/** At most this many words in one name, and names in one list. */
const NAME_WORDS = 3;
const LIST_NAMES = 6;

const NAME = GAZ.FIRST | GAZ.LAST;
const ANY_NAME = NAME | GAZ.HUMAN;
const ASCII_ONLY = /^\p{ASCII}*$/u;
const CAPITALISED = /^\p{Lu}[\p{Ll}\p{M}'’-]/u;

/** A capital, then a small letter, mark, apostrophe or hyphen (CAPITALISED), read without the regex for ASCII. */
function isCapitalised(word: string): boolean {
  const first = word.charCodeAt(0);
  const second = word.charCodeAt(1);
  if (first < 128 && second < 128)
    return first >= 65 && first <= 90 && ((second >= 97 && second <= 122) || second === 39 || second === 45);
  return CAPITALISED.test(word);
}

// Words for everyone, friends, family, God or a stranger ("Dear Mam"), and the pronouns for "you", that follow the same phrases ("merci à tous",
// "gracias a dios", "valeu galera", "danke an alle", "merci à toi", "auguri a nonna"); the larger name list holds some of
// them as names. Folded (no diacritics).
const ADDRESSEES: ReadonlySet<string> = new Set(
  `everyone everybody all guys folks team family friends fam sir mam maam madam boss buddy dude mate bro sis mom mum dad mama papa maman mutti vati god dieu dios dio
gott deus tous toutes tout monde amis famille todos todas amigos amigas familia equipo gente chicos chicas tutti tutte
amici famiglia squadra ragazzi alle allen familie freunde leute galera pessoal equipe iedereen allemaal vrienden jongens
toi vous te ti tu usted ustedes vos vosotros voce voces dir euch ihnen jou jullie mamie papi papy meme pepe nonna nonno
amico amica amore amor carino schatz liebling oma opa abuela abuelo avo vovo tia tio tante onkel zia zio oom`.split(
    /\s+/,
  ),
);

// Months and seasons, which name lists hold as given names ("April", "Summer"): written in lower case, the word.
const CALENDAR_WORDS: ReadonlySet<string> = new Set(
  'january february march april may june july august september october november december spring summer autumn fall winter'.split(
    ' ',
  ),
);

function isNameWord(word: string, folded: string, gazetteer: Gazetteer, strong: boolean): boolean {
  if (ADDRESSEES.has(folded)) return false;
  const flags = gazetteer.flags(folded) | (LISTED_GIVEN_NAMES.has(folded) ? GAZ.FIRST : 0);
  if ((flags & ANY_NAME) === 0 || (flags & GAZ.COMMON) !== 0) return false;
  if ((flags & GAZ.LOCATION) !== 0 && (flags & NAME) === 0) return false;
  // After a greeting or a thanks a capitalised word may be a noun (German writes them so: "Hallo Welt"): only the
  // given and family name lists count there.
  if (isCapitalised(word)) return strong || (flags & NAME) !== 0;
  // In lower case, a month or a season is the word ("thanks to april showers").
  if (CALENDAR_WORDS.has(folded)) return false;
  // Lower case: a word only the larger, noisier list holds needs a strong phrase before it ("cc: okafor").
  if ((flags & GAZ.DICTIONARY) === 0) return (flags & NAME) !== 0 || strong;
  // An English word: a name only when written unlike the English word, or after a strong phrase.
  return (flags & NAME) !== 0 && (strong || !ASCII_ONLY.test(word));
}

/**
 * Whether a word, written as `written` and folded as `folded` (foldToken), is the first word of an addressing or
 * crediting phrase as cueNames reads them: no list is read after any other word. Depends on the word alone, so a
 * caller may memoise it per word (the tagger does, see TaggedWords.phraseWords).
 * @example opensAddressingPhrase('Danke', 'danke') // true; opensAddressingPhrase('the', 'the') // false
 */
export function opensAddressingPhrase(written: string, folded: string): boolean {
  return mayStartCue(written, 0, written.length) && CUES.has(folded);
}

/**
 * The folded words of the text being read, each folded at most once and only once a phrase may start (most texts
 * fold none). One for the module: cueNames is synchronous and not re-entered. With the tagger's words (TaggedWords),
 * what is learnt of a word is kept by its id for the texts after (see WordMemo); else a word's fold is kept while its
 * stamp is the current call's.
 */
class FoldedWords {
  text = '';
  starts: Int32Array = new Int32Array(0);
  ends: Int32Array = new Int32Array(0);
  private ids: Int32Array | undefined;
  private memo: WordMemo | undefined;
  private call = 0;
  private stamps = new Int32Array(64);
  private folds: string[] = new Array<string>(64).fill('');

  /** Starts a text: every earlier fold without an id is forgotten. */
  begin(text: string, words: WordRanges & Partial<Pick<TaggedWords, 'ids' | 'generation'>>): void {
    this.text = text;
    this.starts = words.starts;
    this.ends = words.ends;
    const { ids, generation } = words;
    if (ids !== undefined && generation !== undefined) {
      let memo = WORD_MEMOS.get(words);
      if (memo === undefined || memo.generation !== generation) {
        memo = { generation, folds: [], opens: new Uint8Array(0) };
        WORD_MEMOS.set(words, memo);
      }
      this.ids = ids;
      this.memo = memo;
      return;
    }
    this.ids = undefined;
    this.memo = undefined;
    if (this.stamps.length < words.count) {
      this.stamps = new Int32Array(words.count * 2);
      this.folds = new Array<string>(words.count * 2).fill('');
      this.call = 0;
    }
    if (this.call === 0x7fffffff) {
      this.stamps.fill(0);
      this.call = 0;
    }
    this.call++;
  }

  /** Word i as written. */
  word(i: number): string {
    return this.text.slice(this.starts[i] as number, this.ends[i] as number);
  }

  /** Word i folded (foldToken). */
  at(i: number): string {
    const memo = this.memo;
    if (memo !== undefined) {
      const id = (this.ids as Int32Array)[i] as number;
      const folds = memo.folds;
      if (id >= folds.length)
        for (let k = folds.length, to = Math.max(id + 1, folds.length * 2); k < to; k++) folds.push('');
      // '' is also the fold of a word of combining marks alone: such a word is folded again, with the same result.
      let fold = folds[id] as string;
      if (fold === '') {
        fold = foldToken(this.word(i));
        folds[id] = fold;
      }
      return fold;
    }
    if (this.stamps[i] === this.call) return this.folds[i] as string;
    const fold = foldToken(this.word(i));
    this.folds[i] = fold;
    this.stamps[i] = this.call;
    return fold;
  }

  /** Whether word i opens an addressing or crediting phrase (opensAddressingPhrase). */
  opens(i: number): boolean {
    const memo = this.memo;
    if (memo === undefined)
      return mayStartCue(this.text, this.starts[i] as number, this.ends[i] as number) && CUES.has(this.at(i));
    const id = (this.ids as Int32Array)[i] as number;
    if (id >= memo.opens.length) {
      const grown = new Uint8Array(Math.max(id + 1, memo.opens.length * 2, 256));
      grown.set(memo.opens);
      memo.opens = grown;
    }
    // 0 until known, else 1 + the answer.
    const known = memo.opens[id] as number;
    if (known !== 0) return known === 2;
    const opens = mayStartCue(this.text, this.starts[i] as number, this.ends[i] as number) && CUES.has(this.at(i));
    memo.opens[id] = opens ? 2 : 1;
    return opens;
  }
}

/**
 * What cueNames learnt of the word ids of one tagger's words object (TaggedWords) in one generation of its word
 * cache, where an id names one word: its fold ('' until known) and whether it opens a phrase (0 until known).
 */
interface WordMemo {
  readonly generation: number;
  readonly folds: string[];
  opens: Uint8Array;
}
const WORD_MEMOS = new WeakMap<object, WordMemo>();
const FOLDED = new FoldedWords();

const PLAIN_WORD = /^\p{L}[\p{L}\p{M}'’-]*$/u;

/**
 * Whether a word is the name a self-introduction or a title (`cue`) introduces. Never a word for everyone or "you", a
 * title, a month, an English word the name lists lack; after a title, only a capitalised word ("dona Cida", not "la
 * pioggia dona freschezza"). A capitalised word a name list holds is the name, even if it is a common word ("Mein
 * Name ist Fröhlich", "Herr Kellner"); otherwise not a common word nor one of the language's commonest (`common`).
 * After an introduction that also opens ordinary sentences ("soy", "ich bin der"), only a word of the given or family
 * name lists; after the others, also a word in no list that is no place ("me llamo xiomara").
 */
function isIntroducedName(
  word: string,
  folded: string,
  gazetteer: Gazetteer,
  cue: CuePhrase,
  common: boolean,
): boolean {
  if (
    folded.length < 2 ||
    TITLES.has(folded) ||
    AFTER_TITLE.has(folded) ||
    !PLAIN_WORD.test(word) ||
    ADDRESSEES.has(folded) ||
    CALENDAR_WORDS.has(folded)
  )
    return false;
  const capitalised = isCapitalised(word);
  if (cue.introduces === 'capitalised' && !capitalised) return false;
  const flags = gazetteer.flags(folded) | (LISTED_GIVEN_NAMES.has(folded) ? GAZ.FIRST : 0);
  if ((flags & GAZ.DICTIONARY) !== 0 && (flags & NAME) === 0) return false;
  // Written as a name and held by a name list: the name, even if it is a common word ("Mein Name ist Fröhlich", "Herr
  // Kellner", "soy Milagros"); but German writes its nouns so too: after "ich bin der/die" a word only the larger list
  // holds must be no common word ("Ich bin der Meinung").
  if (capitalised && (flags & NAME) !== 0) return true;
  const uncommon = (flags & GAZ.COMMON) === 0 && !common;
  const nounsCapitalised = cue.introduces === 'listed' && cue.intro === 'de';
  if (capitalised && (flags & GAZ.HUMAN) !== 0 && (!nounsCapitalised || uncommon)) return true;
  if (!uncommon) return false;
  if ((flags & NAME) !== 0) return true;
  return cue.introduces !== 'listed' && (flags & GAZ.LOCATION) === 0;
}

/** The phrase of `entries` (longest first) that the words from token `i` spell, or undefined. */
function phraseAt(entries: readonly CuePhrase[], i: number, count: number, folded: FoldedWords): CuePhrase | undefined {
  for (const entry of entries) {
    const words = entry.words;
    if (i + words.length > count) continue;
    let k = 1;
    while (k < words.length && folded.at(i + k) === words[k]) k++;
    if (k === words.length) return entry;
  }
  return undefined;
}

/** The index of the first span of `found` (sorted, disjoint) from index `k` on that ends after `position`. */
function sweep(
  found: readonly { readonly start: number; readonly end: number }[],
  k: number,
  position: number,
): number {
  while (k < found.length && (found[k] as { readonly end: number }).end <= position) k++;
  return k;
}

/**
 * Names after an addressing or crediting phrase, a self-introduction or a title, in `words` (the tagger's tokens of
 * `text`), in text order. Each is a run of name words (with particles inside), one range per name of a list.
 */
export function cueNames(
  text: string,
  words: WordRanges & Partial<Pick<TaggedWords, 'ids' | 'generation'>>,
  gazetteer: Gazetteer,
  /** Where names were found already (sorted, disjoint): a list starting inside one is not read again. */
  found: readonly { readonly start: number; readonly end: number }[] = [],
  /** Whether a folded word is one of a language's commonest words (word-lists.ts); none is without it. */
  commonWord: (language: string, folded: string) => boolean = () => false,
): CueName[] {
  const names: CueName[] = [];
  const { count, starts, ends } = words;
  const folded = FOLDED;
  folded.begin(text, words);
  let nextFound = 0;
  for (let i = 0; i < count; i++) {
    if (!folded.opens(i)) continue;
    const entries = CUES.get(folded.at(i)) as readonly CuePhrase[];
    const cue = phraseAt(entries, i, count, folded);
    if (cue === undefined) continue;
    let at = i + cue.words.length;
    if (at < count && AFTER_CUE.has(folded.at(at))) at++;
    // The dot of an abbreviated title ("Sig. Rossi", "Dr. Nguyen"; not "400 cc. Fig. 1").
    else if (
      TITLES.has(cue.words[0] as string) &&
      at < count &&
      text.charCodeAt(starts[at] as number) === 46 &&
      starts[at] === ends[at - 1]
    )
      at++;
    for (let listed = 0; listed < LIST_NAMES && at < count; listed++) {
      // A name the tagger found ("Congrats to Ana Costa", as it mostly does) is passed over, not read again.
      // Positions only grow: the sweep over `found` goes on from where it stood (one pass for the whole text).
      const position = starts[at] as number;
      nextFound = sweep(found, nextFound, position);
      const known =
        nextFound < found.length && (found[nextFound]?.start as number) <= position ? found[nextFound] : undefined;
      if (known !== undefined) {
        while (at < count && (starts[at] as number) < known.end) at++;
        const next = afterJoin(cue, at, count, folded);
        if (next < 0) break;
        at = next;
        continue;
      }
      // A handle in the list ("cc @patel and okafor") is the handle recognizer's: the list goes on after it.
      if (text.charCodeAt(starts[at] as number) === 64 && at + 1 < count && starts[at + 1] === ends[at]) {
        at += 2;
        const next = afterJoin(cue, at, count, folded);
        if (next >= 0) at = next;
        continue;
      }
      // A title before a name is not part of it ("Congrats to Sr. Ana Costa").
      if (cueClass(folded.at(at)) === CUE.PERSON_TITLE) {
        at++;
        if (at < count && text.charCodeAt(starts[at] as number) === 46 && starts[at] === ends[at - 1]) at++;
        if (at >= count) break;
      }
      const name = nameAt(count, at, gazetteer, cue, folded, commonWord);
      if (name === undefined) break;
      names.push({ start: starts[at] as number, end: ends[name - 1] as number });
      at = name;
      // A join, then another name; a join before something else ends the list.
      const next = afterJoin(cue, at, count, folded);
      if (next < 0) break;
      at = next;
    }
    i = at - 1;
  }
  return names;
}

/**
 * The token after a join at token `j` between two names of the list `cue` opens, past the phrase's preposition said
 * again ("gracias a Lucía y a Pedro", "thanks to Ana and to Kim"); -1 when token j is no join, or when the phrase is
 * a self-introduction or a title, which name one person.
 */
function afterJoin(cue: CuePhrase, j: number, count: number, folded: FoldedWords): number {
  if (cue.intro !== undefined || j >= count || !LIST_JOINS.has(folded.at(j))) return -1;
  const preposition = cue.words.length > 1 ? cue.words[cue.words.length - 1] : undefined;
  return j + 1 < count && folded.at(j + 1) === preposition ? j + 2 : j + 1;
}

/** Whether word i follows word i - 1 after exactly one space (the words of one name are written so). */
function joined(folded: FoldedWords, i: number): boolean {
  return (folded.starts[i] as number) === (folded.ends[i - 1] as number) + 1;
}

/** The token after the name starting at token `at` of the `count` words, or undefined when no name starts there. */
function nameAt(
  count: number,
  at: number,
  gazetteer: Gazetteer,
  cue: CuePhrase,
  folded: FoldedWords,
  commonWord: (language: string, folded: string) => boolean,
): number | undefined {
  const { strong } = cue;
  let end: number | undefined;
  let nameWords = 0;
  for (let i = at; i < count && nameWords < NAME_WORDS; i++) {
    if (i > at && !joined(folded, i)) break;
    const f = folded.at(i);
    if (NAME_PARTICLES.has(f)) {
      // Particles belong to the name only before a name word ("van der Berg"), and are never all of it.
      let next = i + 1;
      while (next < count && next - i < 3 && joined(folded, next) && NAME_PARTICLES.has(folded.at(next))) next++;
      if (next < count && joined(folded, next) && isNameWord(folded.word(next), folded.at(next), gazetteer, strong)) {
        i = next - 1;
        continue;
      }
      break;
    }
    const written = folded.word(i);
    const nameWord =
      cue.intro === undefined
        ? isNameWord(written, f, gazetteer, strong)
        : isIntroducedName(written, f, gazetteer, cue, commonWord(cue.intro, f));
    if (!nameWord) break;
    nameWords++;
    end = i + 1;
  }
  return end;
}
