// Worker-thread entry of the stream pool: builds a batch processor from workerData and answers batch messages.

import { parentPort, workerData } from 'node:worker_threads';
import { type BatchSettings, createBatchProcessor } from './stream-batch.js';

export interface WorkerRequest {
  readonly seq: number;
  readonly lines: readonly string[];
  readonly firstLineNumber: number;
}

export interface WorkerSetup {
  readonly settings: BatchSettings;
  /** One flag per worker, set to 1 once its engine is built; until then the calling thread processes batches. */
  readonly readyFlags: Int32Array;
  readonly index: number;
}

const setup = workerData as WorkerSetup;
const processBatch = createBatchProcessor(setup.settings);
// The name model loads on first use: one throwaway record loads it before this worker says it is ready.
processBatch(['{"id":0,"text":"Ana Silva wrote"}'], 1);
Atomics.store(setup.readyFlags, setup.index, 1);

parentPort?.on('message', (request: WorkerRequest) => {
  const result = processBatch(request.lines, request.firstLineNumber);
  parentPort?.postMessage({ seq: request.seq, text: result.text, counts: result.counts });
});
