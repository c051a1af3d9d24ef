import { describe, expect, it } from 'vitest';
import { lintText } from '../../server/src/core/lint';
import { runRuleTests } from '../support/rule-tester';

const THROW = (fn: string) => `Throw when ${fn}() fails`;
const CHECK = (variable: string, fn: string) => `Check ${variable} for false after ${fn}()`;

const DROPPED = (line: number, column: number) => ({ messageId: 'dropped', line, column });
const USED = (line: number, column: number) => ({ messageId: 'used', line, column });
/** The check block the fix inserts after `$name = call(…);`, at an indentation. */
function check(name: string, call: string, socket: string, indentation = ''): string {
  const unit = indentation === '' ? '    ' : '  ';
  return (
    `${indentation}if ($${name} === false) {\n` +
    `${indentation}${unit}throw new \\RuntimeException('${call}() failed: ' . socket_strerror(socket_last_error(${socket})));\n` +
    `${indentation}}\n`
  );
}

const S = '<?php $s = socket_create_listen(8080) or die("no");\n';

runRuleTests('unchecked-false-return', {
  valid: [
    { name: '=== false', code: S + 'if (socket_set_nonblock($s) === false) exit(1);' },
    { name: 'false !== on the left', code: S + '$c = socket_accept($s);\nif (false !== $c) { socket_close($c); }' },
    { name: '== false', code: S + '$c = socket_accept($s);\nif ($c == false) exit(1);\nsocket_close($c);' },
    { name: '!$x', code: S + '$c = socket_accept($s);\nif (!$c) exit(1);\nsocket_close($c);' },
    { name: 'if ($x)', code: S + '$c = socket_accept($s);\nif ($c) { socket_close($c); }' },
    { name: 'while assignment', code: S + '$c = socket_accept($s) ?: exit(1);\nwhile ($line = socket_read($c, 1024)) { echo $line; }' },
    { name: 'or die', code: '<?php $s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP) or die("create");\nsocket_bind($s, "127.0.0.1", 80) or die(socket_strerror(socket_last_error($s)));' },
    { name: 'or exit / or throw', code: S + 'socket_listen($s) or exit(2);\nsocket_set_block($s) or throw new RuntimeException("block");' },
    { name: '|| with return in a function', code: '<?php function f($s) { if (!socket_listen($s)) { return false; } return true; }' },
    { name: '?: default', code: S + '$c = socket_accept($s) ?: null;\nif ($c) socket_close($c);' },
    { name: 'instanceof \\Socket', code: '<?php $s = socket_create(AF_INET, SOCK_STREAM, 0);\nif (!$s instanceof \\Socket) exit(1);\nsocket_close($s);' },
    { name: 'is_resource() is a check (wrong on PHP 8, another rule)', code: '<?php $s = socket_create(AF_INET, SOCK_STREAM, 0);\nif (!is_resource($s)) exit(1);\nsocket_close($s);' },
    { name: 'check inside the condition', code: S + 'while (true) {\n  if (($c = socket_accept($s)) === false) { continue; }\n  socket_close($c);\n}' },
    { name: 'check of a read loop', code: S + '$c = socket_accept($s) or exit;\nwhile (($buf = socket_read($c, 1024)) !== false && $buf !== "") { echo $buf; }' },
    { name: 'returned to the caller', code: '<?php function send($c, $m) { return socket_write($c, $m); }' },
    { name: 'functions that cannot fail', code: S + 'socket_clear_error($s);\n$e = socket_last_error($s);\necho socket_strerror($e);\nsocket_close($s);' },
    { name: 'checked on every path', code: S + 'if ($x) { $c = socket_accept($s); if (!$c) exit(1); }\nelse { $c = socket_accept($s); if ($c === false) return; }\nsocket_close($c);' },
    { name: 'both sides of &&', code: '<?php $s = socket_create(AF_INET, SOCK_STREAM, 0) or exit;\n$ok = socket_bind($s, "0.0.0.0", 80) && socket_listen($s);\nif (!$ok) exit(1);' },
    { name: 'handed to a function of this file', code: S + 'function serve($c) { if ($c === false) return; socket_close($c); }\nserve(socket_accept($s));' },
    { name: 'handed to a function of another file', code: S + 'Log::result(socket_accept($s));\nhandle_client(socket_accept($s));' },
    { name: 'stored in a property', code: '<?php class C { private $s; function __construct() { $this->s = socket_create(AF_INET, SOCK_STREAM, 0); } }' },
    { name: 'empty()', code: S + '$data = socket_read($s, 10);\nif (empty($data)) exit;\necho $data;' },
    { name: 'match (true)', code: S + '$n = socket_write($s, "x");\necho match (true) { $n === false => "error", default => "sent $n" };' },
    { name: 'var_dump takes false fine', code: S + 'var_dump(socket_write($s, "x"));' },
    { name: 'look-alike method', code: S + '$obj->socket_write($s, "x");\nmy_socket_write($s, "x");' },
    { name: 'checked after a loop that always assigns', code: S + 'do { $n = socket_write($s, "x"); } while ($n === 0);\nif ($n === false) exit(1);' },
  ],
  invalid: [
    {
      name: 'bare statement',
      code: S + 'socket_set_nonblock($s);\n',
      errors: [{ ...DROPPED(2, 1), suggestions: [{ desc: THROW('socket_set_nonblock'), output: S +
        "if (socket_set_nonblock($s) === false) {\n    throw new \\RuntimeException('socket_set_nonblock() failed: ' . socket_strerror(socket_last_error($s)));\n}\n" }] }],
    },
    {
      name: 'bare statement, indented with tabs, CRLF',
      code: '<?php\r\nfunction f($s) {\r\n\tsocket_connect($s, "127.0.0.1", 80);\r\n}\r\n',
      errors: [{ ...DROPPED(3, 2), suggestions: [{ desc: THROW('socket_connect'), output: '<?php\r\nfunction f($s) {\r\n\tif (socket_connect($s, "127.0.0.1", 80) === false) {\r\n\t\tthrow new \\RuntimeException(\'socket_connect() failed: \' . socket_strerror(socket_last_error($s)));\r\n\t}\r\n}\r\n' }] }],
    },
    {
      name: 'assigned, then used',
      code: S + '$c = socket_accept($s);\nsocket_write($c, "hello") or exit;',
      errors: [{ ...USED(2, 6), suggestions: [{ desc: CHECK('$c', 'socket_accept'), output: S +
        "$c = socket_accept($s);\nif ($c === false) {\n    throw new \\RuntimeException('socket_accept() failed: ' . socket_strerror(socket_last_error($s)));\n}\nsocket_write($c, \"hello\") or exit;" }] }],
    },
    { name: 'argument of another socket call', code: S + 'socket_write(socket_accept($s), "x") or exit;', errors: [USED(2, 14)] },
    {
      name: 'assigned and never read',
      code: '<?php $s = socket_create(AF_INET, SOCK_STREAM, 0) or exit;\n$r = socket_bind($s, "0.0.0.0", 80);',
      errors: [{ ...DROPPED(2, 6), suggestions: [{ desc: CHECK('$r', 'socket_bind'), output: '<?php $s = socket_create(AF_INET, SOCK_STREAM, 0) or exit;\n$r = socket_bind($s, "0.0.0.0", 80);\nif ($r === false) {\n    throw new \\RuntimeException(\'socket_bind() failed: \' . socket_strerror(socket_last_error($s)));\n}' }] }],
    },
    {
      name: 'checked on one branch only',
      code: S + '$c = socket_accept($s);\nif ($strict) { if ($c === false) exit(1); }\nsocket_close($c);',
      errors: [{ ...USED(2, 6), suggestions: [{ desc: CHECK('$c', 'socket_accept'), output: S + '$c = socket_accept($s);\n' + check('c', 'socket_accept', '$s') + 'if ($strict) { if ($c === false) exit(1); }\nsocket_close($c);' }] }],
    },
    { name: 'echo', code: S + 'echo socket_read($s, 100);', errors: [USED(2, 6)] },
    { name: 'concatenating assignment', code: S + '$buf = "";\n$buf .= socket_read($s, 100);\necho $buf;', errors: [USED(3, 9)] },
    { name: 'PHP string function', code: S + '$line = trim(socket_read($s, 100, PHP_NORMAL_READ));\nif ($line === "quit") exit;', errors: [USED(2, 14)] },
    {
      name: 'interpolated',
      code: S + '$n = socket_write($s, "abc");\necho "wrote $n bytes\\n";',
      errors: [{ ...USED(2, 6), suggestions: [{ desc: CHECK('$n', 'socket_write'), output: S + '$n = socket_write($s, "abc");\n' + check('n', 'socket_write', '$s') + 'echo "wrote $n bytes\\n";' }] }],
    },
    {
      name: 'in an accept loop',
      code: S + 'while (true) {\n  $c = socket_accept($s);\n  socket_getpeername($c, $ip) or exit;\n  socket_close($c);\n}',
      errors: [{ ...USED(3, 8), suggestions: [{ desc: CHECK('$c', 'socket_accept'), output: S + 'while (true) {\n  $c = socket_accept($s);\n' + check('c', 'socket_accept', '$s', '  ') + '  socket_getpeername($c, $ip) or exit;\n  socket_close($c);\n}' }] }],
    },
    {
      name: 'property used in the same method',
      code: '<?php class C {\n  private $s;\n  function open() {\n    $this->s = socket_create(AF_INET, SOCK_STREAM, 0);\n    return socket_connect($this->s, "127.0.0.1", 80);\n  }\n}',
      errors: [{ ...USED(4, 16), suggestions: [{ desc: CHECK('$this->s', 'socket_create'), output: '<?php class C {\n  private $s;\n  function open() {\n    $this->s = socket_create(AF_INET, SOCK_STREAM, 0);\n' +
        check('this->s', 'socket_create', '', '    ') +
        '    return socket_connect($this->s, "127.0.0.1", 80);\n  }\n}' }] }],
    },
    {
      name: 'overwritten before any check',
      code: S + '$r = socket_set_block($s);\n$r = socket_listen($s);\nif (!$r) exit;',
      errors: [{ ...DROPPED(2, 6), suggestions: [{ desc: CHECK('$r', 'socket_set_block'), output: S + '$r = socket_set_block($s);\n' + check('r', 'socket_set_block', '$s') + '$r = socket_listen($s);\nif (!$r) exit;' }] }],
    },
    {
      name: 'in a namespace, with a leading backslash',
      code: '<?php namespace App;\nfunction run($c) { \\socket_write($c, "x"); return 1; }',
      errors: [{ ...DROPPED(2, 20), suggestions: [{ desc: THROW('socket_write'), output: "<?php namespace App;\nfunction run($c) { if (\\socket_write($c, \"x\") === false) {\n    throw new \\RuntimeException('socket_write() failed: ' . socket_strerror(socket_last_error($c)));\n} return 1; }" }] }],
    },
    { name: 'named arguments', code: S + 'socket_set_option(level: SOL_SOCKET, socket: $s, option: SO_REUSEADDR, value: 1);', errors: [{ ...DROPPED(2, 1), suggestions: [{ desc: THROW('socket_set_option'), output: S + "if (socket_set_option(level: SOL_SOCKET, socket: $s, option: SO_REUSEADDR, value: 1) === false) {\n    throw new \\RuntimeException('socket_set_option() failed: ' . socket_strerror(socket_last_error($s)));\n}" }] }], },
    {
      name: 'overwritten by the next loop pass before any check',
      code: S + 'while (true) {\n  $n = socket_write($s, "ping");\n  sleep(1);\n}',
      errors: [{ ...DROPPED(3, 8), suggestions: [{ desc: CHECK('$n', 'socket_write'), output: S + 'while (true) {\n  $n = socket_write($s, "ping");\n' + check('n', 'socket_write', '$s', '  ') + '  sleep(1);\n}' }] }],
    },
    {
      // After a failed socket_create() $s is false: socket_last_error($s) would be a TypeError on PHP 8.
      name: 'socket that may be false: socket_last_error() with no argument',
      code: '<?php $s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);\nsocket_bind($s, "0.0.0.0", 80);\n',
      errors: [
        {
          ...USED(1, 12),
          suggestions: [
            {
              desc: CHECK('$s', 'socket_create'),
              output: '<?php $s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);\n' + check('s', 'socket_create', '') + 'socket_bind($s, "0.0.0.0", 80);\n',
            },
          ],
        },
        {
          ...DROPPED(2, 1),
          suggestions: [
            {
              desc: THROW('socket_bind'),
              output:
                '<?php $s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);\nif (socket_bind($s, "0.0.0.0", 80) === false) {\n    throw new \\RuntimeException(\'socket_bind() failed: \' . socket_strerror(socket_last_error()));\n}\n',
            },
          ],
        },
      ],
    },
    { name: 'braceless if body gets no fix', code: S + 'if ($x) socket_listen($s);\nelse echo "no";', errors: [DROPPED(2, 9)] },
  ],
});

runRuleTests('unchecked-false-return', {
  valid: [
    { name: 'a global read by a function of the file', code: '<?php $sock = socket_create(AF_INET, SOCK_STREAM, 0);\nfunction send_line($l) { global $sock; if (!$sock) return; socket_write($sock, $l) or exit; }' },
    { name: 'a script that includes others', code: "<?php $sock = socket_create(AF_INET, SOCK_STREAM, 0);\nrequire __DIR__ . '/handlers.php';" },
    { name: 'compact() reads variables by name', code: "<?php function state($s) { $n = socket_write($s, 'x'); return compact('n'); }" },
    { name: 'variable variables', code: "<?php function f($s, $name) { $n = socket_write($s, 'x'); return $$name; }" },
  ],
  invalid: [],
});

// Correct code found while hunting false findings in realistic PHP.
runRuleTests('unchecked-false-return', {
  valid: [
    { name: 'both checked by one || condition', code: '<?php $a = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);\n$b = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);\nif (!$a || !$b) { exit(1); }\nsocket_connect($b, "127.0.0.1", 80) or exit(1);' },
    { name: 'both checked by one && condition', code: '<?php $a = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);\n$b = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);\nif ($a !== false && $b !== false) {\n  socket_connect($b, "127.0.0.1", 80) or exit(1);\n}' },
    { name: 'early return for either failure', code: '<?php function pair() { $a = socket_create(AF_INET, SOCK_STREAM, 0);\n$b = socket_create(AF_INET, SOCK_DGRAM, 0);\nif ($a === false || $b === false) { return null; }\nreturn [$a, $b]; }' },
    { name: 'first-class callable', code: '<?php $write = socket_write(...);\n$n = $write($c, "x");' },
    { name: 'a $this helper checks the property', code: '<?php class C { private $s;\n  function open() { $this->s = socket_create(AF_INET, SOCK_STREAM, 0); $this->assertOpen(); return socket_set_nonblock($this->s); }\n  function assertOpen() { if (!$this->s) throw new Exception(); } }' },
    { name: 'an arrow function does the check', code: '<?php function f($c) { $raw = socket_read($c, 8);\n$parse = fn() => $raw === false ? null : trim($raw);\nreturn $parse(); }' },
    { name: 'Safe\\ wrappers throw instead of returning false', code: '<?php use function Safe\\socket_write;\nsocket_write($c, "x");' },
    { name: "a namespace's own wrapper", code: '<?php namespace Net;\nfunction socket_read($s, $n) { return \\socket_read($s, $n) ?: ""; }\necho socket_read($c, 10);' },
    { name: 'shutdown before close', code: '<?php function bye($c) { socket_shutdown($c, 2);\nsocket_close($c); }' },
  ],
  invalid: [],
});

runRuleTests('unchecked-false-return', {
  valid: [{ name: 'switch (true) with a case that checks', code: '<?php $s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);\nswitch (true) { case $s === false: die(); }\nsocket_close($s);' }],
  invalid: [
    {
      name: 'a comment before the `;`',
      code: '<?php $s = socket_create_listen(80) or exit;\nsocket_bind($s, "0.0.0.0", 80) // x\n;',
      errors: [{ ...DROPPED(2, 1), suggestions: [{ desc: THROW('socket_bind'), output: "<?php $s = socket_create_listen(80) or exit;\nif (socket_bind($s, \"0.0.0.0\", 80) === false) {\n    throw new \\RuntimeException('socket_bind() failed: ' . socket_strerror(socket_last_error($s)));\n}" }] }],
    },
    { name: 'parenthesized statement: no fix', code: '<?php $s = socket_create_listen(80) or exit;\n(socket_listen($s, 5));', errors: [DROPPED(2, 2)] },
    { name: 'closed by ?>: no fix', code: '<?php $s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP) ?>\n', errors: [DROPPED(1, 12)] },
  ],
});

// A dropped socket_write()/socket_send() on a non-blocking socket loses data by a false or by a short
// count: one mistake, reported once, by partial-write (whose write-all loop handles both).
const NONBLOCKING = '<?php $s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP) or die();\nsocket_set_nonblock($s) or die();\n';
const WITH_PARTIAL_WRITE = { rules: { 'partial-write': 'warn' as const } };
runRuleTests('unchecked-false-return', {
  valid: [
    { name: 'a dropped non-blocking socket_write(): partial-write says it', code: NONBLOCKING + 'socket_write($s, $data);', options: WITH_PARTIAL_WRITE },
    { name: 'a dropped non-blocking socket_send(): partial-write says it', code: NONBLOCKING + 'socket_send($s, $frame, strlen($frame), 0);', options: WITH_PARTIAL_WRITE },
  ],
  invalid: [
    { name: 'partial-write off: this rule says it', code: NONBLOCKING + 'socket_write($s, $data);', errors: [{ ...DROPPED(3, 1), suggestions: [{ desc: THROW('socket_write'), output: NONBLOCKING + "if (socket_write($s, $data) === false) {\n    throw new \\RuntimeException('socket_write() failed: ' . socket_strerror(socket_last_error($s)));\n}" }] }] },
    { name: 'short literal data, which partial-write leaves alone', code: NONBLOCKING + 'socket_write($s, "PING\\r\\n");', options: WITH_PARTIAL_WRITE, errors: [{ ...DROPPED(3, 1), suggestions: [{ desc: THROW('socket_write'), output: NONBLOCKING + "if (socket_write($s, \"PING\\r\\n\") === false) {\n    throw new \\RuntimeException('socket_write() failed: ' . socket_strerror(socket_last_error($s)));\n}" }] }] },
    { name: 'a blocking socket, which partial-write leaves alone', code: NONBLOCKING.replace('socket_set_nonblock($s) or die();\n', '') + 'socket_write($s, $data);', options: WITH_PARTIAL_WRITE, errors: [{ ...DROPPED(2, 1), suggestions: [{ desc: THROW('socket_write'), output: NONBLOCKING.replace('socket_set_nonblock($s) or die();\n', '') + "if (socket_write($s, $data) === false) {\n    throw new \\RuntimeException('socket_write() failed: ' . socket_strerror(socket_last_error($s)));\n}" }] }] },
  ],
});

describe('one finding per mistake', () => {
  it('a dropped socket_write() on a non-blocking socket is partial-write alone with every rule on', () => {
    const findings = lintText(NONBLOCKING + 'socket_write($s, $data);\n').findings;
    expect(findings.map((f) => [f.ruleId, f.messageId, f.range[0]])).toEqual([['partial-write', 'dropped', NONBLOCKING.length]]);
  });
});

describe('unchecked-false-return messages', () => {
  it('name the error call that works for the code at hand', () => {
    const text = '<?php $s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);\nsocket_bind($s, "0.0.0.0", 80);\nif ($s === false) exit(1);\nsocket_listen($s);\n';
    expect(lintText(text).findings.filter((f) => f.ruleId === 'unchecked-false-return').map((f) => f.message)).toEqual([
      'socket_create() returns false on failure, and line 2 uses the result unchecked. On false, report socket_strerror(socket_last_error()).',
      'socket_bind() returns false on failure, and this result is never checked. On false, report socket_strerror(socket_last_error()).',
      'socket_listen() returns false on failure, and this result is never checked. On false, report socket_strerror(socket_last_error($s)).',
    ]);
  });
});
