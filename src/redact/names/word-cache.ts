// The tagger's per-word memo, keyed by a range of the text being tagged so a hit needs no substring: open
// addressing over a string-range hash, the stored word compared character by character. Two generations, as before:
// when the young table holds `limit` words it becomes the old one, and words found in the old one move back, so
// frequent words survive a turnover. A pure cache: the tagger's output never depends on what it holds.

interface Table {
  keys: (string | undefined)[];
  values: (Float32Array | undefined)[];
  hashes: Int32Array;
  mask: number;
  size: number;
}

function createTable(capacity: number): Table {
  return {
    keys: new Array<string | undefined>(capacity).fill(undefined),
    values: new Array<Float32Array | undefined>(capacity).fill(undefined),
    hashes: new Int32Array(capacity),
    mask: capacity - 1,
    size: 0,
  };
}

/** FNV-1a-style hash of `text.slice(start, end)`, without making the substring. */
export function rangeHash(text: string, start: number, end: number): number {
  let h = 0x811c9dc5 ^ (end - start);
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  h ^= h >>> 15;
  return Math.imul(h, 0x2c1b3c6d) ^ (h >>> 12);
}

function find(table: Table, text: string, start: number, end: number, hash: number): number {
  const { keys, hashes, mask } = table;
  const length = end - start;
  for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
    const key = keys[slot];
    if (key === undefined) return -1 - slot;
    if (hashes[slot] === hash && key.length === length) {
      let i = 0;
      while (i < length && key.charCodeAt(i) === text.charCodeAt(start + i)) i++;
      if (i === length) return slot;
    }
  }
}

function insert(table: Table, key: string, hash: number, value: Float32Array): void {
  const { keys, mask } = table;
  let slot = hash & mask;
  while (keys[slot] !== undefined) slot = (slot + 1) & mask;
  keys[slot] = key;
  table.values[slot] = value;
  table.hashes[slot] = hash;
  table.size++;
}

export interface WordCache {
  /** The memoised vector of `text.slice(start, end)` (hash from rangeHash), or undefined. */
  get(text: string, start: number, end: number, hash: number): Float32Array | undefined;
  /** Memoises `vector` for `word` (hash = rangeHash of it); the caller has checked `get` missed. */
  set(word: string, hash: number, vector: Float32Array): void;
}

/** A two-generation word cache holding up to `limit` words per generation (limit > 0). */
export function createWordCache(limit: number): WordCache {
  const initial = 1024;
  let young = createTable(initial);
  let old = createTable(16);
  const grow = (table: Table): Table => {
    const bigger = createTable((table.mask + 1) * 2);
    for (let slot = 0; slot <= table.mask; slot++) {
      const key = table.keys[slot];
      if (key !== undefined) insert(bigger, key, table.hashes[slot] as number, table.values[slot] as Float32Array);
    }
    return bigger;
  };
  const set = (word: string, hash: number, vector: Float32Array): void => {
    if (young.size >= limit) {
      old = young;
      young = createTable(initial);
    }
    if ((young.size + 1) * 2 > young.mask + 1) young = grow(young);
    insert(young, word, hash, vector);
  };
  return {
    get(text: string, start: number, end: number, hash: number): Float32Array | undefined {
      const slot = find(young, text, start, end, hash);
      if (slot >= 0) return young.values[slot];
      const oldSlot = find(old, text, start, end, hash);
      if (oldSlot < 0) return undefined;
      const vector = old.values[oldSlot] as Float32Array;
      set(old.keys[oldSlot] as string, hash, vector);
      return vector;
    },
    set,
  };
}
