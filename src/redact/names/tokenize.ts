// One-pass tokenizer for the name tagger: words (letters, marks, digits, joined by inner apostrophes or hyphens)
// and single punctuation characters, with offsets into the original string (UTF-16 indices).

import { KEY_HASH_PRIME, KEY_HASH_SEED, keyHashEnd, rangeHash } from './word-cache.js';

/** Token offsets of one text; token i is `text.slice(starts[i], ends[i])`. */
export interface Tokens {
  readonly count: number;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  /** rangeHash of each token (the tagger's word-cache key), computed while scanning. */
  readonly hashes: Int32Array;
}

const TOKEN = /[\p{L}\p{M}\p{N}_\u200c\u200d]+(?:['’-][\p{L}\p{M}\p{N}_\u200c\u200d]+)*|[^\s\p{L}\p{M}\p{N}_]/gu;

/**
 * Splits `text` into tokens in a single regex pass.
 * @example tokenize("met O'Brien.") // met | O'Brien | .
 */
export function tokenize(text: string): Tokens {
  return createTokenizer()(text);
}

// ASCII classes for the scanner: 1 whitespace (\s), 2 word character, 3 joiner (' or -), 0 other (a punctuation token).
const ASCII_CLASS = new Uint8Array(128);
for (const c of [9, 10, 11, 12, 13, 32]) ASCII_CLASS[c] = 1;
for (let c = 48; c <= 57; c++) ASCII_CLASS[c] = 2;
for (let c = 65; c <= 90; c++) ASCII_CLASS[c] = 2;
for (let c = 97; c <= 122; c++) ASCII_CLASS[c] = 2;
ASCII_CLASS[95] = 2;
ASCII_CLASS[39] = 3;
ASCII_CLASS[45] = 3;
const WS = 1;
const WORD = 2;
const JOINER = 3;

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
  const spaces = /\s+/uy;
  const tokens = { count: 0, starts: new Int32Array(64), ends: new Int32Array(64), hashes: new Int32Array(64) };
  return (text: string): Tokens => {
    let { starts, ends, hashes } = tokens;
    let count = 0;
    const length = text.length;
    let pos = 0;
    while (pos < length) {
      const c = text.charCodeAt(pos);
      const cls = c < 128 ? (ASCII_CLASS[c] as number) : -1;
      if (cls === WS) {
        pos++;
        continue;
      }
      const start = pos;
      let end = -1;
      // The key hash of the token's characters so far (see rangeHash), while they are at hand.
      let h = Math.imul(SEED ^ c, PRIME);
      if (cls === WORD) {
        // [word]+ ([joiner][word]+)*, as long as it stays ASCII; anything else goes to the regex.
        let i = pos + 1;
        for (;;) {
          const d = i < length ? text.charCodeAt(i) : 32;
          if (d >= 128) break;
          const k = ASCII_CLASS[d] as number;
          if (k === WORD) {
            h = Math.imul(h ^ d, PRIME);
            i++;
            continue;
          }
          if (k === JOINER) {
            const f = i + 1 < length ? text.charCodeAt(i + 1) : 32;
            if (f >= 128) break;
            if (ASCII_CLASS[f] === WORD) {
              h = Math.imul(Math.imul(h ^ d, PRIME) ^ f, PRIME);
              i += 2;
              continue;
            }
          }
          end = i;
          break;
        }
      } else if (cls === 0 || cls === JOINER) {
        end = pos + 1;
      } else {
        spaces.lastIndex = pos;
        if (spaces.test(text)) {
          pos = spaces.lastIndex;
          continue;
        }
      }
      let hash: number;
      if (end < 0) {
        re.lastIndex = start;
        end = re.test(text) ? re.lastIndex : start + 1;
        hash = rangeHash(text, start, end);
      } else {
        hash = keyHashEnd(h, end - start);
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
      pos = end;
    }
    tokens.count = count;
    return tokens;
  };
}

// Module-local copies (an imported binding read in a hot loop is a getter call under some loaders).
const SEED: number = KEY_HASH_SEED;
const PRIME: number = KEY_HASH_PRIME;

function grow(array: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const grown = new Int32Array(array.length * 2);
  grown.set(array);
  return grown;
}
