// A pool of build worker threads. Runs from compiled JavaScript and from TypeScript sources (under tsx or vitest,
// where the worker is started with `--import tsx`). Each worker gets at most `depth` requests at a time. Threads start
// before the build's inputs are known (loading modules and, with `warm`, the analyzer) and are given them later.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FromWorker, ToWorker, WarmSettings, WorkerInit } from './worker-protocol.js';

interface Pending {
  resolve(message: FromWorker): void;
  reject(error: Error): void;
}

export interface WorkerPool {
  readonly size: number;
  /** Gives each worker the build's pass 1 settings; sent before anything else is dispatched. */
  configure(init: (index: number) => WorkerInit): void;
  /** Sends to the least busy worker once one has room; resolves (once sent) with the pending reply. */
  dispatch(
    message: (id: number) => ToWorker,
    transfer?: readonly ArrayBuffer[],
  ): Promise<{ readonly reply: Promise<FromWorker> }>;
  /** Sends to one worker; `transfer` lists buffers moved to the worker instead of copied. */
  send(worker: number, message: (id: number) => ToWorker, transfer?: readonly ArrayBuffer[]): Promise<FromWorker>;
  close(): Promise<void>;
}

/** The ESM entry of tsx's loader API, read from its package exports (require.resolve would give the CJS one). */
function tsxEsmApiPath(): string {
  const manifestPath = createRequire(import.meta.url).resolve('tsx/package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    exports: Record<string, { import?: { default?: string } }>;
  };
  const entry = manifest.exports['./esm/api']?.import?.default ?? './dist/esm/api/index.mjs';
  return join(dirname(manifestPath), entry);
}

/**
 * Starts the worker module. From TypeScript sources, `execArgv: ['--import', 'tsx']` does not reach a worker's
 * module loader on Node 20, so a tiny bootstrap registers tsx's loader in the worker and then imports the module.
 */
function startWorker(): Worker {
  // A bounded heap makes V8 collect before RSS grows: a worker holds at most one shard (at most 50,000 records). An
  // 8 MB young generation instead of 16 took ~30 MB off the peak RSS of a 1M-item build with 2 workers (404 -> 373 MB).
  const resourceLimits = { maxOldGenerationSizeMb: 160, maxYoungGenerationSizeMb: 8 };
  if (!import.meta.url.endsWith('.ts')) {
    return new Worker(new URL('./build-worker.js', import.meta.url), { resourceLimits });
  }
  const moduleUrl = new URL('./build-worker.ts', import.meta.url).href;
  const tsxApi = pathToFileURL(tsxEsmApiPath()).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(moduleUrl)}); });`;
  return new Worker(bootstrap, { eval: true, resourceLimits });
}

/**
 * Starts `size` worker threads. With `warm`, each prepares that analyzer (loads its model) as soon as it has started;
 * `configure` then gives the build's settings.
 */
export function createWorkerPool(size: number, warm: WarmSettings | null, depth = 2): WorkerPool {
  let nextId = 0;
  const pending = new Map<number, Pending>();
  const inFlight = new Array<number>(size).fill(0);
  const waiters: (() => void)[] = [];
  let failure: Error | undefined;
  const workers = Array.from({ length: size }, (_, index) => {
    const worker = startWorker();
    worker.on('message', (message: FromWorker) => {
      const entry = pending.get(message.id);
      if (!entry) return;
      pending.delete(message.id);
      inFlight[index] = (inFlight[index] ?? 1) - 1;
      waiters.shift()?.();
      if (message.type === 'error') entry.reject(new Error(`build worker ${index}: ${message.message}`));
      else entry.resolve(message);
    });
    worker.on('error', (error) => {
      failure = error;
      for (const entry of pending.values()) entry.reject(error);
      pending.clear();
      for (const wake of waiters.splice(0)) wake();
    });
    return worker;
  });

  const send = (
    worker: number,
    message: (id: number) => ToWorker,
    transfer: readonly ArrayBuffer[] = [],
  ): Promise<FromWorker> => {
    if (failure) return Promise.reject(failure);
    const id = nextId++;
    inFlight[worker] = (inFlight[worker] ?? 0) + 1;
    return new Promise<FromWorker>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      workers[worker]?.postMessage(message(id), [...transfer]);
    });
  };

  // Each worker answers its first message once its modules are loaded. close() waits for that: terminating a worker
  // while it still loads its ES modules aborts the whole process on Node 20 ("FATAL ERROR: v8::Module::IsGraphAsync"),
  // which a resumed build with fewer shards left than workers did.
  const loaded = workers.map((_, index) =>
    send(index, (id) => ({ type: 'warm', id, warm })).then(
      () => undefined,
      () => undefined,
    ),
  );
  let closed: Promise<void> | undefined;

  return {
    size,
    configure(init) {
      // The reply comes after the warm-up; batches sent meanwhile queue behind the init in the worker's port.
      for (let index = 0; index < size; index++) {
        send(index, (id) => ({ type: 'init', id, init: init(index) })).catch(() => undefined);
      }
    },
    async dispatch(message, transfer) {
      for (;;) {
        if (failure) throw failure;
        let best = 0;
        for (let i = 1; i < size; i++) if ((inFlight[i] ?? 0) < (inFlight[best] ?? 0)) best = i;
        if ((inFlight[best] ?? 0) < depth) return { reply: send(best, message, transfer) };
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
    },
    send,
    close() {
      closed ??= Promise.all(
        workers.map(async (worker, index) => {
          await loaded[index];
          await worker.terminate();
        }),
      ).then(() => undefined);
      return closed;
    },
  };
}
