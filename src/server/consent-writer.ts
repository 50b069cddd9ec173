// Group commit for consent changes: changes that arrive together are recorded in one store transaction, each with
// its own consent event and audit entry (each in its own savepoint, so one refused change does not undo the others),
// and every caller is answered only after that one commit, so an acknowledged change is as durable as before, for
// one disk flush per group instead of one per change.

import type { ConsentEvent, ConsentEventInput } from '../domain/index.js';
import type { Store } from '../store/store.js';

/** Records one change on the store it is given (the group's transaction). */
export type RecordOn = (
  tx: Store,
  input: ConsentEventInput,
  actor: string,
) => Promise<{ readonly event: ConsentEvent; readonly created: boolean }>;

export interface ConsentWriterOptions {
  readonly store: Store;
  readonly recordOn: RecordOn;
  /** Most changes per transaction (default 256). */
  readonly maxBatch?: number;
  /**
   * Called after a group committed, before any caller is answered, with change tokens read inside the transaction
   * after it began and after its last write (only for stores without concurrent writers), and the new events.
   */
  readonly onCommitted?: (
    tokens: { before: string; after: string } | undefined,
    events: readonly ConsentEvent[],
  ) => void;
}

interface Pending {
  readonly input: ConsentEventInput;
  readonly actor: string;
  resolve(result: { readonly event: ConsentEvent; readonly created: boolean }): void;
  reject(error: unknown): void;
}

type Outcome = { ok: true; event: ConsentEvent; created: boolean } | { ok: false; error: unknown };

/**
 * Creates the writer. Changes queue while a group is being written; the queue is flushed after the current turn
 * of the event loop (so requests that arrived together share a transaction) or as soon as the running group ends.
 */
export function createConsentWriter(options: ConsentWriterOptions) {
  const { store, recordOn } = options;
  const maxBatch = options.maxBatch ?? 256;
  const trackTokens = !store.capabilities.concurrentWriters;
  let queue: Pending[] = [];
  let running: Promise<void> | undefined;
  let scheduled = false;

  function schedule(): void {
    if (scheduled || running) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      void flush();
    });
  }

  async function writeGroup(group: Pending[]): Promise<void> {
    const outcomes: Outcome[] = [];
    let tokens: { before: string; after: string } | undefined;
    try {
      await store.transaction(async (tx) => {
        outcomes.length = 0;
        const before = trackTokens ? await tx.changeToken() : '';
        for (const item of group) {
          try {
            const { event, created } = await recordOn(tx, item.input, item.actor);
            outcomes.push({ ok: true, event, created });
          } catch (error) {
            outcomes.push({ ok: false, error });
          }
        }
        if (trackTokens) tokens = { before, after: await tx.changeToken() };
      });
    } catch (error) {
      // The group could not commit (a lock timeout, a lost connection): nothing of it is stored. Each change gets
      // its own transaction, as if it had arrived alone, so one cause fails only the changes it concerns.
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
    group.forEach((item, i) => {
      const outcome = outcomes[i];
      if (outcome?.ok) item.resolve({ event: outcome.event, created: outcome.created });
      else item.reject(outcome ? outcome.error : new Error('consent writer: no outcome for a change'));
    });
  }

  async function flush(): Promise<void> {
    while (queue.length > 0) {
      const group = queue.slice(0, maxBatch);
      queue = queue.slice(group.length);
      running = writeGroup(group);
      try {
        await running;
      } finally {
        running = undefined;
      }
    }
  }

  return {
    /** Records a change; resolves after the transaction holding it committed. */
    record(
      input: ConsentEventInput,
      actor: string,
    ): Promise<{ readonly event: ConsentEvent; readonly created: boolean }> {
      return new Promise((resolve, reject) => {
        queue.push({ input, actor, resolve, reject });
        schedule();
      });
    },
    /** Waits until every queued change is written. */
    async drain(): Promise<void> {
      while (running || queue.length > 0 || scheduled) {
        if (running) await running;
        else await new Promise((done) => setImmediate(done));
      }
    },
  };
}

export type ConsentWriter = ReturnType<typeof createConsentWriter>;
