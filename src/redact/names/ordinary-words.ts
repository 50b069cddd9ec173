// Ordinary words out of the tagger's spans in German, French, Italian, Dutch, Portuguese and Spanish records. The
// tagger learnt from English and Spanish text that a capitalised word it does not know is a name; German capitalises
// every noun and every language capitalises the first word of a sentence, so "Verstärkung", "Danke", "Vandaag" came
// out as names. It also tags runs of lower-case Italian or Dutch words it has never seen ("alla
// stazione", "eindelijk klaar"). Only records whose `lang` names one of these languages are read; English and
// untagged records keep the tagger's spans as they are.
//
// A one-word greeting is ordinary whatever lists hold it ("Hola", "Hoi", "Olá"), and so, in German, are weekdays and
// months ("ab Montag", "im August"; next to a name they join it: "Mai Nguyen"). Any other word is ordinary unless the
// gazetteer holds it as a given or family name, or given-names.ts lists it ("Müller", "Koch", "Bella", "Vos", "Uwe"
// always stay name candidates), and when
//  - it is in the language's list below: function words, frequent adverbs, adjectives, verbs, greetings, weekdays,
//    months and the commonest nouns of members' posts, written for the project from general knowledge of each
//    language (not taken from a corpus). The place and legal-form lists also hold "und", "der", "en": they do not
//    outweigh this list; or, for a word in neither of those lists,
//  - it is one of the language's 10,000 commonest words that is no given name of it (word-lists.ts: "Mitarbeiter",
//    "vediamo"), no place or organization list holds it, and the span is a PERSON's (a place's name may be a common
//    word: "Fortaleza"); when the larger `humannames` list holds it, only a capitalised German one after an article,
//    a possessive or an inflected adjective after one ("im Lager", "eine neue Stelle": family names such as "Gärtner",
//    "Calvo", "Graça" are common words too); or
//  - it is written in lower case and the gazetteer holds it as a common word ("giornata"), or no name list holds it,
//    not even the larger `humannames` list, and the span is a run of two or more lower-case words ("eindelijk klaar";
//    a lone lower-case word may be a name the lists lack: "danke uwe"), or
//  - (German) it is capitalised, of seven letters or more, ends in a noun suffix (-ung, -heit, -keit, -schaft, -tät,
//    -ion, -nis, -tum, -ismus, -ment, -enz, -anz, -innen, and plurals) and no name list holds it ("Hartung" is a
//    family name). A capitalised German word in no list after an article is not read as a noun by its suffix: German
//    writes given names after one too ("die Heike", "der Detlef", "eure Ulrike").
// Ordinary words and punctuation come off both edges of a PERSON span; a place or an organization is kept whole
// unless nothing of it is left ("Hospital 12 de octubre" holds lower-case words). A capitalised list word inside a
// sentence stays where it joins a name ("Nuevo León", "12 de Octubre", German "Im Bruch 98a", "An der Feldgasse";
// a German noun only next to a capitalised name candidate, "Team Müller"), and at the start of a sentence before a
// name candidate, as the first word of a place or an organization ("Buenos Aires") or of a person when a name list
// holds it and it opens no greeting ("Mayo García", not "Gracias Marta"); the dot of an abbreviated title ends no
// sentence ("Sr. Casado"). A span of particles alone ("de", "van der") is dropped.
// A span before a house number is part of a street and is kept ("Auf dem Herberg 52c"). What is left keeps its type
// and score.

import { foldToken } from '../known/fold.js';
import { primaryLanguage } from '../recognizer.js';
import { isTitle, NAME_PARTICLES, startsAddressingPhrase } from './cue-names.js';
import { GAZ, type Gazetteer } from './gazetteer.js';
import { LISTED_GIVEN_NAMES } from './given-names.js';
import type { TaggedSpan, TaggedWords } from './tagger.js';
import type { WordRanges } from './tokenize.js';
import type { FrequentWords } from './word-lists.js';

const words = (list: string): ReadonlySet<string> => new Set(list.trim().split(/\s+/).map(foldToken));

// German: words written in lower case inside a sentence (a capitalised one there starts a name: "Im Bruch 98a",
// "An der Feldgasse", "Die Zeit"), then nouns, which German always capitalises.
const GERMAN_FUNCTION_WORDS = `
der die das den dem des ein eine einen einem einer eines kein keine keinen keinem keiner und oder aber denn sondern
doch als wie wenn weil dass ob damit auch noch schon nur sehr mehr viel viele vielen ganz gar so ja nein nicht
nichts ich du er sie es wir ihr mich mir dich dir uns euch sich mein meine meinen meinem meiner dein deine unser
unsere unseren unserem unserer euer eure euren eurem eurer sein seine seinen seinem seiner ihre ihren ihrem ihrer
dieser diese dieses diesen diesem jeder jede jedes jeden jedem alle allen alles man jemand niemand etwas wer was wo
wann warum wieso weshalb welche welcher welches im am zum zur vom beim ins ans an auf aus bei mit nach seit von vor
zu über unter für gegen ohne um durch bis zwischen hinter neben per pro ab heute morgen gestern jetzt gerade bald
dann danach endlich immer nie oft manchmal wieder hier dort da gern gerne leider bitte danke vielen hallo servus
moin tschüss liebe lieber liebes herzlich herzlichen herzliche viele beste besten schöne schönen schönes frohe
frohes gute guten gutes neue neuen neuer neues tolle toller tolles großartig kleine kleinen große großen letzte
letzten nächste nächsten erste ersten bin bist ist sind seid war waren wird werden hat haben habe hatte kann können
muss müssen soll sollen will wollen möchte möchten freue freuen suche suchen gibt gab geht ging kommt komm macht
mach sagt finde findet`;
const GERMAN_NOUNS = `
dankeschön dank grüße gruß glückwunsch gratulation woche wochen jahr jahre jahren tag tage tagen monat monate
wochenende montag dienstag mittwoch donnerstag freitag samstag sonntag januar februar märz april juni juli oktober
november dezember ostern weihnachten team projekt arbeit büro kunden kollegen kolleginnen frage nachricht termin
mail info tipps`;
const GERMAN_LOWER_CASE_WORDS = words(GERMAN_FUNCTION_WORDS);
// Articles, contracted prepositions, possessives and determiners, written as they are (lower case), and the ending of
// an inflected adjective between one of them and a noun.
const GERMAN_ARTICLES: ReadonlySet<string> = new Set(
  `der die das den dem des ein eine einen einem einer eines im am zum zur vom beim ins ans aufs mein meine meinen
meinem meiner meines dein deine deinen deinem deiner sein seine seinen seinem seiner ihr ihre ihren ihrem ihrer unser
unsere unseren unserem unserer euer eure euren eurem eurer kein keine keinen keinem keiner diese dieser dieses diesen
diesem jede jeder jedes jeden jedem alle allen viele vielen manche welche welcher`
    .trim()
    .split(/\s+/),
);
const GERMAN_ADJECTIVE_ENDING = /^\p{Ll}+(?:e|en|er|es|em)$/u;
const GERMAN_CALENDAR = words(`montag dienstag mittwoch donnerstag freitag samstag sonntag januar februar märz april mai
juni juli august september oktober november dezember`);

// Per language: words a reader meets in almost every post and that are never a name on their own.
const ORDINARY: Readonly<Record<string, ReadonlySet<string>>> = Object.freeze({
  de: words(`${GERMAN_FUNCTION_WORDS} ${GERMAN_NOUNS}`),
  fr: words(`
le la les un une des du de d l au aux et ou mais donc or ni car que qui quoi quand comment pourquoi où si ne pas
plus très bien tout tous toute toutes ce cet cette ces mon ma mes ton ta tes son sa ses notre nos votre vos leur
leurs je tu il elle on nous vous ils elles me te se moi toi lui eux y en à dans sur sous avec sans pour par chez
vers entre après avant depuis pendant aujourd'hui hier demain maintenant enfin déjà encore toujours jamais souvent
ici là bonjour bonsoir salut coucou merci bravo félicitations bonne bon bonnes bons belle beau beaux belles grand
grande petit petite nouveau nouvelle nouvel premier première dernier dernière excellente excellent quelle quel
quelles quels joyeux joyeuse cher chère chers chères est sont était étaient sera serons suis sommes êtes ai as a
avons avez ont fait faire venez venir voir cherche cherchons besoin voici voilà rendez-vous semaine année ans jour
journée soir soirée matin lundi mardi mercredi jeudi vendredi samedi dimanche janvier février mars avril mai juin
juillet août septembre octobre novembre décembre équipe projet travail bureau message messages monde
quelqu'un personne`),
  it: words(`
il lo la i gli le un uno una un' di a da in con su per tra fra del dello della dei degli delle al allo alla ai agli
alle dal dallo dalla dai dagli dalle nel nello nella nei negli nelle sul sullo sulla sui sugli sulle e ed o ma però
che chi cosa quando come perché dove se non più molto tutto tutti tutte tutta questo questa questi queste quello
quella mio mia miei mie tuo tua suo sua nostro nostra nostri nostre vostro vostra loro io tu lui lei noi voi mi ti
ci vi si oggi ieri domani ora adesso finalmente già ancora sempre mai spesso qui qua lì là ciao buongiorno
buonasera salve grazie bravo brava complimenti auguri buon buona buone buoni bello bella bel belle begli bellissimo
bellissima grande grandi piccolo piccola nuovo nuova nuovi primo prima ultimo ultima ottimo ottima caro cari cara
care è sono era erano sarà siamo siete ho hai ha abbiamo avete hanno fa fare cerco cerchiamo venite vieni ecco
settimana anno anni giorno giornata sera serata mattina lunedì martedì mercoledì giovedì venerdì sabato domenica
gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre squadra progetto
lavoro ufficio messaggio messaggi riunione qualcuno nessuno`),
  nl: words(`
de het een en of maar want dus dat die dit deze wie wat waar wanneer hoe waarom als of niet geen ook nog al wel
heel erg zeer veel meer alle allemaal alles iets niets iemand niemand ik jij je u hij zij ze wij we jullie mij me
hem haar ons onze mijn jouw jullie zijn hun uw in op aan bij met van voor naar uit over onder tussen door tegen
zonder na tot om per vandaag gisteren morgen nu straks eindelijk altijd nooit vaak soms weer hier daar hallo hoi
goedemorgen goedemiddag goedenavond dag doei bedankt dank dankjewel dankuwel gefeliciteerd proficiat fijne fijn
mooie mooi leuke leuk goede goed grote groot kleine klein nieuwe nieuw eerste laatste volgende beste is zijn was
waren wordt worden heb hebt heeft hebben had kan kunnen moet moeten wil willen zal zullen ga gaat gaan kom komt
komen zoek zoeken week weken jaar jaren maand weekend maandag dinsdag woensdag donderdag vrijdag zaterdag zondag
januari februari maart mei juni juli augustus oktober november december team project werk kantoor bericht
vergadering vanavond vanochtend vanmiddag binnenkort`),
  pt: words(`
o a os as um uma uns umas de do da dos das em no na nos nas ao aos à às pelo pela pelos pelas por para com sem
sobre entre até desde e ou mas que quem quando como porque onde se não mais muito muita muitos muitas tudo todo
toda todos todas este esta estes estas esse essa isso isto aquele aquela meu minha meus minhas seu sua seus suas
nosso nossa nossos nossas eu tu ele ela nós vós eles elas você vocês me te lhe hoje ontem amanhã agora finalmente
já ainda sempre nunca aqui ali lá oi olá bom boa bons boas obrigado obrigada valeu parabéns feliz felizes novo
nova novos primeiro primeira último última ótimo ótima grande grandes pequeno pequena caro cara caros é são era
eram será somos estamos está estão foi fomos tenho temos tem têm vamos venham vem procuro procuramos semana ano
anos dia dias noite manhã tarde segunda terça quarta quinta sexta sábado domingo janeiro fevereiro março abril
maio junho julho agosto setembro outubro novembro dezembro equipe time projeto trabalho empresa escritório
mensagem mensagens pessoal galera alguém ninguém tinha tinham havia ficou ficaram estava estavam depois antes`),
  es: words(`
el la los las un una unos unas de del al a en con sin por para sobre entre hasta desde hacia y o pero que quien
quién cuando cuándo como cómo porque por qué dónde donde si no más muy mucho mucha muchos muchas todo toda todos
todas este esta estos estas ese esa esos esas eso esto mi mis tu tus su sus nuestro nuestra nuestros nuestras
vuestro vuestra yo tú él ella nosotros nosotras vosotros ellos ellas usted ustedes me te le nos os les se hoy ayer
mañana ahora ya todavía aún siempre nunca aquí allí hola buenos buenas bueno buena gracias enhorabuena felicidades
feliz felices nuevo nueva nuevos primero primera último última gran grande pequeño pequeña querido querida
queridos queridas es son era eran será somos estamos está están fue fueron tengo tenemos tiene tienen vamos
buscamos busco semana año años día días noche tarde lunes martes miércoles jueves viernes sábado domingo enero
febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre equipo proyecto trabajo oficina
empresa mensaje mensajes alguien nadie tenía tenían había hubo quedó estaba estaban después antes`),
});

// One-word greetings, as written (lower-cased, accents kept: "Ola" is a given name, "olá" the Portuguese greeting).
const GREETINGS: ReadonlySet<string> = new Set(
  'hola olá hoi hallo ciao salut bonjour bonsoir coucou buongiorno buonasera moin servus'.split(' '),
);

// German noun suffixes (folded: "tät" is "tat").
const GERMAN_NOUN_SUFFIXES = `ung ungen heit heiten keit keiten schaft schaften tat taten ion ionen
nis nisse tum ismus ismen ment mente enz enzen anz anzen innen`;
const GERMAN_NOUN = new RegExp(`(?:${GERMAN_NOUN_SUFFIXES.split(/\s+/).join('|')})$`);
const GERMAN_NOUN_MIN_LENGTH = 7;

const NAME = GAZ.FIRST | GAZ.LAST;
// The place and legal-form lists hold many function words ("und", "der", "en"): the lists above win over them.
const PLACE_OR_FORM = GAZ.LOCATION | GAZ.ORG;
const ANY_NAME = GAZ.FIRST | GAZ.LAST | GAZ.HUMAN;
/** TAG_TYPES index of PERSON. */
const PERSON_TYPE = 0;
const HOUSE_NUMBER = /^\d{1,4}[a-zA-Z]?$/;
const SENTENCE_END = /^[.!?¡¿;…]$/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const LOWER_CASE = /^\p{Ll}/u;
const UPPER_CASE = /^\p{Lu}/u;
const TITLE_CASE = /^\p{Lu}[\p{Ll}\p{M}]/u;

/** Whether `folded` (foldToken) is an ordinary word of one of the Romance languages here (pt, es, it, fr). */
export function isRomanceOrdinaryWord(folded: string): boolean {
  return ROMANCE.some((language) => (ORDINARY[language] as ReadonlySet<string>).has(folded));
}
const ROMANCE = ['pt', 'es', 'it', 'fr'] as const;

/** The primary language of a record when this filter reads it, else undefined. */
export function ordinaryWordLanguage(lang: string | undefined): string | undefined {
  if (lang === undefined) return undefined;
  // Records of a stream share a few tags: each tag's answer is kept (up to 256 tags).
  let language = LANGUAGE_BY_TAG.get(lang);
  if (language === undefined) {
    if (LANGUAGE_BY_TAG.size >= 256) LANGUAGE_BY_TAG.clear();
    language = languageOf(lang) ?? null;
    LANGUAGE_BY_TAG.set(lang, language);
  }
  return language ?? undefined;
}
const LANGUAGE_BY_TAG = new Map<string, string | null>();

function languageOf(lang: string): string | undefined {
  const primary = primaryLanguage(lang) ?? '';
  return Object.hasOwn(ORDINARY, primary) ? primary : undefined;
}

// What a written word is, whatever surrounds it (wordVerdict), kept per gazetteer and language for the words seen.
const NOT_ORDINARY = 0;
const ORDINARY_WORD = 1;
/** A lower-case word no list holds: ordinary only in a run of such words ("eindelijk klaar"), else maybe a name. */
const ORDINARY_IN_A_LOWER_CASE_RUN = 2;
/** One of the language's commonest words (word-lists.ts): ordinary in a PERSON span only. */
const ORDINARY_IN_A_PERSON = 3;
/** A capitalised German one that a name list holds too: ordinary in a PERSON span after an article only. */
const ORDINARY_AFTER_AN_ARTICLE = 4;
const VERDICTS_KEPT = 50_000;
const verdictCache = new WeakMap<Gazetteer, Map<string, Map<string, number>>>();

/** The verdicts kept for one gazetteer and `key`: a language, with the frequent-word lists or without them. */
function verdictsOf(gazetteer: Gazetteer, key: string): Map<string, number> {
  let byKey = verdictCache.get(gazetteer);
  if (byKey === undefined) {
    byKey = new Map();
    verdictCache.set(gazetteer, byKey);
  }
  let verdicts = byKey.get(key);
  if (verdicts === undefined) {
    verdicts = new Map();
    byKey.set(key, verdicts);
  }
  return verdicts;
}

function wordVerdict(
  written: string,
  language: string,
  list: ReadonlySet<string>,
  frequent: ReadonlySet<string> | undefined,
  gazetteer: Gazetteer,
): number {
  // A greeting that a name list also holds ("Hola" as a family name, "Hoi" and "Olá" as given names) is the greeting.
  if (GREETINGS.has(written.toLowerCase())) return ORDINARY_WORD;
  const folded = foldToken(written);
  // German capitalises weekdays and months, which name lists hold too ("Montag", "Mai", "August"): alone, the day or
  // the month ("ab Montag wieder", "im August"); next to a name they still join it ("Mai Nguyen").
  if (language === 'de' && GERMAN_CALENDAR.has(folded)) return ORDINARY_WORD;
  const flags = gazetteer.flags(folded);
  if ((flags & NAME) !== 0 || LISTED_GIVEN_NAMES.has(folded)) return NOT_ORDINARY;
  if (list.has(folded)) return ORDINARY_WORD;
  if ((flags & PLACE_OR_FORM) !== 0) return NOT_ORDINARY;
  // One of the language's commonest words ("Mitarbeiter", "vediamo"), which no name list holds, not even the larger
  // `humannames` list (family names that are common words: "Gärtner", "Fröhlich", "Herbst", "Calvo", "Graça"):
  // ordinary in a person's span, not in a place's ("Fortaleza", "Condesa").
  // A German noun the larger list holds as a family name is the noun after an article ("im Lager", "eine neue Stelle"),
  // and may be the name without one ("mit Gärtner gesprochen").
  if (frequent?.has(folded) === true) {
    if ((flags & GAZ.HUMAN) === 0) return ORDINARY_IN_A_PERSON;
    return language === 'de' && UPPER_CASE.test(written) ? ORDINARY_AFTER_AN_ARTICLE : NOT_ORDINARY;
  }
  if (LOWER_CASE.test(written)) {
    if ((flags & GAZ.COMMON) !== 0) return ORDINARY_WORD;
    // Alone, a lower-case word may be a name the lists lack ("danke uwe").
    return (flags & ANY_NAME) === 0 ? ORDINARY_IN_A_LOWER_CASE_RUN : NOT_ORDINARY;
  }
  if (language !== 'de' || !UPPER_CASE.test(written)) return NOT_ORDINARY;
  // The larger name list holds family names with a noun's ending ("Hartung").
  const noun = folded.length >= GERMAN_NOUN_MIN_LENGTH && GERMAN_NOUN.test(folded) && (flags & GAZ.HUMAN) === 0;
  return noun ? ORDINARY_WORD : NOT_ORDINARY;
}

/**
 * The tagger's spans of `text` without the ordinary words of the record's language (see above); `spans` itself
 * when the language is not one of them or nothing changes. `words` are the tagger's tokens of `text`; `frequent`,
 * the languages' commonest words (word-lists.ts), is asked for only when a span is to be trimmed.
 * @example trimOrdinaryWords('Danke für die Glückwünsche', 'de', spans, words, gazetteer) // no "Danke" span
 */
export function trimOrdinaryWords(
  text: string,
  lang: string | undefined,
  spans: readonly TaggedSpan[],
  words: (WordRanges & Partial<Pick<TaggedWords, 'ids' | 'generation'>>) | undefined,
  gazetteer: Gazetteer,
  frequent?: () => FrequentWords,
): readonly TaggedSpan[] {
  if (spans.length === 0 || words === undefined) return spans;
  const language = ordinaryWordLanguage(lang);
  if (language === undefined) return spans;
  return TRIMMER.trim(text, language, spans, words, gazetteer, frequent?.().get(language));
}

/**
 * trimOrdinaryWords for one text at a time, its state in fields rather than in closures made per call (one for the
 * module: trimming is synchronous and not re-entered).
 */
class SpanTrimmer {
  private text = '';
  private language = '';
  private list: ReadonlySet<string> = new Set();
  private frequent: ReadonlySet<string> | undefined;
  /** The language, and whether the frequent-word lists are read: what a word's verdict depends on besides it. */
  private verdictKey = '';
  private gazetteer: Gazetteer | undefined;
  private verdicts: Map<string, number> = new Map();
  private count = 0;
  private starts: Int32Array = new Int32Array(0);
  private ends: Int32Array = new Int32Array(0);
  // The span being trimmed (tokens spanFrom .. spanTo-1), and whether it is two or more words all written in lower
  // case: read only when a lower-case word in no list asks (lowerCaseRun), once per span.
  private spanFrom = 0;
  private spanTo = 0;
  private spanIsPerson = false;
  private lowerCaseRunOf = -1;
  private lowerCaseRunValue = false;
  /** Whether an ordinary word came off the span being trimmed. */
  private trimmed = false;
  // Token ids of the words being read (TaggedWords.ids), and the memo of their language (see IdMemo), when they
  // have ids.
  private ids: Int32Array | undefined;
  private byId: Uint8Array = new Uint8Array(0);
  private memo: IdMemo | undefined;

  trim(
    text: string,
    language: string,
    spans: readonly TaggedSpan[],
    words: WordRanges & Partial<Pick<TaggedWords, 'ids' | 'generation'>>,
    gazetteer: Gazetteer,
    frequent: ReadonlySet<string> | undefined,
  ): readonly TaggedSpan[] {
    this.text = text;
    this.language = language;
    this.frequent = frequent;
    this.verdictKey = frequent === undefined ? language : `${language}+frequent`;
    this.useIds(words, gazetteer);
    this.list = ORDINARY[language] as ReadonlySet<string>;
    this.gazetteer = gazetteer;
    this.verdicts = verdictsOf(gazetteer, this.verdictKey);
    const { count, starts, ends } = words;
    this.count = count;
    this.starts = starts;
    this.ends = ends;
    this.lowerCaseRunOf = -1;
    // Made only once a span changes (most texts keep all of theirs).
    let out: TaggedSpan[] | undefined;
    let t = 0;
    for (let s = 0; s < spans.length; s++) {
      const span = spans[s] as TaggedSpan;
      while (t < count && (starts[t] as number) < span.start) t++;
      let last = t;
      while (last < count && (ends[last] as number) <= span.end) last++;
      if (last === t) {
        // Not on token boundaries (never from the tagger): kept as it is.
        out?.push(span);
        continue;
      }
      if (this.beforeHouseNumber(last)) {
        out?.push(span);
        t = last;
        continue;
      }
      // Tokens t .. last-1 are the span's: ordinary words and punctuation come off both edges (punctuation only
      // when a word came off too: "J. Müller." stays as the tagger found it).
      let from = t;
      let to = last;
      this.trimmed = false;
      this.spanFrom = t;
      this.spanTo = last;
      this.spanIsPerson = span.typeIndex === PERSON_TYPE;
      while (from < to && this.trims(from, from + 1, from, to, span.typeIndex)) from++;
      while (to > from && this.trims(to - 1, to - 2, from, to, span.typeIndex)) to--;
      // Particles alone are no name ("de", "van der").
      let particles = from;
      while (particles < to && (!this.isWord(particles) || this.isParticle(particles))) particles++;
      t = last;
      if (particles === to) {
        out ??= spans.slice(0, s);
        continue;
      }
      const start = starts[from] as number;
      const end = ends[to - 1] as number;
      // A place or an organization is kept whole unless all of it is ordinary: its name may hold lower-case words
      // ("Hospital 12 de octubre"), and a piece of it says less than the whole.
      if (!this.trimmed || (start === span.start && end === span.end) || span.typeIndex !== PERSON_TYPE) {
        out?.push(span);
      } else {
        out ??= spans.slice(0, s);
        out.push({ ...span, start, end });
      }
    }
    return out ?? spans;
  }

  private word(i: number): string {
    return this.text.slice(this.starts[i] as number, this.ends[i] as number);
  }

  private lowerCaseRun(): boolean {
    if (this.lowerCaseRunOf !== this.spanFrom) {
      this.lowerCaseRunOf = this.spanFrom;
      let spanWords = 0;
      let allLower = true;
      for (let i = this.spanFrom; i < this.spanTo && allLower; i++) {
        if (!this.isWord(i)) continue;
        spanWords++;
        allLower = LOWER_CASE.test(this.word(i));
      }
      this.lowerCaseRunValue = allLower && spanWords >= 2;
    }
    return this.lowerCaseRunValue;
  }

  /** Sets `byId` to the memo of `words`' ids for verdictKey (resetting all when their owner or generation changed). */
  private useIds(words: WordRanges & Partial<Pick<TaggedWords, 'ids' | 'generation'>>, gazetteer: Gazetteer): void {
    const { ids, generation } = words;
    if (ids === undefined || generation === undefined) {
      this.ids = undefined;
      return;
    }
    this.ids = ids;
    let memo = ID_MEMOS.get(words);
    if (memo === undefined) {
      memo = { generation, gazetteer, byLanguage: new Map() };
      ID_MEMOS.set(words, memo);
    } else if (memo.generation !== generation || memo.gazetteer !== gazetteer) {
      memo.generation = generation;
      memo.gazetteer = gazetteer;
      memo.byLanguage.clear();
    }
    this.memo = memo;
    let byId = memo.byLanguage.get(this.verdictKey);
    if (byId === undefined) {
      byId = new Uint8Array(256);
      memo.byLanguage.set(this.verdictKey, byId);
    }
    this.byId = byId;
  }

  /** The memo slot of token i's word id (grown to hold it), or -1 when the words have no ids. */
  private slotOf(i: number): number {
    if (this.ids === undefined) return -1;
    const id = this.ids[i] as number;
    if (id >= this.byId.length) {
      const grown = new Uint8Array(Math.max(this.byId.length * 2, id + 1));
      grown.set(this.byId);
      this.byId = grown;
      this.memo?.byLanguage.set(this.verdictKey, grown);
    }
    return id;
  }

  private verdictOf(i: number): number {
    const slot = this.slotOf(i);
    const known = slot < 0 ? 0 : (this.byId[slot] as number) & 7;
    if (known !== 0) return known - 1;
    const written = this.word(i);
    let verdict = this.verdicts.get(written);
    if (verdict === undefined) {
      verdict = wordVerdict(written, this.language, this.list, this.frequent, this.gazetteer as Gazetteer);
      if (this.verdicts.size >= VERDICTS_KEPT) this.verdicts.clear();
      this.verdicts.set(written, verdict);
    }
    if (slot >= 0) this.byId[slot] = (this.byId[slot] as number) | (verdict + 1);
    return verdict;
  }

  private isOrdinary(i: number): boolean {
    const verdict = this.verdictOf(i);
    if (verdict === ORDINARY_IN_A_PERSON) return this.spanIsPerson;
    if (verdict === ORDINARY_AFTER_AN_ARTICLE) return this.spanIsPerson && this.afterArticle(i);
    return verdict === ORDINARY_WORD || (verdict === ORDINARY_IN_A_LOWER_CASE_RUN && this.lowerCaseRun());
  }

  /** Whether word i is a name particle ("de", "van"). */
  private isParticle(i: number): boolean {
    const slot = this.slotOf(i);
    const known = slot < 0 ? 0 : (this.byId[slot] as number);
    if ((known & 8) !== 0) return (known & 16) !== 0;
    const particle = NAME_PARTICLES.has(foldToken(this.word(i)));
    if (slot >= 0) this.byId[slot] = known | 8 | (particle ? 16 : 0);
    return particle;
  }

  // A token is a word or one punctuation character (tokenize.ts): its first unit tells, for ASCII but '_' (a word
  // character of the tokenizer, not a letter: "_x" is a word by its letters).
  private isWord(i: number): boolean {
    const first = this.text.charCodeAt(this.starts[i] as number);
    const code = first | 0x20;
    if (first < 128 && first !== 95) return (code >= 97 && code <= 122) || (first >= 48 && first <= 57);
    return LETTER_OR_DIGIT.test(this.word(i));
  }

  /**
   * Whether German word i follows an article, a contracted preposition or a possessive, directly or after one
   * inflected adjective ("im Lager", "eine neue Stelle", "unserem Kino"): a noun's place, which a name seldom takes.
   */
  private afterArticle(i: number): boolean {
    let k = i - 1;
    if (k < 0 || !this.isWord(k)) return false;
    let before = this.word(k);
    if (GERMAN_ADJECTIVE_ENDING.test(before) && !GERMAN_ARTICLES.has(before) && k >= 1 && this.isWord(k - 1)) {
      k--;
      before = this.word(k);
    }
    return GERMAN_ARTICLES.has(before.toLowerCase());
  }

  private startsSentence(i: number): boolean {
    if (i === 0) return true;
    const gap = this.text.slice(this.ends[i - 1] as number, this.starts[i] as number);
    if (gap.includes('\n')) return true;
    if (!SENTENCE_END.test(this.word(i - 1))) return false;
    // The dot of an abbreviated title ends no sentence ("Sr. Casado", "Prof. Kurz", "Dhr. Stam").
    return !(
      i >= 2 &&
      this.text.charCodeAt(this.starts[i - 1] as number) === 46 &&
      this.starts[i - 1] === this.ends[i - 2] &&
      isTitle(foldToken(this.word(i - 2)))
    );
  }

  // Whether the capitalised ordinary word i is part of a name, `next` being its inner neighbour in the span
  // (tokens from .. to-1 so far). Inside a sentence: yes in the languages that write common words in lower case
  // ("12 de Octubre", "Le Havre"), and in German for a word it writes in lower case ("Im Bruch 98a"); a German noun
  // only next to a capitalised name candidate ("Team Müller"). At the start of a sentence, before a name candidate,
  // it joins a place or an organization ("Buenos Aires"), and a person when a name list holds it too ("Mayo
  // García", "Mei Lin": months), but not when it opens a greeting or thanks ("Gracias Marta", cue-names.ts).
  private joinsName(i: number, next: number, from: number, to: number, typeIndex: number): boolean {
    if (!TITLE_CASE.test(this.word(i))) return false;
    const nextIsName = next >= from && next < to && UPPER_CASE.test(this.word(next)) && !this.isOrdinary(next);
    if (this.startsSentence(i)) {
      if (!nextIsName || typeIndex !== PERSON_TYPE) return nextIsName;
      const folded = foldToken(this.word(i));
      return ((this.gazetteer as Gazetteer).flags(folded) & ANY_NAME) !== 0 && !startsAddressingPhrase(folded);
    }
    return this.language !== 'de' || nextIsName || GERMAN_LOWER_CASE_WORDS.has(foldToken(this.word(i)));
  }

  // Whether token `after` or one of the two capitalised words from it is followed by a house number: the span is
  // then part of a street ("Auf dem Herberg 52c", "An der Evangelischen Kirche 74a"), whatever its words are.
  private beforeHouseNumber(after: number): boolean {
    for (let i = after; i < this.count && i <= after + 2; i++) {
      const first = this.text.charCodeAt(this.starts[i] as number);
      if (first >= 48 && first <= 57) {
        if (HOUSE_NUMBER.test(this.word(i))) return true;
        return false;
      }
      if (first < 128 ? first < 65 || first > 90 : !UPPER_CASE.test(this.word(i))) return false;
    }
    return false;
  }

  /** Whether token i comes off the edge of the span (see trim), `next` being its inner neighbour. */
  private trims(i: number, next: number, from: number, to: number, typeIndex: number): boolean {
    if (!this.isWord(i)) return true;
    const ordinary = this.isOrdinary(i) && !this.joinsName(i, next, from, to, typeIndex);
    if (ordinary) this.trimmed = true;
    return ordinary;
  }
}
const TRIMMER = new SpanTrimmer();

/**
 * What wordVerdict and the particle test said of each word id of one tagger's words (TaggedWords.ids), per language
 * (with the frequent-word lists or without): while the generation and the gazetteer stay the same, an id names one
 * word, and its answers need neither its characters nor a string key. Per id, 0 until known, else bits 0-2: verdict
 * + 1; bit 3: the particle test was made; bit 4: its answer. Kept per words object (one per tagger), so two
 * recognizers used in turn keep theirs.
 */
interface IdMemo {
  generation: number;
  gazetteer: Gazetteer;
  readonly byLanguage: Map<string, Uint8Array>;
}
const ID_MEMOS = new WeakMap<object, IdMemo>();
