// Sorting entries by unsigned 64-bit keys without calling a comparator for every pair: each key's top bits and the
// entry's index are packed into one float64 (exact below 2^53) and the array is sorted (a counting pass on the top
// bits, then each small bucket by insertion: sortDistinct); only entries whose packed top bits tie are then ordered
// by their whole key and a tie-breaker. The result is exactly the order a comparator sort on (key, tie) gives.

/** Compares two entries whose 64-bit keys are equal. */
export type TieBreak = (a: number, b: number) => number;

function compareKeys(hi: Uint32Array, lo: Uint32Array, tie: TieBreak, a: number, b: number): number {
  const ha = hi[a] ?? 0;
  const hb = hi[b] ?? 0;
  if (ha !== hb) return ha < hb ? -1 : 1;
  const la = lo[a] ?? 0;
  const lb = lo[b] ?? 0;
  if (la !== lb) return la < lb ? -1 : 1;
  return tie(a, b);
}

/** At most 2^20 buckets (4 MiB of bucket starts) whatever the count. */
const MAX_BUCKET_BITS = 20;
/** Buckets larger than this are sorted natively; smaller ones by insertion. */
const INSERTION_MAX = 16;

/**
 * `values` sorted (in a new array, or in place when few), distinct non-negative integers below 2^53 whose top bits
 * are spread evenly (hashes): one counting pass on their top `bucketBits` bits and an insertion sort of each bucket,
 * about one value each, instead of a native comparison sort (~3x slower on a shard's 20-50k keys). A crowded bucket (many equal hashes: repeated
 * ids) is sorted natively, so the worst case stays n log n.
 */
function sortDistinct(values: Float64Array, bucketBits: number): Float64Array {
  const count = values.length;
  if (count <= INSERTION_MAX) return values.sort();
  const bucketScale = 2 ** (53 - bucketBits);
  const starts = new Uint32Array((1 << bucketBits) + 1);
  for (let i = 0; i < count; i++) {
    const b = Math.floor((values[i] ?? 0) / bucketScale);
    starts[b + 1] = (starts[b + 1] ?? 0) + 1;
  }
  for (let b = 1; b < starts.length; b++) starts[b] = (starts[b] ?? 0) + (starts[b - 1] ?? 0);
  const next = starts.slice(0, starts.length - 1);
  const sorted = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const x = values[i] ?? 0;
    const b = Math.floor(x / bucketScale);
    const at = next[b] ?? 0;
    sorted[at] = x;
    next[b] = at + 1;
  }
  for (let b = 0; b + 1 < starts.length; b++) {
    const start = starts[b] ?? 0;
    const end = starts[b + 1] ?? 0;
    if (end - start > INSERTION_MAX) sorted.subarray(start, end).sort();
    else {
      for (let i = start + 1; i < end; i++) {
        const x = sorted[i] ?? 0;
        let j = i - 1;
        for (; j >= start && (sorted[j] ?? 0) > x; j--) sorted[j + 1] = sorted[j] ?? 0;
        sorted[j + 1] = x;
      }
    }
  }
  return sorted;
}

/**
 * Indexes 0..hi.length-1 ordered by the key `hi[i] * 2^32 + lo[i]`, then by `tie`; entries that `tie` calls equal
 * keep their index order.
 */
export function orderByKey64(hi: Uint32Array, lo: Uint32Array, tie: TieBreak): Uint32Array {
  const count = hi.length;
  const order = new Uint32Array(count);
  if (count === 0) return order;
  const indexBits = Math.max(1, 32 - Math.clz32(count - 1));
  const keyBits = 53 - indexBits;
  const indexScale = 2 ** indexBits;
  let packed: Float64Array = new Float64Array(count);
  if (keyBits >= 32) {
    const hiScale = 2 ** (keyBits - 32);
    const loScale = 2 ** (64 - keyBits);
    for (let i = 0; i < count; i++) {
      packed[i] = ((hi[i] ?? 0) * hiScale + Math.floor((lo[i] ?? 0) / loScale)) * indexScale + i;
    }
  } else {
    const hiScale = 2 ** (32 - keyBits);
    for (let i = 0; i < count; i++) packed[i] = Math.floor((hi[i] ?? 0) / hiScale) * indexScale + i;
  }
  packed = sortDistinct(packed, Math.min(indexBits, MAX_BUCKET_BITS));
  // x - floor(x / 2^k) * 2^k is exact for integers below 2^53, and cheaper than the floating-point remainder.
  for (let j = 0; j < count; j++) {
    const x = packed[j] ?? 0;
    order[j] = x - Math.floor(x / indexScale) * indexScale;
  }
  // Runs of equal top bits (rare with hashed keys) are ordered by the whole key and the tie-breaker.
  for (let start = 0; start < count; ) {
    const top = Math.floor((packed[start] ?? 0) / indexScale);
    let end = start + 1;
    while (end < count && Math.floor((packed[end] ?? 0) / indexScale) === top) end++;
    if (end - start > 1) {
      const run = Array.from(order.subarray(start, end)).sort((a, b) => compareKeys(hi, lo, tie, a, b) || a - b);
      order.set(run, start);
    }
    start = end;
  }
  return order;
}
