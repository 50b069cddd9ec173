// What coordinator and workers of a distributed build share on disk, in `<out>/.assent-partial/distributed/`: the
// pass 1 settings with the member snapshot and name filter (`setup.json`, `snapshot.bin`), each pass 1 job's input
// (`input/jNNNNN.bin`: the content batches as the coordinator read them), and each shard job's author list.

import { chmodSync, closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../atomic-file.js';
import type { ContentBatch } from '../source.js';
import type { WorkerInit } from '../worker-protocol.js';

const SETUP_VERSION = 1;

/** The typed arrays of the snapshot and the name filter, in the order they are stored (Uint32 ones first). */
const ARRAYS = ['offsets', 'residuals', 'bits', 'wordBits', 'reasons'] as const;

interface StoredSetup {
  readonly version: number;
  readonly buildId: string;
  /** Every WorkerInit field but the worker index and the two shared structures. */
  readonly init: Omit<WorkerInit, 'workerIndex' | 'snapshot' | 'names'>;
  readonly snapshot: { readonly bucketBits: number; readonly collisions: number };
  readonly names: Omit<WorkerInit['names'], 'bits' | 'wordBits'>;
  readonly lengths: Readonly<Record<(typeof ARRAYS)[number], number>>;
}

export interface BuildSetup {
  readonly buildId: string;
  /** Pass 1 settings; each job sets its own `workerIndex` and spill directory. */
  readonly init: WorkerInit;
}

/** Writes the setup; readable by the owner only (it holds the build's pseudonym key). */
export function writeBuildSetup(dir: string, buildId: string, init: WorkerInit): void {
  const { workerIndex: _, snapshot, names, ...rest } = init;
  const { bits, wordBits, ...nameScalars } = names;
  const arrays = {
    offsets: snapshot.offsets,
    residuals: snapshot.residuals,
    bits,
    wordBits,
    reasons: snapshot.reasons,
  };
  const stored: StoredSetup = {
    version: SETUP_VERSION,
    buildId,
    init: rest,
    snapshot: { bucketBits: snapshot.bucketBits, collisions: snapshot.collisions },
    names: nameScalars,
    lengths: {
      offsets: arrays.offsets.length,
      residuals: arrays.residuals.length,
      bits: arrays.bits.length,
      wordBits: arrays.wordBits.length,
      reasons: arrays.reasons.length,
    },
  };
  const path = join(dir, 'snapshot.bin');
  const fd = openSync(path, 'w', 0o600);
  try {
    for (const key of ARRAYS) {
      const array = arrays[key];
      writeSync(fd, new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
    }
  } finally {
    closeSync(fd);
  }
  writeFileAtomic(join(dir, 'setup.json'), JSON.stringify(stored));
  chmodSync(join(dir, 'setup.json'), 0o600);
}

/** Reads what writeBuildSetup wrote. */
export function readBuildSetup(dir: string): BuildSetup {
  const stored = JSON.parse(readFileSync(join(dir, 'setup.json'), 'utf8')) as StoredSetup;
  if (stored.version !== SETUP_VERSION) {
    throw new Error(`build setup version ${stored.version}, this worker reads ${SETUP_VERSION}: upgrade the worker`);
  }
  const raw = readFileSync(join(dir, 'snapshot.bin'));
  let at = 0;
  // Copied into fresh (aligned) arrays: a Buffer's offset need not be a multiple of 4.
  const take = <T extends Uint32Array | Uint8Array>(length: number, make: (n: number) => T): T => {
    const array = make(length);
    const bytes = array.byteLength;
    new Uint8Array(array.buffer).set(raw.subarray(at, at + bytes));
    at += bytes;
    return array;
  };
  const u32 = (n: number) => new Uint32Array(n);
  const offsets = take(stored.lengths.offsets, u32);
  const residuals = take(stored.lengths.residuals, u32);
  const bits = take(stored.lengths.bits, u32);
  const wordBits = take(stored.lengths.wordBits, u32);
  const reasons = take(stored.lengths.reasons, (n) => new Uint8Array(n));
  if (at !== raw.length) throw new Error('snapshot.bin does not match setup.json');
  return {
    buildId: stored.buildId,
    init: {
      ...stored.init,
      workerIndex: 0,
      snapshot: { ...stored.snapshot, offsets, residuals, reasons },
      names: { ...stored.names, bits, wordBits },
    },
  };
}

/** What is stored before each batch of a job's input. */
type BatchHeader =
  | { readonly kind: 'bytes'; readonly file: string; readonly firstLine: number; readonly numbering?: 'row' }
  | { readonly kind: 'items' };

/** Appends content batches to one job's input file: per batch a u32 header length, the header, a u32 body length, the body. */
export class JobInputWriter {
  private readonly fd: number;
  bytes = 0;
  batches = 0;

  constructor(readonly path: string) {
    this.fd = openSync(path, 'w', 0o600);
  }

  add(batch: ContentBatch): void {
    const header: BatchHeader =
      batch.kind === 'items'
        ? { kind: 'items' }
        : {
            kind: 'bytes',
            file: batch.file,
            firstLine: batch.firstLine,
            ...(batch.numbering ? { numbering: batch.numbering } : {}),
          };
    const body = batch.kind === 'items' ? Buffer.from(JSON.stringify(batch.items)) : batch.bytes;
    const head = Buffer.from(JSON.stringify(header));
    const lengths = Buffer.alloc(4);
    lengths.writeUInt32LE(head.length);
    this.write(lengths);
    this.write(head);
    const bodyLength = Buffer.alloc(4);
    bodyLength.writeUInt32LE(body.byteLength);
    this.write(bodyLength);
    this.write(body);
    this.batches++;
  }

  close(): void {
    closeSync(this.fd);
  }

  private write(data: Uint8Array): void {
    let done = 0;
    while (done < data.byteLength) done += writeSync(this.fd, data, done);
    this.bytes += data.byteLength;
  }
}

/** The batches of one job's input file, as the coordinator read them from the source. */
export function readJobInput(path: string): ContentBatch[] {
  const data = readFileSync(path);
  const batches: ContentBatch[] = [];
  let at = 0;
  while (at < data.length) {
    const headLength = data.readUInt32LE(at);
    const header = JSON.parse(data.toString('utf8', at + 4, at + 4 + headLength)) as BatchHeader;
    at += 4 + headLength;
    const bodyLength = data.readUInt32LE(at);
    const body = data.subarray(at + 4, at + 4 + bodyLength);
    at += 4 + bodyLength;
    if (header.kind === 'items') batches.push({ kind: 'items', items: JSON.parse(body.toString('utf8')) });
    else batches.push({ ...header, bytes: body });
  }
  return batches;
}
