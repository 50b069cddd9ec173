// Entry point of a build worker thread: receives batches and shard tasks from the coordinator (worker-pool.ts).

import { parentPort } from 'node:worker_threads';
import { createDecidePass, type DecidePass, finishShard } from './shard-work.js';
import type { FromWorker, ToWorker } from './worker-protocol.js';

let pass: DecidePass | undefined;

function reply(message: FromWorker, transfer: ArrayBuffer[] = []): void {
  parentPort?.postMessage(message, transfer);
}

parentPort?.on('message', (message: ToWorker) => {
  void (async () => {
    const id = message.type === 'init' ? -1 : message.id;
    try {
      switch (message.type) {
        case 'init':
          pass = createDecidePass(message.init);
          return;
        case 'batch':
          if (!pass) throw new Error('worker used before init');
          reply({ type: 'done', id, stats: pass.process(message.batch) });
          return;
        case 'flush':
          pass?.finish();
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
