// The floor the whole-tree lint is measured against: walk the tree, read every .php file as a
// Buffer, and parse with php-parser only those that contain `socket_`. No rules, no output.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const { Engine } = createRequire(import.meta.url)('php-parser');
const engine = new Engine({ parser: { suppressErrors: true, extractDoc: false }, ast: { withPositions: true } });
const needle = Buffer.from('socket_');
let parsed = 0;

function walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path);
    else if (entry.isFile() && entry.name.endsWith('.php')) {
      const buffer = readFileSync(path);
      if (buffer.includes(needle)) {
        engine.parseCode(buffer.toString('utf8'), path);
        parsed++;
      }
    }
  }
}

walk(process.argv[2]);
console.log(`parsed ${parsed}`);
