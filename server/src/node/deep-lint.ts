// Lints a file nested too deeply for the main thread's stack (1,000 nested ifs, 5,000 nested
// parentheses, a 20,000-term concatenation) again in a worker thread with a big stack. The call stays
// synchronous, so the CLI and the server use it wherever they called lintText.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type * as WorkerThreads from 'node:worker_threads';
import { lintText } from '../core/lint';
import type { LintOptions, LintResult } from '../core/types';

/** The bundled worker, next to the CLI and server bundles in dist/. */
const WORKER_FILE = join(__dirname, 'deep-lint-worker.js');
/** V8 and the thread get this much stack: ~60x the default, enough for tens of thousands of frames. */
const STACK_SIZE_MB = 256;
const TIMEOUT_MS = 120_000;

export interface DeepLintRequest {
  text: string;
  options: LintOptions;
  signal: Int32Array;
}

export function isTooDeep(result: LintResult): boolean {
  return result.findings.some((finding) => finding.messageId === 'analysisTooDeep');
}

/** lintText, retried once in a big-stack worker when the main thread's stack was too small. */
export function lintTextDeep(text: string, options: LintOptions = {}): LintResult {
  const result = lintText(text, options);
  if (!isTooDeep(result) || !existsSync(WORKER_FILE)) return result;
  return lintInBigStack(text, options) ?? result;
}

function lintInBigStack(text: string, options: LintOptions): LintResult | undefined {
  // Loaded here, for the rare deep file: at start-up it is a module graph of its own (worker, messaging, error serialisation).
  const { MessageChannel, receiveMessageOnPort, Worker } = require('node:worker_threads') as typeof WorkerThreads;
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const request: DeepLintRequest = { text, options, signal };
  const worker = new Worker(WORKER_FILE, {
    workerData: { request, port: port2 },
    transferList: [port2],
    resourceLimits: { stackSizeMb: STACK_SIZE_MB },
    stdout: true,
    stderr: true,
  });
  try {
    // Blocking on purpose: callers are synchronous, and the worker posts before it signals.
    Atomics.wait(signal, 0, 0, TIMEOUT_MS);
    const reply = receiveMessageOnPort(port1)?.message as { result?: LintResult } | undefined;
    return reply?.result;
  } finally {
    port1.close();
    void worker.terminate();
  }
}
