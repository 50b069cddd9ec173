// Known-identity matching: the member directory's profile names and the removal list compiled into one token-level
// trie (flat typed arrays, one hash table of edges) that finds whole-token, case- and diacritic-insensitive matches.
// Measured by bench/known.ts: 1,000,000 two- and three-token names compile in ~4 s into ~62 bytes/entry (27 in the
// trie tables, the rest the vocabulary of distinct folded tokens); matching ~20 MB/s on social-media posts.

import { ENTITY_TYPES, type EntityType } from '../../domain/index.js';
import { foldToken } from './fold.js';

/** One identity to redact wherever it appears. `type` defaults to PERSON. */
export interface KnownIdentity {
  readonly value: string;
  readonly type?: EntityType;
}

/** A match: original-string offsets (UTF-16, end exclusive) and the entry's type. */
export interface KnownMatch {
  readonly start: number;
  readonly end: number;
  readonly type: EntityType;
}

export interface KnownIdentityMatcher {
  /** Distinct token sequences compiled. */
  readonly size: number;
  /** Entries with no word characters (nothing to match), left out. */
  readonly skipped: number;
  /** Distinct folded tokens. */
  readonly vocabularySize: number;
  /** The entity types the entries carry. */
  readonly types: readonly EntityType[];
  /** Bytes held in the trie's typed arrays (the vocabulary's strings come on top). */
  readonly tableBytes: number;
  /** All non-overlapping matches in `text`, longest first where entries overlap, in text order. */
  match(text: string): KnownMatch[];
}

// Zero-width (non-)joiners sit inside words in Persian, Kurdish and Indic scripts.
const WORD = /[\p{L}\p{M}\p{N}\u200c\u200d]+/gu;
// Between two tokens of one name: spaces, and at most a hyphen, apostrophe or period ("Jean-Luc", "O'Neil", "J. Doe").
const GAP = /^\s*[-'’.]?\s*$/;
const MAX_GAP = 4;

interface WordTokens {
  readonly starts: number[];
  readonly ends: number[];
  readonly folded: string[];
}

/** Word tokens of `text`, folded; `re` is the caller's own copy of WORD (its lastIndex is reset here). */
function wordTokens(text: string, re: RegExp = new RegExp(WORD.source, WORD.flags)): WordTokens {
  const starts: number[] = [];
  const ends: number[] = [];
  const folded: string[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    starts.push(m.index);
    ends.push(m.index + m[0].length);
    folded.push(foldToken(m[0]));
  }
  return { starts, ends, folded };
}

function joinable(text: string, end: number, nextStart: number): boolean {
  if (nextStart - end > MAX_GAP) return false;
  return GAP.test(text.slice(end, nextStart));
}

/** Mixes (parent node, token id) into a table slot. */
function edgeHash(parent: number, token: number): number {
  let h = Math.imul(parent ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(token + 0x632be5ab, 0xc2b2ae35);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return (h ^ (h >>> 12)) >>> 0;
}

/** A growable trie over token ids: node 0 is the root; edges live in one open-addressing table. */
class TokenTrie {
  nodeCount = 1;
  nodeType = new Uint8Array(1024);
  edgeCount = 0;
  capacity = 1024;
  edgeParent = new Int32Array(this.capacity).fill(-1);
  edgeToken = new Int32Array(this.capacity);
  edgeChild = new Int32Array(this.capacity);

  child(parent: number, token: number): number {
    const mask = this.capacity - 1;
    for (let slot = edgeHash(parent, token) & mask; ; slot = (slot + 1) & mask) {
      const p = this.edgeParent[slot] as number;
      if (p === -1) return -1;
      if (p === parent && this.edgeToken[slot] === token) return this.edgeChild[slot] as number;
    }
  }

  addChild(parent: number, token: number): number {
    const existing = this.child(parent, token);
    if (existing >= 0) return existing;
    if ((this.edgeCount + 1) * 4 > this.capacity * 3) this.grow();
    const node = this.nodeCount++;
    if (node >= this.nodeType.length) {
      const types = new Uint8Array(this.nodeType.length * 2);
      types.set(this.nodeType);
      this.nodeType = types;
    }
    this.insert(parent, token, node);
    this.edgeCount++;
    return node;
  }

  private insert(parent: number, token: number, child: number): void {
    const mask = this.capacity - 1;
    let slot = edgeHash(parent, token) & mask;
    while (this.edgeParent[slot] !== -1) slot = (slot + 1) & mask;
    this.edgeParent[slot] = parent;
    this.edgeToken[slot] = token;
    this.edgeChild[slot] = child;
  }

  private grow(): void {
    const { edgeParent, edgeToken, edgeChild, capacity } = this;
    this.capacity = capacity * 2;
    this.edgeParent = new Int32Array(this.capacity).fill(-1);
    this.edgeToken = new Int32Array(this.capacity);
    this.edgeChild = new Int32Array(this.capacity);
    for (let i = 0; i < capacity; i++) {
      const p = edgeParent[i] as number;
      if (p !== -1) this.insert(p, edgeToken[i] as number, edgeChild[i] as number);
    }
  }

  get bytes(): number {
    return this.nodeType.byteLength + this.edgeParent.byteLength * 3;
  }
}

/**
 * Compiles identities into one matcher. Matching is by whole tokens, ignoring case and diacritics; entries that
 * overlap in a text resolve to the longest.
 * @example compileKnownIdentities([{ value: 'José Álvarez' }]).match('met jose alvarez') // [{start: 4, end: 16, type: 'PERSON'}]
 */
export function compileKnownIdentities(entries: Iterable<KnownIdentity>): KnownIdentityMatcher {
  const vocabulary = new Map<string, number>();
  const trie = new TokenTrie();
  const typeSeen = new Set<EntityType>();
  let size = 0;
  let skipped = 0;
  for (const entry of entries) {
    const tokens = wordTokens(entry.value).folded;
    if (tokens.length === 0) {
      skipped++;
      continue;
    }
    let node = 0;
    for (const token of tokens) {
      let id = vocabulary.get(token);
      if (id === undefined) {
        id = vocabulary.size;
        vocabulary.set(token, id);
      }
      node = trie.addChild(node, id);
    }
    if (trie.nodeType[node] === 0) {
      const type = entry.type ?? 'PERSON';
      trie.nodeType[node] = ENTITY_TYPES.indexOf(type) + 1;
      typeSeen.add(type);
      size++;
    }
  }
  const types = Object.freeze(ENTITY_TYPES.filter((t) => typeSeen.has(t)));

  // The matcher's own regex (compiling one per call costs more than scanning a short post); match is synchronous.
  const wordRe = new RegExp(WORD.source, WORD.flags);
  const match = (text: string): KnownMatch[] => {
    const { starts, ends, folded } = wordTokens(text, wordRe);
    const n = folded.length;
    const ids = new Int32Array(n);
    for (let i = 0; i < n; i++) ids[i] = vocabulary.get(folded[i] as string) ?? -1;
    // Longest entry starting at each token.
    const candidates: { start: number; end: number; typeIndex: number; tokens: number; first: number }[] = [];
    for (let i = 0; i < n; i++) {
      if ((ids[i] as number) < 0) continue;
      let node = 0;
      let bestEnd = -1;
      let bestType = 0;
      for (let j = i; j < n; j++) {
        const id = ids[j] as number;
        if (id < 0) break;
        if (j > i && !joinable(text, ends[j - 1] as number, starts[j] as number)) break;
        node = trie.child(node, id);
        if (node < 0) break;
        const type = trie.nodeType[node] as number;
        if (type !== 0) {
          bestEnd = j;
          bestType = type;
        }
      }
      if (bestEnd >= 0) {
        candidates.push({
          start: starts[i] as number,
          end: ends[bestEnd] as number,
          typeIndex: bestType - 1,
          tokens: bestEnd - i + 1,
          first: i,
        });
      }
    }
    // Overlaps resolve to the longest entry (more tokens, then more characters, then earlier).
    candidates.sort((a, b) => b.tokens - a.tokens || b.end - b.start - (a.end - a.start) || a.start - b.start);
    const taken = new Uint8Array(n);
    const chosen: KnownMatch[] = [];
    for (const c of candidates) {
      let free = true;
      for (let k = c.first; k < c.first + c.tokens; k++) if (taken[k] === 1) free = false;
      if (!free) continue;
      for (let k = c.first; k < c.first + c.tokens; k++) taken[k] = 1;
      chosen.push({ start: c.start, end: c.end, type: ENTITY_TYPES[c.typeIndex] ?? 'PERSON' });
    }
    return chosen.sort((a, b) => a.start - b.start);
  };

  return Object.freeze({
    size,
    skipped,
    vocabularySize: vocabulary.size,
    types,
    tableBytes: trie.bytes,
    match,
  });
}
