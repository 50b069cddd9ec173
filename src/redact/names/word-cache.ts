// The tagger's per-word memo, keyed by a range of the text being tagged so a hit needs no substring. Everything is
// in flat typed arrays (no object per word): open addressing over a string-range hash, the words' characters in one
// Uint16Array pool, and each word's score vector in one Float32Array slab, so a hit is a few reads of adjacent memory
// and the tagger sums neighbours straight from the slab. Two generations: when the young table holds `limit` words it
// becomes the old one (at the start of a text, so offsets handed out while tagging a text stay valid), and words
// found in the old one are copied back, so frequent words survive a turnover. A pure cache: the tagger's output never
// depends on what it holds.

/**
 * The key hash. A word of at most SHORT_KEY_LENGTH ASCII characters (most tokens: punctuation, function words) has a
 * negative one that names it exactly: its characters, 7 bits each, and its length, through a bijection of 31 bits
 * (shortKeyHash), so two such words with the same hash are the same word and a lookup need not compare them. Any
 * other word has a non-negative one: FNV-1a steps over its UTF-16 code units from KEY_HASH_SEED, then keyHashEnd.
 */
export const KEY_HASH_SEED = 0x811c9dc5;
export const KEY_HASH_PRIME = 0x01000193;
export const SHORT_KEY_LENGTH = 4;

/** The last step of the FNV key hash (the tokenizer computes the steps before it while it scans a word). */
export function keyHashEnd(h: number, length: number): number {
  let x = Math.imul(h ^ length, KEY_HASH_PRIME);
  x ^= x >>> 15;
  return (Math.imul(x, 0x2c1b3c6d) ^ (x >>> 12)) & 0x7fffffff;
}

/**
 * The key hash of a word of `length` <= SHORT_KEY_LENGTH ASCII characters, `packed` being `(packed << 7) | code`
 * over its characters from 0. `length | packed << 3` is below 2^31 and determines the word; the steps after it
 * (multiplications by odd numbers modulo 2^31, right xor-shifts) are invertible on 31 bits, so the hash does too.
 */
export function shortKeyHash(packed: number, length: number): number {
  let x = Math.imul(length | (packed << 3), 0x2c1b3c6d) & 0x7fffffff;
  x ^= x >>> 15;
  x = Math.imul(x, 0x297a2d39) & 0x7fffffff;
  x ^= x >>> 12;
  return x | 0x80000000;
}

/** The key hash of `text.slice(start, end)`, without making the substring. */
export function rangeHash(text: string, start: number, end: number): number {
  if (end - start <= SHORT_KEY_LENGTH) {
    let packed = 0;
    let i = start;
    for (; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c >= 128) break;
      packed = (packed << 7) | c;
    }
    if (i === end) return shortKeyHash(packed, end - start);
  }
  let h = KEY_HASH_SEED;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), KEY_HASH_PRIME);
  return keyHashEnd(h, end - start);
}

class Table {
  /** Entry index per slot, 0 = empty (entry 0 is the reserved all -0 vector, never in a slot). */
  slots: Int32Array;
  mask: number;
  /** Entries in use, including the reserved entry 0. */
  entries = 1;
  hashes: Int32Array;
  keyStarts: Int32Array;
  keyLengths: Int32Array;
  chars: Uint16Array;
  charsUsed = 0;
  vectors: Float32Array;

  constructor(
    capacity: number,
    readonly width: number,
  ) {
    this.slots = new Int32Array(capacity * 2);
    this.mask = capacity * 2 - 1;
    this.hashes = new Int32Array(capacity);
    this.keyStarts = new Int32Array(capacity);
    this.keyLengths = new Int32Array(capacity);
    this.chars = new Uint16Array(capacity * 8);
    this.vectors = new Float32Array(capacity * width);
    this.vectors.fill(-0, 0, width);
  }

  /** Entry index of `text.slice(start, end)`, or -1. */
  find(text: string, start: number, end: number, hash: number): number {
    const { slots, mask, hashes, keyLengths, keyStarts, chars } = this;
    const length = end - start;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = slots[slot] as number;
      if (entry === 0) return -1;
      if (hashes[entry] !== hash) continue;
      // A negative hash names a short ASCII word exactly (see shortKeyHash).
      if (hash < 0) return entry;
      if (keyLengths[entry] === length) {
        const key = keyStarts[entry] as number;
        let i = 0;
        while (i < length && chars[key + i] === text.charCodeAt(start + i)) i++;
        if (i === length) return entry;
      }
    }
  }

  /** A new entry for `text.slice(start, end)` (known absent); its vector is the caller's to fill. */
  add(text: string, start: number, end: number, hash: number): number {
    const length = end - start;
    if (this.entries === this.hashes.length) this.growEntries();
    if (this.charsUsed + length > this.chars.length) {
      const chars = new Uint16Array(Math.max(this.chars.length * 2, this.charsUsed + length));
      chars.set(this.chars);
      this.chars = chars;
    }
    if ((this.entries + 1) * 2 > this.mask + 1) this.rehash();
    const entry = this.entries++;
    const { chars, charsUsed } = this;
    for (let i = 0; i < length; i++) chars[charsUsed + i] = text.charCodeAt(start + i);
    this.keyStarts[entry] = charsUsed;
    this.keyLengths[entry] = length;
    this.charsUsed = charsUsed + length;
    this.hashes[entry] = hash;
    let slot = hash & this.mask;
    while (this.slots[slot] !== 0) slot = (slot + 1) & this.mask;
    this.slots[slot] = entry;
    return entry;
  }

  /** A new entry that no lookup finds (a word not worth memoising); its vector is the caller's to fill. */
  addUnkeyed(): number {
    if (this.entries === this.hashes.length) this.growEntries();
    const entry = this.entries++;
    // In no slot: rehash passes it over.
    this.keyLengths[entry] = -1;
    return entry;
  }

  /** Entries the arrays hold before they grow. */
  get capacity(): number {
    return this.hashes.length;
  }

  /** Forgets every entry (entry 0 stays). */
  clear(): void {
    this.slots.fill(0);
    this.entries = 1;
    this.charsUsed = 0;
  }

  private growEntries(): void {
    const capacity = this.hashes.length * 2;
    const widen = <A extends Int32Array | Float32Array>(from: A, to: A): A => {
      to.set(from);
      return to;
    };
    this.hashes = widen(this.hashes, new Int32Array(capacity));
    this.keyStarts = widen(this.keyStarts, new Int32Array(capacity));
    this.keyLengths = widen(this.keyLengths, new Int32Array(capacity));
    this.vectors = widen(this.vectors, new Float32Array(capacity * this.width));
  }

  private rehash(): void {
    // Twice the slots the entries need at least (unkeyed entries count: many long words in one text may have added
    // thousands since the last keyed one, and a table with no empty slot never ends a probe).
    let size = (this.mask + 1) * 2;
    while (size < (this.entries + 1) * 2) size *= 2;
    const slots = new Int32Array(size);
    const mask = size - 1;
    for (let entry = 1; entry < this.entries; entry++) {
      if ((this.keyLengths[entry] as number) < 0) continue;
      let slot = (this.hashes[entry] as number) & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = entry;
    }
    this.slots = slots;
    this.mask = mask;
  }
}

/**
 * A two-generation word memo. `lookup` returns an entry whose vector is `vectors.subarray(entry * width, ...)`;
 * read `vectors` after the lookups of a text (a lookup may reallocate it). Entry 0 is a vector of -0.
 */
export class WordCache {
  private young: Table;
  private old: Table;
  /** Set by `lookup`: whether the returned entry is new, its vector still to be filled by the caller. */
  missed = false;
  /**
   * Counts the young generation's turnovers: while it stays the same, an entry index names one word (two keyed
   * lookups of the same characters return the same entry, an unkeyed entry is never returned again).
   */
  generation = 0;

  constructor(
    private readonly limit: number,
    readonly width: number,
  ) {
    this.young = new Table(1024, width);
    this.old = new Table(1, width);
  }

  get vectors(): Float32Array {
    return this.young.vectors;
  }

  /** Call before the lookups of each text: turns the generations over when the young one is full. */
  begin(): void {
    if (this.young.entries <= this.limit) return;
    this.generation++;
    if (this.limit > 0) {
      // The retiring old table becomes the young one, cleared: it has already grown to a generation's size, so the
      // new generation neither allocates nor copies its slab again while it fills up.
      const retired = this.old;
      this.old = this.young;
      if (retired.capacity >= 1024) {
        retired.clear();
        this.young = retired;
      } else {
        this.young = new Table(1024, this.width);
      }
    } else if (this.young.entries > 4096) {
      this.young = new Table(1024, this.width);
    } else {
      this.young.clear();
    }
  }

  /** A fresh entry for a word that is not memoised (too long to be worth it); counts towards the limit. */
  unkeyed(): number {
    return this.young.addUnkeyed();
  }

  /** The entry of `text.slice(start, end)` (hash from rangeHash); a new, unfilled one when `missed`. */
  lookup(text: string, start: number, end: number, hash: number): number {
    const young = this.young;
    const entry = young.find(text, start, end, hash);
    if (entry >= 0) {
      this.missed = false;
      return entry;
    }
    const added = young.add(text, start, end, hash);
    const oldEntry = this.old.find(text, start, end, hash);
    if (oldEntry < 0) {
      this.missed = true;
      return added;
    }
    const w = this.width;
    young.vectors.set(this.old.vectors.subarray(oldEntry * w, oldEntry * w + w), added * w);
    this.missed = false;
    return added;
  }
}
