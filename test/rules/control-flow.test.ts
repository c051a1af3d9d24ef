// Results followed over the control-flow graph: jumps, fall-through, exceptions and finally
// carry a value's unchecked case exactly where PHP's control goes, no further.
import { runRuleTests } from '../support/rule-tester';

const CHECK = (variable: string, fn: string) => `Check ${variable} for false after ${fn}()`;
const L = '<?php $s = socket_create_listen(8080) or die();\n';

/** The code after the suggestion: the check it inserts after line `line` (1-based), indented alike. */
function checked(code: string, line: number, variable: string, fn: string): string {
  const lines = code.split('\n');
  const indent = /^\s*/.exec(lines[line - 1]!)![0];
  const check = [`if (${variable} === false) {`, `    throw new \\RuntimeException('${fn}() failed: ' . socket_strerror(socket_last_error($s)));`, '}'].map((text) => indent + text).join('\n');
  return [...lines.slice(0, line), check, ...lines.slice(line)].join('\n');
}

/** An invalid case: `$variable = fn(…)` on line `line` is used unchecked at `column` of that line. */
function usedUnchecked(name: string, code: string, line: number, column: number, variable: string, fn = 'socket_accept') {
  return {
    name,
    code,
    errors: [{ messageId: 'used', line, column, suggestions: [{ desc: CHECK(variable, fn), output: checked(code, line, variable, fn) }] }],
  };
}

runRuleTests('unchecked-false-return', {
  valid: [
    { name: 'return inside a try whose finally runs', code: L + 'function serve($s) {\n  try { $c = socket_accept($s); if ($c === false) return; } finally { echo "done"; }\n  socket_close($c);\n}' },
    { name: 'break 2 leaves both loops on failure', code: L + 'while (true) { foreach ([1, 2] as $x) { $c = socket_accept($s); if ($c === false) break 2; socket_close($c); } }' },
    { name: 'continue 2 skips the use on failure', code: L + 'for ($i = 0; $i < 3; $i++) { while (true) { $d = socket_accept($s); if ($d === false) continue 2; socket_close($d); break; } }' },
    { name: 'each case checks before the body it falls into', code: L + '$e = socket_accept($s);\nswitch ($mode) { case 1: if ($e === false) exit(1); case 2: if ($e === false) exit(2); socket_close($e); break; default: exit(3); }' },
    { name: 'a condition decided false never runs its body', code: L + '$c = socket_accept($s);\nif (false) { socket_close($c); }\nif ($c === false) exit(1);' },
    { name: 'the catch leaves, so after the try the value is checked', code: L + 'try {\n  $c = socket_accept($s);\n  if ($c === false) throw new RuntimeException("accept");\n} catch (RuntimeException $e) { exit(1); }\nsocket_close($c);' },
    { name: 'or die() on the same statement', code: L + '$c = socket_accept($s) or die("no client");\nsocket_close($c);' },
    { name: 'a loop that runs until the accept succeeds', code: L + 'do { $c = socket_accept($s); } while ($c === false);\nsocket_close($c);' },
  ],
  invalid: [
    {
      // No suggestion: a throw inserted in the try would be caught and go on to the same use.
      name: 'a throw in the try reaches the catch, which goes on to the use',
      code: L + 'try {\n    $c = socket_accept($s);\n    if ($c === false) throw new RuntimeException("accept");\n} catch (RuntimeException $e) { echo "no client\\n"; }\nsocket_close($c);',
      errors: [{ messageId: 'used', line: 3, column: 10 }],
    },
    usedUnchecked('a case falls through into a use without its check', L + '$e = socket_accept($s);\nswitch ($mode) { case 1: echo "one"; case 2: if ($mode === 2 && $e === false) exit(2); socket_close($e); break; }', 2, 6, '$e'),
    usedUnchecked('a do-while that gives up leaves false behind', L + 'do {\n    $f = socket_accept($s);\n} while ($f === false && retry());\nsocket_close($f);', 3, 10, '$f'),
    usedUnchecked('a break before the check carries false out of the loop', L + 'while (true) {\n    $g = socket_accept($s);\n    if (stop()) break;\n    if ($g === false) continue;\n    socket_close($g);\n}\nsocket_close($g);', 3, 10, '$g'),
    {
      name: 'finally runs on the failure path too',
      code: L + 'function serve($s) {\n    try {\n        $c = socket_accept($s);\n        if ($c === false) return;\n    } finally { socket_close($c); }\n}',
      errors: [{ messageId: 'used', line: 4, column: 14 }],
    },
  ],
});
