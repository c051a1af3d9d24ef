// A lint worker: receives batches of files (path and bytes), answers with their results.
import { parentPort, workerData } from 'node:worker_threads';
import { lintFile, type LintSettings } from './lint-file';
import type { WorkerReply, WorkerRequest } from './worker-pool';

const settings = workerData as LintSettings;

parentPort!.on('message', async (request: WorkerRequest) => {
  const results = [];
  for (const file of request.files) {
    const bytes = Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength);
    results.push(await lintFile(file.path, bytes, settings));
  }
  parentPort!.postMessage({ results } satisfies WorkerReply);
});
