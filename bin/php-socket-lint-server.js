#!/usr/bin/env node
// The php-socket-lint language server (LSP over --stdio or --node-ipc); the bundle does the work.
'use strict';
require('./load-bundle.js')(require('node:path').join(__dirname, '..', 'dist', 'server.js'));
