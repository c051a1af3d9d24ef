// The core's cost against a bare php-parser parse at 1k, 10k and 50k lines, for three shapes of
// socket-heavy text: handler functions (few findings), a long top-level script whose every
// other line is a finding, and one function holding all the code in loops and branches.
// Target (issue 12): lint ≤ 1.5x the parse at every size, the ratio flat as size grows, and a
// peak resident memory under 300 MB (each case runs in a process of its own to measure it).
// `ratio` is the figure, the lint against a stock php-parser parse; `ratio own` is the
// lint against the core's own parse step (parsePhp: php-parser with parse.ts's fast paths, and
// the names pass), which the lint contains: what the analysis and the rules add to a parse.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { bareParser, loadLintText, loadParsePhp, median, timeRuns } from './support.mjs';

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

export const SHAPES = { handlers, 'finding-dense': findingDense, 'one big function': oneBigFunction };

/** One shape at one size, in this process: times, findings and the peak memory of one lint. */
async function measure(shape, size) {
  const lintText = await loadLintText();
  const text = SHAPES[shape](size);
  // First one lint in the fresh process: its peak is what linting this text takes.
  const findings = lintText(text).findings.length;
  const peakMB = process.resourceUsage().maxRSS / 1024;
  const runs = size >= 50_000 ? 3 : size >= 10_000 ? 7 : 25;
  const lint = median(timeRuns(() => lintText(text), runs));
  const engine = bareParser();
  const parse = median(timeRuns(() => engine.parseCode(text, 'bench.php'), runs));
  const parsePhp = await loadParsePhp();
  const ownParse = median(timeRuns(() => parsePhp(text), runs));
  const lines = text.split('\n').length;
  return {
    lines,
    findings,
    'parse ms': parse.toFixed(1),
    'own parse ms': ownParse.toFixed(1),
    'lint ms': lint.toFixed(1),
    ratio: (lint / parse).toFixed(2),
    'ratio own': (lint / ownParse).toFixed(2),
    'µs/line': ((lint * 1000) / lines).toFixed(1),
    'peak MB': peakMB.toFixed(0),
  };
}

/** The peak memory of one bare parse of the text in a fresh process: the floor of the lint's. */
function parsePeak(shape, size) {
  bareParser().parseCode(SHAPES[shape](size), 'bench.php');
  return process.resourceUsage().maxRSS / 1024;
}

function inChild(mode, shape, size) {
  const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), mode, `${shape}@${size}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (child.status !== 0) throw new Error(`${mode} ${shape} at ${size} lines exited ${child.status}`);
  return JSON.parse(child.stdout);
}

const [mode, which] = process.argv.slice(2);
const isMain = process.argv[1] === fileURLToPath(import.meta.url);
if (!isMain) {
  // Imported for its text shapes (say, by a profiling script): nothing to run.
} else if (mode === '--case' || mode === '--parse-peak') {
  const [shape, size] = which.split('@');
  const result = mode === '--case' ? await measure(shape, Number(size)) : parsePeak(shape, Number(size));
  process.stdout.write(JSON.stringify(result));
} else {
  // Each case in processes of its own, so that the peak memory is its own.
  const rows = {};
  for (const shape of Object.keys(SHAPES)) {
    for (const size of SIZES) {
      rows[`${shape} ${size / 1000}k`] = { ...inChild('--case', shape, size), 'parse peak MB': inChild('--parse-peak', shape, size).toFixed(0) };
    }
  }
  console.log('\nCore scaling: lintText vs a bare stock php-parser parse (ratio) and vs the core\'s own parse step (ratio own) (median, warm; target ratio ≤ 1.5x, flat µs/line, peak < 300 MB)');
  console.table(rows);
}
