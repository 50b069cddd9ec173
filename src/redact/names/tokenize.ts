// One-pass tokenizer for the name tagger: words (letters, marks, digits, joined by inner apostrophes or hyphens)
// and single punctuation characters, with offsets into the original string (UTF-16 indices).

import { KEY_HASH_PRIME, KEY_HASH_SEED, keyHashEnd, rangeHash, SHORT_KEY_LENGTH, shortKeyHash } from './word-cache.js';

/** Token offsets of one text; token i is `text.slice(starts[i], ends[i])`. */
export interface Tokens {
  readonly count: number;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  /** rangeHash of each token (the tagger's word-cache key), computed while scanning. */
  readonly hashes: Int32Array;
}

/** Where the words of a text are: token i is text.slice(starts[i], ends[i]). */
export type WordRanges = Pick<Tokens, 'count' | 'starts' | 'ends'>;

const TOKEN = /[\p{L}\p{M}\p{N}_\u200c\u200d]+(?:['’-][\p{L}\p{M}\p{N}_\u200c\u200d]+)*|[^\s\p{L}\p{M}\p{N}_]/gu;

/**
 * Splits `text` into tokens in a single regex pass.
 * @example tokenize("met O'Brien.") // met | O'Brien | .
 */
export function tokenize(text: string): Tokens {
  return createTokenizer()(text);
}

// Character classes for the scanner, indexed by UTF-16 code unit (so the scan needs no range test before the lookup):
// 1 whitespace (\s), 2 word character, 3 joiner (' or -), 0 other (a punctuation token), all ASCII; 4 any non-ASCII
// unit, which the regexes handle.
const CLASS = new Uint8Array(65536).fill(4, 128);
for (const c of [9, 10, 11, 12, 13, 32]) CLASS[c] = 1;
for (let c = 48; c <= 57; c++) CLASS[c] = 2;
for (let c = 65; c <= 90; c++) CLASS[c] = 2;
for (let c = 97; c <= 122; c++) CLASS[c] = 2;
CLASS[95] = 2;
CLASS[39] = 3;
CLASS[45] = 3;
const OTHER = 0;
const WS = 1;
const WORD = 2;
const JOINER = 3;
const NON_ASCII = 4;

// TOKEN's word part in bounded runs (see longWordEnd).
const WORD_RUN = /[\p{L}\p{M}\p{N}_\u200c\u200d]{1,4096}/uy;
const JOINER_THEN_WORD = /['’-][\p{L}\p{M}\p{N}_\u200c\u200d]/uy;

/**
 * Where the TOKEN match at `start` ends, for a token too long for the regex engine: the word characters in runs of at
 * most 4096, then a joiner and more of them as long as one follows. TOKEN's classes do not overlap, so its greedy match
 * is this one.
 */
export function longWordEnd(text: string, start: number): number {
  let at = start;
  for (;;) {
    const from = at;
    for (;;) {
      WORD_RUN.lastIndex = at;
      if (!WORD_RUN.test(text)) break;
      at = WORD_RUN.lastIndex;
    }
    if (at === from) return at === start ? start + 1 : at;
    // A joiner continues the token only before another word character.
    JOINER_THEN_WORD.lastIndex = at;
    if (!JOINER_THEN_WORD.test(text)) return at;
    at += 1;
  }
}

/** Where the TOKEN match at `start` ends (`re`: TOKEN, sticky), or one unit on. */
function tokenEnd(re: RegExp, text: string, start: number): number {
  re.lastIndex = start;
  try {
    return re.test(text) ? re.lastIndex : start + 1;
  } catch (error) {
    // A word of millions of letters (a page of Han or Thai without a space or stop) overflows the regex engine's
    // backtracking stack; it is read in bounded steps instead, with the same result.
    if (!(error instanceof RangeError)) throw error;
    return longWordEnd(text, start);
  }
}

/**
 * A tokenizer that owns its regexes and offset buffers, for hot loops: compiling the regex per call costs more than
 * the scan of a short post. The returned Tokens (one object per tokenizer) are overwritten by its next call.
 *
 * ASCII text is scanned by character code; at any non-ASCII character the token (or whitespace run) is matched by
 * the same regex, sticky at that position. Every non-space character starts a match of TOKEN and whitespace never
 * does, so the tokens are exactly those of a global `TOKEN` scan.
 */
export function createTokenizer(): (text: string) => Tokens {
  // lastIndex is state: each tokenizer has its own regexes, and tagging is synchronous, so calls never interleave.
  const re = new RegExp(TOKEN.source, 'uy');
  // Bounded: a run of millions of non-ASCII spaces overflowed the regex engine's stack; the loop takes the next run.
  const spaces = /\s{1,4096}/uy;
  const tokens = { count: 0, starts: new Int32Array(64), ends: new Int32Array(64), hashes: new Int32Array(64) };
  return (text: string): Tokens => {
    let { starts, ends, hashes } = tokens;
    let count = 0;
    const length = text.length;
    let pos = 0;
    while (pos < length) {
      const c = text.charCodeAt(pos);
      const cls = CLASS[c] as number;
      if (cls === WS) {
        pos++;
        continue;
      }
      const start = pos;
      // -1 until the end is known; then `hash` is the key hash of text.slice(start, end) (see rangeHash).
      let end = -1;
      let hash = 0;
      // Where the scan continues: `end`, or past a space known to follow it.
      let next = -1;
      if (cls === WORD) {
        // [word]+ ([joiner][word]+)*, as long as it stays ASCII; a non-ASCII unit sends the token to the regex. The
        // key hash of the characters so far is kept while they are at hand: both the FNV steps and the packed
        // characters of a short key (see rangeHash), whichever the length turns out to need.
        let h = Math.imul(SEED ^ c, PRIME);
        let packed = c;
        let i = pos + 1;
        for (;;) {
          if (i === length) {
            end = i;
            break;
          }
          const d = text.charCodeAt(i);
          const k = CLASS[d] as number;
          if (k === WORD) {
            h = Math.imul(h ^ d, PRIME);
            packed = (packed << 7) | d;
            i++;
            continue;
          }
          if (k === JOINER) {
            if (i + 1 === length) {
              end = i;
              break;
            }
            const f = text.charCodeAt(i + 1);
            const kf = CLASS[f] as number;
            if (kf === WORD) {
              h = Math.imul(Math.imul(h ^ d, PRIME) ^ f, PRIME);
              packed = (((packed << 7) | d) << 7) | f;
              i += 2;
              continue;
            }
            if (kf === NON_ASCII) break;
          } else if (k === NON_ASCII) {
            break;
          }
          end = i;
          // The space after a word is skipped here rather than by another turn of the outer loop.
          next = k === WS ? i + 1 : i;
          break;
        }
        if (end >= 0) hash = end - start <= SHORT ? shortKeyHash(packed, end - start) : keyHashEnd(h, end - start);
      } else if (cls === OTHER || cls === JOINER) {
        end = pos + 1;
        hash = shortKeyHash(c, 1);
      } else {
        spaces.lastIndex = pos;
        if (spaces.test(text)) {
          pos = spaces.lastIndex;
          continue;
        }
      }
      if (end < 0) {
        end = tokenEnd(re, text, start);
        hash = rangeHash(text, start, end);
      }
      if (count === starts.length) {
        starts = grow(starts);
        ends = grow(ends);
        hashes = grow(hashes);
        tokens.starts = starts;
        tokens.ends = ends;
        tokens.hashes = hashes;
      }
      starts[count] = start;
      ends[count] = end;
      hashes[count] = hash;
      count++;
      pos = next < 0 ? end : next;
    }
    tokens.count = count;
    return tokens;
  };
}

// Module-local copies (an imported binding read in a hot loop is a getter call under some loaders).
const SEED: number = KEY_HASH_SEED;
const PRIME: number = KEY_HASH_PRIME;
const SHORT: number = SHORT_KEY_LENGTH;

function grow(array: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const grown = new Int32Array(array.length * 2);
  grown.set(array);
  return grown;
}
