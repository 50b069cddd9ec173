// The consent ledger's public surface.

export type { ImportIssue, ImportReport } from '../store/import/jsonl-reader.js';
export {
  type ConsentChange,
  type ConsentImportOptions,
  type ConsentLedger,
  type ConsentLedgerOptions,
  createConsentLedger,
  type ExportOptions,
  parseConsentLine,
  type RecordOutcome,
  type StateQuery,
  uuidV7,
} from './consent-ledger.js';
export { CONSENT_RECORD_SCHEMA, type ConsentRecord, toConsentRecord } from './consent-records.js';
export { CONSENT_ERRORS, ConsentError, type ConsentErrorCode, type ErrorKind, isConsentError } from './errors.js';
export { resolveState } from './resolve-state.js';
