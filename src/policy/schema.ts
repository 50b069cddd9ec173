// The policy file format: a zod 4 schema with strict objects (unknown fields are errors) and the cross-field rules
// (contiguous versions, one group per country, an English notice). The parsed `Policy` is plain JSON-compatible data.
//
// Shape (see policies/README.md for the full reference):
//   name, description?, versions: [{ id, valid_from, valid_until?, purposes: { <purpose>: PurposeRules } }]
//   PurposeRules: notice, jurisdictions { groups[], default_treatment }, minors, content, signals?, on_withdrawal?,
//   build?, redaction?
// Each version runs from its `valid_from` until the next version's `valid_from`; a `valid_until` is only allowed
// where it equals the next version's start (or, on the last version, ends the policy).

import { z } from 'zod';
import {
  CONTENT_KINDS,
  COUNTRY_CODES,
  EEA,
  ENTITY_TYPES,
  EU_27,
  NOTICE_MECHANISMS,
  PURPOSES,
  VISIBILITIES,
} from '../domain/index.js';

/** How a jurisdiction group is treated: never used, used only with consent, or used unless the member objects. */
export const TREATMENTS = ['excluded', 'opt_in', 'opt_out'] as const;
export type Treatment = (typeof TREATMENTS)[number];

/** Named country sets a group may list instead of (or besides) country codes. */
export const COUNTRY_TOKENS: Readonly<Record<string, readonly string[]>> = Object.freeze({
  EU: EU_27,
  EEA,
});

/** The age signals a policy may count as "reason to believe the member is a minor". */
export const MINOR_SIGNALS = ['self_declared_minor', 'in_secondary_education'] as const;
export type MinorSignal = (typeof MINOR_SIGNALS)[number];

export const WITHDRAWAL_EFFECTS = ['forward_only', 'flag_models'] as const;
export type WithdrawalEffect = (typeof WITHDRAWAL_EFFECTS)[number];

export const REDACTION_OPERATORS = ['replace', 'pseudonymize', 'mask', 'remove', 'drop_record'] as const;

const PURPOSE_KEYS = PURPOSES.map((p) => p.key) as [string, ...string[]];

const isoTimestamp = z.iso.datetime({
  offset: true,
  error: 'expected an ISO 8601 timestamp such as 2024-09-18T00:00:00Z',
});

const countryEntry = z.string().refine((value) => COUNTRY_CODES.has(value) || value in COUNTRY_TOKENS, {
  error: `expected an ISO 3166-1 alpha-2 country code (upper case) or one of ${Object.keys(COUNTRY_TOKENS).join(', ')}`,
});

const noticeTextSchema = z.strictObject({
  question: z.string().min(1),
  explanation: z.string().min(1),
});

const noticeSchema = z
  .strictObject({
    id: z.string().min(1),
    version: z.string().min(1),
    mechanism: z.enum(NOTICE_MECHANISMS),
    texts: z.record(z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'expected a BCP 47 locale'), noticeTextSchema),
  })
  .superRefine((notice, ctx) => {
    if (!notice.texts.en) {
      ctx.addIssue({
        code: 'custom',
        path: ['texts', 'en'],
        message: 'expected an English (en) text',
        input: undefined,
      });
    }
  });

const groupSchema = z.strictObject({
  name: z.string().min(1),
  countries: z.array(countryEntry).min(1),
  treatment: z.enum(TREATMENTS),
});

const jurisdictionsSchema = z
  .strictObject({
    groups: z.array(groupSchema).default([]),
    /** The treatment of a valid country that is in no group. Unknown countries are always excluded. */
    default_treatment: z.enum(TREATMENTS),
  })
  .superRefine((jurisdictions, ctx) => {
    const seenCountry = new Map<string, string>();
    const seenName = new Set<string>();
    jurisdictions.groups.forEach((group, g) => {
      if (seenName.has(group.name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['groups', g, 'name'],
          message: 'expected a group name not used before',
          input: group.name,
        });
      }
      seenName.add(group.name);
      group.countries.forEach((entry, c) => {
        for (const country of COUNTRY_TOKENS[entry] ?? [entry]) {
          const earlier = seenCountry.get(country);
          if (earlier !== undefined) {
            ctx.addIssue({
              code: 'custom',
              path: ['groups', g, 'countries', c],
              message: `expected each country in one group only (${country} is already in group ${earlier})`,
              input: entry,
            });
          }
          seenCountry.set(country, group.name);
        }
      });
    });
  });

const minorsSchema = z.strictObject({
  /** Members younger than this at the decision time are minors. */
  min_age: z.int().min(1).max(120).default(18),
  /** Signals that make a member a minor whatever their stated age. */
  exclude_signals: z.array(z.enum(MINOR_SIGNALS)).default([...MINOR_SIGNALS]),
  /** A member with neither birth date nor birth year: `exclude` treats them as a minor. */
  unknown_age: z.enum(['include', 'exclude']),
});

const contentSchema = z.strictObject({
  kinds: z.array(z.enum(CONTENT_KINDS)),
  visibilities: z.array(z.enum(VISIBILITIES)),
});

const signalsSchema = z.strictObject({
  /** A Global Privacy Control signal recorded in the ledger (method `gpc`) counts as a withdrawal. */
  gpc_is_withdrawal: z.boolean().default(true),
  /** Content-level reservations (aipref `train-ai=n`, TDMRep) exclude the item. */
  honor_content_reservations: z.boolean().default(true),
});

const buildSchema = z.strictObject({
  /** Whether the dataset carries a per-author pseudonymous key (off: no member key at all). */
  author_key: z.boolean().default(false),
  /** A withdrawal recorded while a build runs excludes the member when the build is published. */
  strict_withdrawals: z.boolean().default(true),
});

const operatorSchema = z.discriminatedUnion('operator', [
  z.strictObject({ operator: z.literal('replace'), placeholder: z.string().optional() }),
  z.strictObject({ operator: z.literal('pseudonymize') }),
  z.strictObject({
    operator: z.literal('mask'),
    keep_last: z.int().min(0).default(0),
    char: z.string().length(1).optional(),
  }),
  z.strictObject({ operator: z.literal('remove') }),
  z.strictObject({ operator: z.literal('drop_record') }),
]);
export type RedactionOperator = z.output<typeof operatorSchema>;

const redactionSchema = z.strictObject({
  default: operatorSchema.default({ operator: 'replace' }),
  types: z.partialRecord(z.enum(ENTITY_TYPES), operatorSchema).default({}),
  /** Detections scoring below this are ignored. */
  min_score: z.number().min(0).max(1).default(0.5),
});

const purposeRulesSchema = z.strictObject({
  notice: noticeSchema,
  jurisdictions: jurisdictionsSchema,
  minors: minorsSchema,
  content: contentSchema,
  signals: signalsSchema.default({ gpc_is_withdrawal: true, honor_content_reservations: true }),
  on_withdrawal: z.enum(WITHDRAWAL_EFFECTS).default('forward_only'),
  build: buildSchema.default({ author_key: false, strict_withdrawals: true }),
  redaction: redactionSchema.default({ default: { operator: 'replace' }, types: {}, min_score: 0.5 }),
});

const versionSchema = z
  .strictObject({
    id: z.string().min(1),
    valid_from: isoTimestamp,
    valid_until: isoTimestamp.optional(),
    purposes: z.partialRecord(z.enum(PURPOSE_KEYS), purposeRulesSchema),
  })
  .superRefine((version, ctx) => {
    if (Object.keys(version.purposes).length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['purposes'],
        message: 'expected at least one purpose, found none',
        input: {},
      });
    }
    if (version.valid_until !== undefined && Date.parse(version.valid_until) <= Date.parse(version.valid_from)) {
      ctx.addIssue({
        code: 'custom',
        path: ['valid_until'],
        message: `expected a time after valid_from (${version.valid_from})`,
        input: version.valid_until,
      });
    }
  });

export const policySchema = z
  .strictObject({
    name: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'expected a lower-case name such as platform-2024-09'),
    description: z.string().optional(),
    versions: z.array(versionSchema).min(1),
  })
  .superRefine((policy, ctx) => {
    const ids = new Set<string>();
    policy.versions.forEach((version, i) => {
      if (ids.has(version.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['versions', i, 'id'],
          message: 'expected a version id not used before',
          input: version.id,
        });
      }
      ids.add(version.id);
      const previous = policy.versions[i - 1];
      if (!previous) return;
      if (Date.parse(version.valid_from) <= Date.parse(previous.valid_from)) {
        ctx.addIssue({
          code: 'custom',
          path: ['versions', i, 'valid_from'],
          message: `expected a time after the previous version's valid_from (${previous.valid_from}): versions are ordered`,
          input: version.valid_from,
        });
        return;
      }
      if (previous.valid_until === undefined) return;
      const end = Date.parse(previous.valid_until);
      const start = Date.parse(version.valid_from);
      if (end !== start) {
        const what = end < start ? 'leaves a gap' : 'overlaps';
        ctx.addIssue({
          code: 'custom',
          path: ['versions', i - 1, 'valid_until'],
          message: `expected the next version's valid_from (${version.valid_from}); this ${what}`,
          input: previous.valid_until,
        });
      }
    });
  });

/** A parsed, validated policy: plain JSON-compatible data (timestamps stay ISO strings). */
export type Policy = z.output<typeof policySchema>;
export type PolicyVersion = Policy['versions'][number];
export type PurposeRules = z.output<typeof purposeRulesSchema>;
export type JurisdictionGroup = PurposeRules['jurisdictions']['groups'][number];
