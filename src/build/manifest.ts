// The build manifest (the marker of a finished build, written last), the Croissant 1.1 metadata with its
// Responsible AI fields, and the dataset card. All three hold no wall-clock time, so a rebuild of the same inputs
// gives the same bytes; the times of a run live in the store's build record.

import type { ShardFormat } from './shard-writer.js';
import type { SourceDescription } from './source.js';

export interface ShardEntry {
  readonly file: string;
  readonly sha256: string;
  readonly bytes: number;
  readonly records: number;
}

export interface BuildCounts {
  /** Content items read (valid lines or store rows). */
  readonly items: number;
  /** Items created after the as-of time: they did not exist then, so they are not decided or counted below. */
  readonly createdAfterAsOf: number;
  /** Items allowed by the policy (before redaction drops, duplicates and withdrawals during the build). */
  readonly allowed: number;
  /** Records written. */
  readonly records: number;
  readonly excludedByReason: Readonly<Record<string, number>>;
  readonly redactionsByType: Readonly<Record<string, number>>;
  /** Records a `drop_record` redaction operator removed. */
  readonly droppedRecords: number;
  readonly duplicatesRemoved: number;
  /** Records of members whose withdrawal was recorded while the build ran (strict mode). */
  readonly withdrawnDuringBuild: number;
  /** Malformed content lines and member lines. */
  readonly rejectedLines: number;
  readonly members: number;
  readonly membersInBuild: number;
}

export interface BuildManifest {
  readonly schema: 'assent.build-manifest/1';
  readonly buildId: string;
  readonly purpose: string;
  readonly asOf: string;
  readonly format: ShardFormat;
  readonly policy: { readonly name: string; readonly version: string | null; readonly sha256: string };
  readonly consentLedgerHead: number;
  readonly strictWithdrawals: boolean;
  readonly sources: readonly SourceDescription[];
  readonly counts: BuildCounts;
  readonly rejectedSamples: readonly string[];
  readonly shards: readonly ShardEntry[];
  readonly code: { readonly version: string; readonly commit: string | null };
  readonly lineage: { readonly merkleRoot: string; readonly leaves: string };
  readonly snapshot: { readonly members: number; readonly bytes: number; readonly hashCollisions: number };
  readonly redaction: Readonly<Record<string, unknown>>;
  readonly jurisdictions: Readonly<Record<string, string>>;
}

const ENCODING: Record<ShardFormat, string> = {
  parquet: 'application/x-parquet',
  jsonl: 'application/jsonlines+gzip',
};

/** MLCommons Croissant 1.1 JSON-LD, with RAI fields and Assent's consent facts under `assent:consent`. */
export function croissant(manifest: BuildManifest): Record<string, unknown> {
  const c = manifest.counts;
  const excluded = Object.entries(c.excludedByReason)
    .map(([reason, n]) => `${reason}: ${n}`)
    .join(', ');
  const redactions = Object.entries(c.redactionsByType)
    .map(([type, n]) => `${type}: ${n}`)
    .join(', ');
  const fields = [
    ['text', 'sc:Text', 'Post or other member content with personal data redacted.'],
    ['kind', 'sc:Text', 'Content kind (post, article, comment, ...).'],
    ['language', 'sc:Text', 'BCP 47 language tag, when known.'],
    ['month', 'sc:Text', 'Month of creation, YYYY-MM (coarsened).'],
  ];
  return {
    '@context': {
      '@language': 'en',
      '@vocab': 'https://schema.org/',
      sc: 'https://schema.org/',
      cr: 'http://mlcommons.org/croissant/',
      rai: 'http://mlcommons.org/croissant/RAI/',
      dct: 'http://purl.org/dc/terms/',
      assent: 'https://assent.dev/ns/',
      data: { '@id': 'cr:data', '@type': '@json' },
      dataType: { '@id': 'cr:dataType', '@type': '@vocab' },
      examples: { '@id': 'cr:examples', '@type': '@json' },
      extract: 'cr:extract',
      field: 'cr:field',
      fileObject: 'cr:fileObject',
      fileSet: 'cr:fileSet',
      format: 'cr:format',
      includes: 'cr:includes',
      recordSet: 'cr:recordSet',
      source: 'cr:source',
      column: 'cr:column',
      conformsTo: 'dct:conformsTo',
      md5: 'cr:md5',
      sha256: 'cr:sha256',
    },
    '@type': 'sc:Dataset',
    conformsTo: 'http://mlcommons.org/croissant/1.1',
    name: `assent-${manifest.buildId}`,
    description: `Member content allowed for ${manifest.purpose} as of ${manifest.asOf} under policy ${manifest.policy.name} ${manifest.policy.version ?? '(none)'}, with personal data redacted.`,
    version: manifest.buildId,
    datePublished: manifest.asOf.slice(0, 10),
    license: 'https://spdx.org/licenses/LicenseRef-Member-Consented-Training-Data',
    url: `urn:assent:build:${manifest.buildId}`,
    distribution: [
      {
        '@type': 'cr:FileSet',
        '@id': 'shards',
        name: 'shards',
        encodingFormat: ENCODING[manifest.format],
        includes: `data-*${manifest.format === 'parquet' ? '.parquet' : '.jsonl.gz'}`,
      },
      ...manifest.shards.map((s) => ({
        '@type': 'cr:FileObject',
        '@id': s.file,
        name: s.file,
        contentUrl: s.file,
        contentSize: `${s.bytes} B`,
        encodingFormat: ENCODING[manifest.format],
        sha256: s.sha256,
      })),
    ],
    recordSet: [
      {
        '@type': 'cr:RecordSet',
        '@id': 'records',
        name: 'records',
        field: fields.map(([name, dataType, description]) => ({
          '@type': 'cr:Field',
          '@id': `records/${name}`,
          name,
          description,
          dataType,
          source: { fileSet: { '@id': 'shards' }, extract: { column: name } },
        })),
      },
    ],
    'rai:dataCollection': `Content members of the platform created (kinds in scope: see policy ${manifest.policy.name}), read from ${manifest.sources.map((s) => `${s.kind}:${s.name}`).join(', ')}. Each item was decided for purpose ${manifest.purpose} at ${manifest.asOf} under policy version ${manifest.policy.version ?? '(none)'} with the consent ledger as recorded up to sequence ${manifest.consentLedgerHead}.`,
    'rai:dataCollectionType': 'Secondary data: user-generated content on a professional network',
    'rai:dataCollectionRawData': `${c.items} items read; ${c.allowed} allowed; ${c.records} records written.`,
    'rai:personalSensitiveInformation': `Member ids are not included. Personal data detected in text was redacted (${redactions || 'none found'}); member directory names are always redacted. Members under 18 and members who opted out are excluded.`,
    'rai:dataPreprocessingProtocol': [
      'Decide each item (consent, jurisdiction, age, account state, kind, visibility, deletion, content signals); exclusions by reason are counted.',
      `Detect personal data and apply the policy's operators: ${JSON.stringify(manifest.redaction)}.`,
      'Remove exact duplicates after redaction (the record with the smallest content-id hash is kept).',
      manifest.strictWithdrawals
        ? 'Drop records of members whose withdrawal was recorded before the build was published.'
        : 'Withdrawals recorded during the build do not change it.',
    ],
    'rai:dataManipulationProtocol': `Metadata coarsened to month and language; excluded: ${excluded || 'none'}.`,
    'rai:dataUseCases': `Training for purpose ${manifest.purpose} only.`,
    'rai:dataLimitations':
      'Redaction is automatic and may miss personal data; run `assent scan` on the build for residual personal data.',
    'rai:dataSocialImpact':
      'Only content of members whose consent state permits the purpose is included; members can see which builds and models hold their data.',
    'assent:consent': {
      purpose: manifest.purpose,
      asOf: manifest.asOf,
      consentLedgerHead: manifest.consentLedgerHead,
      policy: manifest.policy,
      jurisdictions: manifest.jurisdictions,
      excludedByReason: c.excludedByReason,
      withdrawnDuringBuild: c.withdrawnDuringBuild,
      strictWithdrawals: manifest.strictWithdrawals,
      lineageMerkleRoot: manifest.lineage.merkleRoot,
    },
  };
}

function table(rows: readonly (readonly [string, string | number])[]): string {
  return ['| | |', '|---|---|', ...rows.map(([k, v]) => `| ${k} | ${v} |`)].join('\n');
}

/** A Hugging Face style dataset card (YAML front matter and sections). */
export function datasetCard(manifest: BuildManifest): string {
  const c = manifest.counts;
  const size =
    c.records < 1_000
      ? 'n<1K'
      : c.records < 10_000
        ? '1K<n<10K'
        : c.records < 100_000
          ? '10K<n<100K'
          : c.records < 1_000_000
            ? '100K<n<1M'
            : '1M<n<10M';
  const ext = manifest.format === 'parquet' ? 'parquet' : 'jsonl.gz';
  return `---
pretty_name: Assent build ${manifest.buildId}
license: other
task_categories:
  - text-generation
size_categories:
  - ${size}
configs:
  - config_name: default
    data_files: "data-*.${ext}"
tags:
  - assent
  - consented
  - redacted
---

# Assent build ${manifest.buildId}

Member content allowed for \`${manifest.purpose}\` as of ${manifest.asOf}, under policy \`${manifest.policy.name}\`
version \`${manifest.policy.version ?? '(none)'}\` (sha256 \`${manifest.policy.sha256}\`), with the consent ledger as
recorded up to sequence ${manifest.consentLedgerHead}.

## Dataset structure

Fields: \`text\` (redacted), \`kind\`, \`language\`, \`month\` (YYYY-MM)${manifest.shards.length ? '' : ''}. No member ids.
${manifest.shards.length} shard(s), ${c.records} record(s).

## Consent and exclusions

${table([
  ['items read', c.items],
  ['created after the as-of time (skipped)', c.createdAfterAsOf],
  ['allowed', c.allowed],
  ...Object.entries(c.excludedByReason).map(([k, v]) => [`excluded: ${k}`, v] as const),
  ['withdrawn during the build', c.withdrawnDuringBuild],
  ['rejected lines', c.rejectedLines],
])}

## Personal data

Personal data detected in text was redacted before writing; member directory names are always redacted.

${table([
  ...Object.entries(c.redactionsByType).map(([k, v]) => [k, v] as const),
  ['records dropped by redaction', c.droppedRecords],
  ['exact duplicates removed', c.duplicatesRemoved],
])}

## Lineage

Which members are in this build is kept in the Assent store, never in this directory. Merkle root over the sorted
(member pseudonym, content) pairs: \`${manifest.lineage.merkleRoot}\`.

## Limitations

Automatic redaction can miss personal data; \`assent scan\` re-runs detection over a build.
`;
}
