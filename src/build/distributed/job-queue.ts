// The job queue of distributed builds: pg-boss in the Assent database, in a schema of its own beside Assent's tables
// (`<schema>_jobs`; `assent_jobs` beside `public`). The coordinator sends jobs and polls for their outcome; `assent
// worker` processes take them one at a time. A job whose worker dies stays active until its expiry, then pg-boss
// puts it back for another worker (up to `retryLimit` times).

import pg from 'pg';
import PgBoss from 'pg-boss';

/** The one queue every build's jobs go to (job data names the build). */
export const BUILD_QUEUE = 'assent-build';
const POLL_MS = 500;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A job taken by a worker. */
export interface TakenJob {
  readonly id: string;
  readonly data: unknown;
  /** 0 on the first attempt. */
  readonly retryCount: number;
}

export interface JobSendOptions {
  /** An attempt still active after this long is given up and the job retried elsewhere. */
  readonly expireInSeconds: number;
  readonly retryLimit: number;
}

export interface JobQueue {
  /** The pg-boss schema (for messages). */
  readonly schema: string;
  send(data: object, options: JobSendOptions): Promise<string>;
  /** The job's output once it completed; rejects with its error once it failed for good or was cancelled. */
  outcome(id: string): Promise<unknown>;
  /** Cancels the jobs not finished yet whose data has this `dir` (a build's earlier run, or one that failed). */
  cancelUnfinished(dir: string): Promise<void>;
  /** Takes the next job, or null when none is waiting. */
  take(): Promise<TakenJob | null>;
  complete(id: string, output: object): Promise<void>;
  fail(id: string, message: string): Promise<void>;
  close(): Promise<void>;
}

/** The pg-boss schema for the Assent schema this client's session uses (its `current_schema()`). */
async function jobsSchemaOf(client: pg.Client): Promise<string> {
  const result = await client.query<{ schema: string | null }>('select current_schema() as schema');
  const schema = result.rows[0]?.schema;
  if (!schema || !IDENTIFIER.test(schema)) {
    throw new Error('the database URL selects no existing schema: open the store once (any assent command) first');
  }
  return schema === 'public' ? 'assent_jobs' : `${schema.slice(0, 58)}_jobs`;
}

/**
 * Opens (and on first use installs) the queue. `maintenanceSeconds` is how often this process checks for expired
 * attempts; the coordinator sets it from the job timeout, so a dead worker's job is retried soon after it expires.
 */
export async function openJobQueue(
  url: string,
  options: { readonly maintenanceSeconds?: number } = {},
): Promise<JobQueue> {
  let lastError: Error | undefined;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let schema: string;
  let boss: PgBoss;
  try {
    schema = await jobsSchemaOf(client);
    // Processes starting together on a new database would install pg-boss and create the queue at the same time
    // (creating the queue's partition deadlocked against another process doing the same): one at a time.
    await client.query('select pg_advisory_lock(hashtext($1))', [`assent.jobs.${schema}`]);
    boss = new PgBoss({
      connectionString: url,
      schema,
      max: 4,
      maintenanceIntervalSeconds: options.maintenanceSeconds ?? 60,
      // Neither cron schedules nor queue state counts are used.
      schedule: false,
      monitorStateIntervalSeconds: 3600,
    });
    boss.on('error', (error) => {
      lastError = error;
    });
    try {
      await boss.start();
      if (!(await boss.getQueue(BUILD_QUEUE))) await boss.createQueue(BUILD_QUEUE);
    } catch (error) {
      // pg-boss's timers and pool would keep the process alive after the failure.
      await boss.stop({ graceful: false, wait: true }).catch(() => undefined);
      throw error;
    }
  } finally {
    await client.end(); // ends the session, and with it the lock
  }
  const db = boss.getDb();

  const waiting = new Map<string, { resolve(output: unknown): void; reject(error: Error): void }>();
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  const poll = async () => {
    timer = undefined;
    if (closed || waiting.size === 0) return;
    try {
      const { rows } = await db.executeSql(
        `select id, state, output from ${schema}.job where name = $1 and id = any($2::uuid[])
           and state in ('completed', 'failed', 'cancelled')`,
        [BUILD_QUEUE, [...waiting.keys()]],
      );
      for (const row of rows as { id: string; state: string; output: unknown }[]) {
        const entry = waiting.get(row.id);
        if (!entry) continue;
        waiting.delete(row.id);
        if (row.state === 'completed') entry.resolve(row.output);
        else entry.reject(new Error(`job ${row.state}: ${failureMessage(row.output)}`));
      }
    } catch (error) {
      for (const entry of waiting.values()) entry.reject(error as Error);
      waiting.clear();
    }
    if (!closed && waiting.size > 0) timer = setTimeout(() => void poll(), POLL_MS);
  };

  return {
    schema,
    async send(data, send) {
      const id = await boss.send(BUILD_QUEUE, data, {
        expireInSeconds: send.expireInSeconds,
        retryLimit: send.retryLimit,
        retryDelay: 0,
      });
      if (id === null) throw new Error(`the job queue refused a job${lastError ? `: ${lastError.message}` : ''}`);
      return id;
    },
    outcome(id) {
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        timer ??= setTimeout(() => void poll(), POLL_MS);
      });
    },
    async cancelUnfinished(dir) {
      const { rows } = await db.executeSql(
        `select id from ${schema}.job where name = $1 and state < 'completed' and data->>'dir' = $2`,
        [BUILD_QUEUE, dir],
      );
      const ids = (rows as { id: string }[]).map((r) => r.id);
      if (ids.length > 0) await boss.cancel(BUILD_QUEUE, ids);
    },
    async take() {
      const [job] = await boss.fetch(BUILD_QUEUE, { batchSize: 1, includeMetadata: true });
      return job ? { id: job.id, data: job.data, retryCount: job.retryCount } : null;
    },
    async complete(id, output) {
      await boss.complete(BUILD_QUEUE, id, output);
    },
    async fail(id, message) {
      await boss.fail(BUILD_QUEUE, id, { message });
    },
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      for (const entry of waiting.values()) entry.reject(new Error('the job queue was closed'));
      waiting.clear();
      // Not graceful: this process never holds a job when it closes the queue (a worker finishes its job first).
      await boss.stop({ graceful: false, wait: true });
    },
  };
}

function failureMessage(output: unknown): string {
  if (output && typeof output === 'object') {
    const record = output as { message?: unknown; value?: { message?: unknown } };
    const message = record.message ?? record.value?.message;
    if (typeof message === 'string') return message;
  }
  return 'no reason recorded';
}
