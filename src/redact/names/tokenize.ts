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
  return createTokenizer()(text);
}

/**
 * A tokenizer that owns its regex and offset buffers, for hot loops: compiling the regex per call costs more than
 * the scan of a short post. The returned offsets are overwritten by the next call on the same tokenizer.
 */
export function createTokenizer(): (text: string) => Tokens {
  // lastIndex is state: each tokenizer has its own regex, and tagging is synchronous, so calls never interleave.
  const re = new RegExp(TOKEN.source, TOKEN.flags);
  let starts = new Int32Array(64);
  let ends = new Int32Array(64);
  return (text: string): Tokens => {
    let count = 0;
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      if (count === starts.length) {
        const s = new Int32Array(starts.length * 2);
        s.set(starts);
        starts = s;
        const e = new Int32Array(ends.length * 2);
        e.set(ends);
        ends = e;
      }
      starts[count] = m.index;
      ends[count] = m.index + m[0].length;
      count++;
    }
    return { count, starts, ends };
  };
}
