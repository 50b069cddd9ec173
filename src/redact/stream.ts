// Streaming detect/redact over JSONL for the CLI: one output line per input line, in input order, with bounded
// memory; on large input, batches of lines go to a pool of worker threads and a FIFO of pending results keeps order.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { RedactionConfig } from './anonymizer.js';
import type { KnownIdentity } from './known/index.js';
import { shareNameData } from './names/index.js';
import type { Recognizer } from './recognizer.js';
import {
  addBatchCounts,
  type BatchCounts,
  type BatchResult,
  type BatchSettings,
  createBatchProcessor,
  emptyBatchCounts,
  type StreamMode,
} from './stream-batch.js';
import { DEFAULT_MAX_LINE_LENGTH, oversizeMarker } from './stream-record.js';
import type { WorkerSetup } from './stream-worker.js';

export interface StreamOptions {
  /** Drop spans scoring below this (default: the analyzer's, 0.5). */
  readonly minScore?: number;
  /** Redaction operators (redactStream only; default DEFAULT_REDACTION_CONFIG). */
  readonly redaction?: RedactionConfig;
  /** Worker threads for large input (default: every core; 1 processes inline). */
  readonly workers?: number;
  /** Lines per batch (default 256). */
  readonly batchLines?: number;
  /** Input size after which the worker pool starts (default 1 MiB; smaller input stays on this thread). */
  readonly poolThresholdBytes?: number;
  /**
   * While no worker is ready yet (each loads the name model and compiles its recognizers first), this thread
   * processes the batches itself instead of waiting, when it has processed input before the pool started (default
   * true; false sends every batch after the threshold to the pool).
   */
  readonly inlineWhileStarting?: boolean;
  /** Longest accepted line in UTF-16 code units (default 32 Mi); longer lines become error lines. */
  readonly maxLineLength?: number;
  /** Known identities (member names, a removal list) matched in every record, on every thread. */
  readonly knownIdentities?: readonly KnownIdentity[];
  /** Custom recognizers; they cannot cross to worker threads, so they imply `workers: 1`. */
  readonly recognizers?: readonly Recognizer[];
  /** Called after each batch is written. */
  readonly onProgress?: (counts: Readonly<BatchCounts>) => void;
}

export interface StreamCounts extends BatchCounts {
  /** Worker threads used (0 when everything ran on the calling thread). */
  workers: number;
}

interface PoolWorker {
  readonly worker: Worker;
  readonly waiting: Map<number, { resolve: (r: BatchResult) => void; reject: (e: Error) => void }>;
}

/** The tsx ESM API module (a dev dependency), resolved through its package.json exports. */
function tsxApiUrl(from: string): string {
  const require = createRequire(from);
  const manifestPath = require.resolve('tsx/package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    exports: Record<string, { import?: { default?: string } }>;
  };
  const entry = manifest.exports['./esm/api']?.import?.default ?? './dist/esm/api/index.mjs';
  return pathToFileURL(join(dirname(manifestPath), entry)).href;
}

/**
 * A worker running stream-worker. Compiled, that is dist/redact/stream-worker.js. From TypeScript sources (vitest,
 * tsx) it is a .ts file: `execArgv: ['--import', 'tsx']` does not apply the loader to a worker's entry module on
 * Node 20, so a tiny bootstrap registers tsx's ESM hooks first, then imports the .ts worker.
 */
function spawnWorker(workerData: WorkerSetup): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(new URL('./stream-worker.js', here), { workerData });
  const target = new URL('./stream-worker.ts', here).href;
  const bootstrap = `import(${JSON.stringify(tsxApiUrl(here))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(target)}); });`;
  return new Worker(bootstrap, { eval: true, workerData });
}

function createPool(size: number, settings: BatchSettings) {
  const workers: PoolWorker[] = [];
  // Read without waiting for a message: the calling thread may be busy processing batches and never yield to the
  // event loop while input is at hand.
  const readyFlags = new Int32Array(new SharedArrayBuffer(4 * size));
  const isReady = (i: number) => Atomics.load(readyFlags, i) === 1;
  const anyReady = () => {
    for (let i = 0; i < size; i++) if (isReady(i)) return true;
    return false;
  };
  // The workers map the name data this thread loaded instead of each parsing the files (a no-op when the calling
  // thread has processed input already).
  shareNameData();
  for (let i = 0; i < size; i++) {
    const worker = spawnWorker({ settings, readyFlags, index: i });
    const entry: PoolWorker = { worker, waiting: new Map() };
    worker.on('message', (message: { seq: number } & BatchResult) => {
      const waiter = entry.waiting.get(message.seq);
      entry.waiting.delete(message.seq);
      waiter?.resolve({ text: message.text, counts: message.counts });
    });
    const failAll = (error: Error) => {
      for (const waiter of entry.waiting.values()) waiter.reject(error);
      entry.waiting.clear();
    };
    worker.on('error', failAll);
    worker.on('exit', (code) => {
      if (entry.waiting.size > 0) failAll(new Error(`redaction worker exited with code ${code}`));
    });
    workers.push(entry);
  }
  let next = 0;
  return {
    size,
    /** True once any worker has built its engine. */
    ready: anyReady,
    run(seq: number, lines: string[], firstLineNumber: number): Promise<BatchResult> {
      // Least busy ready worker (any worker while none is ready), ties broken round-robin.
      const someReady = anyReady();
      let chosen: PoolWorker | undefined;
      for (let i = 0; i < size; i++) {
        const candidate = workers[(next + i) % size] as PoolWorker;
        if ((!someReady || isReady((next + i) % size)) && (!chosen || candidate.waiting.size < chosen.waiting.size)) {
          chosen = candidate;
        }
      }
      next++;
      const target = chosen as PoolWorker;
      return new Promise<BatchResult>((resolve, reject) => {
        target.waiting.set(seq, { resolve, reject });
        target.worker.postMessage({ seq, lines, firstLineNumber });
      });
    },
    async close() {
      await Promise.all(workers.map((w) => w.worker.terminate()));
    },
  };
}

function write(output: Writable, chunk: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    output.once('error', onError);
    const flushed = output.write(chunk, (error) => {
      output.off('error', onError);
      if (error) reject(error);
    });
    if (flushed) {
      output.off('error', onError);
      resolve();
    } else {
      output.once('drain', () => {
        output.off('error', onError);
        resolve();
      });
    }
  });
}

async function runStream(
  mode: StreamMode,
  input: Readable,
  output: Writable,
  options: StreamOptions,
): Promise<StreamCounts> {
  const settings: BatchSettings = {
    mode,
    ...(options.minScore !== undefined ? { minScore: options.minScore } : {}),
    ...(options.redaction !== undefined ? { redaction: options.redaction } : {}),
    ...(options.maxLineLength !== undefined ? { maxLineLength: options.maxLineLength } : {}),
    ...(options.knownIdentities !== undefined ? { knownIdentities: options.knownIdentities } : {}),
  };
  // Also used while the pool starts: the FIFO below keeps the order whichever thread processed a batch.
  const processInline = createBatchProcessor(settings, options.recognizers);
  const maxWorkers = options.recognizers ? 1 : Math.max(1, options.workers ?? availableParallelism());
  const batchLines = Math.max(1, options.batchLines ?? 256);
  const poolThreshold = options.poolThresholdBytes ?? 1024 * 1024;
  const counts: StreamCounts = { ...emptyBatchCounts(), workers: 0 };

  let pool: ReturnType<typeof createPool> | undefined;
  let helpWhileStarting = false;
  const pending: Promise<BatchResult>[] = [];
  let seq = 0;
  let lineNumber = 1;
  let batch: string[] = [];
  let batchFirstLine = 1;
  let bytesSeen = 0;

  const flushHead = async () => {
    const result = await (pending.shift() as Promise<BatchResult>);
    addBatchCounts(counts, result.counts);
    if (result.text.length > 0) await write(output, result.text);
    options.onProgress?.(counts);
  };

  const submit = async () => {
    if (batch.length === 0) return;
    const lines = batch;
    const first = batchFirstLine;
    batch = [];
    batchFirstLine = lineNumber;
    if (!pool && maxWorkers > 1 && bytesSeen > poolThreshold) {
      pool = createPool(maxWorkers, settings);
      counts.workers = maxWorkers;
      // Only a thread that has already processed batches (its engine built and warm) helps; building it now would
      // cost as much as a worker's start-up.
      helpWhileStarting = options.inlineWhileStarting !== false && seq > 0;
    }
    if (pool && (!helpWhileStarting || pool.ready())) {
      pending.push(pool.run(seq++, lines, first));
      while (pending.length > pool.size * 2) await flushHead();
    } else {
      pending.push(Promise.resolve(processInline(lines, first)));
      seq++;
      while (pending.length > 0) await flushHead();
    }
  };

  // Lines are gathered synchronously; the read loop awaits only when a batch is full (an await per line costs a
  // microtask turn per record).
  const addLine = (line: string) => {
    batch.push(line.endsWith('\r') ? line.slice(0, -1) : line);
    lineNumber++;
  };

  try {
    // The current line is kept as parts (no repeated concatenation); past maxLength its text is dropped and only its
    // length is kept, so one endless line cannot exhaust memory.
    const maxLength = options.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH;
    let parts: string[] = [];
    let partsLength = 0;
    let oversize = 0;
    const append = (piece: string) => {
      if (oversize > 0) oversize += piece.length;
      else if (partsLength + piece.length > maxLength) {
        oversize = partsLength + piece.length;
        parts = [];
        partsLength = 0;
      } else if (piece.length > 0) {
        parts.push(piece);
        partsLength += piece.length;
      }
    };
    const finishLine = (piece: string) => {
      if (parts.length === 0 && oversize === 0 && piece.length <= maxLength) {
        addLine(piece); // the common case: the whole line lies in one chunk
        return;
      }
      append(piece);
      const line = oversize > 0 ? oversizeMarker(oversize) : parts.length === 1 ? (parts[0] as string) : parts.join('');
      parts = [];
      partsLength = 0;
      oversize = 0;
      addLine(line);
    };
    input.setEncoding('utf8');
    for await (const chunk of input as AsyncIterable<string>) {
      bytesSeen += chunk.length;
      let from = 0;
      let newline = chunk.indexOf('\n');
      while (newline !== -1) {
        finishLine(chunk.slice(from, newline));
        if (batch.length >= batchLines) await submit();
        from = newline + 1;
        newline = chunk.indexOf('\n', from);
      }
      append(chunk.slice(from));
    }
    if (partsLength > 0 || oversize > 0) finishLine('');
    await submit();
    while (pending.length > 0) await flushHead();
  } finally {
    await pool?.close();
  }
  return counts;
}

/**
 * Reads JSONL records `{"id","text","lang"?,"country"?}` from `input` and writes one line per input line to
 * `output`: `{"id","spans":[{"start","end","type","score","recognizer"}]}` (offsets are JavaScript string indices),
 * or `{"id": <id or null>, "error": "line N: field: expected ..., found ..."}` for a bad line. Never echoes text.
 * Resolves with counts once everything is written (the output stream is not ended).
 */
export function detectStream(input: Readable, output: Writable, options: StreamOptions = {}): Promise<StreamCounts> {
  return runStream('detect', input, output, options);
}

/**
 * Like detectStream, but writes `{"id","text"}` with the redacted text, or `{"id","text":null,"dropped":true}` when
 * the redaction config drops the record (for example one holding a SECRET).
 */
export function redactStream(input: Readable, output: Writable, options: StreamOptions = {}): Promise<StreamCounts> {
  return runStream('redact', input, output, options);
}
