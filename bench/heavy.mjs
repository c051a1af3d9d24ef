// The core on socket-heavy files: the whole lint (parse + model + rules) against a bare
// php-parser parse of the same text, warm, median of many runs.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const [corePath, ...files] = process.argv.slice(2);
const { lintText } = require(corePath);
const { Engine } = require('php-parser');
const engine = new Engine({ parser: { suppressErrors: true, extractDoc: false, version: '8.3' }, ast: { withPositions: true } });

function median(fn, runs) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

const rows = {};
let sumParse = 0;
let sumLint = 0;
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const runs = text.length > 50_000 ? 15 : 60;
  median(() => lintText(text), 5);
  const parse = median(() => engine.parseCode(text, file), runs);
  const lint = median(() => lintText(text), runs);
  sumParse += parse;
  sumLint += lint;
  rows[basename(file)] = { lines: text.split('\n').length, 'parse ms': parse.toFixed(2), 'lint ms': lint.toFixed(2), ratio: (lint / parse).toFixed(2) };
}
console.log('\nSocket-heavy files: lintText vs bare php-parser parse (median, warm)');
console.table(rows);
console.log(`all files together: lint / parse = ${(sumLint / sumParse).toFixed(2)}x (target ≤ 1.3x)`);
