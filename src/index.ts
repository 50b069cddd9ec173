// Assent's public library surface: the same services the CLI and the HTTP server use. Each module's own index has
// the full detail; this file names the entry points a platform would embed.

export { type AuditVerification, appendAudit, canonicalJson, verifyAudit } from './audit/index.js';
export { type BuildResult, buildPolicyFrom, fileSource, runBuild, scanBuild, storeSource } from './build/index.js';
export {
  ConsentError,
  type ConsentLedger,
  createConsentLedger,
  isConsentError,
  resolveState,
  toConsentRecord,
} from './consent/index.js';
export * from './domain/index.js';
export { memberLineage, modelLineage, onConsentRecorded, registerModel } from './lineage/index.js';
export {
  DEFAULT_PRESET,
  decideItem,
  decideMember,
  defaultStatus,
  explainItem,
  explainMember,
  listPresets,
  loadPolicyFile,
  loadPreset,
  type Policy,
  type PolicyVersion,
  validatePolicy,
  versionAt,
} from './policy/index.js';
export {
  createAnalyzer,
  createAnonymizer,
  createDefaultRecognizers,
  createRedactor,
  DEFAULT_REDACTION_CONFIG,
  detectStream,
  type Recognizer,
  type RedactionConfig,
  redactStream,
} from './redact/index.js';
export { createApp, startServer } from './server/app.js';
export { type OpenStoreOptions, openStore } from './store/open-store.js';
export type { Store, StoreCapabilities } from './store/store.js';
export { codeVersion } from './version.js';
