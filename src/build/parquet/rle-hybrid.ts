// Parquet's RLE/bit-packed hybrid encoding, used for definition levels and dictionary indices. Runs of at least
// eight equal values become RLE runs; everything else is bit-packed in groups of eight, least significant bit first.

import type { ByteWriter } from './byte-writer.js';

/** Bits needed to store `maxValue` (at least 1: some readers mishandle width 0). */
export function bitWidthFor(maxValue: number): number {
  let width = 1;
  while (width < 32 && maxValue >= 2 ** width) width++;
  return width;
}

function runLength(values: ArrayLike<number>, from: number, count: number, limit: number): number {
  const v = values[from];
  let end = from + 1;
  const stop = Math.min(count, from + limit);
  while (end < stop && values[end] === v) end++;
  return end - from;
}

/** Appends the hybrid encoding of `values[0..count)` (no length prefix) to `out`. */
export function encodeHybrid(values: ArrayLike<number>, count: number, bitWidth: number, out: ByteWriter): void {
  const valueBytes = Math.ceil(bitWidth / 8);
  let i = 0;
  while (i < count) {
    const run = runLength(values, i, count, count);
    if (run >= 8) {
      out.varint(run * 2);
      let v = values[i] ?? 0;
      for (let b = 0; b < valueBytes; b++) {
        out.byte(v & 0xff);
        v >>>= 8;
      }
      i += run;
      continue;
    }
    // Bit-packed groups of eight until a long run starts at a group boundary or the values end.
    const start = i;
    let groups = 0;
    do {
      i += 8;
      groups++;
    } while (i < count && runLength(values, i, count, 8) < 8);
    out.varint(groups * 2 + 1);
    out.reserve(groups * bitWidth);
    let acc = 0;
    let bits = 0;
    const end = start + groups * 8;
    for (let j = start; j < end; j++) {
      const v = j < count ? (values[j] ?? 0) : 0;
      acc |= v << bits;
      bits += bitWidth;
      while (bits >= 8) {
        out.byte(acc & 0xff);
        acc >>>= 8;
        bits -= 8;
      }
    }
  }
}
