// An in-process copy of the member directory's decision facts and the consent ledger, so single and batch checks
// answer without a query. It is used only while the store's change token equals the token read before it was
// loaded: any commit, by this process or another (the CLI, a second server), makes it stale, and a stale snapshot
// is never read. This server's own consent writes move it forward in place when the store can prove nobody else
// wrote in between (one writer at a time); anything else reloads it in the background while requests go to the store.

import type { ConsentEvent, Member } from '../domain/index.js';
import { MEMBER_FLAGS, type PackedMember, packMember } from '../policy/index.js';
import type { Store } from '../store/store.js';
import { BatchCheckIndex } from './check-index.js';

/** A member as batch checks need it: the directory entry, its packed decision facts, and its consent events. */
export interface SnapshotMember extends PackedMember {
  readonly member: Member;
  /** Every purpose, in seq order. */
  readonly events: readonly ConsentEvent[];
  /** The member's place in the directory (for `batchIndex`). */
  readonly position: number;
}

interface MutableEntry extends SnapshotMember {
  events: ConsentEvent[];
}

/** What a current snapshot answers from. */
export interface SnapshotView {
  /** The store's change token the snapshot is valid for. */
  readonly token: string;
  member(memberId: string): SnapshotMember | undefined;
  /** The member at a position of `batchIndex`. */
  memberAt(position: number): SnapshotMember;
  /**
   * The directory indexed by id bytes, with the results batch checks keep per member; undefined until built (the
   * first call starts building it in the background).
   */
  batchIndex(): BatchCheckIndex | undefined;
  /** The member's events for every purpose, in seq order (empty when none). */
  events(memberId: string): readonly ConsentEvent[];
}

export interface ConsentSnapshotOptions {
  readonly store: Store;
  /** No snapshot for directories larger than this (default 1,000,000 members, about 0.5 GB). */
  readonly maxMembers?: number;
  /** No snapshot for ledgers longer than this (default 5,000,000 events). */
  readonly maxEvents?: number;
  /** Rows per read while loading. */
  readonly batchSize?: number;
  /** Called when a background load fails (the server keeps answering from the store). */
  readonly onError?: (error: unknown) => void;
}

const NO_EVENTS: readonly ConsentEvent[] = Object.freeze([]);
/** The shared empty list of members without events (never pushed to). */
const NO_EVENTS_MUTABLE = NO_EVENTS as ConsentEvent[];
/** A member missing from the directory packs as unknown (fails closed). */
export const UNKNOWN_MEMBER: PackedMember = Object.freeze({ country: 0, birth: 0, flags: MEMBER_FLAGS.unknown });

class LoadedSnapshot implements SnapshotView {
  private index: BatchCheckIndex | undefined;
  private building = false;
  /** Set once this snapshot is replaced or dropped: an index still being built for it stops. */
  private retired = false;
  constructor(
    public token: string,
    private readonly members: Map<string, MutableEntry>,
    /** The same entries by position. */
    private readonly entries: readonly MutableEntry[],
    /** Events of ids the directory does not hold (none, unless rows were removed by hand). */
    private readonly orphans: Map<string, ConsentEvent[]>,
  ) {}

  member(memberId: string): SnapshotMember | undefined {
    return this.members.get(memberId);
  }

  memberAt(position: number): SnapshotMember {
    return this.entries[position] as MutableEntry;
  }

  batchIndex(): BatchCheckIndex | undefined {
    if (this.index === undefined && !this.building) {
      this.building = true;
      // Results kept before the index exists would have nothing to forget them: there are none, it starts empty.
      BatchCheckIndex.build(
        this.entries.map((entry) => entry.member.id),
        undefined,
        () => !this.retired,
      ).then(
        (index) => {
          this.index = index;
        },
        // Without an index, checks answer from the snapshot without kept results.
        () => undefined,
      );
    }
    return this.index;
  }

  /** This snapshot is no longer the current one (see `ConsentSnapshot.loaded`). */
  retire(): void {
    this.retired = true;
  }

  events(memberId: string): readonly ConsentEvent[] {
    return this.members.get(memberId)?.events ?? this.orphans.get(memberId) ?? NO_EVENTS;
  }

  append(events: readonly ConsentEvent[]): void {
    for (const event of events) {
      const entry = this.members.get(event.memberId);
      if (entry) {
        // A fresh array: a request holding the old one keeps the state it started with.
        entry.events = entry.events === NO_EVENTS_MUTABLE ? [event] : [...entry.events, event];
        this.index?.forget(entry.position);
        continue;
      }
      const list = this.orphans.get(event.memberId);
      if (list) list.push(event);
      else this.orphans.set(event.memberId, [event]);
    }
  }
}

/**
 * The snapshot and its loader. `current()` costs one change-token read; it never waits for a load.
 *
 * @example const view = await snapshot.current(); const facts = view?.member('m1') // undefined view: ask the store
 */
export class ConsentSnapshot {
  private inUse: LoadedSnapshot | undefined;
  private loading: Promise<void> | undefined;
  /** No new load before this time (ms): a store that changes all the time is not reloaded all the time. */
  private nextLoadAt = 0;
  /** Loads in a row that were stale before they finished (the store changes faster than it loads). */
  private staleLoads = 0;
  /** This server's consent writes committed or committing but not yet applied (see `applyOwnWrite`). */
  private ownWrites = 0;
  private closed = false;
  private readonly maxMembers: number;
  private readonly maxEvents: number;

  /** The snapshot in use; replacing or dropping it retires the old one. */
  private get loaded(): LoadedSnapshot | undefined {
    return this.inUse;
  }

  private set loaded(next: LoadedSnapshot | undefined) {
    if (this.inUse !== next) this.inUse?.retire();
    this.inUse = next;
  }

  constructor(private readonly options: ConsentSnapshotOptions) {
    this.maxMembers = options.maxMembers ?? 1_000_000;
    this.maxEvents = options.maxEvents ?? 5_000_000;
  }

  /**
   * The snapshot when it is current for the store's latest commit; otherwise undefined, and a reload is started
   * unless `reload` is false (a write path: a stream of changes should not keep reloading a snapshot nobody reads).
   */
  async current(options: { readonly reload?: boolean } = {}): Promise<SnapshotView | undefined> {
    const reload = options.reload ?? true;
    const loaded = this.loaded;
    if (loaded === undefined) {
      if (reload) this.refresh();
      return undefined;
    }
    const token = await this.options.store.changeToken();
    if (loaded.token === token && this.loaded === loaded) return loaded;
    // Our own write in flight explains the change until it is applied: answer from the store meanwhile.
    if (this.ownWrites > 0) return undefined;
    // Tokens never repeat: a stale snapshot stays stale, so drop it and stop asking until a reload lands.
    if (this.loaded === loaded && loaded.token !== token) this.loaded = undefined;
    if (reload) this.refresh();
    return undefined;
  }

  /**
   * The snapshot when it holds `event`, an event this server recorded and applied with `applyOwnWrite`: it then is
   * the store as of that event's commit (or of a later one of this server's), whether or not another process has
   * committed since. Answers about the change itself may come from it; anything else asks `current()`.
   */
  holding(event: ConsentEvent): SnapshotView | undefined {
    const loaded = this.loaded;
    return loaded?.events(event.memberId).includes(event) ? loaded : undefined;
  }

  /**
   * Records this server's own committed consent events. `before` and `after` are change tokens read inside the
   * writing transaction, after it took the only write lock and after its last write: when the snapshot was current
   * at `before`, it is current at `after` once the events are added. Only valid for stores without concurrent
   * writers; otherwise the snapshot simply goes stale and reloads.
   */
  applyOwnWrite(before: string, after: string, events: readonly ConsentEvent[]): void {
    const loaded = this.loaded;
    if (!loaded || loaded.token !== before || this.options.store.capabilities.concurrentWriters) return;
    loaded.append(events);
    loaded.token = after;
  }

  /** A consent write by this server begins; until `ownWriteSettled`, a changed token does not drop the snapshot. */
  ownWriteStarted(): void {
    this.ownWrites += 1;
  }

  ownWriteSettled(): void {
    this.ownWrites = Math.max(0, this.ownWrites - 1);
  }

  /** Starts a background load unless one is running or one finished too recently. */
  refresh(): void {
    if (this.loading || this.closed || Date.now() < this.nextLoadAt) return;
    const started = Date.now();
    this.loading = this.load()
      .catch((error: unknown) => {
        this.loaded = undefined;
        this.options.onError?.(error);
      })
      .finally(() => {
        const took = Date.now() - started;
        // At most a fifth of the time spent reloading, at most four loads a second, and exponentially fewer while
        // every load is outdated before it lands (up to one a minute).
        const pause = Math.max(250, 4 * took) * 2 ** Math.min(this.staleLoads, 8);
        this.nextLoadAt = Date.now() + Math.min(60_000, pause);
        this.loading = undefined;
      });
  }

  /** Loads now (or waits for the running load); resolves whether or not a snapshot could be made. */
  async ready(): Promise<void> {
    this.nextLoadAt = 0;
    this.refresh();
    await this.loading;
  }

  /** Stops loading; waits for a running load so the store can close under it safely. */
  async close(): Promise<void> {
    this.closed = true;
    await this.loading;
    this.loaded = undefined;
  }

  private async load(): Promise<void> {
    const { store } = this.options;
    const batchSize = this.options.batchSize ?? 5_000;
    // Read the token first: whatever the reads below return is at least as new as it.
    const token = await store.changeToken();
    if ((await store.countMembers()) > this.maxMembers) {
      this.loaded = undefined;
      return;
    }
    const members = new Map<string, MutableEntry>();
    const entries: MutableEntry[] = [];
    for await (const batch of store.scanMembers({ batchSize })) {
      if (this.closed) return;
      for (const member of batch) {
        if (members.has(member.id)) continue;
        const { country, birth, flags } = packMember(member);
        const entry = { member, country, birth, flags, events: NO_EVENTS_MUTABLE, position: entries.length };
        members.set(member.id, entry);
        entries.push(entry);
      }
    }
    const orphans = new Map<string, ConsentEvent[]>();
    let count = 0;
    for await (const batch of store.scanConsentEvents({ batchSize })) {
      if (this.closed) return;
      count += batch.length;
      if (count > this.maxEvents) {
        this.loaded = undefined;
        return;
      }
      for (const event of batch) {
        const entry = members.get(event.memberId);
        if (entry) {
          if (entry.events === NO_EVENTS_MUTABLE) entry.events = [event];
          else entry.events.push(event);
          continue;
        }
        const list = orphans.get(event.memberId);
        if (list) list.push(event);
        else orphans.set(event.memberId, [event]);
      }
    }
    if ((await store.changeToken()) !== token) {
      this.staleLoads += 1;
      return;
    }
    this.staleLoads = 0;
    this.loaded = new LoadedSnapshot(token, members, entries, orphans);
  }
}
