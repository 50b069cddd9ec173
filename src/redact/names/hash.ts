// FNV-1a hashing of feature strings into a fixed-size weight table: no string concatenation, no Map lookups.

export const FNV_OFFSET = 0x811c9dc5;
export const FNV_PRIME = 0x01000193;

/** FNV-1a over a template id and the UTF-16 code units of `value`, as an unsigned 32-bit integer. */
export function hashFeature(template: number, value: string): number {
  return hashRange(template, value, 0, value.length);
}

/** As hashFeature, over `text.slice(start, end)` without making the substring. */
export function hashRange(template: number, text: string, start: number, end: number): number {
  let h = Math.imul(FNV_OFFSET ^ template, FNV_PRIME);
  for (let i = start; i < end; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  }
  return finalizeHash(h);
}

/** FNV-1a over a template id and small integers (for conjunctions of categorical features). */
export function hashInts(template: number, a: number, b = 0): number {
  let h = Math.imul(FNV_OFFSET ^ template, FNV_PRIME);
  h = Math.imul(h ^ (a & 0xffff), FNV_PRIME);
  h = Math.imul(h ^ (b & 0xffff), FNV_PRIME);
  return finalizeHash(h);
}

/** The last step of every hash here: mixes the FNV state so its low bits index a table. */
export function finalizeHash(h: number): number {
  // Avalanche the low bits, which index the table.
  let x = h ^ (h >>> 16);
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  return x >>> 0;
}
