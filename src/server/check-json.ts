// The batch check's answer as JSON. A thousand results are a thousand small objects of a handful of shapes: the
// text after each member id is one of a few fragments, built once (as text and as bytes). A string answer is one
// join over flat strings; the byte answer copies each requested id from the request body and its fragment.

import type { RequestedIds } from './check-body.js';
import type { CheckResult } from './member-service.js';

export interface CheckAnswer {
  readonly purpose: string;
  readonly as_of: string;
  readonly policy_version: string | null;
  readonly results: readonly CheckResult[];
}

/** Fragment ids by reason (null for allowed), then status, then source: lookups by short, interned strings. */
const fragmentIds = new Map<string | null, Map<string, Map<string, number>>>();
/** `,"allowed":…,"reason":…,"status":…,"source":…}` by fragment id. */
const fragmentTexts: string[] = [];
/** `"` (closing the member id) and the fragment, as bytes, by fragment id. */
const fragmentBytes: Buffer[] = [];
const MAX_FRAGMENTS = 4096;

function renderTail(result: CheckResult): string {
  return `,"allowed":${result.allowed},"reason":${JSON.stringify(result.reason)},"status":${JSON.stringify(
    result.status,
  )},"source":${JSON.stringify(result.source)}}`;
}

/**
 * The id of `result`'s fragment (everything after its member id), or -1 for a shape that is not cached: only
 * consistent shapes (allowed exactly when there is no reason) are, at most a few thousand.
 */
export function fragmentOf(result: CheckResult): number {
  let byStatus = fragmentIds.get(result.reason);
  let bySource = byStatus?.get(result.status);
  const cached = bySource?.get(result.source);
  if ((result.reason === null) !== result.allowed) return -1;
  if (cached !== undefined) return cached;
  if (fragmentTexts.length >= MAX_FRAGMENTS) return -1;
  if (!byStatus) {
    byStatus = new Map();
    fragmentIds.set(result.reason, byStatus);
  }
  if (!bySource) {
    bySource = new Map();
    byStatus.set(result.status, bySource);
  }
  const text = renderTail(result);
  const id = fragmentTexts.length;
  fragmentTexts.push(text);
  fragmentBytes.push(Buffer.from(`"${text}`, 'utf8'));
  bySource.set(result.source, id);
  return id;
}

/** One result as JSON, `{"member_id":…,"allowed":…,"reason":…,"status":…,"source":…}`. */
function checkResultJson(result: CheckResult): string {
  const fragment = fragmentOf(result);
  return `{"member_id":${JSON.stringify(result.member_id)}${fragment < 0 ? renderTail(result) : fragmentTexts[fragment]}`;
}

function headJson(head: Omit<CheckAnswer, 'results'>): string {
  return `{"purpose":${JSON.stringify(head.purpose)},"as_of":${JSON.stringify(head.as_of)},"policy_version":${JSON.stringify(
    head.policy_version,
  )},"results":[`;
}

/** The same JSON a schema serializer would produce for `answer`, field for field and in the same order. */
export function renderCheckJson(answer: CheckAnswer): string {
  return `${headJson(answer)}${answer.results.map(checkResultJson).join(',')}]}`;
}

/** The same JSON as `renderCheckJson` for results given as member ids and fragment ids from `fragmentOf`. */
export function renderCheckFragments(
  head: Omit<CheckAnswer, 'results'>,
  memberIds: readonly string[],
  fragments: readonly number[],
): string {
  const parts = memberIds.map((id, k) => `{"member_id":${JSON.stringify(id)}${fragmentTexts[fragments[k] as number]}`);
  return `${headJson(head)}${parts.join(',')}]}`;
}

const MEMBER_ID_OPENING = Buffer.from('{"member_id":"', 'latin1');
/** The fragment's bytes followed by the opening of the next result, by fragment id. */
const fragmentAndNext: Buffer[] = [];

/**
 * The same JSON as `renderCheckJson`, as bytes, for the results of requested ids `asked` (ranges of `ids.bytes`,
 * which need no JSON escaping, as the check route's pattern guarantees) with fragment ids from `fragmentOf`.
 */
export function renderCheckBytes(
  head: Omit<CheckAnswer, 'results'>,
  ids: RequestedIds,
  asked: readonly number[],
  fragments: readonly number[],
): Buffer {
  const { bytes, starts, ends } = ids;
  const headText = headJson(head);
  const headBytes = Buffer.byteLength(headText);
  let size = headBytes + 2;
  for (let k = 0; k < asked.length; k++) {
    const id = asked[k] as number;
    size += MEMBER_ID_OPENING.length + (ends[id] as number) - (starts[id] as number);
    size += (fragmentBytes[fragments[k] as number] as Buffer).length + 1;
  }
  // Room for the last result's unused opening of a next one.
  const out = Buffer.allocUnsafe(size + MEMBER_ID_OPENING.length);
  let at = out.write(headText, 0, 'utf8');
  if (asked.length > 0) {
    out.set(MEMBER_ID_OPENING, at);
    at += MEMBER_ID_OPENING.length;
  }
  for (let k = 0; k < asked.length; k++) {
    const id = asked[k] as number;
    const end = ends[id] as number;
    for (let j = starts[id] as number; j < end; j++) out[at++] = bytes[j] as number;
    const fragment = fragmentIndexed(fragments[k] as number);
    out.set(fragment, at);
    at += fragment.length;
  }
  // The last result is followed by the end of the array instead of another opening.
  if (asked.length > 0) at -= MEMBER_ID_OPENING.length + 1;
  out[at++] = 0x5d;
  out[at++] = 0x7d;
  return out.subarray(0, at);
}

function fragmentIndexed(fragment: number): Buffer {
  let bytes = fragmentAndNext[fragment];
  if (bytes === undefined) {
    bytes = Buffer.concat([fragmentBytes[fragment] as Buffer, Buffer.from(','), MEMBER_ID_OPENING]);
    fragmentAndNext[fragment] = bytes;
  }
  return bytes;
}
