// The core's cost against a bare php-parser parse at 1k, 10k and 50k lines, for three shapes of
// socket-heavy text: handler functions (few findings), a long top-level script whose every
// other line is a finding, and one function holding all the code in loops and branches.
// Target (issue 12): lint ≤ 1.5x the parse at every size, and the ratio flat as size grows.
import { bareParser, loadLintText, median, timeRuns } from './support.mjs';

const SIZES = [1_000, 10_000, 50_000];

function handlers(lines) {
  let text = '<?php\n';
  for (let i = 0; text.split('\n').length < lines; i++) {
    text += `function handler${i}($server) {\n  $c = socket_accept($server);\n  if ($c === false) { return false; }\n  $line = socket_read($c, 1024, PHP_NORMAL_READ);\n  if ($line === false || trim($line) === 'quit') { socket_close($c); return true; }\n  socket_write($c, strtoupper($line));\n  socket_close($c);\n  return true;\n}\n`;
  }
  return text;
}

/** One finding per two lines: unchecked writes, `< 0` tests, is_resource(), by-reference expressions. */
function findingDense(lines) {
  const shapes = [
    (i) => `$s${i} = socket_create(AF_INET, SOCK_STREAM, SOL_TCP) or die();\nsocket_write($s${i}, "x");\n`,
    (i) => `$n${i} = socket_write($s, "y");\nif ($n${i} < 0) { exit(1); }\n`,
    (i) => `$r${i} = [$s];\nsocket_select($r${i}, $w${i} = null, $e${i}, 0) or die();\n`,
    (i) => `$c${i} = socket_accept($s) or die();\nif (is_resource($c${i})) { socket_close($c${i}); }\n`,
  ];
  let text = '<?php\n$s = socket_create_listen(8080) or die();\n';
  for (let i = 0; i * 2 < lines; i++) text += shapes[i % shapes.length](i);
  return text;
}

function oneBigFunction(lines) {
  let text = '<?php\nfunction serve($server) {\n  $clients = [];\n';
  for (let i = 0; i * 8 < lines; i++) {
    text += `  while (($c${i} = socket_accept($server)) !== false) {\n    $clients[] = $c${i};\n    foreach ($clients as $k => $client) {\n      $n = socket_write($client, "tick ${i}");\n      if ($n === false) { socket_close($client); unset($clients[$k]); continue 2; }\n    }\n    if (count($clients) > ${i + 10}) break;\n  }\n`;
  }
  return text + '  return $clients;\n}\n';
}

const lintText = await loadLintText();
const engine = bareParser();
const rows = {};
for (const [shape, make] of [['handlers', handlers], ['finding-dense', findingDense], ['one big function', oneBigFunction]]) {
  for (const size of SIZES) {
    const text = make(size);
    const runs = size >= 50_000 ? 3 : size >= 10_000 ? 7 : 25;
    const parse = median(timeRuns(() => engine.parseCode(text, 'bench.php'), runs));
    const lint = median(timeRuns(() => lintText(text), runs));
    const findings = lintText(text).findings.length;
    rows[`${shape} ${size / 1000}k`] = {
      lines: text.split('\n').length,
      findings,
      'parse ms': parse.toFixed(1),
      'lint ms': lint.toFixed(1),
      ratio: (lint / parse).toFixed(2),
      'µs/line': ((lint * 1000) / text.split('\n').length).toFixed(1),
    };
  }
}
console.log('\nCore scaling: lintText vs bare php-parser parse (median, warm; target ratio ≤ 1.5x, flat µs/line)');
console.table(rows);
