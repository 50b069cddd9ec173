// The writing half of the Thrift compact protocol (Apache Thrift's THRIFT-110 compact encoding), enough for Parquet
// metadata: structs, i16/i32/i64, binary/string, lists and booleans. Field ids must rise within a struct, which is
// how the Parquet structs are written here anyway.

import { ByteWriter } from './byte-writer.js';

/** Compact-protocol type codes as they appear in field headers and list headers. */
export const CompactType = Object.freeze({
  BOOLEAN_TRUE: 1,
  BOOLEAN_FALSE: 2,
  BYTE: 3,
  I16: 4,
  I32: 5,
  I64: 6,
  DOUBLE: 7,
  BINARY: 8,
  LIST: 9,
  SET: 10,
  MAP: 11,
  STRUCT: 12,
});

/** Zigzag maps signed to unsigned so small negatives stay short; written as arithmetic to cover 53-bit values. */
function zigzag(value: number): number {
  return value >= 0 ? value * 2 : -value * 2 - 1;
}

export class ThriftCompactWriter {
  readonly out: ByteWriter;
  private lastFieldId = 0;
  private readonly stack: number[] = [];

  constructor(out: ByteWriter = new ByteWriter(256)) {
    this.out = out;
  }

  private fieldHeader(id: number, type: number): void {
    const delta = id - this.lastFieldId;
    if (delta > 0 && delta <= 15) this.out.byte((delta << 4) | type);
    else {
      this.out.byte(type);
      this.out.varint(zigzag(id));
    }
    this.lastFieldId = id;
  }

  structBegin(): void {
    this.stack.push(this.lastFieldId);
    this.lastFieldId = 0;
  }

  structEnd(): void {
    this.out.byte(0);
    this.lastFieldId = this.stack.pop() ?? 0;
  }

  /** A struct-typed field; call structBegin/structEnd (or write the fields) inside `body`. */
  structField(id: number, body: () => void): void {
    this.fieldHeader(id, CompactType.STRUCT);
    this.structBegin();
    body();
    this.structEnd();
  }

  i16Field(id: number, value: number): void {
    this.fieldHeader(id, CompactType.I16);
    this.out.varint(zigzag(value));
  }

  i32Field(id: number, value: number): void {
    this.fieldHeader(id, CompactType.I32);
    this.out.varint(zigzag(value));
  }

  i64Field(id: number, value: number): void {
    this.fieldHeader(id, CompactType.I64);
    this.out.varint(zigzag(value));
  }

  boolField(id: number, value: boolean): void {
    this.fieldHeader(id, value ? CompactType.BOOLEAN_TRUE : CompactType.BOOLEAN_FALSE);
  }

  stringField(id: number, value: string): void {
    this.fieldHeader(id, CompactType.BINARY);
    this.out.varintPrefixedUtf8(value);
  }

  /** A list field: the header, then `writeElement` for each item (elements carry no field headers). */
  listField<T>(id: number, elementType: number, items: readonly T[], writeElement: (item: T) => void): void {
    this.fieldHeader(id, CompactType.LIST);
    if (items.length < 15) this.out.byte((items.length << 4) | elementType);
    else {
      this.out.byte(0xf0 | elementType);
      this.out.varint(items.length);
    }
    for (const item of items) writeElement(item);
  }

  /** A list element of type i32. */
  i32Element(value: number): void {
    this.out.varint(zigzag(value));
  }

  /** A list element of type binary/string. */
  stringElement(value: string): void {
    this.out.varintPrefixedUtf8(value);
  }

  /** A list element of type struct. */
  structElement(body: () => void): void {
    this.structBegin();
    body();
    this.structEnd();
  }
}
