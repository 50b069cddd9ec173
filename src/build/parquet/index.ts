// Our own Parquet writer (flat UTF-8 string columns, streaming by row group) and the reading of Parquet input files.

export { COMPRESSIONS, type Compression } from './compression.js';
export {
  normalizeParquetValue,
  parquetRowCount,
  REQUIRED_COLUMNS,
  readParquetContentAsJsonLines,
  readParquetMembers,
  readParquetRows,
} from './parquet-input.js';
export { type ByteSink, ParquetWriter, type ParquetWriterOptions, type StringColumn } from './parquet-writer.js';
