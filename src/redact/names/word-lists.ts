// The commonest words of German, French, Spanish, Italian, Dutch and Portuguese (the committed
// `frequent-words.tsv.gz`, built by `npm run data:words` from word-frequency lists, src/redact/data/README.md): a word
// a language uses in almost every conversation is rarely a name there. Each list marks the words that language's
// given-name list holds too ("rosa", "pedro" in Spanish, "lieve" in Dutch): those are common words, but may be names.

import { readGzipped, resolveDataDir } from './data-dir.js';

export const FREQUENT_WORDS_FILE = 'frequent-words.tsv.gz';

/** Folded words (foldToken) per language code. */
export type FrequentWords = ReadonlyMap<string, ReadonlySet<string>>;

/** A language's commonest words: all of them, and those that are never a given name of the language. */
export interface WordLists {
  /** Every one of the commonest words ("Lieve mensen" is no name). */
  readonly common: FrequentWords;
  /** The commonest words less those the language's given-name list holds: ordinary words, never a given name. */
  readonly ordinary: FrequentWords;
}

/** `lang<TAB>word` lines, or `lang<TAB>word<TAB>name` for a given name, one word a line, sorted: the file's text. */
export function formatFrequentWords(lists: WordLists): string {
  const lines: string[] = [];
  for (const language of [...lists.common.keys()].sort()) {
    const ordinary = lists.ordinary.get(language);
    for (const word of [...(lists.common.get(language) as ReadonlySet<string>)].sort()) {
      lines.push(ordinary?.has(word) === true ? `${language}\t${word}` : `${language}\t${word}\tname`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Reads formatFrequentWords' text; a malformed line is an error naming its number. */
export function parseFrequentWords(tsv: string): WordLists {
  const common = new Map<string, Set<string>>();
  const ordinary = new Map<string, Set<string>>();
  const add = (lists: Map<string, Set<string>>, language: string, word: string): void => {
    let words = lists.get(language);
    if (words === undefined) {
      words = new Set();
      lists.set(language, words);
    }
    words.add(word);
  };
  const lines = tsv.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line === '') continue;
    const fields = line.split('\t');
    const [language, word, mark] = fields;
    if (fields.length > 3 || !language || !word || (mark !== undefined && mark !== 'name')) {
      throw new Error(
        `${FREQUENT_WORDS_FILE} line ${i + 1}: expected "language<TAB>word", then "<TAB>name" or nothing`,
      );
    }
    add(common, language, word);
    if (mark === undefined) add(ordinary, language, word);
    else if (!ordinary.has(language)) ordinary.set(language, new Set());
  }
  return { common, ordinary };
}

const loaded = new Map<string, WordLists>();

/** The committed lists, read once per data directory on first use (~60k words, a few ms). */
export function loadWordLists(dataDir: string = resolveDataDir()): WordLists {
  let lists = loaded.get(dataDir);
  if (lists === undefined) {
    lists = parseFrequentWords(readGzipped(dataDir, FREQUENT_WORDS_FILE).toString('utf8'));
    loaded.set(dataDir, lists);
  }
  return lists;
}

/** The commonest words that are never a given name of their language (WordLists.ordinary). */
export function loadFrequentWords(dataDir: string = resolveDataDir()): FrequentWords {
  return loadWordLists(dataDir).ordinary;
}
