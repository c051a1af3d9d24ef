#!/usr/bin/env node
// The php-socket-lint language server (LSP over --stdio or --node-ipc); the bundle does the work.
'use strict';
// Node 22.1+ keeps V8's compiled code of the bundle between runs (a third of a small lint's start-up).
require('node:module').enableCompileCache?.();
require('../dist/server.js');
