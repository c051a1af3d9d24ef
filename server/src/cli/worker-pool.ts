// Lints socket files on worker threads plus the main thread, each pulling small batches so
// a few huge files do not leave the others idle. Used only for large trees: see lint-files.ts.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { lintFile, type LintSettings } from './lint-file';
import type { SocketFile } from './lint-files';
import type { LintFileResult } from './results';

export interface WorkerRequest {
  files: { path: string; bytes: Uint8Array }[];
}

export interface WorkerReply {
  results: LintFileResult[];
}

const BATCH_SIZE = 8;

/** The bundled worker beside the bundled CLI; undefined when running from sources (tests), which lint in-process. */
export function workerScriptPath(): string | undefined {
  if (typeof __dirname === 'undefined') return undefined;
  const path = join(__dirname, 'cli-worker.js');
  return existsSync(path) ? path : undefined;
}

/** A Buffer read from a file may be a slice of Node's shared pool: transfer only one that owns its memory. */
function transferable(bytes: Buffer): ArrayBuffer[] {
  const owns = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer;
  return owns ? [bytes.buffer as ArrayBuffer] : [];
}

class BatchQueue {
  private next = 0;
  constructor(private readonly files: readonly SocketFile[]) {}

  take(): SocketFile[] | undefined {
    if (this.next >= this.files.length) return undefined;
    const batch = this.files.slice(this.next, this.next + BATCH_SIZE);
    this.next += batch.length;
    return batch;
  }
}

function runWorker(script: string, queue: BatchQueue, settings: LintSettings, done: (file: SocketFile, result: LintFileResult) => void): Promise<void> {
  const worker = new Worker(script, { workerData: settings });
  return new Promise<void>((resolve, reject) => {
    let batch: SocketFile[] | undefined;
    const feed = () => {
      batch = queue.take();
      if (!batch) return void worker.terminate().then(() => resolve(), reject);
      const request: WorkerRequest = { files: batch.map((file) => ({ path: file.path, bytes: file.bytes })) };
      worker.postMessage(request, batch.flatMap((file) => transferable(file.bytes)));
    };
    worker.on('message', (reply: WorkerReply) => {
      reply.results.forEach((result, offset) => done(batch![offset]!, result));
      feed();
    });
    worker.on('error', reject);
    feed();
  });
}

async function runHere(queue: BatchQueue, settings: LintSettings, done: (file: SocketFile, result: LintFileResult) => void): Promise<void> {
  for (let batch = queue.take(); batch; batch = queue.take()) {
    for (const file of batch) done(file, await lintFile(file.path, file.bytes, settings));
    // Let the workers' replies in between batches.
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Results in the order of `files`; `threads` counts the main thread as one. */
export async function lintInWorkers(script: string, files: readonly SocketFile[], settings: LintSettings, threads: number): Promise<LintFileResult[]> {
  const queue = new BatchQueue(files);
  const positions = new Map(files.map((file, index) => [file, index]));
  const results: LintFileResult[] = new Array(files.length);
  const done = (file: SocketFile, result: LintFileResult) => void (results[positions.get(file)!] = result);
  const workers = Array.from({ length: threads - 1 }, () => runWorker(script, queue, settings, done));
  await Promise.all([...workers, runHere(queue, settings, done)]);
  return results;
}
