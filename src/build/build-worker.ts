// Entry point of a build worker thread: receives batches and shard tasks from the coordinator (worker-pool.ts).

import { parentPort } from 'node:worker_threads';
import { createDecidePass, type DecidePass, finishShard } from './shard-work.js';
import type { FromWorker, ToWorker, WorkerInit } from './worker-protocol.js';

let init: WorkerInit | undefined;
let pass: DecidePass | undefined;

function reply(message: FromWorker, transfer: ArrayBuffer[] = []): void {
  parentPort?.postMessage(message, transfer);
}

parentPort?.on('message', (message: ToWorker) => {
  void (async () => {
    const id = message.id;
    try {
      switch (message.type) {
        case 'init':
          // Answered once this module is loaded: the pool waits for it before terminating the thread.
          init = message.init;
          reply({ type: 'done', id });
          return;
        case 'batch':
          if (!init) throw new Error('worker used before init');
          // Pass 1 (and its analyzer) starts with the first batch: a resumed build that only writes shards never loads it.
          pass ??= createDecidePass(init);
          reply({ type: 'done', id, stats: pass.process(message.batch) });
          return;
        case 'flush':
          // After the flush only pass 2 runs here: dropping pass 1 lets the analyzer and its caches be collected.
          pass?.finish();
          pass = undefined;
          reply({ type: 'done', id });
          return;
        case 'shard': {
          const shard = await finishShard(message.task);
          reply({ type: 'done', id, shard }, [shard.memberIndexes.buffer as ArrayBuffer]);
          return;
        }
      }
    } catch (error) {
      reply({ type: 'error', id, message: error instanceof Error ? error.message : String(error) });
    }
  })();
});
