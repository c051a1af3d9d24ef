#!/usr/bin/env node
// Thin on purpose: the CLI is execute() in dist/cli.js. Setting exitCode instead of calling
// process.exit() lets a large report finish flushing into a pipe.
'use strict';
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
