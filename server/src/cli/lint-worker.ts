// The CLI's lint thread (dist/cli-lint-worker.js): socket files, as the main thread reads them,
// linted on the second core. Each job is claimed in a shared array before it is linted, so the
// main thread can take the jobs this thread has not reached (see lint-pool.ts).
import { parentPort } from 'node:worker_threads';
import { lintFile } from './lint-file';
import { BY_WORKER, STOP, UNCLAIMED, type LintJob, type LintReply } from './lint-pool';

parentPort!.on('message', async (job: LintJob | typeof STOP) => {
  if (job === STOP) return parentPort!.close();
  // A message is handled only when this thread is free: the claim is made when the lint can start.
  if (Atomics.compareExchange(new Int32Array(job.claim), 0, UNCLAIMED, BY_WORKER) !== UNCLAIMED) return;
  const bytes = Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength);
  const reply: LintReply = { index: job.index, result: await lintFile(job.path, bytes, job.settings) };
  parentPort!.postMessage(reply);
});
