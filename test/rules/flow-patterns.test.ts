// Checks as narrowing: a result is checked where no path carries its false case to a use. Each
// case is a pattern that the "read once = checked" model got wrong.
import { runRuleTests } from '../support/rule-tester';

const THROW = (fn: string) => `Throw when ${fn}() fails`;
const CHECK = (variable: string, fn: string) => `Check ${variable} for false after ${fn}()`;

const L = '<?php $s = socket_create_listen(8080) or die();\n';
const C = '<?php $s = socket_create(AF_INET, SOCK_STREAM, 0) or die();\n';
/** The code after --fix: the check the fix inserts after line `line` (1-based). */
function checked(code: string, line: number, variable: string, fn: string, lastError: string): string {
  const lines = code.split('\n');
  const check = `if (${variable} === false) {\n    throw new \\RuntimeException('${fn}() failed: ' . socket_strerror(${lastError}));\n}`;
  return [...lines.slice(0, line), check, ...lines.slice(line)].join('\n');
}

runRuleTests('unchecked-false-return', {
  valid: [
    { name: 'the failure branch leaves', code: L + '$c = socket_accept($s);\nif ($c === false) { echo "failed\\n"; exit(1); }\nsocket_close($c);' },
    { name: 'the failure branch replaces the value', code: L + '$c = socket_accept($s);\nif ($c === false) { $c = $fallback; }\nsocket_close($c);' },
    { name: 'the success branch uses it', code: L + '$c = socket_accept($s);\nif ($c !== false) { socket_close($c); }' },
    { name: '> 0 excludes false', code: C + '$n = socket_write($s, "abc");\nif ($n > 0) { echo "sent $n bytes"; }' },
    { name: '=== true, is_object() and is_a()', code: C + '$ok = socket_listen($s);\nif ($ok === true) { echo "$ok"; }\n$c = socket_accept($s);\nif (is_object($c)) { socket_close($c); }\n$d = socket_accept($s);\nif (is_a($d, \\Socket::class)) { socket_close($d); }' },
    { name: 'instanceof in && with the use', code: L + '$c = socket_accept($s);\n$c instanceof \\Socket && socket_close($c);' },
    { name: 'assignment inside the condition', code: L + 'while (($c = socket_accept($s)) !== false) { socket_close($c); }' },
    { name: 'try/catch assigns a fallback, tested after the try', code: C + 'try { $ok = socket_connect($s, "127.0.0.1", 80); } catch (\\Throwable $e) { $ok = false; }\nif (!$ok) exit(1);' },
    {
      name: 'a retry loop overwrites the result each pass and tests the last one',
      code: C + 'do { $ok = @socket_connect($s, "127.0.0.1", 80); $err = socket_last_error($s); } while (retryable($err));\n$ok = $ok && $err === 0;\nif (!$ok) exit(1);',
    },
    { name: "== '' is true for false: the else branch is safe", code: C + '$data = socket_read($s, 1024);\nif ($data == "") { exit(0); }\necho strtoupper($data);' },
    { name: '!== null is no check, === null in the failure branch', code: C + '$data = socket_read($s, 1024);\nif ($data !== false && $data !== null) { echo $data; }' },
    { name: 'stored in an array, then checked through the variable', code: L + '$c = socket_accept($s);\n$clients[] = $c;\nif ($c === false) exit(1);\nsocket_close($c);' },
  ],
  invalid: [
    {
      name: 'the failure branch reports but does not leave',
      code: L + '$c = socket_accept($s);\nif ($c === false) { echo "accept failed\\n"; }\nsocket_close($c);',
      errors: [{ messageId: 'used', line: 2, column: 6, suggestions: [{ desc: CHECK('$c', 'socket_accept'), output: checked(L + '$c = socket_accept($s);\nif ($c === false) { echo "accept failed\\n"; }\nsocket_close($c);', 2, '$c', 'socket_accept', 'socket_last_error($s)') }] }],
    },
    {
      name: 'used inside its own failure branch',
      code: L + '$c = socket_accept($s);\nif (!$c) { socket_close($c); exit(1); }',
      errors: [{ messageId: 'usedWhereFalse', line: 2, column: 6, suggestions: [] }],
    },
    {
      name: 'used after a test that only some paths run (|| short-circuit)',
      code: L + '$c = socket_accept($s);\nif ($quiet || $c === false) { echo "no client"; }\nsocket_close($c);',
      errors: [{ messageId: 'used', line: 2, column: 6, suggestions: [{ desc: CHECK('$c', 'socket_accept'), output: checked(L + '$c = socket_accept($s);\nif ($quiet || $c === false) { echo "no client"; }\nsocket_close($c);', 2, '$c', 'socket_accept', 'socket_last_error($s)') }] }],
    },
    {
      name: 'empty() is true for false: the else branch is safe, the then branch is not',
      code: C + '$data = socket_read($s, 10);\nif (empty($data)) { echo strlen($data); }',
      errors: [{ messageId: 'used', line: 2, column: 9, suggestions: [{ desc: CHECK('$data', 'socket_read'), output: checked(C + '$data = socket_read($s, 10);\nif (empty($data)) { echo strlen($data); }', 2, '$data', 'socket_read', 'socket_last_error($s)') }] }],
    },
    {
      // Loops run to a fixed point, not a set number of passes: $r reaches $d on the fourth.
      name: 'a loop that needs four passes to carry the result to its use',
      code: '<?php $r = socket_create(AF_INET, SOCK_STREAM, 0);\n$a = $b = $c = $d = null;\nwhile (more()) { $d = $c; $c = $b; $b = $a; $a = $r; }\necho $d;',
      errors: [{ messageId: 'used', line: 1, column: 12, suggestions: [{ desc: CHECK('$r', 'socket_create'), output: checked('<?php $r = socket_create(AF_INET, SOCK_STREAM, 0);\n$a = $b = $c = $d = null;\nwhile (more()) { $d = $c; $c = $b; $b = $a; $a = $r; }\necho $d;', 1, '$r', 'socket_create', 'socket_last_error()') }] }],
    },
    {
      name: "=== '' (the peer closed) leaves false on the other branch",
      code: C + '$data = socket_read($s, 1024);\nif ($data === "") { exit(0); } else { echo strtoupper($data); }',
      errors: [{ messageId: 'used', line: 2, column: 9, suggestions: [{ desc: CHECK('$data', 'socket_read'), output: checked(C + '$data = socket_read($s, 1024);\nif ($data === "") { exit(0); } else { echo strtoupper($data); }', 2, '$data', 'socket_read', 'socket_last_error($s)') }] }],
    },
    {
      name: 'stored in an array is not checked',
      code: L + '$c = socket_accept($s);\n$clients[] = $c;\nsocket_close($c);',
      errors: [{ messageId: 'used', line: 2, column: 6, suggestions: [{ desc: CHECK('$c', 'socket_accept'), output: checked(L + '$c = socket_accept($s);\n$clients[] = $c;\nsocket_close($c);', 2, '$c', 'socket_accept', 'socket_last_error($s)') }] }],
    },
    {
      name: 'stored in a list literal is not checked',
      code: '<?php $t = socket_create(AF_INET, SOCK_STREAM, 0);\n$all = [$t];\nsocket_close($t);',
      errors: [{ messageId: 'used', line: 1, column: 12, suggestions: [{ desc: CHECK('$t', 'socket_create'), output: checked('<?php $t = socket_create(AF_INET, SOCK_STREAM, 0);\n$all = [$t];\nsocket_close($t);', 1, '$t', 'socket_create', 'socket_last_error()') }] }],
    },
  ],
});

runRuleTests('socket-is-resource', {
  valid: [
    { name: 'dual PHP 7/8 check with is_a()', code: C + 'if (is_a($s, \\Socket::class) || is_resource($s)) echo 1;' },
    { name: 'dual check over two statements', code: C + 'function isOpen($x) { if ($x instanceof \\Socket) return true; if (is_resource($x)) { return true; } return false; }\nif ($s instanceof \\Socket) { echo 1; } elseif (is_resource($s)) { echo 2; }' },
  ],
  invalid: [],
});

runRuleTests('impossible-false-check', {
  valid: [{ name: 'a C-style test next to a real check in the same condition', code: C + '$n = socket_write($s, "abc");\nif ($n == -1 || empty($n)) { exit(1); }' }],
  invalid: [],
});
