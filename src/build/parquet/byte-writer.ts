// A growable little-endian byte buffer with the varint forms that the Parquet levels encoding and the Thrift compact
// protocol share. One instance is reused per page or footer, so encoding allocates only when it grows.

export class ByteWriter {
  private buffer: Buffer;
  length = 0;

  constructor(initialCapacity = 1024) {
    this.buffer = Buffer.allocUnsafe(initialCapacity);
  }

  /** Makes room for `extra` more bytes. */
  reserve(extra: number): void {
    const need = this.length + extra;
    if (need <= this.buffer.length) return;
    let capacity = this.buffer.length * 2;
    while (capacity < need) capacity *= 2;
    const grown = Buffer.allocUnsafe(capacity);
    this.buffer.copy(grown, 0, 0, this.length);
    this.buffer = grown;
  }

  byte(value: number): void {
    this.reserve(1);
    this.buffer[this.length++] = value & 0xff;
  }

  uint32le(value: number): void {
    this.reserve(4);
    this.buffer.writeUInt32LE(value >>> 0, this.length);
    this.length += 4;
  }

  /** Unsigned LEB128 of a non-negative integer up to 2^53. */
  varint(value: number): void {
    this.reserve(8);
    let v = value;
    while (v >= 0x80) {
      this.buffer[this.length++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    this.buffer[this.length++] = v;
  }

  bytes(data: Uint8Array): void {
    this.reserve(data.length);
    this.buffer.set(data, this.length);
    this.length += data.length;
  }

  /** Writes `text` as UTF-8 prefixed by its byte length as a 4-byte little-endian integer (Parquet PLAIN). */
  lengthPrefixedUtf8(text: string): void {
    // At most three bytes per UTF-16 code unit; reserving that avoids measuring the string first.
    this.reserve(4 + text.length * 3);
    const written = this.buffer.write(text, this.length + 4, 'utf8');
    this.buffer.writeUInt32LE(written, this.length);
    this.length += 4 + written;
  }

  /** Writes `data` prefixed by its length as a 4-byte little-endian integer (Parquet PLAIN). */
  lengthPrefixedBytes(data: Uint8Array): void {
    this.reserve(4 + data.length);
    this.buffer.writeUInt32LE(data.length, this.length);
    this.buffer.set(data, this.length + 4);
    this.length += 4 + data.length;
  }

  /** Writes `text` as UTF-8 prefixed by its byte length as a varint (Thrift compact binary). */
  varintPrefixedUtf8(text: string): void {
    const bytes = Buffer.from(text, 'utf8');
    this.varint(bytes.length);
    this.bytes(bytes);
  }

  /** A view of the bytes written so far; valid until the next write or reset. */
  view(): Buffer {
    return this.buffer.subarray(0, this.length);
  }

  /** A copy of the bytes written so far. */
  copy(): Buffer {
    return Buffer.from(this.view());
  }

  reset(): void {
    this.length = 0;
  }
}
