// Dataset builds: sources -> decisions -> redaction -> deterministic shards, manifest, metadata, and scans.
export { BUILD_ERRORS, BuildError, type BuildErrorCode } from './build-error.js';
export { type BuildPolicy, type ItemRules, itemReason, type PolicyRules, rulesPolicy } from './build-policy.js';
export type { BuildCounts, BuildManifest, ShardEntry } from './manifest.js';
export { buildPolicyFrom } from './policy-adapter.js';
export { DEFAULT_REDACTION, type RedactionSettings, redactionConfig } from './redaction.js';
export {
  type BuildDeps,
  type BuildProgress,
  type BuildResult,
  ITEMS_PER_SHARD,
  type RunBuildOptions,
  runBuild,
} from './run-build.js';
export { type ScanOptions, type ScanReport, scanBuild } from './scan.js';
export { FORMATS, type OutputRecord, readShard, type ShardFormat } from './shard-writer.js';
export { type BuildSource, fileSource, type SourceDescription, storeSource } from './source.js';
