// The audit module's public surface: the hash-chained log, its verification, and canonical JSON.
export {
  type AuditVerification,
  appendAudit,
  appendAuditEntries,
  auditHash,
  consentRangeOf,
  GENESIS_HASH,
  verifyAudit,
} from './audit-log.js';
export { canonicalJson } from './canonical-json.js';
export { ConsentDigest, type ConsentRange } from './consent-digest.js';
