// What batch checks keep per snapshot: the member directory indexed by the bytes of each id (so a requested id is
// found without becoming a string), and per member the result last rendered for it, with the decision times it
// holds for. Flat typed arrays, so a check touches a few cache lines per member instead of a chain of objects.

import { hashIdBytes } from './check-body.js';

/** The decision times a kept result holds for, in ms (see member-service's `stableWindow`). */
export interface ResultWindow {
  readonly from: number;
  readonly until: number;
  readonly knownFrom: number;
}

/** Slots per kept result: fragment + 1 (0: none) and decision key id, from, until, knownFrom. */
const STRIDE = 5;
/** Distinct decision keys before every kept result is dropped (keys change with the day and the policy version). */
const MAX_KEYS = 4096;

export class BatchCheckIndex {
  private readonly idBytes: Buffer;
  /** idBytes offsets: member i's id is [idStart[i], idStart[i + 1]). */
  private readonly idStart: Int32Array;
  /** Open addressing: [hash, position + 1] pairs; 0 marks an empty slot. */
  private readonly slots: Int32Array;
  private readonly mask: number;
  private readonly kept: Float64Array;
  /** The request that last asked for each member (duplicates answer once). */
  private readonly asked: Uint32Array;
  private request = 0;
  private readonly keys = new Map<string, number>();

  /**
   * Indexes `ids` (`ids[i]` is the id of the member at position i), yielding to the event loop every `chunk` ids:
   * a million ids take about half a second of CPU, which requests should not wait behind. Gives up (undefined) at
   * the first pause where `wanted()` says the index is no longer needed (its snapshot went stale meanwhile).
   */
  static async build(
    ids: readonly string[],
    chunk = 20_000,
    wanted: () => boolean = () => true,
  ): Promise<BatchCheckIndex | undefined> {
    const pause = async () => {
      await new Promise<void>((resume) => setImmediate(resume));
      return wanted();
    };
    const n = ids.length;
    let total = 0;
    for (let i = 0; i < n; i++) {
      total += Buffer.byteLength(ids[i] as string);
      if (i % chunk === chunk - 1 && !(await pause())) return undefined;
    }
    const index = new BatchCheckIndex(n, Buffer.allocUnsafe(total));
    let at = 0;
    for (let i = 0; i < n; i++) {
      index.idStart[i] = at;
      at += index.idBytes.write(ids[i] as string, at, 'utf8');
      if (i % chunk === chunk - 1 && !(await pause())) return undefined;
    }
    index.idStart[n] = at;
    for (let i = 0; i < n; i++) {
      index.insert(i);
      if (i % chunk === chunk - 1 && !(await pause())) return undefined;
    }
    return index;
  }

  private constructor(n: number, idBytes: Buffer) {
    this.idBytes = idBytes;
    this.idStart = new Int32Array(n + 1);
    let capacity = 16;
    while (capacity < n * 2) capacity *= 2;
    this.mask = capacity - 1;
    this.slots = new Int32Array(capacity * 2);
    this.kept = new Float64Array(n * STRIDE);
    this.asked = new Uint32Array(n);
  }

  private insert(position: number): void {
    const start = this.idStart[position] as number;
    const end = this.idStart[position + 1] as number;
    const hash = hashIdBytes(this.idBytes, start, end);
    let slot = hash & this.mask;
    while (this.slots[slot * 2 + 1] !== 0) {
      // A repeated id keeps its first position, as the directory's map does.
      if (this.sameId(this.slots[slot * 2 + 1] as number, this.idBytes, start, end)) return;
      slot = (slot + 1) & this.mask;
    }
    this.slots[slot * 2] = hash;
    this.slots[slot * 2 + 1] = position + 1;
  }

  private sameId(positionPlusOne: number, bytes: Uint8Array, start: number, end: number): boolean {
    const from = this.idStart[positionPlusOne - 1] as number;
    const to = this.idStart[positionPlusOne] as number;
    if (to - from !== end - start) return false;
    for (let k = 0; k < to - from; k++) if (this.idBytes[from + k] !== bytes[start + k]) return false;
    return true;
  }

  /** The position of the member whose id is `bytes[start, end)`, or -1. */
  find(bytes: Uint8Array, start: number, end: number): number {
    const hash = hashIdBytes(bytes, start, end);
    let slot = hash & this.mask;
    for (;;) {
      const positionPlusOne = this.slots[slot * 2 + 1] as number;
      if (positionPlusOne === 0) return -1;
      if (this.slots[slot * 2] === hash && this.sameId(positionPlusOne, bytes, start, end)) return positionPlusOne - 1;
      slot = (slot + 1) & this.mask;
    }
  }

  /** Starts a request; returns its number for `firstAsk`. */
  beginRequest(): number {
    this.request = (this.request + 1) >>> 0;
    if (this.request === 0) {
      this.asked.fill(0);
      this.request = 1;
    }
    return this.request;
  }

  /** True the first time request `request` asks for the member at `position`. */
  firstAsk(position: number, request: number): boolean {
    if (this.asked[position] === request) return false;
    this.asked[position] = request;
    return true;
  }

  /** A small number for a decision key (the same key, the same number, until too many keys drop everything). */
  keyId(key: string): number {
    let id = this.keys.get(key);
    if (id === undefined) {
      if (this.keys.size >= MAX_KEYS) {
        this.keys.clear();
        this.kept.fill(0);
      }
      id = this.keys.size;
      this.keys.set(key, id);
    }
    return id;
  }

  /** The fragment kept for the member at `position` when it holds for `keyId` at these times, else -1. */
  keptFragment(position: number, keyId: number, asOfMs: number, knownAtMs: number): number {
    const at = position * STRIDE;
    const fragment = (this.kept[at] as number) - 1;
    if (fragment < 0 || this.kept[at + 1] !== keyId) return -1;
    const from = this.kept[at + 2] as number;
    const until = this.kept[at + 3] as number;
    const knownFrom = this.kept[at + 4] as number;
    return from <= asOfMs && asOfMs < until && knownFrom <= knownAtMs ? fragment : -1;
  }

  keep(position: number, keyId: number, window: ResultWindow, fragment: number): void {
    const at = position * STRIDE;
    this.kept[at] = fragment + 1;
    this.kept[at + 1] = keyId;
    this.kept[at + 2] = window.from;
    this.kept[at + 3] = window.until;
    this.kept[at + 4] = window.knownFrom;
  }

  /** Drops what is kept for the member at `position` (their events changed). */
  forget(position: number): void {
    this.kept[position * STRIDE] = 0;
  }
}
