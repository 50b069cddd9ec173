// Group commit for consent changes: changes that arrive together are recorded in one store transaction, each with
// its own consent event and audit entry (written for the whole group at once by `ConsentLedger.recordMany`, where a
// refused change does not undo the others), and every caller is answered only after that transaction is on disk, so an acknowledged change is as durable as
// before, for one disk flush per group instead of one per change. The flush runs in the background where the store
// allows (`transactionWithDeferredFlush`): the next group is written while the previous one is flushed, and groups
// are answered in commit order.

import type { ConsentChange, RecordOutcome } from '../consent/index.js';
import type { ConsentEvent, ConsentEventInput } from '../domain/index.js';
import type { Store } from '../store/store.js';

/**
 * Records a group of changes, in order, on the store it is given (the group's transaction): one outcome per change.
 * Rejects only when the store fails, with nothing of the group written.
 */
export type RecordGroupOn = (tx: Store, changes: readonly ConsentChange[]) => Promise<readonly RecordOutcome[]>;

export interface ConsentWriterOptions {
  readonly store: Store;
  readonly recordOn: RecordGroupOn;
  /** Most changes per transaction (default 256). */
  readonly maxBatch?: number;
  /**
   * Called as soon as a group's transaction committed (before it is durable, and before any of its callers is
   * answered), with change tokens read inside the transaction after it began and after its last write (only for
   * stores without concurrent writers, where groups commit one at a time, in order), and the new events.
   */
  readonly onCommitted?: (
    tokens: { before: string; after: string } | undefined,
    events: readonly ConsentEvent[],
  ) => void;
  /** Called before a group's transaction begins, and again (`settled`) once it was answered or failed. */
  readonly onGroup?: { started(): void; settled(): void };
}

interface Pending {
  readonly input: ConsentEventInput;
  readonly actor: string;
  resolve(result: { readonly event: ConsentEvent; readonly created: boolean }): void;
  reject(error: unknown): void;
}

/**
 * Creates the writer. Changes queue while a group is being written; the queue is flushed after the current turn
 * of the event loop (so requests that arrived together share a transaction) or as soon as the running group ends.
 */
export function createConsentWriter(options: ConsentWriterOptions) {
  const { store, recordOn } = options;
  const maxBatch = options.maxBatch ?? 256;
  const trackTokens = !store.capabilities.concurrentWriters;
  // Where several transactions can write at once (PostgreSQL), two groups run side by side (leaving pool connections
  // for reads): their reads overlap, and the store's ledger lock still orders their appends. With one writer, one
  // group at a time.
  const maxRunning = store.capabilities.concurrentWriters ? 2 : 1;
  let queue: Pending[] = [];
  let running = 0;
  /** Settles when no group is running any more (re-created for each busy period). */
  let idle: Promise<void> = Promise.resolve();
  let markIdle: () => void = () => {};
  let scheduled = false;
  /** Resolves when every group committed so far is durable (never rejects). */
  let lastDurable: Promise<void> = Promise.resolve();

  function schedule(): void {
    if (scheduled || running >= maxRunning) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      pump();
    });
  }

  /** Writes a group; resolves once it committed (its callers are answered when it is durable). */
  async function writeGroup(group: Pending[]): Promise<void> {
    let outcomes: readonly RecordOutcome[] = [];
    let tokens: { before: string; after: string } | undefined;
    let durable: Promise<void>;
    options.onGroup?.started();
    try {
      ({ durable } = await store.transactionWithDeferredFlush(async (tx) => {
        const before = trackTokens ? await tx.changeToken() : '';
        outcomes = await recordOn(tx, group);
        if (trackTokens) tokens = { before, after: await tx.changeToken() };
      }));
    } catch (error) {
      // The group could not commit (a lock timeout, a lost connection): nothing of it is stored. Each change gets
      // its own transaction, as if it had arrived alone, so one cause fails only the changes it concerns.
      options.onGroup?.settled();
      if (group.length > 1) {
        for (const item of group) await writeGroup([item]);
        return;
      }
      for (const item of group) item.reject(error);
      return;
    }
    const created: ConsentEvent[] = [];
    for (const outcome of outcomes) if (outcome.ok && outcome.created) created.push(outcome.event);
    options.onCommitted?.(tokens, created);
    // In commit order: a group is answered only after every earlier group is durable too.
    const inOrder = Promise.all([lastDurable, durable]).then(() => undefined);
    lastDurable = inOrder.catch(() => undefined);
    inOrder.then(
      () => {
        group.forEach((item, i) => {
          const outcome = outcomes[i];
          if (outcome?.ok) item.resolve({ event: outcome.event, created: outcome.created });
          else item.reject(outcome ? outcome.error : new Error('consent writer: no outcome for a change'));
        });
        options.onGroup?.settled();
      },
      // Committed, but not known to be on disk: nobody is told it succeeded. A retry with the same request id is
      // answered as the repeat it then is.
      (error: unknown) => {
        for (const item of group) item.reject(error);
        options.onGroup?.settled();
      },
    );
  }

  /** Starts groups from the queue while there is room; a finished group makes room for the next. */
  function pump(): void {
    while (running < maxRunning && queue.length > 0) {
      const group = queue.slice(0, maxBatch);
      queue = queue.slice(group.length);
      if (running === 0) idle = new Promise((done) => (markIdle = done));
      running += 1;
      void writeGroup(group).finally(() => {
        running -= 1;
        if (running === 0) markIdle();
        pump();
      });
    }
  }

  return {
    /** Records a change; resolves once the transaction holding it is durable. */
    record(
      input: ConsentEventInput,
      actor: string,
    ): Promise<{ readonly event: ConsentEvent; readonly created: boolean }> {
      return new Promise((resolve, reject) => {
        queue.push({ input, actor, resolve, reject });
        schedule();
      });
    },
    /** Waits until every queued change is written and durable. */
    async drain(): Promise<void> {
      while (running > 0 || queue.length > 0 || scheduled) {
        if (running > 0) await idle;
        else await new Promise((done) => setImmediate(done));
      }
      await lastDurable;
    },
  };
}

export type ConsentWriter = ReturnType<typeof createConsentWriter>;
