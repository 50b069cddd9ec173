// The statistical name recognizer: PERSON, LOCATION and ORGANIZATION spans from the averaged-perceptron tagger,
// behind the Recognizer seam. The model and gazetteer load synchronously on the first analyze call.

import type { EntityType } from '../../domain/index.js';
import { foldToken } from '../known/fold.js';
import type { AnalysisInput, AnalyzeOptions, DetectedSpan, Recognizer } from '../recognizer.js';
import { ANY_LANGUAGE, CUE_NAME_SCORE, cueNames } from './cue-names.js';
import { resolveDataDir } from './data-dir.js';
import { nameEvidence } from './explain.js';
import { GAZ, type Gazetteer, loadGazetteer } from './gazetteer.js';
import { LISTED_NAME_SCORE, listedGivenNames } from './given-names.js';
import { loadNameModel, type NameModel, TAG_TYPES } from './model.js';
import { ordinaryWordLanguage, trimOrdinaryWords } from './ordinary-words.js';
import { loadPlaceNames, PLACE_CUE_SCORE, type PlaceLookups, type PlaceNames, placeCues } from './place-cues.js';
import { type ScriptName, scriptNames } from './script-names.js';
import { createNameTagger, type NameTagger, type TaggedSpan, type TaggedWords } from './tagger.js';
import { loadWordLists, type WordLists } from './word-lists.js';

export const NAME_RECOGNIZER = 'name-tagger';

/** The types the name tagger produces. */
export type NameType = 'PERSON' | 'LOCATION' | 'ORGANIZATION';

export interface NameRecognizerOptions {
  /** Types to report (default all three). */
  readonly types?: readonly EntityType[];
  /**
   * > 0 finds more names at some cost in precision: one number for all types, or per type. Default: the model's
   * own bias, chosen for F2 by the training script on held-out training data.
   */
  readonly entityBias?: number | Partial<Readonly<Record<NameType, number>>>;
  /** Spans scoring below this are dropped (default 0). */
  readonly minScore?: number;
  /** Distinct words memoised by this recognizer (default 50,000). */
  readonly cacheSize?: number;
  /** Directory holding names-model.bin.gz and names-gazetteer.tsv.gz (default: the package's src/redact/data). */
  readonly dataDir?: string;
}

/** The name recognizer, which can also give the words of the text it analyzed last (see NameTagger.words). */
export interface NameRecognizer extends Recognizer {
  /** The tokens of `text` and their word ids when it is the text last analyzed, else undefined. */
  wordsOf(text: string): TaggedWords | undefined;
}

/** Whether a recognizer can give the words of the text it analyzed last (the name recognizer). */
export function givesWords(recognizer: Recognizer): recognizer is NameRecognizer {
  return typeof (recognizer as Partial<NameRecognizer>).wordsOf === 'function';
}

/**
 * Loads the name model, the gazetteer and the place names on this thread, where they go into the worker-thread
 * environment as shared memory: worker threads started afterwards map them (~40-60 ms of CPU) instead of each parsing the files
 * (~400-500 ms, and a copy each). Call it before starting workers that will detect names.
 */
export function shareNameData(dataDir: string = resolveDataDir()): void {
  loadNameModel(dataDir);
  loadGazetteer(dataDir);
  loadPlaceNames(dataDir);
}

// A signature at the end of a post: a dash or tilde, then a given name and maybe a family name ("wish me luck! -
// Carlos", "—Ana Ruiz", "~Priya"). The tagger sees a lone capitalised word after punctuation and often leaves it; the
// dash and the end of the text are the evidence it has no feature for. Only the last SIGN_OFF_TAIL characters are read.
const SIGN_OFF = /[-–—~]{1,2}[ \t]?(\p{Lu}[\p{L}'’]*)(?:[ \t]\p{Lu}[\p{L}'’-]*)?$/u;
const SIGN_OFF_TAIL = 64;
const SIGN_OFF_SCORE = 0.7;
// A letter or digit (a whole code point) ending the text before the dashes: "Jean-Pierre", "x---Carlos".
const ENDS_IN_LETTER_OR_DIGIT = /[\p{L}\p{N}]$/u;
const DASHES = /[-–—~]+$/u;
// Sign-off and endearment words and month names that the name lists also hold ("Miss you all - Love", "- May").
const NOT_SIGNATURES: ReadonlySet<string> = new Set(
  `love xoxo xo sir madam baby babe king queen bless blessed amen peace cheers thanks major royal team everyone all
january february march april may june july august september october november december`.split(/\s+/),
);

/** Whether `text[at]` is white space as /\s/ reads it (ASCII by its code, the rest by the regex). */
function isSpaceAt(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  if (code < 128) return code === 32 || (code >= 9 && code <= 13);
  return SPACE.test(text[at] ?? '');
}
const SPACE = /\s/;

/**
 * The range of a signed given name at the end of `text` (see SIGN_OFF), or undefined. The dash must not follow a
 * letter or digit ("Jean-Pierre" is one name, not a signature) and the first word must be a given name in the
 * gazetteer.
 */
export function signOffName(text: string, gazetteer: Gazetteer): { start: number; end: number } | undefined {
  let end = text.length;
  while (end > 0 && isSpaceAt(text, end - 1)) end--;
  // Most texts end in punctuation, a digit or a lower-case word: one character says no.
  const last = text.charCodeAt(end - 1);
  if (end === 0 || (last < 128 && !((last >= 65 && last <= 90) || (last >= 97 && last <= 122)))) return undefined;
  const from = Math.max(0, end - SIGN_OFF_TAIL);
  const match = SIGN_OFF.exec(text.slice(from, end));
  if (match === null) return undefined;
  const dashAt = from + match.index;
  const before = text.slice(Math.max(0, dashAt - 8), dashAt).replace(DASHES, '');
  if (ENDS_IN_LETTER_OR_DIGIT.test(before)) return undefined;
  const first = match[1] ?? '';
  // An all-capitals word is shouted, not signed ("- LOVE"); a name of two letters may be written so ("- JO").
  if (first.length > 2 && first === first.toUpperCase()) return undefined;
  const folded = foldToken(first);
  if (NOT_SIGNATURES.has(folded) || (gazetteer.flags(folded) & GAZ.FIRST) === 0) return undefined;
  return { start: dashAt + match[0].indexOf(first), end };
}

/** Appends a name the tagger did not find, with the rule that did (`note`) as its explanation when asked for. */
function pushRuleSpan(
  out: DetectedSpan[],
  explain: boolean,
  start: number,
  end: number,
  score: number,
  note: string,
  type: 'PERSON' | 'LOCATION' = 'PERSON',
): void {
  const base = { start, end, type, score, recognizer: NAME_RECOGNIZER };
  out.push(
    explain
      ? {
          ...base,
          explanation: { recognizer: NAME_RECOGNIZER, originalScore: score, validation: 'not_applicable', note },
        }
      : base,
  );
}

/**
 * Pushes each span of `found` (a rule's, sorted and disjoint) that overlaps none of the tagger's `tagged` (sorted and
 * disjoint): one sweep over both, whatever their lengths.
 */
function pushWhereUntagged(
  out: DetectedSpan[],
  explain: boolean,
  tagged: readonly TaggedSpan[],
  found: readonly { readonly start: number; readonly end: number }[],
  score: number,
  note: string,
  type: 'PERSON' | 'LOCATION' = 'PERSON',
): void {
  let t = 0;
  for (let k = 0; k < found.length; k++) {
    const span = found[k] as { readonly start: number; readonly end: number };
    while (t < tagged.length && (tagged[t] as TaggedSpan).end <= span.start) t++;
    if (t < tagged.length && (tagged[t] as TaggedSpan).start < span.end) continue;
    pushRuleSpan(out, explain, span.start, span.end, score, note, type);
  }
}

/** Per-type biases in TAG_TYPES order, the model's defaults filled in. */
export function biasByTagType(
  bias: NameRecognizerOptions['entityBias'],
  model: Pick<NameModel, 'entityBias'>,
): number[] {
  if (typeof bias === 'number') return TAG_TYPES.map(() => bias);
  return TAG_TYPES.map((t, i) => bias?.[t as NameType] ?? model.entityBias[i] ?? 0);
}

/**
 * Creates the name recognizer. Works offline; safe to create one per worker.
 * @example createNameRecognizer().analyze({ text: 'thanks to maria lopez' }) // [{ type: 'PERSON', start: 10, ... }]
 */
export function createNameRecognizer(options: NameRecognizerOptions = {}): NameRecognizer {
  const types: readonly EntityType[] = Object.freeze([...(options.types ?? TAG_TYPES)]);
  const wanted = TAG_TYPES.map((t) => types.includes(t));
  const minScore = options.minScore ?? 0;
  let tagger: NameTagger | undefined;
  let gazetteer: Gazetteer | undefined;
  const getGazetteer = (): Gazetteer => {
    gazetteer ??= loadGazetteer(options.dataDir ?? resolveDataDir());
    return gazetteer;
  };
  let wordLists: WordLists | undefined;
  const getWordLists = (): WordLists => {
    wordLists ??= loadWordLists(options.dataDir ?? resolveDataDir());
    return wordLists;
  };
  const getFrequentWords = () => getWordLists().ordinary;
  // One of a language's commonest words (a self-introduction names its language itself: "me llamo"; after a title,
  // any language's).
  const isFrequentWord = (language: string, folded: string): boolean => {
    if (language !== ANY_LANGUAGE) return getFrequentWords().get(language)?.has(folded) === true;
    for (const words of getFrequentWords().values()) if (words.has(folded)) return true;
    return false;
  };
  // Per record language, whether a folded word is a common word of it: one of its commonest words in the languages
  // the lists hold, else an English or common word of the gazetteer. Made once per language, not per record.
  const commonWords = new Map<string, (folded: string) => boolean>();
  const gazetteerCommonWord = (folded: string): boolean =>
    (getGazetteer().flags(folded) & (GAZ.COMMON | GAZ.DICTIONARY)) !== 0;
  const commonWordOf = (lang: string | undefined): ((folded: string) => boolean) => {
    const language = ordinaryWordLanguage(lang);
    if (language === undefined) return gazetteerCommonWord;
    let commonWord = commonWords.get(language);
    if (commonWord === undefined) {
      // Every one of the commonest words, given names among them: a listed given name that is also one ("Lieve
      // mensen", "Wolf gespot") is left to the tagger.
      const frequent = getWordLists().common.get(language);
      commonWord = frequent === undefined ? gazetteerCommonWord : (folded: string) => frequent.has(folded);
      commonWords.set(language, commonWord);
    }
    return commonWord;
  };
  let placeNames: PlaceNames | undefined;
  const placeLookups: PlaceLookups = {
    get gazetteer() {
      return getGazetteer();
    },
    placeNames: () => {
      placeNames ??= loadPlaceNames(options.dataDir ?? resolveDataDir());
      return placeNames;
    },
    frequentWords: (language) => getFrequentWords().get(language),
  };
  const getTagger = (): NameTagger => {
    if (tagger === undefined) {
      const dataDir = options.dataDir ?? resolveDataDir();
      const model = loadNameModel(dataDir);
      tagger = createNameTagger(model, getGazetteer(), {
        entityBias: biasByTagType(options.entityBias, model),
        ...(options.cacheSize === undefined ? {} : { cacheSize: options.cacheSize }),
      });
    }
    return tagger;
  };
  // Appends the spans of one text to `out`: the analyzer's candidate list (analyzeInto) or a fresh array (analyze).
  const collect = (input: AnalysisInput, out: DetectedSpan[], analyzeOptions?: AnalyzeOptions): void => {
    const explain = analyzeOptions?.explain === true;
    const spans = getTagger().tag(input.text);
    // The tokens the tagger read (the rules below read them too, instead of walking the text again).
    const words = getTagger().words(input.text);
    // In German, French, Italian, Dutch, Portuguese and Spanish records, without ordinary words (ordinary-words.ts).
    const tagged = trimOrdinaryWords(input.text, input.lang, spans, words, getGazetteer(), getFrequentWords);
    // Indexed loops: `tagged` is the tagger's array, trimOrdinaryWords' or the shared empty one, and a for-of over
    // arrays of several kinds cost more than the rest of this function.
    for (let k = 0; k < tagged.length; k++) {
      const span = tagged[k] as TaggedSpan;
      const type = TAG_TYPES[span.typeIndex];
      if (type === undefined || wanted[span.typeIndex] !== true || span.score < minScore) continue;
      const base = { start: span.start, end: span.end, type, score: span.score, recognizer: NAME_RECOGNIZER };
      if (!explain) {
        out.push(base);
        continue;
      }
      const evidence = nameEvidence(input.text, span.start, span.end, getGazetteer());
      const lists = evidence.lists.length > 0 ? `in ${evidence.lists.join(', ')}` : 'in no name list';
      out.push({
        ...base,
        explanation: {
          recognizer: NAME_RECOGNIZER,
          originalScore: span.score,
          ...(evidence.contextWords.length > 0 ? { contextWords: evidence.contextWords } : {}),
          validation: 'not_applicable',
          note: `averaged-perceptron BIO tagger over word, shape, gazetteer and context features; words ${lists}`,
        },
      });
    }
    // Names in scripts the tagger was not trained on (script-names.ts), where it found nothing.
    if (wanted[0] === true) {
      // Both lists are sorted by start and disjoint: one sweep finds the tagger span each name may overlap.
      let t = 0;
      const names = scriptNames(input.text, getGazetteer(), words);
      for (let k = 0; k < names.length; k++) {
        const name = names[k] as ScriptName;
        while (t < tagged.length && (tagged[t]?.end ?? 0) <= name.start) t++;
        if (name.score < minScore || (t < tagged.length && (tagged[t]?.start ?? 0) < name.end)) continue;
        pushRuleSpan(out, explain, name.start, name.end, name.score, `non-Latin script: ${name.rule}`);
      }
    }
    // After the tagger's spans: the signature ends the text.
    if (wanted[0] === true && SIGN_OFF_SCORE >= minScore) {
      const signed = signOffName(input.text, getGazetteer());
      if (signed !== undefined) {
        pushWhereUntagged(
          out,
          explain,
          tagged,
          [signed],
          SIGN_OFF_SCORE,
          'signature: a given name after a dash at the end of the text',
        );
      }
    }
    // A listed German or Dutch given name, or given names joined by a hyphen ("Dietmar", "Kevin-Pascal"), where the
    // tagger found nothing; not a word the record's language uses as a common one ("Wolf" in German).
    if (wanted[0] === true && LISTED_NAME_SCORE >= minScore && words !== undefined) {
      pushWhereUntagged(
        out,
        explain,
        tagged,
        listedGivenNames(input.text, words, getGazetteer(), commonWordOf(input.lang)),
        LISTED_NAME_SCORE,
        'a listed German or Dutch given name, or given names joined by a hyphen',
      );
    }
    // A listed city or place after a place preposition of the record's language ("aus Köln", "uit Gent"), where the
    // tagger found nothing (place-cues.ts).
    if (wanted[1] === true && PLACE_CUE_SCORE >= minScore && words !== undefined) {
      pushWhereUntagged(
        out,
        explain,
        tagged,
        placeCues(input.text, words, input.lang, placeLookups),
        PLACE_CUE_SCORE,
        'a listed city or place after a place preposition',
        'LOCATION',
      );
    }
    // A listed name after a phrase that addresses or credits people ("cc: patel", "danke an müller"), a
    // self-introduction or a title, where the tagger found nothing. Most texts have no word that opens such a phrase
    // (TaggedWords.phraseWords): none is read.
    if (wanted[0] === true && CUE_NAME_SCORE >= minScore && words !== undefined && words.phraseWords > 0) {
      pushWhereUntagged(
        out,
        explain,
        tagged,
        cueNames(input.text, words, getGazetteer(), tagged, isFrequentWord),
        CUE_NAME_SCORE,
        'a listed name after a phrase that addresses or credits people',
      );
    }
  };
  return Object.freeze({
    name: NAME_RECOGNIZER,
    types,
    analyze(input: AnalysisInput, analyzeOptions?: AnalyzeOptions): DetectedSpan[] {
      const out: DetectedSpan[] = [];
      collect(input, out, analyzeOptions);
      return out;
    },
    analyzeInto(input: AnalysisInput, spans: DetectedSpan[], analyzeOptions?: AnalyzeOptions): void {
      collect(input, spans, analyzeOptions);
    },
    wordsOf(text: string): TaggedWords | undefined {
      return tagger?.words(text);
    },
  });
}
