#!/usr/bin/env node
// Thin on purpose: the CLI is execute() in dist/cli.js. Setting exitCode instead of calling
// process.exit() lets a large report finish flushing into a pipe.
'use strict';
// Node 22.1+ keeps V8's compiled code of the bundle between runs (a third of a small lint's start-up).
require('node:module').enableCompileCache?.();
const { execute } = require('../dist/cli.js');

execute(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(error);
    process.exitCode = 2;
  },
);
