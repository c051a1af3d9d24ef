// The language server as bin/php-socket-lint-server.js runs it, started with --expose-gc, for
// bench/lsp-responsive.mjs: on SIGUSR2 the main thread and every worker thread run a full garbage
// collection (each worker is started through bench/server-gc-worker.cjs, which listens for it on
// a port of its own), then the file named by BENCH_GC_DONE gets one more line. So the memory the
// bench compares is what the server keeps, not garbage V8 has not collected yet.
'use strict';
const { appendFileSync } = require('node:fs');
const { join } = require('node:path');
const threads = require('node:worker_threads');

const live = new Map();
const Original = threads.Worker;
threads.Worker = class extends Original {
  constructor(file, options = {}) {
    // Only the server's own workers (dist/lint-worker.js), which take no workerData.
    if (!String(file).endsWith('lint-worker.js') || String(file).endsWith('deep-lint-worker.js')) {
      super(file, options);
      return;
    }
    const { port1, port2 } = new threads.MessageChannel();
    super(join(__dirname, 'server-gc-worker.cjs'), {
      ...options,
      workerData: { file: String(file), port: port2 },
      transferList: [port2],
    });
    port1.unref();
    live.set(this, port1);
    this.once('exit', () => {
      live.delete(this);
      port1.close();
    });
  }
};

function collectWorker(port) {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 10_000); // terminated meanwhile
    port.once('message', () => {
      clearTimeout(timer);
      resolve();
    });
    port.postMessage('gc');
  });
}

process.on('SIGUSR2', () => {
  globalThis.gc?.();
  void Promise.all([...live.values()].map(collectWorker)).then(() => {
    if (process.env.BENCH_GC_DONE) appendFileSync(process.env.BENCH_GC_DONE, 'collected\n');
  });
});
require('../bin/php-socket-lint-server.js');
