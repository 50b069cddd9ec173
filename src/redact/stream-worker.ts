// Worker-thread entry of the stream pool: builds a batch processor from workerData and answers batch messages.

import { parentPort, workerData } from 'node:worker_threads';
import { type BatchSettings, createBatchProcessor } from './stream-batch.js';

export interface WorkerRequest {
  readonly seq: number;
  readonly lines: readonly string[];
  readonly firstLineNumber: number;
}

const processBatch = createBatchProcessor(workerData as BatchSettings);

parentPort?.on('message', (request: WorkerRequest) => {
  const result = processBatch(request.lines, request.firstLineNumber);
  parentPort?.postMessage({ seq: request.seq, text: result.text, counts: result.counts });
});
