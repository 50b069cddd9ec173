// Personal-data entity types and the span record that joins detection to anonymization.

export const ENTITY_TYPES = [
  'PERSON',
  'EMAIL',
  'PHONE',
  'STREET_ADDRESS',
  'POSTAL_CODE',
  'LOCATION',
  'ORGANIZATION',
  'DATE',
  'DATE_OF_BIRTH',
  'AGE',
  'CREDIT_CARD',
  'IBAN',
  'NATIONAL_ID',
  'PASSPORT',
  'ID',
  'IP_ADDRESS',
  'MAC_ADDRESS',
  'URL',
  'USERNAME',
  'SECRET',
  'CRYPTO_WALLET',
] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

/** Types that identify a person on their own; "any direct identifier" in evaluation. */
export const DIRECT_IDENTIFIERS: readonly EntityType[] = Object.freeze([
  'PERSON',
  'EMAIL',
  'PHONE',
  'STREET_ADDRESS',
  'CREDIT_CARD',
  'IBAN',
  'NATIONAL_ID',
  'ID',
  'IP_ADDRESS',
  'URL',
  'USERNAME',
  'SECRET',
]);

/** A detected entity: offsets are JavaScript string indices (UTF-16 code units), end exclusive. */
export interface Span {
  readonly start: number;
  readonly end: number;
  readonly type: EntityType;
  /** Confidence in [0, 1]. */
  readonly score: number;
  /** The name of the recognizer that found it. */
  readonly recognizer: string;
}

export function isEntityType(value: unknown): value is EntityType {
  return typeof value === 'string' && (ENTITY_TYPES as readonly string[]).includes(value);
}
