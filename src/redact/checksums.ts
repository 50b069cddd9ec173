// Check-digit algorithms used by validators: Luhn, ISO 7064 mod 97-10 and 11-10, Verhoeff, base58check, bech32.

import { createHash } from 'node:crypto';

/** Digits of a string, separators removed. */
export function digitsOf(value: string): string {
  return value.replace(/\D/g, '');
}

/** Luhn (mod 10) over a digit string: credit cards, Canadian SIN. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/** The remainder mod 97 of a long digit string, computed in chunks. */
export function mod97(digits: string): number {
  let remainder = 0;
  for (let i = 0; i < digits.length; i += 7) {
    remainder = Number(`${remainder}${digits.slice(i, i + 7)}`) % 97;
  }
  return remainder;
}

/** ISO 13616 IBAN check: move the first four characters to the end, letters to numbers, mod 97 must be 1. */
export function ibanChecksumValid(iban: string): boolean {
  const compact = iban.replace(/\s/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(compact)) return false;
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let numeric = '';
  for (const ch of rearranged) {
    const code = ch.charCodeAt(0);
    numeric += code >= 65 ? String(code - 55) : ch;
  }
  return mod97(numeric) === 1;
}

const VERHOEFF_D = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
  [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
  [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
  [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
  [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
  [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
  [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
  [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
  [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
];
const VERHOEFF_P = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
  [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
  [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
  [9, 4, 5, 3, 1, 2, 7, 6, 8, 0],
  [4, 2, 8, 6, 5, 7, 0, 3, 9, 1],
  [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
  [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
];

/** Verhoeff check (Indian Aadhaar). */
export function verhoeffValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let c = 0;
  const reversed = digits.split('').reverse();
  for (let i = 0; i < reversed.length; i++) {
    const row = VERHOEFF_P[i % 8] as number[];
    c = (VERHOEFF_D[c] as number[])[row[Number(reversed[i])] as number] as number;
  }
  return c === 0;
}

/** ISO 7064 MOD 11,10 (German Steuer-Identifikationsnummer). */
export function iso7064Mod11_10Valid(digits: string): boolean {
  if (!/^\d{2,}$/.test(digits)) return false;
  let product = 10;
  for (let i = 0; i < digits.length - 1; i++) {
    let sum = (Number(digits[i]) + product) % 10;
    if (sum === 0) sum = 10;
    product = (sum * 2) % 11;
  }
  let check = 11 - product;
  if (check === 10) check = 0;
  return check === Number(digits[digits.length - 1]);
}

/** Brazilian CPF: two mod-11 check digits. */
export function cpfValid(value: string): boolean {
  const d = digitsOf(value);
  if (d.length !== 11 || /^(\d)\1{10}$/.test(d)) return false;
  for (const length of [9, 10]) {
    let sum = 0;
    for (let i = 0; i < length; i++) sum += Number(d[i]) * (length + 1 - i);
    const check = ((sum * 10) % 11) % 10;
    if (check !== Number(d[length])) return false;
  }
  return true;
}

/** Brazilian CNPJ: two weighted mod-11 check digits. */
export function cnpjValid(value: string): boolean {
  const d = digitsOf(value);
  if (d.length !== 14 || /^(\d)\1{13}$/.test(d)) return false;
  const weights = [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];
  for (const length of [12, 13]) {
    let sum = 0;
    const w = weights.slice(weights.length - length);
    for (let i = 0; i < length; i++) sum += Number(d[i]) * (w[i] as number);
    const r = sum % 11;
    const check = r < 2 ? 0 : 11 - r;
    if (check !== Number(d[length])) return false;
  }
  return true;
}

const DNI_LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';

/** Spanish DNI (8 digits + letter) and NIE (X/Y/Z + 7 digits + letter). */
export function spanishIdValid(value: string): boolean {
  const compact = value.replace(/[\s-]/g, '').toUpperCase();
  const m = /^([XYZ]?)(\d{7,8})([A-Z])$/.exec(compact);
  if (!m) return false;
  const [, prefix, digits, letter] = m as unknown as [string, string, string, string];
  if (prefix === '' && digits.length !== 8) return false;
  if (prefix !== '' && digits.length !== 7) return false;
  const number = Number(`${prefix === '' ? '' : 'XYZ'.indexOf(prefix)}${digits}`);
  return DNI_LETTERS[number % 23] === letter;
}

const CF_ODD: Record<string, number> = {};
{
  const oddValues = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];
  for (let i = 0; i < 10; i++) CF_ODD[String(i)] = oddValues[i] as number;
  for (let i = 0; i < 26; i++) CF_ODD[String.fromCharCode(65 + i)] = oddValues[i] as number;
}

/** Italian codice fiscale: the 16th letter is a check character over the first 15. */
export function codiceFiscaleValid(value: string): boolean {
  const cf = value.toUpperCase();
  if (!/^[A-Z0-9]{15}[A-Z]$/.test(cf)) return false;
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const ch = cf.charAt(i);
    if (i % 2 === 0) sum += CF_ODD[ch] as number;
    else sum += ch >= '0' && ch <= '9' ? Number(ch) : ch.charCodeAt(0) - 65;
  }
  return String.fromCharCode(65 + (sum % 26)) === cf.charAt(15);
}

/** French NIR (numéro de sécurité sociale): key = 97 - (13 digits mod 97); Corsica 2A/2B count as 19/18. */
export function nirValid(value: string): boolean {
  const compact = value.replace(/\s/g, '').toUpperCase();
  if (!/^[12]\d{4}(?:\d{2}|2A|2B)\d{6}\d{2}$/.test(compact)) return false;
  const body = compact.slice(0, 13).replace('2A', '19').replace('2B', '18');
  const key = Number(compact.slice(13));
  return 97 - (Number(BigInt(body) % 97n) as number) === key;
}

/** Dutch BSN: the "elfproef" (weights 9..2 and -1, sum divisible by 11). */
export function bsnValid(value: string): boolean {
  const d = digitsOf(value);
  if (d.length !== 9) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(d[i]) * (9 - i);
  sum -= Number(d[8]);
  return sum % 11 === 0 && sum !== 0;
}

/** US SSN structural rules: area not 000/666/9xx, group not 00, serial not 0000. */
export function ssnValid(value: string): boolean {
  const d = digitsOf(value);
  if (d.length !== 9) return false;
  const area = d.slice(0, 3);
  if (area === '000' || area === '666' || area.startsWith('9')) return false;
  if (d.slice(3, 5) === '00' || d.slice(5) === '0000') return false;
  return !/^(\d)\1{8}$/.test(d) && d !== '123456789';
}

const INVALID_NINO_PREFIXES = new Set(['BG', 'GB', 'NK', 'KN', 'TN', 'NT', 'ZZ']);

/** UK National Insurance number prefix rules. */
export function ninoValid(value: string): boolean {
  const compact = value.replace(/\s/g, '').toUpperCase();
  return (
    /^[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\d{6}[A-D]$/.test(compact) && !INVALID_NINO_PREFIXES.has(compact.slice(0, 2))
  );
}

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/** Bitcoin base58check: the last 4 bytes are the first 4 of SHA-256(SHA-256(payload)). */
export function base58checkValid(value: string): boolean {
  let n = 0n;
  for (const ch of value) {
    const i = BASE58.indexOf(ch);
    if (i < 0) return false;
    n = n * 58n + BigInt(i);
  }
  let hex = n.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  let leading = 0;
  while (value[leading] === '1') leading++;
  const bytes = Buffer.concat([Buffer.alloc(leading), Buffer.from(hex, 'hex')]);
  if (bytes.length < 5) return false;
  const payload = bytes.subarray(0, bytes.length - 4);
  const check = bytes.subarray(bytes.length - 4);
  const digest = createHash('sha256').update(createHash('sha256').update(payload).digest()).digest();
  return digest.subarray(0, 4).equals(check);
}

const BECH32_CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';

function bech32Polymod(values: number[]): number {
  const generators = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
  let chk = 1;
  for (const v of values) {
    const top = chk >>> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ v;
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk ^= generators[i] as number;
  }
  return chk >>> 0;
}

/** Bech32 (BIP 173) or bech32m (BIP 350) checksum of a segwit address. */
export function bech32Valid(value: string): boolean {
  if (value !== value.toLowerCase() && value !== value.toUpperCase()) return false;
  const lower = value.toLowerCase();
  const sep = lower.lastIndexOf('1');
  if (sep < 1 || sep + 7 > lower.length) return false;
  const hrp = lower.slice(0, sep);
  const data: number[] = [];
  for (const ch of lower.slice(sep + 1)) {
    const i = BECH32_CHARSET.indexOf(ch);
    if (i < 0) return false;
    data.push(i);
  }
  const expanded: number[] = [];
  for (const ch of hrp) expanded.push(ch.charCodeAt(0) >> 5);
  expanded.push(0);
  for (const ch of hrp) expanded.push(ch.charCodeAt(0) & 31);
  const polymod = bech32Polymod([...expanded, ...data]);
  return polymod === 1 || polymod === 0x2bc830a3;
}

/** Shannon entropy in bits per character. */
export function shannonEntropy(value: string): number {
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let entropy = 0;
  for (const count of counts.values()) {
    const p = count / value.length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}
