// The batch check's answer as JSON text. A thousand results are a thousand small objects of a handful of shapes:
// the text after each member id is one of a few fragments, built once, so rendering is one join over flat strings
// (a schema serializer concatenates field by field into a rope that must be flattened again to be sent).

import type { CheckResult } from './member-service.js';

export interface CheckAnswer {
  readonly purpose: string;
  readonly as_of: string;
  readonly policy_version: string | null;
  readonly results: readonly CheckResult[];
}

/** Fragments by reason (null for allowed), then status, then source: lookups by short, interned strings. */
const fragments = new Map<string | null, Map<string, Map<string, string>>>();
let fragmentCount = 0;

/** `,"allowed":…,"reason":…,"status":…,"source":…}` for one shape, cached (a few dozen shapes exist). */
function tail(result: CheckResult): string {
  let byStatus = fragments.get(result.reason);
  let bySource = byStatus?.get(result.status);
  const cached = bySource?.get(result.source);
  if (cached !== undefined && (result.reason === null) === result.allowed) return cached;
  const text = `,"allowed":${result.allowed},"reason":${JSON.stringify(result.reason)},"status":${JSON.stringify(
    result.status,
  )},"source":${JSON.stringify(result.source)}}`;
  // Only consistent shapes (allowed exactly when there is no reason) are cached; the rest are rendered each time.
  if ((result.reason === null) !== result.allowed || fragmentCount >= 4096) return text;
  if (!byStatus) {
    byStatus = new Map();
    fragments.set(result.reason, byStatus);
  }
  if (!bySource) {
    bySource = new Map();
    byStatus.set(result.status, bySource);
  }
  bySource.set(result.source, text);
  fragmentCount += 1;
  return text;
}

/** One result as JSON, `{"member_id":…,"allowed":…,"reason":…,"status":…,"source":…}`. */
export function checkResultJson(result: CheckResult): string {
  return `{"member_id":${JSON.stringify(result.member_id)}${tail(result)}`;
}

/** The answer around results already rendered by `checkResultJson`, in order. */
export function renderCheckAnswer(head: Omit<CheckAnswer, 'results'>, results: readonly string[]): string {
  return `{"purpose":${JSON.stringify(head.purpose)},"as_of":${JSON.stringify(head.as_of)},"policy_version":${JSON.stringify(
    head.policy_version,
  )},"results":[${results.join(',')}]}`;
}

/** The same JSON a schema serializer would produce for `answer`, field for field and in the same order. */
export function renderCheckJson(answer: CheckAnswer): string {
  return renderCheckAnswer(answer, answer.results.map(checkResultJson));
}
