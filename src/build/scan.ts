// `assent scan`: re-runs personal-data detection over a finished build and reports what remains, by type, and
// whether any planted canary value (e-mails, phones, names) appears anywhere in the records.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIRECT_IDENTIFIERS } from '../domain/index.js';
import { BuildError } from './build-error.js';
import type { BuildManifest } from './manifest.js';
import { type Analyze, blankRedactionOutput, createAnalyze, isRedactionOutput } from './redaction.js';
import { readShard } from './shard-writer.js';

export interface ScanOptions {
  /** Exact strings that must not appear in any record. */
  readonly canaries?: readonly string[];
  /** Detector for residual personal data; default the full src/redact engine. */
  readonly analyze?: Analyze;
}

export interface ScanReport {
  readonly buildId: string;
  readonly shards: number;
  readonly records: number;
  /** Residual detections by entity type (placeholders such as `<EMAIL>` are not detections). */
  readonly residualByType: Readonly<Record<string, number>>;
  /** Canaries found, with how many records hold each; the value itself is not repeated (it may be personal). */
  readonly canaryHits: readonly { readonly canaryIndex: number; readonly records: number }[];
  /** Shards whose sha256 differs from the manifest. */
  readonly tampered: readonly string[];
  /** Residual direct identifiers other than PERSON (pattern-detected, validated: e-mails, phones, cards, ...). */
  readonly residualDirect: number;
  /** No canary, no mismatching shard, no residual pattern-detected direct identifier. PERSON, LOCATION and
   * ORGANIZATION residuals come from the statistical name tagger, which also fires on the context of placeholders
   * ("Fale com [PERSON_..]"); they are reported in `residualByType` for review but do not fail the scan. */
  readonly clean: boolean;
}

/**
 * Scans every shard of the build in `dir`.
 *
 * @example const report = await scanBuild('out/build-1', { canaries: ['ana.canary@example.com'] });
 */
export async function scanBuild(dir: string, options: ScanOptions = {}): Promise<ScanReport> {
  const manifestPath = join(dir, 'manifest.json');
  if (!existsSync(manifestPath)) throw new BuildError('ASSENT_SCAN_NOT_A_BUILD', dir);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as BuildManifest;
  const analyze = options.analyze ?? createAnalyze('engine', 0.5);
  const canaries = (options.canaries ?? []).map((c) => c.toLowerCase());
  const residual: Record<string, number> = {};
  const hits = new Array<number>(canaries.length).fill(0);
  const tampered: string[] = [];
  let records = 0;
  const { createHash } = await import('node:crypto');
  for (const shard of manifest.shards) {
    const path = join(dir, shard.file);
    const sha = createHash('sha256').update(readFileSync(path)).digest('hex');
    if (sha !== shard.sha256) tampered.push(shard.file);
    for (const record of await readShard(path)) {
      records++;
      const blanked = blankRedactionOutput(record.text);
      for (const span of analyze(blanked, record.language)) {
        if (isRedactionOutput(record.text, span.start, span.end)) continue;
        residual[span.type] = (residual[span.type] ?? 0) + 1;
      }
      const lower = record.text.toLowerCase();
      canaries.forEach((canary, i) => {
        if (lower.includes(canary)) hits[i] = (hits[i] ?? 0) + 1;
      });
    }
  }
  const direct = DIRECT_IDENTIFIERS.filter((t) => t !== 'PERSON');
  const residualDirect = direct.reduce((sum, t) => sum + (residual[t] ?? 0), 0);
  const canaryHits = hits.flatMap((n, canaryIndex) => (n > 0 ? [{ canaryIndex, records: n }] : []));
  return {
    buildId: manifest.buildId,
    shards: manifest.shards.length,
    records,
    residualByType: Object.fromEntries(Object.entries(residual).sort(([a], [b]) => (a < b ? -1 : 1))),
    canaryHits,
    tampered,
    residualDirect,
    clean: canaryHits.length === 0 && residualDirect === 0 && tampered.length === 0,
  };
}
