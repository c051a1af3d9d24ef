// Prints php-parser's AST of a PHP file as the core sees it (positions as `start-end` offsets):
// `node scripts/dump-ast.cjs file.php`. For writing rules and checking node ranges.
const { readFileSync } = require('node:fs');
const { Engine } = require('php-parser');

const engine = new Engine({ parser: { suppressErrors: true, extractDoc: false, version: '8.5' }, ast: { withPositions: true } });
const program = engine.parseCode(readFileSync(process.argv[2], 'utf8'), process.argv[2]);
const offsets = (key, value) => (key === 'loc' && value ? `${value.start.offset}-${value.end.offset}` : value);
console.log(JSON.stringify(program, offsets, 1));
