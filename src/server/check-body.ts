// The batch check's body read straight from its bytes. A check names up to 10,000 member ids; parsing them into
// strings, validating each against the schema and hashing them again for a lookup costs more than the check. For the
// plain shape clients send (`{"purpose": …, "as_of": …, "member_ids": ["…", …]}`, any whitespace) this reader keeps
// the ids as byte ranges, enforcing exactly what the route's schema enforces. Anything else (escapes, other keys,
// duplicate keys, a value out of range) is left to the generic JSON parser and schema, so errors read as before.

/** Requested member ids as ranges of the request body (ASCII, [A-Za-z0-9._:@-], 1 to 128 bytes each). */
export interface RequestedIds {
  readonly bytes: Buffer;
  readonly starts: readonly number[];
  readonly ends: readonly number[];
}

/** A check body the reader accepted; the route's schema holds for it. */
export class ScannedCheckBody {
  constructor(
    readonly purpose: string,
    readonly as_of: string | undefined,
    readonly member_ids: RequestedIds,
  ) {}
}

/** Requested ids as strings. */
export function idStrings(ids: RequestedIds): string[] {
  return ids.starts.map((start, k) => ids.bytes.toString('latin1', start, ids.ends[k]));
}

/** The same limits as the route's JSON schema. */
const MAX_IDS = 10_000;
const MAX_ID_LENGTH = 128;
const MAX_PURPOSE_LENGTH = 100;
const MAX_AS_OF_LENGTH = 40;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
/** 1 for the bytes of a member id (the schema's pattern ^[A-Za-z0-9._:@-]+$). */
const ID_BYTE = new Uint8Array(256);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._:@-') ID_BYTE[c.charCodeAt(0)] = 1;

const KEYS = ['purpose', 'as_of', 'member_ids'].map((key) => Buffer.from(`"${key}"`, 'latin1'));

/** FNV-1a over a byte range: how the member index and the reader agree on where an id lives. */
export function hashIdBytes(bytes: Uint8Array, start: number, end: number): number {
  let hash = 0x811c9dc5 | 0;
  for (let k = start; k < end; k++) hash = Math.imul(hash ^ (bytes[k] as number), 0x01000193);
  return hash;
}

function skipSpace(bytes: Uint8Array, at: number): number {
  let i = at;
  for (;;) {
    const c = bytes[i];
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return i;
    i++;
  }
}

/** Which key starts at `at` (index into KEYS), or -1. */
function keyAt(bytes: Uint8Array, at: number): number {
  outer: for (let k = 0; k < KEYS.length; k++) {
    const key = KEYS[k] as Buffer;
    if (at + key.length > bytes.length) continue;
    for (let j = 0; j < key.length; j++) if (bytes[at + j] !== key[j]) continue outer;
    return k;
  }
  return -1;
}

/** End (after the closing quote) of a string of printable ASCII without escapes of `min` to `max` bytes, or -1. */
function plainStringEnd(bytes: Uint8Array, at: number, min: number, max: number): number {
  if (bytes[at] !== QUOTE) return -1;
  let i = at + 1;
  for (;;) {
    const c = bytes[i];
    if (c === undefined || c < 0x20 || c > 0x7e || c === BACKSLASH) return -1;
    if (c === QUOTE) break;
    i++;
  }
  const length = i - at - 1;
  return length >= min && length <= max ? i + 1 : -1;
}

/**
 * Reads a check body, or returns undefined when it is not of the plain shape (the generic parser then decides).
 *
 * @example scanCheckBody(Buffer.from('{"purpose":"p","member_ids":["m1"]}'))?.member_ids.starts // [30]
 */
export function scanCheckBody(bytes: Buffer): ScannedCheckBody | undefined {
  let purpose: string | undefined;
  let asOf: string | undefined;
  let seenAsOf = false;
  let ids: RequestedIds | undefined;
  let i = skipSpace(bytes, 0);
  if (bytes[i] !== 0x7b) return undefined;
  i = skipSpace(bytes, i + 1);
  for (;;) {
    const key = keyAt(bytes, i);
    if (key < 0) return undefined;
    i = skipSpace(bytes, i + (KEYS[key] as Buffer).length);
    if (bytes[i] !== 0x3a) return undefined;
    i = skipSpace(bytes, i + 1);
    if (key === 0 || key === 1) {
      if (key === 0 ? purpose !== undefined : seenAsOf) return undefined;
      const end = plainStringEnd(bytes, i, key === 0 ? 1 : 0, key === 0 ? MAX_PURPOSE_LENGTH : MAX_AS_OF_LENGTH);
      if (end < 0) return undefined;
      const value = bytes.toString('latin1', i + 1, end - 1);
      if (key === 0) purpose = value;
      else {
        asOf = value;
        seenAsOf = true;
      }
      i = end;
    } else {
      if (ids !== undefined || bytes[i] !== 0x5b) return undefined;
      const starts: number[] = [];
      const ends: number[] = [];
      i = skipSpace(bytes, i + 1);
      for (;;) {
        if (bytes[i] !== QUOTE) return undefined;
        const start = i + 1;
        let end = start;
        while (ID_BYTE[bytes[end] as number] === 1) end++;
        if (bytes[end] !== QUOTE || end === start || end - start > MAX_ID_LENGTH) return undefined;
        if (starts.length === MAX_IDS) return undefined;
        starts.push(start);
        ends.push(end);
        i = skipSpace(bytes, end + 1);
        if (bytes[i] === 0x2c) {
          i = skipSpace(bytes, i + 1);
          continue;
        }
        if (bytes[i] !== 0x5d) return undefined;
        i++;
        break;
      }
      ids = { bytes, starts, ends };
    }
    i = skipSpace(bytes, i);
    if (bytes[i] === 0x2c) {
      i = skipSpace(bytes, i + 1);
      continue;
    }
    if (bytes[i] !== 0x7d) return undefined;
    i = skipSpace(bytes, i + 1);
    break;
  }
  if (i !== bytes.length || purpose === undefined || ids === undefined) return undefined;
  return new ScannedCheckBody(purpose, asOf, ids);
}
