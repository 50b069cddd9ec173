// Why the name tagger found a span: the gazetteers its words are in and the context cue before it, in words a
// reviewer can check (the model's weights themselves explain nothing to a person).

import { foldToken } from '../known/fold.js';
import { cueClass } from './features.js';
import { GAZ, type Gazetteer } from './gazetteer.js';
import { tokenize } from './tokenize.js';

const LIST_NAMES: readonly [number, string][] = [
  [GAZ.FIRST, 'given names'],
  [GAZ.LAST, 'family names'],
  [GAZ.HUMAN, 'humannames'],
  [GAZ.LOCATION, 'places'],
  [GAZ.ORG, 'organization suffixes'],
];

/** What the tagger saw: the name lists the span's words are in, and the cue word right before it, if any. */
export interface NameEvidence {
  readonly lists: readonly string[];
  readonly contextWords: readonly string[];
}

/** Evidence for the span [start, end) of `text`. Spends a tokenization; call it only when explaining. */
export function nameEvidence(text: string, start: number, end: number, gazetteer: Gazetteer): NameEvidence {
  const lists = new Set<string>();
  for (const token of tokenTexts(text.slice(start, end))) {
    const flags = gazetteer.flags(foldToken(token));
    for (const [flag, name] of LIST_NAMES) if (flags & flag) lists.add(name);
  }
  const before = tokenTexts(text.slice(Math.max(0, start - 40), start));
  const contextWords: string[] = [];
  for (const token of before.slice(-2)) {
    const folded = foldToken(token);
    if (cueClass(folded) !== 0 || token === '@') contextWords.push(folded);
  }
  return { lists: [...lists], contextWords };
}

function tokenTexts(text: string): string[] {
  const tokens = tokenize(text);
  return Array.from({ length: tokens.count }, (_, i) => text.slice(tokens.starts[i], tokens.ends[i]));
}
