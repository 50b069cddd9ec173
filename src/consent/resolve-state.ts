// The bitemporal rule that turns a member's consent events into a state: the pure core of `stateAsOf`, reused by
// build snapshots and batch checks that load events in bulk.

import { type ConsentEvent, type ConsentState, type ConsentStatus, purposeLineage } from '../domain/index.js';

/**
 * The state for `purpose` valid at `asOf` as known at `knownAt`. Considers events for the purpose or any ancestor
 * purpose with validFrom <= asOf and recordedAt <= knownAt, ignores events superseded by an event itself known at
 * knownAt, and picks the latest validFrom (ties: later recordedAt, then higher seq). With no such event the state
 * is `defaultStatus` with `source: 'default'`.
 *
 * @example resolveState(events, 'train_ai_system.generative', '2025-01-01T00:00:00Z', now, 'ConsentGiven')
 */
export function resolveState(
  events: readonly ConsentEvent[],
  purpose: string,
  asOf: string,
  knownAt: string,
  defaultStatus: ConsentStatus,
  memberId?: string,
): ConsentState {
  const lineage = new Set(purposeLineage(purpose));
  const asOfMs = Date.parse(asOf);
  const knownAtMs = Date.parse(knownAt);
  const subject = memberId ?? events[0]?.memberId ?? '';
  const known = events.filter(
    (e) =>
      lineage.has(e.purpose) &&
      (memberId === undefined || e.memberId === memberId) &&
      Date.parse(e.recordedAt) <= knownAtMs,
  );
  const superseded = new Set<string>();
  for (const e of known) if (e.supersedes !== null) superseded.add(e.supersedes);
  let best: ConsentEvent | null = null;
  let bestValid = Number.NEGATIVE_INFINITY;
  let bestRecorded = Number.NEGATIVE_INFINITY;
  for (const e of known) {
    if (superseded.has(e.id)) continue;
    const valid = Date.parse(e.validFrom);
    if (valid > asOfMs) continue;
    const recorded = Date.parse(e.recordedAt);
    const later =
      best === null ||
      valid > bestValid ||
      (valid === bestValid && (recorded > bestRecorded || (recorded === bestRecorded && e.seq > best.seq)));
    if (later) {
      best = e;
      bestValid = valid;
      bestRecorded = recorded;
    }
  }
  return best === null
    ? { memberId: subject, purpose, status: defaultStatus, source: 'default', event: null, asOf, knownAt }
    : { memberId: subject, purpose, status: best.status, source: 'explicit', event: best, asOf, knownAt };
}
