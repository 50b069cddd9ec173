// Members of the platform, as far as consent decisions need them.

export const ACCOUNT_STATES = ['active', 'deactivated', 'deleted'] as const;
export type AccountState = (typeof ACCOUNT_STATES)[number];

/** Signals that a member is, or may be, under 18 even without a birth date. */
export interface AgeSignals {
  /** The member said they are under 18. */
  readonly selfDeclaredMinor?: boolean;
  /** The profile lists current secondary-school (high school) education. */
  readonly inSecondaryEducation?: boolean;
}

export interface Member {
  readonly id: string;
  /** ISO 3166-1 alpha-2, optionally with a subdivision (`US-CA`). Kept raw: parsing happens at decision time. */
  readonly country: string | null;
  /** ISO date `YYYY-MM-DD`, when known. */
  readonly birthDate: string | null;
  /** Birth year, when only the year is known. */
  readonly birthYear: number | null;
  readonly ageSignals: AgeSignals;
  /** BCP 47 language tag, e.g. `en`, `pt-BR`. */
  readonly language: string | null;
  readonly accountState: AccountState;
  /** Names as shown on the profile; they feed known-identity redaction. */
  readonly names: readonly string[];
  /** ISO timestamp the account was created. */
  readonly createdAt: string;
}
