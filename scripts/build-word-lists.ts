// Rebuilds src/redact/data/frequent-words.tsv.gz: per language, the commonest words of @zxcvbn-ts's word-frequency
// lists (MIT; the French, Spanish and Portuguese lists are counted from OpenSubtitles 2024 via OPUS, ODC-BY), folded,
// with the words that language's given-name lists hold marked. Deterministic: the same packages give the same bytes.
//
//   npm run data:words [-- --top 10000 --out DIR]

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import * as de from '@zxcvbn-ts/language-de';
import * as es from '@zxcvbn-ts/language-es-es';
import * as fr from '@zxcvbn-ts/language-fr';
import * as it from '@zxcvbn-ts/language-it';
import * as nl from '@zxcvbn-ts/language-nl-be';
import * as pt from '@zxcvbn-ts/language-pt-br';
import { foldToken } from '../src/redact/known/fold.js';
import { resolveDataDir } from '../src/redact/names/data-dir.js';
import { FREQUENT_WORDS_FILE, formatFrequentWords } from '../src/redact/names/word-lists.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

const top = Number(arg('top', '10000'));
if (!Number.isInteger(top) || top < 1) {
  console.error(`build-word-lists: --top expects a whole number >= 1, found ${arg('top', '')}`);
  process.exit(2);
}
const out = join(arg('out', resolveDataDir()), FREQUENT_WORDS_FILE);

type Dictionary = Readonly<Record<string, readonly (string | number)[] | undefined>>;

// The packages name their lists "commonWords" or "commonWords-<code>"; the same for the name lists.
function lists(dictionary: Dictionary, kind: string): string[] {
  return Object.keys(dictionary)
    .filter((key) => key === kind || key.startsWith(`${kind}-`))
    .sort()
    .flatMap((key) => (dictionary[key] ?? []).map(String));
}

const LETTERS = /^\p{L}{2,}$/u;
const sources: Readonly<Record<string, Dictionary>> = {
  de: de.dictionary,
  es: es.dictionary,
  fr: fr.dictionary,
  it: it.dictionary,
  nl: nl.dictionary,
  pt: pt.dictionary,
};

const common = new Map<string, Set<string>>();
const ordinary = new Map<string, Set<string>>();
for (const [language, dictionary] of Object.entries(sources)) {
  const givenNames = new Set(
    ['firstnames', 'boysFirstnames', 'girlsFirstnames'].flatMap((kind) => lists(dictionary, kind)).map(foldToken),
  );
  // The lists come in frequency order, commonest first.
  const words = new Set<string>();
  for (const word of lists(dictionary, 'commonWords').slice(0, top)) {
    const folded = foldToken(word);
    if (LETTERS.test(folded)) words.add(folded);
  }
  common.set(language, words);
  ordinary.set(language, new Set([...words].filter((word) => !givenNames.has(word))));
  const names = words.size - (ordinary.get(language) as Set<string>).size;
  console.log(
    `${language}: ${words.size} words (top ${top}), ${names} of them given names (${givenNames.size} listed)`,
  );
}
writeFileSync(out, gzipSync(formatFrequentWords({ common, ordinary }), { level: 9 }));
console.log(`wrote ${out}`);
