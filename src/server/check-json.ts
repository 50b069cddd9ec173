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

const fragments = new Map<string, string>();

/** `,"allowed":…,"reason":…,"status":…,"source":…}` for one shape, cached (a few dozen shapes exist). */
function tail(result: CheckResult): string {
  const key = `${result.allowed}\u0000${result.reason}\u0000${result.status}\u0000${result.source}`;
  let text = fragments.get(key);
  if (text === undefined) {
    text = `,"allowed":${result.allowed},"reason":${JSON.stringify(result.reason)},"status":${JSON.stringify(
      result.status,
    )},"source":${JSON.stringify(result.source)}}`;
    if (fragments.size < 4096) fragments.set(key, text);
  }
  return text;
}

/** The same JSON a schema serializer would produce for `answer`, field for field and in the same order. */
export function renderCheckJson(answer: CheckAnswer): string {
  const parts: string[] = new Array(answer.results.length * 2 + 2);
  parts[0] = `{"purpose":${JSON.stringify(answer.purpose)},"as_of":${JSON.stringify(answer.as_of)},"policy_version":${JSON.stringify(
    answer.policy_version,
  )},"results":[`;
  let at = 1;
  answer.results.forEach((result, i) => {
    parts[at++] = `${i === 0 ? '' : ','}{"member_id":${JSON.stringify(result.member_id)}`;
    parts[at++] = tail(result);
  });
  parts[at] = ']}';
  return parts.join('');
}
