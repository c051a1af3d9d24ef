#!/usr/bin/env node
// Thin on purpose: the CLI is execute() in dist/cli.js. Setting exitCode instead of calling
// process.exit() lets a large report finish flushing into a pipe.
'use strict';
// A CLI run is short: V8 has TurboFan optimise a function once it has run through a budget of
// bytecode, and the default budget has it compile (on V8's own threads, CPU all the same) much
// that a run of a few seconds never profits from. A larger budget leaves that to the functions
// that are really hot. Measured at load 10-12, CPU time of 5 runs interleaved: MediaWiki's whole
// tree 0.41 s → 0.27 s, ten copies 1.74 s → 1.51 s, one shard of four 0.88 s → 0.70 s; a
// 27,000-line socket file 1.41 s → 1.39 s. Set before any code of ours is compiled, and only on the
// V8 versions known to have the flag (V8 prints an error for one it does not know): Node 20-24.
if (Number.parseInt(process.versions.v8, 10) <= 13) require('node:v8').setFlagsFromString('--interrupt-budget=500000');
// A reader that stops early (`php-socket-lint -f json | head`) closes the pipe: the rest of the
// report has nowhere to go, which is no failure of the lint. Without a listener Node throws the
// EPIPE as an unhandled 'error' with a stack trace; the run ends with its own exit code instead.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code !== 'EPIPE') throw error;
  });
}
const { join } = require('node:path');
const { execute } = require('./load-bundle.js')(join(__dirname, '..', 'dist', 'cli.js'));

execute(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(error);
    process.exitCode = 2;
  },
);
