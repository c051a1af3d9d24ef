// Lints socket files on worker threads, handing out small batches so a few huge files do
// not leave the other threads idle. Used only for large trees: see lint-files.ts.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { LintSettings } from './lint-file';
import type { SocketFile } from './lint-files';
import type { LintFileResult } from './results';

export interface WorkerRequest {
  batch: number;
  files: { path: string; bytes: Uint8Array }[];
}

export interface WorkerReply {
  batch: number;
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

export function lintInWorkers(script: string, files: readonly SocketFile[], settings: LintSettings, threads: number): Promise<LintFileResult[]> {
  const results: LintFileResult[] = new Array(files.length);
  const batches: number[][] = [];
  for (let start = 0; start < files.length; start += BATCH_SIZE) {
    batches.push(Array.from({ length: Math.min(BATCH_SIZE, files.length - start) }, (_, offset) => start + offset));
  }
  let nextBatch = 0;
  return new Promise((resolve, reject) => {
    const workers = Array.from({ length: threads }, () => new Worker(script, { workerData: settings }));
    let idle = 0;
    const finish = (error?: Error) => {
      for (const worker of workers) void worker.terminate();
      if (error) reject(error);
      else resolve(results);
    };
    const feed = (worker: Worker) => {
      if (nextBatch >= batches.length) {
        if (++idle === workers.length) finish();
        return;
      }
      const batch = nextBatch++;
      const chosen = batches[batch]!.map((index) => files[index]!);
      const request: WorkerRequest = { batch, files: chosen.map((file) => ({ path: file.path, bytes: file.bytes })) };
      worker.postMessage(request, chosen.flatMap((file) => transferable(file.bytes)));
    };
    for (const worker of workers) {
      worker.on('message', (reply: WorkerReply) => {
        reply.results.forEach((result, offset) => (results[batches[reply.batch]![offset]!] = result));
        feed(worker);
      });
      worker.on('error', (error) => finish(error));
      feed(worker);
    }
  });
}
