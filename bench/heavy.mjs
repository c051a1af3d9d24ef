// The core on socket-heavy files: the whole lint (parse + model + rules) against a bare
// php-parser parse of the same text, warm, median of many runs.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { bareParser, loadLintText, median, timeRuns } from './support.mjs';

const files = process.argv.slice(2);
const lintText = await loadLintText();
const engine = bareParser();

const rows = {};
let sumParse = 0;
let sumLint = 0;
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const runs = text.length > 50_000 ? 15 : 60;
  timeRuns(() => lintText(text), 5); // warm the core on this file's shapes
  const parse = median(timeRuns(() => engine.parseCode(text, file), runs));
  const lint = median(timeRuns(() => lintText(text), runs));
  sumParse += parse;
  sumLint += lint;
  rows[basename(file)] = { lines: text.split('\n').length, 'parse ms': parse.toFixed(2), 'lint ms': lint.toFixed(2), ratio: (lint / parse).toFixed(2) };
}
console.log('\nSocket-heavy files: lintText vs bare php-parser parse (median, warm)');
console.table(rows);
console.log(`all files together: lint / parse = ${(sumLint / sumParse).toFixed(2)}x (target ≤ 1.3x)`);
