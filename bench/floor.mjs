// The floor the whole-tree lint is measured against: walk the tree, read every .php file as a
// Buffer, and parse with php-parser only those that contain `socket_` (ext/sockets and
// stream_socket_*()) or `sockopen` (fsockopen(), pfsockopen()). No rules, no output.
// It skips the directories the CLI's walk skips (server/src/node/files.ts), so both do the same
// reading: on MediaWiki, vendor/ holds a third of the .php files.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const { Engine } = createRequire(import.meta.url)('php-parser');
const engine = new Engine({ parser: { suppressErrors: true, extractDoc: false }, ast: { withPositions: true } });
const needles = [Buffer.from('socket_'), Buffer.from('sockopen')];
let parsed = 0;
const SKIPPED = new Set(['.git', 'node_modules', 'vendor']);

function walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED.has(entry.name)) walk(path);
    }
    else if (entry.isFile() && entry.name.endsWith('.php')) {
      const buffer = readFileSync(path);
      if (needles.some((needle) => buffer.includes(needle))) {
        engine.parseCode(buffer.toString('utf8'), path);
        parsed++;
      }
    }
  }
}

walk(process.argv[2]);
console.log(`parsed ${parsed}`);
