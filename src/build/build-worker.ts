// Entry point of a build worker thread: receives batches and shard tasks from the coordinator (worker-pool.ts).

import { parentPort } from 'node:worker_threads';
import { hash64 } from './hash.js';
import { addName } from './name-filter.js';
import { type Analyze, createAnalyze } from './redaction.js';
import { createBuildRedactor, createDecidePass, type DecidePass, finishShard } from './shard-work.js';
import { forEachMember } from './source.js';
import {
  type FromWorker,
  MemberPacker,
  stringReader,
  type ToWorker,
  type WarmSettings,
  type WorkerInit,
} from './worker-protocol.js';

let init: WorkerInit | undefined;
let pass: DecidePass | undefined;
/** The analyzer prepared by a `warm` message, with its settings; taken by pass 1 when they match the build's. */
let warmed: { readonly settings: WarmSettings; readonly analyze: Analyze } | undefined;

/** A short text that reaches the analyzer's lazily loaded parts (the name model and gazetteer, the patterns). */
const WARM_TEXT = 'Thanks to Maria Lopez for the launch! Write to maria@example.com or call +1 415 555 0100.';

function reply(message: FromWorker, transfer: ArrayBuffer[] = []): void {
  parentPort?.postMessage(message, transfer);
}

/** Pass 1 for this worker, with the warmed analyzer when it was prepared with the build's settings. */
function startPass(init: WorkerInit): DecidePass {
  const ready =
    warmed !== undefined &&
    warmed.settings.analyzer === init.analyzer &&
    warmed.settings.minScore === init.redaction.minScore;
  const analyze = ready ? warmed?.analyze : undefined;
  warmed = undefined;
  return createDecidePass(init, createBuildRedactor(init, analyze));
}

parentPort?.on('message', (message: ToWorker) => {
  void (async () => {
    const id = message.id;
    try {
      switch (message.type) {
        case 'warm': {
          // Answered once this module is loaded (the pool waits for the first answer before terminating the thread)
          // and the analyzer, if any, has analyzed one text, which loads its model.
          if (message.warm !== null) {
            const analyze = createAnalyze(message.warm.analyzer, message.warm.minScore);
            analyze(WARM_TEXT, 'en');
            warmed = { settings: message.warm, analyze };
          }
          reply({ type: 'done', id });
          return;
        }
        case 'init':
          init = message.init;
          reply({ type: 'done', id });
          return;
        case 'batch':
          if (!init) throw new Error('worker used before init');
          // Pass 1 starts with the first batch: a resumed build that only writes shards never builds its redactor.
          pass ??= startPass(init);
          reply({ type: 'done', id, stats: pass.process(message.batch) });
          return;
        case 'flush':
          // After the flush only pass 2 runs here: dropping pass 1 lets the analyzer and its caches be collected.
          pass?.finish();
          pass = undefined;
          warmed = undefined;
          reply({ type: 'done', id });
          return;
        case 'members': {
          // Each member is packed as soon as it is parsed: parsed objects die young instead of being promoted.
          const packer = new MemberPacker();
          const rejected = forEachMember(message.lines, (member) => packer.add(member));
          reply({ type: 'done', id, members: packer.finish(rejected) });
          return;
        }
        case 'member-ids': {
          const hashes: number[] = [];
          let names = 0;
          forEachMember(message.lines, (member) => {
            hashes.push(hash64(member.id).hi);
            names += member.names.length;
          });
          const packed = Uint32Array.from(hashes);
          reply({ type: 'done', id, memberIds: { hashes: packed, names } }, [packed.buffer as ArrayBuffer]);
          return;
        }
        case 'names':
          for (let i = 0, names = stringReader(message.names); i < message.names.lengths.length; i++) {
            addName(message.filter, names.next() as string);
          }
          reply({ type: 'done', id });
          return;
        case 'shard': {
          warmed = undefined; // a resumed build may go straight to pass 2
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
