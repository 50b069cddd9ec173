// The commonest words of German, French, Spanish, Italian, Dutch and Portuguese (the committed
// `frequent-words.tsv.gz`, built by `npm run data:words` from word-frequency lists, src/redact/data/README.md), read
// by ordinary-words.ts: a word a language uses in almost every conversation is rarely a name there. The lists leave
// out every word their language's given-name lists or English's hold ("Peter", "Sam", "Rosa" stay name candidates).

import { readGzipped, resolveDataDir } from './data-dir.js';

export const FREQUENT_WORDS_FILE = 'frequent-words.tsv.gz';

/** Folded words (foldToken) per language code. */
export type FrequentWords = ReadonlyMap<string, ReadonlySet<string>>;

/** `lang<TAB>word` lines, one word a line, sorted: the file's text. */
export function formatFrequentWords(lists: FrequentWords): string {
  const lines: string[] = [];
  for (const language of [...lists.keys()].sort()) {
    for (const word of [...(lists.get(language) as ReadonlySet<string>)].sort()) lines.push(`${language}\t${word}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Reads formatFrequentWords' text; a malformed line is an error naming its number. */
export function parseFrequentWords(tsv: string): FrequentWords {
  const lists = new Map<string, Set<string>>();
  const lines = tsv.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line === '') continue;
    const tab = line.indexOf('\t');
    if (tab <= 0 || tab === line.length - 1 || line.indexOf('\t', tab + 1) !== -1) {
      throw new Error(`${FREQUENT_WORDS_FILE} line ${i + 1}: expected "language<TAB>word"`);
    }
    const language = line.slice(0, tab);
    let words = lists.get(language);
    if (words === undefined) {
      words = new Set();
      lists.set(language, words);
    }
    words.add(line.slice(tab + 1));
  }
  return lists;
}

const loaded = new Map<string, FrequentWords>();

/** The committed lists, read once per data directory on first use (~60k words, a few ms). */
export function loadFrequentWords(dataDir: string = resolveDataDir()): FrequentWords {
  let lists = loaded.get(dataDir);
  if (lists === undefined) {
    lists = parseFrequentWords(readGzipped(dataDir, FREQUENT_WORDS_FILE).toString('utf8'));
    loaded.set(dataDir, lists);
  }
  return lists;
}
