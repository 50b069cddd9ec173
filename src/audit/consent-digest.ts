// The digest that ties consent events to the audit chain: sha256 over each event's canonical JSON followed by a
// newline, in seq order. Streaming, so an import of millions of events never builds one string.

import { createHash, type Hash } from 'node:crypto';
import type { ConsentEvent } from '../domain/index.js';
import { canonicalJson } from './canonical-json.js';

/** What a consent append's audit entry says about the events it covers (payload key `consent`). */
export interface ConsentRange {
  readonly firstSeq: number;
  readonly lastSeq: number;
  readonly count: number;
  /** Hex sha256, see `ConsentDigest`. */
  readonly digest: string;
}

const q = JSON.stringify;

/**
 * `canonicalJson(event)` for a stored event, spelled out field by field (keys in sorted order) because imports hash
 * millions of them; a test holds it equal to the generic form. Falls back to the generic form for other shapes.
 */
export function canonicalConsentEvent(e: ConsentEvent): string {
  if (Object.keys(e).length !== 13) return canonicalJson(e);
  return `{"actor":${q(e.actor)},"id":${q(e.id)},"jurisdiction":${q(e.jurisdiction)},"memberId":${q(e.memberId)},"method":${q(e.method)},"noticeVersion":${q(e.noticeVersion)},"purpose":${q(e.purpose)},"recordedAt":${q(e.recordedAt)},"requestId":${q(e.requestId)},"seq":${q(e.seq)},"status":${q(e.status)},"supersedes":${q(e.supersedes)},"validFrom":${q(e.validFrom)}}`;
}

/** Incremental digest over events in seq order. */
export class ConsentDigest {
  private readonly hash: Hash = createHash('sha256');
  private first: number | null = null;
  private last: number | null = null;
  private n = 0;

  add(events: readonly ConsentEvent[]): this {
    if (events.length === 0) return this;
    let text = '';
    for (const event of events) text += `${canonicalConsentEvent(event)}\n`;
    this.hash.update(text);
    this.first ??= events[0]?.seq ?? null;
    this.last = events[events.length - 1]?.seq ?? this.last;
    this.n += events.length;
    return this;
  }

  /** The range covered so far, or undefined when no event was added. Call once. */
  finish(): ConsentRange | undefined {
    if (this.first === null || this.last === null) return undefined;
    return { firstSeq: this.first, lastSeq: this.last, count: this.n, digest: this.hash.digest('hex') };
  }
}
