#!/usr/bin/env node
// Thin on purpose: the CLI is execute() in dist/cli.js. Setting exitCode instead of calling
// process.exit() lets a large report finish flushing into a pipe.
'use strict';
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
