// Jurisdictions: ISO 3166-1 alpha-2 countries (optionally with an ISO 3166-2 subdivision) and the named groups
// that policies treat together. Parsing is strict: anything that is not a known code is `undefined`, and callers
// fail closed on it.

/** ISO 3166-1 alpha-2 codes officially assigned (249), plus XK (Kosovo, user-assigned but in wide use). */
const ISO_3166_1 = `AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW
BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR
GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE
KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV
MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC
SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ
VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW`;

export const COUNTRY_CODES: ReadonlySet<string> = Object.freeze(new Set(ISO_3166_1.split(/\s+/).filter(Boolean)));

/** The 27 member states of the European Union. */
export const EU_27: readonly string[] = Object.freeze([
  'AT',
  'BE',
  'BG',
  'HR',
  'CY',
  'CZ',
  'DK',
  'EE',
  'FI',
  'FR',
  'DE',
  'GR',
  'HU',
  'IE',
  'IT',
  'LV',
  'LT',
  'LU',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SK',
  'SI',
  'ES',
  'SE',
]);
/** The European Economic Area: the EU plus Iceland, Liechtenstein and Norway. */
export const EEA: readonly string[] = Object.freeze([...EU_27, 'IS', 'LI', 'NO']);

/** A parsed jurisdiction: `US-CA` is `{ country: 'US', subdivision: 'US-CA' }`. */
export interface Jurisdiction {
  readonly country: string;
  readonly subdivision?: string;
}

const JURISDICTION_SHAPE = /^([A-Za-z]{2})(?:-([A-Za-z0-9]{1,3}))?$/;

/**
 * Parses an ISO 3166-1 alpha-2 code, optionally followed by an ISO 3166-2 subdivision suffix.
 * Returns `undefined` for anything else, including unassigned codes: the caller must fail closed.
 *
 * @example parseJurisdiction('us-ca') // { country: 'US', subdivision: 'US-CA' }
 */
export function parseJurisdiction(raw: unknown): Jurisdiction | undefined {
  if (typeof raw !== 'string') return undefined;
  const match = JURISDICTION_SHAPE.exec(raw.trim());
  if (!match) return undefined;
  const country = (match[1] ?? '').toUpperCase();
  if (!COUNTRY_CODES.has(country)) return undefined;
  const sub = match[2];
  return sub === undefined ? { country } : { country, subdivision: `${country}-${sub.toUpperCase()}` };
}

/** True when `raw` is a valid jurisdiction code. */
export function isJurisdiction(raw: unknown): raw is string {
  return parseJurisdiction(raw) !== undefined;
}
