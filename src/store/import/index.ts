// JSONL import of members and content, and the line parsers the build pipeline reuses.
export {
  describeFound,
  type FieldIssue,
  FieldReader,
  type ParseResult,
  parseIsoDate,
  parseIsoTimestamp,
} from './fields.js';
export { type ImportOptions, importContentJsonl, importMembersJsonl } from './import-jsonl.js';
export { type ImportIssue, type ImportReport, lineIssue, MAX_REPORTED_ISSUES, readJsonl } from './jsonl-reader.js';
export { type LineParseOptions, parseContentLine, parseMemberLine } from './line-parsers.js';
