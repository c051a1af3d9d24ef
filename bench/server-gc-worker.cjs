// A worker of bench/server-gc.cjs: runs a full garbage collection when its port asks, then the
// server's own worker file (it takes parentPort's messages as it would without this).
'use strict';
const { workerData } = require('node:worker_threads');

const { file, port } = workerData;
port.on('message', () => {
  globalThis.gc?.();
  port.postMessage('collected');
});
port.unref();
require(file);
