// A streaming Parquet writer for flat schemas of UTF-8 string columns, written from the Apache Parquet format
// specification. Rows are buffered one row group at a time (as compressed pages), so memory is bounded by the row
// group size, not the file. Data pages are v1 with PLAIN or RLE_DICTIONARY values and RLE/bit-packed definition
// levels; nothing time- or environment-dependent is written, so equal rows give equal bytes.

import { ByteWriter } from './byte-writer.js';
import { type Compression, type PageCodec, pageCodec } from './compression.js';
import { bitWidthFor, encodeHybrid } from './rle-hybrid.js';
import { CompactType, ThriftCompactWriter } from './thrift-compact.js';

/** One column of the flat schema: a BYTE_ARRAY with the STRING logical type. */
export interface StringColumn {
  readonly name: string;
  /** Optional columns accept null. */
  readonly optional: boolean;
  /** Try dictionary encoding (for low-cardinality columns); falls back to PLAIN when the dictionary grows large. */
  readonly dictionary: boolean;
}

export interface ParquetWriterOptions {
  /** Rows per row group; a row group is written when it fills. Default 50,000. */
  readonly rowGroupRows?: number;
  /** Uncompressed bytes of values after which a data page is closed. Default 1 MiB. */
  readonly pageBytes?: number;
  /** Default gzip. */
  readonly compression?: Compression;
  readonly gzipLevel?: number;
  /** FileMetaData.created_by, e.g. `assent 0.1.0`. */
  readonly createdBy: string;
  /** Largest dictionary, in entries and in PLAIN bytes, before a column chunk falls back to PLAIN. */
  readonly maxDictionaryEntries?: number;
  readonly maxDictionaryBytes?: number;
}

/** A cell: a string, the UTF-8 bytes of one, or null. */
export type CellValue = string | Uint8Array | null;

function utf8String(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}

/** Receives the file's bytes in order. */
export type ByteSink = (chunk: Buffer) => void;

// Parquet enum values (parquet.thrift).
const TYPE_BYTE_ARRAY = 6;
const REPETITION_REQUIRED = 0;
const REPETITION_OPTIONAL = 1;
const CONVERTED_UTF8 = 0;
const ENCODING_PLAIN = 0;
const ENCODING_RLE = 3;
const ENCODING_RLE_DICTIONARY = 8;
const PAGE_DATA = 0;
const PAGE_DICTIONARY = 2;
const MAGIC = Buffer.from('PAR1', 'ascii');
/** Rows after which a page closes even when its values are small (bounds the level and index arrays). */
const MAX_PAGE_ROWS = 1 << 16;

interface ColumnChunkMeta {
  readonly encodings: readonly number[];
  readonly numValues: number;
  readonly uncompressedBytes: number;
  readonly compressedBytes: number;
  readonly dataPageOffset: number;
  readonly dictionaryPageOffset: number | null;
}

interface RowGroupMeta {
  readonly rows: number;
  readonly fileOffset: number;
  readonly columns: readonly ColumnChunkMeta[];
}

function writePageHeader(
  thrift: ThriftCompactWriter,
  type: number,
  uncompressed: number,
  compressed: number,
  numValues: number,
  encoding: number,
): void {
  thrift.out.reset();
  thrift.structBegin();
  thrift.i32Field(1, type);
  thrift.i32Field(2, uncompressed);
  thrift.i32Field(3, compressed);
  if (type === PAGE_DATA) {
    thrift.structField(5, () => {
      thrift.i32Field(1, numValues);
      thrift.i32Field(2, encoding);
      thrift.i32Field(3, ENCODING_RLE);
      thrift.i32Field(4, ENCODING_RLE);
    });
  } else {
    thrift.structField(7, () => {
      thrift.i32Field(1, numValues);
      thrift.i32Field(2, encoding);
    });
  }
  thrift.structEnd();
}

/** The pages of one column in the row group being filled. */
class ColumnChunkBuilder {
  private readonly plain = new ByteWriter(1 << 16);
  private readonly page = new ByteWriter(1 << 16);
  private definitions = new Uint8Array(1024);
  private indices = new Uint32Array(1024);
  private pageRows = 0;
  private pageValues = 0;
  private dictionaryMode: boolean;
  private readonly dictionary = new Map<string, number>();
  private readonly dictionaryValues: string[] = [];
  private dictionaryBytes = 0;
  /** Compressed data pages with their headers, in order. */
  private pages: Buffer[] = [];
  private numValues = 0;
  private uncompressedBytes = 0;
  private compressedBytes = 0;
  private readonly encodings = new Set<number>();

  constructor(
    private readonly column: StringColumn,
    private readonly codec: PageCodec,
    private readonly thrift: ThriftCompactWriter,
    private readonly pageBytes: number,
    private readonly maxDictionaryEntries: number,
    private readonly maxDictionaryBytes: number,
  ) {
    this.dictionaryMode = column.dictionary;
  }

  append(given: CellValue): void {
    // UTF-8 bytes go straight into a PLAIN page; a dictionary needs the string.
    const value = given instanceof Uint8Array && this.dictionaryMode ? utf8String(given) : given;
    if (value !== null) {
      if (this.dictionaryMode && typeof value === 'string') {
        let index = this.dictionary.get(value);
        if (index === undefined) {
          const bytes = 4 + Buffer.byteLength(value, 'utf8');
          if (
            this.dictionaryValues.length >= this.maxDictionaryEntries ||
            this.dictionaryBytes + bytes > this.maxDictionaryBytes
          ) {
            // Too many distinct values: the pages so far keep their indices, the rest of the chunk is PLAIN.
            this.closePage();
            this.dictionaryMode = false;
          } else {
            index = this.dictionaryValues.length;
            this.dictionary.set(value, index);
            this.dictionaryValues.push(value);
            this.dictionaryBytes += bytes;
          }
        }
        if (index !== undefined) {
          if (this.pageValues === this.indices.length) {
            const grown = new Uint32Array(this.indices.length * 2);
            grown.set(this.indices);
            this.indices = grown;
          }
          this.indices[this.pageValues] = index;
        }
      }
      if (!this.dictionaryMode) {
        if (typeof value === 'string') this.plain.lengthPrefixedUtf8(value);
        else this.plain.lengthPrefixedBytes(value);
      }
      this.pageValues++;
    } else if (!this.column.optional) {
      throw new TypeError(`column ${this.column.name} is required and got null`);
    }
    if (this.column.optional) {
      if (this.pageRows === this.definitions.length) {
        const grown = new Uint8Array(this.definitions.length * 2);
        grown.set(this.definitions);
        this.definitions = grown;
      }
      this.definitions[this.pageRows] = value === null ? 0 : 1;
    }
    this.pageRows++;
    if (this.pageRows >= MAX_PAGE_ROWS || this.plain.length >= this.pageBytes) this.closePage();
  }

  private closePage(): void {
    if (this.pageRows === 0) return;
    let encoding = ENCODING_PLAIN;
    let body: Buffer;
    if (!this.column.optional && !this.dictionaryMode) {
      // A required PLAIN page is its values alone: compressed where they were written rather than copied first (the
      // codec returns new bytes, so the values' buffer can be reused).
      body = this.plain.view();
    } else {
      const page = this.page;
      page.reset();
      if (this.column.optional) {
        // Definition levels of a v1 page: a 4-byte length, then the hybrid encoding with bit width 1.
        const at = page.length;
        page.uint32le(0);
        encodeHybrid(this.definitions, this.pageRows, 1, page);
        page.view().writeUInt32LE(page.length - at - 4, at);
      }
      if (this.dictionaryMode && this.dictionaryValues.length > 0) {
        encoding = ENCODING_RLE_DICTIONARY;
        const width = bitWidthFor(this.dictionaryValues.length - 1);
        page.byte(width);
        encodeHybrid(this.indices, this.pageValues, width, page);
      } else {
        page.bytes(this.plain.view());
      }
      body = page.view();
    }
    this.addPage(PAGE_DATA, body, this.pageRows, encoding);
    this.numValues += this.pageRows;
    this.pageRows = 0;
    this.pageValues = 0;
    this.plain.reset();
  }

  private addPage(type: number, body: Buffer, numValues: number, encoding: number): void {
    const compressed = this.codec.compress(body);
    writePageHeader(this.thrift, type, body.length, compressed.length, numValues, encoding);
    const header = this.thrift.out.copy();
    this.pages.push(header, compressed);
    this.uncompressedBytes += header.length + body.length;
    this.compressedBytes += header.length + compressed.length;
    if (type === PAGE_DATA) this.encodings.add(encoding);
  }

  /** Closes the chunk: emits its pages (dictionary first) to `emit` starting at `offset`, and resets. */
  finish(offset: number, emit: (chunk: Buffer) => void): ColumnChunkMeta {
    this.closePage();
    let dictionaryPageOffset: number | null = null;
    let dictionaryPage: Buffer[] = [];
    if (this.encodings.has(ENCODING_RLE_DICTIONARY)) {
      const dataPages = this.pages;
      this.pages = [];
      const body = new ByteWriter(this.dictionaryBytes + 16);
      for (const value of this.dictionaryValues) body.lengthPrefixedUtf8(value);
      this.addPage(PAGE_DICTIONARY, body.view(), this.dictionaryValues.length, ENCODING_PLAIN);
      dictionaryPage = this.pages;
      this.pages = dataPages;
      dictionaryPageOffset = offset;
    }
    let dataPageOffset = offset;
    for (const chunk of dictionaryPage) {
      dataPageOffset += chunk.length;
      emit(chunk);
    }
    for (const chunk of this.pages) emit(chunk);
    const encodings = new Set(this.encodings);
    encodings.add(ENCODING_RLE);
    if (dictionaryPageOffset !== null) encodings.add(ENCODING_PLAIN);
    const meta: ColumnChunkMeta = {
      encodings: [...encodings].sort((a, b) => a - b),
      numValues: this.numValues,
      uncompressedBytes: this.uncompressedBytes,
      compressedBytes: this.compressedBytes,
      dataPageOffset,
      dictionaryPageOffset,
    };
    this.pages = [];
    this.numValues = 0;
    this.uncompressedBytes = 0;
    this.compressedBytes = 0;
    this.encodings.clear();
    this.dictionary.clear();
    this.dictionaryValues.length = 0;
    this.dictionaryBytes = 0;
    this.dictionaryMode = this.column.dictionary;
    return meta;
  }
}

/**
 * Writes a Parquet file to `sink` row by row.
 *
 * @example
 * const w = new ParquetWriter([{ name: 'text', optional: false, dictionary: false }], { createdBy: 'assent 0.1.0' }, sink);
 * w.appendRow(['hello']);
 * w.close();
 */
export class ParquetWriter {
  private readonly columns: readonly StringColumn[];
  private readonly builders: ColumnChunkBuilder[];
  private readonly rowGroupRows: number;
  private readonly createdBy: string;
  private readonly codec: PageCodec;
  private readonly rowGroups: RowGroupMeta[] = [];
  private readonly sink: ByteSink;
  private offset = 0;
  private groupRows = 0;
  private totalRows = 0;
  private closed = false;

  constructor(columns: readonly StringColumn[], options: ParquetWriterOptions, sink: ByteSink) {
    if (columns.length === 0) throw new TypeError('a Parquet schema needs at least one column');
    const names = new Set(columns.map((c) => c.name));
    if (names.size !== columns.length) throw new TypeError('Parquet column names must be unique');
    const rowGroupRows = options.rowGroupRows ?? 50_000;
    if (!Number.isInteger(rowGroupRows) || rowGroupRows < 1) throw new RangeError('rowGroupRows must be at least 1');
    this.columns = columns;
    this.rowGroupRows = rowGroupRows;
    this.createdBy = options.createdBy;
    this.codec = pageCodec(options.compression ?? 'gzip', options.gzipLevel);
    this.sink = sink;
    const thrift = new ThriftCompactWriter();
    this.builders = columns.map(
      (c) =>
        new ColumnChunkBuilder(
          c,
          this.codec,
          thrift,
          options.pageBytes ?? 1 << 20,
          Math.min(options.maxDictionaryEntries ?? 4096, 1 << 16),
          options.maxDictionaryBytes ?? 1 << 18,
        ),
    );
    this.emit(MAGIC);
  }

  /** Rows appended so far. */
  get rows(): number {
    return this.totalRows;
  }

  private emit(chunk: Buffer): void {
    this.offset += chunk.length;
    this.sink(chunk);
  }

  /**
   * Appends one row: a value per column, in schema order (a string, or a string's UTF-8 bytes, which the writer does
   * not check); null only in optional columns.
   */
  appendRow(values: readonly CellValue[]): void {
    if (this.closed) throw new Error('the Parquet writer is closed');
    if (values.length !== this.builders.length) {
      throw new TypeError(`expected ${this.builders.length} values per row, got ${values.length}`);
    }
    for (let c = 0; c < this.builders.length; c++) (this.builders[c] as ColumnChunkBuilder).append(values[c] ?? null);
    this.groupRows++;
    this.totalRows++;
    if (this.groupRows >= this.rowGroupRows) this.flushRowGroup();
  }

  private flushRowGroup(): void {
    if (this.groupRows === 0) return;
    const fileOffset = this.offset;
    const columns = this.builders.map((b) => b.finish(this.offset, (chunk) => this.emit(chunk)));
    this.rowGroups.push({ rows: this.groupRows, fileOffset, columns });
    this.groupRows = 0;
  }

  /** Writes the last row group and the footer. */
  close(): void {
    if (this.closed) return;
    this.flushRowGroup();
    this.closed = true;
    const footer = this.fileMetaData();
    const length = Buffer.allocUnsafe(4);
    length.writeUInt32LE(footer.length, 0);
    this.emit(footer);
    this.emit(length);
    this.emit(MAGIC);
  }

  private fileMetaData(): Buffer {
    const t = new ThriftCompactWriter(new ByteWriter(1024));
    t.structBegin();
    t.i32Field(1, 2);
    const schema: (StringColumn | null)[] = [null, ...this.columns];
    t.listField(2, CompactType.STRUCT, schema, (column) =>
      t.structElement(() => {
        if (column === null) {
          t.stringField(4, 'schema');
          t.i32Field(5, this.columns.length);
          return;
        }
        t.i32Field(1, TYPE_BYTE_ARRAY);
        t.i32Field(3, column.optional ? REPETITION_OPTIONAL : REPETITION_REQUIRED);
        t.stringField(4, column.name);
        t.i32Field(6, CONVERTED_UTF8);
        t.structField(10, () => t.structField(1, () => {}));
      }),
    );
    t.i64Field(3, this.totalRows);
    t.listField(4, CompactType.STRUCT, this.rowGroups, (group) =>
      t.structElement(() => {
        let uncompressed = 0;
        let compressed = 0;
        for (const c of group.columns) {
          uncompressed += c.uncompressedBytes;
          compressed += c.compressedBytes;
        }
        t.listField(1, CompactType.STRUCT, group.columns, (chunk) => {
          const column = this.columns[group.columns.indexOf(chunk)] as StringColumn;
          t.structElement(() => {
            t.i64Field(2, chunk.dictionaryPageOffset ?? chunk.dataPageOffset);
            t.structField(3, () => {
              t.i32Field(1, TYPE_BYTE_ARRAY);
              t.listField(2, CompactType.I32, chunk.encodings, (e) => t.i32Element(e));
              t.listField(3, CompactType.BINARY, [column.name], (n) => t.stringElement(n));
              t.i32Field(4, this.codec.id);
              t.i64Field(5, chunk.numValues);
              t.i64Field(6, chunk.uncompressedBytes);
              t.i64Field(7, chunk.compressedBytes);
              t.i64Field(9, chunk.dataPageOffset);
              if (chunk.dictionaryPageOffset !== null) t.i64Field(11, chunk.dictionaryPageOffset);
            });
          });
        });
        t.i64Field(2, uncompressed);
        t.i64Field(3, group.rows);
        t.i64Field(5, group.fileOffset);
        t.i64Field(6, compressed);
        t.i16Field(7, this.rowGroups.indexOf(group));
      }),
    );
    t.stringField(6, this.createdBy);
    t.structEnd();
    return t.out.copy();
  }
}
