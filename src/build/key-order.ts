// Sorting entries by unsigned 64-bit keys without calling a comparator for every pair: each key's top bits and the
// entry's index are packed into one float64 (exact below 2^53) and the array is sorted natively; only entries whose
// packed top bits tie are then ordered by their whole key and a tie-breaker. The result is exactly the order a
// comparator sort on (key, tie) gives.

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
  const packed = new Float64Array(count);
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
  packed.sort();
  for (let j = 0; j < count; j++) order[j] = (packed[j] ?? 0) % indexScale;
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
