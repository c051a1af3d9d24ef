// The worker thread of deep-lint.ts: one lint with a big stack, posted back, then a signal.
import { workerData, type MessagePort } from 'node:worker_threads';
import { lintText } from '../core/lint';
import type { DeepLintRequest } from './deep-lint';

const { request, port } = workerData as { request: DeepLintRequest; port: MessagePort };
try {
  port.postMessage({ result: lintText(request.text, request.options) });
} catch (error) {
  port.postMessage({ error: String(error) });
} finally {
  Atomics.store(request.signal, 0, 1);
  Atomics.notify(request.signal, 0);
}
