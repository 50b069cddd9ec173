// Our Parquet writer against an independent reader (@dsnp/parquetjs) over many generated shapes, the footer read
// with a separate Thrift compact decoder written here from the protocol spec, determinism, and the shard sink.

import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import parquet from '@dsnp/parquetjs';
import { afterAll, describe, expect, it } from 'vitest';
import { ByteWriter } from '../src/build/parquet/byte-writer.js';
import { ParquetWriter, type ParquetWriterOptions, type StringColumn } from '../src/build/parquet/index.js';
import { encodeHybrid } from '../src/build/parquet/rle-hybrid.js';
import { CompactType, ThriftCompactWriter } from '../src/build/parquet/thrift-compact.js';
import {
  type OutputRecord,
  openShardWriter,
  readShard,
  shardExtension,
  writeShard,
} from '../src/build/shard-writer.js';
import { seededRandom } from '../src/domain/seeded-random.js';

const dir = mkdtempSync(join(tmpdir(), 'assent-parquet-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Row = (string | null)[];

function writeParquet(columns: readonly StringColumn[], rows: readonly Row[], options: Partial<ParquetWriterOptions>) {
  const chunks: Buffer[] = [];
  const writer = new ParquetWriter(columns, { createdBy: 'assent test', ...options }, (c) => chunks.push(c));
  for (const row of rows) writer.appendRow(row);
  writer.close();
  return Buffer.concat(chunks);
}

async function readWithParquetjs(bytes: Buffer): Promise<Record<string, unknown>[]> {
  const reader = await parquet.ParquetReader.openBuffer(bytes);
  try {
    const cursor = reader.getCursor();
    const out: Record<string, unknown>[] = [];
    for (let row = await cursor.next(); row; row = await cursor.next()) out.push({ ...(row as object) });
    return out;
  } finally {
    await reader.close();
  }
}

const ALPHABETS = ['abc xyz', 'éèçñü', '日本語テキスト', '😀🎉👍🏽', 'a\u0000b\n\t"\\', 'Ωμέγα кириллица'];

function text(rand: () => number, maxLength: number): string {
  const length = Math.floor(rand() * maxLength);
  const alphabet = [...(ALPHABETS[Math.floor(rand() * ALPHABETS.length)] as string)];
  let s = '';
  for (let i = 0; i < length; i++) s += alphabet[Math.floor(rand() * alphabet.length)];
  return s;
}

interface Shape {
  readonly name: string;
  readonly rows: number;
  readonly rowGroupRows: number;
  readonly pageBytes?: number;
  readonly maxLength: number;
  readonly nullRate: number;
  readonly distinct: number;
  readonly maxDictionaryEntries?: number;
  readonly compression: 'gzip' | 'uncompressed';
}

const SHAPES: readonly Shape[] = [
  { name: 'zero rows', rows: 0, rowGroupRows: 10, maxLength: 10, nullRate: 0.5, distinct: 3, compression: 'gzip' },
  { name: 'one row', rows: 1, rowGroupRows: 10, maxLength: 10, nullRate: 0, distinct: 3, compression: 'gzip' },
  {
    name: 'empty strings only',
    rows: 20,
    rowGroupRows: 7,
    maxLength: 0,
    nullRate: 0,
    distinct: 1,
    compression: 'uncompressed',
  },
  { name: 'all nulls', rows: 50, rowGroupRows: 16, maxLength: 5, nullRate: 1, distinct: 4, compression: 'gzip' },
  {
    name: 'many row groups',
    rows: 1000,
    rowGroupRows: 37,
    maxLength: 30,
    nullRate: 0.3,
    distinct: 5,
    compression: 'gzip',
  },
  {
    name: 'several pages per chunk',
    rows: 3000,
    rowGroupRows: 2000,
    pageBytes: 4096,
    maxLength: 40,
    nullRate: 0.1,
    distinct: 20,
    compression: 'gzip',
  },
  {
    name: 'dictionary overflow to PLAIN',
    rows: 2000,
    rowGroupRows: 1500,
    maxLength: 12,
    nullRate: 0.2,
    distinct: 100_000,
    maxDictionaryEntries: 50,
    compression: 'gzip',
  },
  {
    name: 'large values',
    rows: 12,
    rowGroupRows: 5,
    maxLength: 300_000,
    nullRate: 0.25,
    distinct: 3,
    compression: 'uncompressed',
  },
  {
    name: 'alternating nulls',
    rows: 777,
    rowGroupRows: 500,
    maxLength: 3,
    nullRate: -1,
    distinct: 300,
    compression: 'gzip',
  },
];

const COLUMNS: readonly StringColumn[] = [
  { name: 'text', optional: false, dictionary: false },
  { name: 'kind', optional: false, dictionary: true },
  { name: 'language', optional: true, dictionary: true },
  { name: 'note', optional: true, dictionary: false },
];

function generate(shape: Shape, seed: number): Row[] {
  const rand = seededRandom(seed);
  const pool = Array.from({ length: Math.min(shape.distinct, 1000) }, () => text(rand, 12));
  const pick = () =>
    shape.distinct > 1000
      ? `${text(rand, 8)}#${Math.floor(rand() * shape.distinct)}`
      : (pool[Math.floor(rand() * pool.length)] as string);
  return Array.from({ length: shape.rows }, (_, i) => {
    const isNull = shape.nullRate < 0 ? i % 2 === 1 : rand() < shape.nullRate;
    return [
      text(rand, shape.maxLength),
      pick(),
      isNull ? null : pick(),
      isNull || rand() < 0.5 ? null : text(rand, shape.maxLength),
    ];
  });
}

describe('ParquetWriter round-trips through @dsnp/parquetjs', () => {
  for (const shape of SHAPES) {
    it(shape.name, async () => {
      const rows = generate(shape, shape.rows + 17);
      const bytes = writeParquet(COLUMNS, rows, {
        rowGroupRows: shape.rowGroupRows,
        compression: shape.compression,
        ...(shape.pageBytes !== undefined ? { pageBytes: shape.pageBytes } : {}),
        ...(shape.maxDictionaryEntries !== undefined ? { maxDictionaryEntries: shape.maxDictionaryEntries } : {}),
      });
      const back = await readWithParquetjs(bytes);
      expect(back.length).toBe(rows.length);
      back.forEach((row, i) => {
        const expected = rows[i] as Row;
        expect(row.text).toBe(expected[0]);
        expect(row.kind).toBe(expected[1]);
        expect(row.language ?? null).toBe(expected[2]);
        expect(row.note ?? null).toBe(expected[3]);
      });
      const meta = readFooter(bytes);
      expect(meta.numRows).toBe(rows.length);
      expect(meta.rowGroups.map((g) => g.rows)).toEqual(expectedGroups(rows.length, shape.rowGroupRows));
    });
  }

  it('a dictionary column switches to PLAIN mid-chunk when the dictionary fills, and both kinds of page read back', () => {
    const shape = SHAPES.find((s) => s.name === 'dictionary overflow to PLAIN') as Shape;
    const bytes = writeParquet(COLUMNS, generate(shape, 5), { rowGroupRows: 1500, maxDictionaryEntries: 50 });
    const kind = readFooter(bytes).rowGroups[0]?.columns[1];
    expect(kind?.encodings).toEqual([0, 3, 8]);
    expect(kind?.dictionaryPageOffset).toBeGreaterThan(0);
  });
});

function expectedGroups(rows: number, perGroup: number): number[] {
  const out: number[] = [];
  for (let left = rows; left > 0; left -= perGroup) out.push(Math.min(left, perGroup));
  return out;
}

// ---- An independent reading of the footer: a generic Thrift compact decoder (field id -> value). ----

type ThriftValue = number | boolean | Buffer | ThriftValue[] | ThriftStruct;
type ThriftStruct = Map<number, ThriftValue>;

class CompactReader {
  at = 0;
  constructor(private readonly bytes: Buffer) {}
  private varint(): number {
    let result = 0;
    let scale = 1;
    for (;;) {
      const b = this.bytes[this.at++] as number;
      result += (b & 0x7f) * scale;
      if (b < 0x80) return result;
      scale *= 128;
    }
  }
  private zigzag(): number {
    const v = this.varint();
    return v % 2 === 0 ? v / 2 : -(v + 1) / 2;
  }
  private value(type: number): ThriftValue {
    switch (type) {
      case 1:
        return true;
      case 2:
        return false;
      case 3:
        return this.bytes[this.at++] as number;
      case 4:
      case 5:
      case 6:
        return this.zigzag();
      case 8: {
        const n = this.varint();
        const out = this.bytes.subarray(this.at, this.at + n);
        this.at += n;
        return out;
      }
      case 9: {
        const header = this.bytes[this.at++] as number;
        const size = header >> 4 === 15 ? this.varint() : header >> 4;
        const items: ThriftValue[] = [];
        for (let i = 0; i < size; i++) {
          const element = header & 0x0f;
          items.push(element === 1 ? this.bytes[this.at++] === 1 : this.value(element));
        }
        return items;
      }
      case 12:
        return this.struct();
      default:
        throw new Error(`unexpected compact type ${type} at ${this.at}`);
    }
  }
  struct(): ThriftStruct {
    const out: ThriftStruct = new Map();
    let last = 0;
    for (;;) {
      const header = this.bytes[this.at++] as number;
      if (header === 0) return out;
      const delta = header >> 4;
      const id = delta === 0 ? this.zigzag() : last + delta;
      out.set(id, this.value(header & 0x0f));
      last = id;
    }
  }
}

const field = (s: ThriftValue | undefined, id: number): ThriftValue | undefined =>
  (s as ThriftStruct | undefined)?.get(id);

interface Footer {
  numRows: number;
  createdBy: string;
  schema: { name: string; type?: number; repetition?: number; converted?: number; logicalString: boolean }[];
  rowGroups: {
    rows: number;
    columns: {
      path: string;
      codec: number;
      numValues: number;
      encodings: number[];
      dataPageOffset: number;
      dictionaryPageOffset?: number;
      compressed: number;
    }[];
  }[];
}

function readFooter(bytes: Buffer): Footer {
  expect(bytes.subarray(0, 4).toString('ascii')).toBe('PAR1');
  expect(bytes.subarray(bytes.length - 4).toString('ascii')).toBe('PAR1');
  const length = bytes.readUInt32LE(bytes.length - 8);
  const start = bytes.length - 8 - length;
  const reader = new CompactReader(bytes.subarray(start, bytes.length - 8));
  const meta = reader.struct();
  expect(reader.at).toBe(length);
  const schema = (meta.get(2) as ThriftStruct[]).map((e) => ({
    name: (e.get(4) as Buffer).toString('utf8'),
    ...(e.has(1) ? { type: e.get(1) as number } : {}),
    ...(e.has(3) ? { repetition: e.get(3) as number } : {}),
    ...(e.has(6) ? { converted: e.get(6) as number } : {}),
    logicalString: (field(e.get(10), 1) as ThriftStruct | undefined) instanceof Map,
  }));
  return {
    numRows: meta.get(3) as number,
    createdBy: (meta.get(6) as Buffer).toString('utf8'),
    schema,
    rowGroups: (meta.get(4) as ThriftStruct[]).map((g) => ({
      rows: g.get(3) as number,
      columns: (g.get(1) as ThriftStruct[]).map((c) => {
        const m = c.get(3) as ThriftStruct;
        return {
          path: ((m.get(3) as Buffer[])[0] as Buffer).toString('utf8'),
          codec: m.get(4) as number,
          numValues: m.get(5) as number,
          encodings: m.get(2) as number[],
          dataPageOffset: m.get(9) as number,
          ...(m.has(11) ? { dictionaryPageOffset: m.get(11) as number } : {}),
          compressed: m.get(7) as number,
        };
      }),
    })),
  };
}

describe('footer structure (independent Thrift compact decoding)', () => {
  const rows: Row[] = Array.from({ length: 25 }, (_, i) => [
    `t${i}`,
    i % 2 ? 'post' : 'comment',
    i % 3 ? 'en' : null,
    null,
  ]);
  const bytes = writeParquet(COLUMNS, rows, { rowGroupRows: 10 });
  const footer = readFooter(bytes);

  it('describes a flat schema of UTF-8 strings with the STRING logical type', () => {
    expect(footer.createdBy).toBe('assent test');
    expect(footer.schema[0]).toMatchObject({ name: 'schema' });
    expect(footer.schema.slice(1)).toEqual(
      COLUMNS.map((c) => ({
        name: c.name,
        type: 6,
        repetition: c.optional ? 1 : 0,
        converted: 0,
        logicalString: true,
      })),
    );
  });

  it('has column chunks whose offsets and sizes tile the file between the magic numbers', () => {
    expect(footer.numRows).toBe(25);
    let next = 4;
    for (const group of footer.rowGroups) {
      expect(group.columns.map((c) => c.path)).toEqual(COLUMNS.map((c) => c.name));
      for (const chunk of group.columns) {
        expect(chunk.codec).toBe(2);
        expect(chunk.numValues).toBe(group.rows);
        expect(chunk.dictionaryPageOffset ?? chunk.dataPageOffset).toBe(next);
        next += chunk.compressed;
      }
    }
    expect(next).toBe(bytes.length - 8 - bytes.readUInt32LE(bytes.length - 8));
  });

  it('dictionary-encodes the low-cardinality columns only', () => {
    const first = footer.rowGroups[0];
    expect(first?.columns.map((c) => c.encodings.includes(8))).toEqual([false, true, true, false]);
    expect(first?.columns.map((c) => c.dictionaryPageOffset !== undefined)).toEqual([false, true, true, false]);
  });
});

describe('Thrift compact writer edge forms', () => {
  it('writes long field-id jumps, negative and 53-bit integers, and lists of 15 or more', () => {
    const t = new ThriftCompactWriter();
    t.structBegin();
    t.i32Field(1, -7);
    t.i64Field(20, 2 ** 52 + 3);
    t.listField(
      21,
      CompactType.I32,
      Array.from({ length: 17 }, (_, i) => i - 8),
      (v) => t.i32Element(v),
    );
    t.structField(40, () => t.boolField(2, true));
    t.structEnd();
    const decoded = new CompactReader(t.out.copy()).struct();
    expect(decoded.get(1)).toBe(-7);
    expect(decoded.get(20)).toBe(2 ** 52 + 3);
    expect(decoded.get(21)).toEqual(Array.from({ length: 17 }, (_, i) => i - 8));
    expect((decoded.get(40) as ThriftStruct).get(2)).toBe(true);
  });

  it('a schema of 20 columns (a list header with a size varint) reads back', async () => {
    const columns = Array.from({ length: 20 }, (_, i) => ({
      name: `c${i}`,
      optional: i % 2 === 1,
      dictionary: i % 3 === 0,
    }));
    const rows = Array.from({ length: 30 }, (_, r) =>
      columns.map((c, i) => (c.optional && (r + i) % 4 === 0 ? null : `${r}:${i}`)),
    );
    const back = await readWithParquetjs(writeParquet(columns, rows, { rowGroupRows: 8 }));
    expect(back.map((row) => columns.map((c) => (row[c.name] as string | undefined) ?? null))).toEqual(rows);
  });
});

describe('determinism and bad calls', () => {
  it('equal rows give equal bytes, and a different row gives different bytes', () => {
    const rows = generate(SHAPES[4] as Shape, 3);
    const a = writeParquet(COLUMNS, rows, { rowGroupRows: 100 });
    const b = writeParquet(COLUMNS, rows, { rowGroupRows: 100 });
    expect(a.equals(b)).toBe(true);
    const changed = rows.map((r) => [...r]);
    (changed[500] as Row)[0] = 'changed';
    expect(writeParquet(COLUMNS, changed, { rowGroupRows: 100 }).equals(a)).toBe(false);
  });

  it('rejects null in a required column, a wrong row width, and duplicate column names', () => {
    const w = new ParquetWriter(COLUMNS, { createdBy: 'x' }, () => {});
    expect(() => w.appendRow([null, 'a', null, null])).toThrow(/text is required/);
    expect(() => w.appendRow(['a'])).toThrow(/expected 4 values/);
    expect(
      () => new ParquetWriter([COLUMNS[0] as StringColumn, COLUMNS[0] as StringColumn], { createdBy: 'x' }, () => {}),
    ).toThrow(/unique/);
  });
});

describe('RLE/bit-packed hybrid', () => {
  /** A decoder written from the spec, to check the encoder on edge shapes. */
  function decode(bytes: Buffer, count: number, width: number): number[] {
    const out: number[] = [];
    let at = 0;
    while (out.length < count) {
      let header = 0;
      let scale = 1;
      for (;;) {
        const b = bytes[at++] as number;
        header += (b & 0x7f) * scale;
        if (b < 0x80) break;
        scale *= 128;
      }
      if (header % 2 === 0) {
        let v = 0;
        for (let i = 0; i < Math.ceil(width / 8); i++) v |= (bytes[at++] as number) << (8 * i);
        for (let i = 0; i < header / 2; i++) out.push(v);
      } else {
        const n = ((header - 1) / 2) * 8;
        for (let i = 0; i < n; i++) {
          let v = 0;
          for (let b = 0; b < width; b++) {
            const bit = i * width + b;
            if (((bytes[at + (bit >> 3)] as number) >> (bit & 7)) & 1) v |= 1 << b;
          }
          out.push(v);
        }
        at += (n * width) / 8;
      }
    }
    expect(at).toBe(bytes.length);
    return out.slice(0, count);
  }

  const cases: [string, number[], number][] = [
    ['empty', [], 1],
    ['short mixed', [1, 0, 1], 1],
    ['long run', Array(100).fill(1), 1],
    ['run then mixed then run', [...Array(20).fill(0), 1, 0, 1, 1, 0, ...Array(9).fill(1)], 1],
    ['wide values', Array.from({ length: 70 }, (_, i) => (i * 7919) % 4096), 12],
    ['16-bit values and runs', [...Array(30).fill(65535), ...Array.from({ length: 13 }, (_, i) => i * 5000)], 16],
  ];
  for (const [name, values, width] of cases) {
    it(name, () => {
      const out = new ByteWriter(4);
      encodeHybrid(values, values.length, width, out);
      expect(decode(out.copy(), values.length, width)).toEqual(values);
    });
  }
});

describe('shard writer', () => {
  const records: OutputRecord[] = Array.from({ length: 1234 }, (_, i) => ({
    text: `record ${i} — ${'x'.repeat(i % 50)}`,
    kind: i % 5 ? 'post' : 'comment',
    language: i % 7 ? 'en' : null,
    month: `2025-${String((i % 12) + 1).padStart(2, '0')}`,
    author: `a${i % 31}`,
  }));

  for (const format of ['parquet', 'jsonl'] as const) {
    for (const withAuthor of [false, true]) {
      it(`${format}${withAuthor ? ' with author' : ''}: streams, hashes what it wrote, renames, and reads back`, async () => {
        const path = join(dir, `shard-${withAuthor}${shardExtension(format)}`);
        const shard = openShardWriter(path, format, withAuthor, { rowGroupRows: 100 });
        for (const r of records) shard.append(r);
        expect(existsSync(`${path}.tmp`)).toBe(true);
        const written = await shard.close();
        expect(existsSync(`${path}.tmp`)).toBe(false);
        const bytes = readFileSync(path);
        expect(written).toEqual({
          sha256: createHash('sha256').update(bytes).digest('hex'),
          bytes: bytes.length,
          records: records.length,
        });
        const back = await readShard(path);
        const expected = records.map((r) =>
          withAuthor ? r : { text: r.text, kind: r.kind, language: r.language, month: r.month },
        );
        expect(back.map((r) => ({ ...r, language: r.language ?? null }))).toEqual(expected);
      });
    }
  }

  it.each(['parquet', 'jsonl'] as const)(
    '%s: texts given as UTF-8 bytes give the same file as strings',
    async (format) => {
      const a = join(dir, `strings${shardExtension(format)}`);
      const b = join(dir, `bytes${shardExtension(format)}`);
      const strings = openShardWriter(a, format, true, { rowGroupRows: 100 });
      for (const r of records) strings.append(r);
      const bytes = openShardWriter(b, format, true, { rowGroupRows: 100 });
      for (const r of records) bytes.append({ ...r, text: Buffer.from(r.text, 'utf8') });
      expect((await bytes.close()).sha256).toBe((await strings.close()).sha256);
    },
  );

  it('writeShard gives the same bytes as streaming, and abort leaves no file', async () => {
    const a = join(dir, 'a.parquet');
    const b = join(dir, 'b.parquet');
    const streamed = openShardWriter(a, 'parquet', false);
    for (const r of records) streamed.append(r);
    const one = await streamed.close();
    const two = await writeShard(b, records, 'parquet', false);
    expect(two.sha256).toBe(one.sha256);
    const aborted = openShardWriter(join(dir, 'c.parquet'), 'parquet', false);
    aborted.append(records[0] as OutputRecord);
    aborted.abort();
    expect(existsSync(join(dir, 'c.parquet.tmp'))).toBe(false);
    expect(existsSync(join(dir, 'c.parquet'))).toBe(false);
    writeFileSync(join(dir, 'stale.parquet.tmp'), 'left over from a crash');
    await writeShard(join(dir, 'stale.parquet'), records.slice(0, 3), 'parquet', false);
    expect(await readShard(join(dir, 'stale.parquet'))).toHaveLength(3);
  });
});
