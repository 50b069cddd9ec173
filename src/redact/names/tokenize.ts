// One-pass tokenizer for the name tagger: words (letters, marks, digits, joined by inner apostrophes or hyphens)
// and single punctuation characters, with offsets into the original string (UTF-16 indices).

/** Token offsets of one text; token i is `text.slice(starts[i], ends[i])`. */
export interface Tokens {
  readonly count: number;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
}

const TOKEN = /[\p{L}\p{M}\p{N}_\u200c\u200d]+(?:['’-][\p{L}\p{M}\p{N}_\u200c\u200d]+)*|[^\s\p{L}\p{M}\p{N}_]/gu;

/**
 * Splits `text` into tokens in a single regex pass.
 * @example tokenize("met O'Brien.") // met | O'Brien | .
 */
export function tokenize(text: string): Tokens {
  let capacity = Math.max(16, text.length >> 2);
  let starts = new Int32Array(capacity);
  let ends = new Int32Array(capacity);
  let count = 0;
  // A fresh regex per call: lastIndex is state, and recognizers must be safe to call re-entrantly.
  const re = new RegExp(TOKEN.source, TOKEN.flags);
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (count === capacity) {
      capacity *= 2;
      const s = new Int32Array(capacity);
      s.set(starts);
      starts = s;
      const e = new Int32Array(capacity);
      e.set(ends);
      ends = e;
    }
    starts[count] = m.index;
    ends[count] = m.index + m[0].length;
    count++;
  }
  return { count, starts, ends };
}
