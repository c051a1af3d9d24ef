import { runRuleTests } from '../support/rule-tester';

const S = '<?php $s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);\n';
const IS = (line: number, column: number, endColumn?: number) => ({ messageId: 'isResource', line, column, ...(endColumn ? { endLine: line, endColumn } : {}) });

runRuleTests('socket-is-resource', {
  valid: [
    { name: 'instanceof', code: S + 'if (!$s instanceof \\Socket) exit(1);' },
    { name: 'file handle', code: '<?php $fp = fopen("php://memory", "r");\nif (!is_resource($fp)) exit(1);' },
    { name: 'stream socket', code: '<?php $fp = stream_socket_client("tcp://127.0.0.1:80");\nif (is_resource($fp)) fclose($fp);' },
    { name: 'curl handle', code: '<?php $ch = curl_init();\nif (is_resource($ch)) curl_close($ch);' },
    { name: 'right before PHP 8', code: S + 'if (!is_resource($s)) exit(1);', options: { phpVersion: '7.4' } },
    { name: 'user function named socket_create in a namespace', code: '<?php namespace Fake;\nfunction socket_create() { return fopen("php://memory", "r"); }\n$s = Fake\\socket_create();\nif (is_resource($s)) echo 1;' },
    { name: 'gettype for logging', code: S + 'echo gettype($s);' },
    { name: 'written for PHP 7 and 8: paired with instanceof', code: S + 'if (is_resource($s) || $s instanceof \\Socket) socket_close($s);' },
    {
      name: 'negated pair on a property',
      code: '<?php class U { private $sock;\n  function __construct() { $this->sock = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP) ?: null; }\n  function send($m) { if (!is_resource($this->sock) && !$this->sock instanceof Socket) throw new Exception(); } }',
    },
    { name: 'gettype compared with something else', code: S + 'if (gettype($s) === "object") echo 1;' },
  ],
  invalid: [
    {
      name: 'negated, in a condition',
      code: S + 'if (!is_resource($s)) exit(1);',
      errors: [IS(2, 6, 21)],
      output: S + 'if (!$s instanceof \\Socket) exit(1);',
    },
    { name: 'plain condition', code: S + 'if (is_resource($s)) socket_close($s);', errors: [IS(2, 5)], output: S + 'if ($s instanceof \\Socket) socket_close($s);' },
    {
      name: 'property, under && and ||',
      code: '<?php class C { private $sock;\n  function __construct() { $this->sock = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP); }\n  function close() { if ($this->sock && is_resource($this->sock) || $x) socket_close($this->sock); } }',
      errors: [IS(3, 41)],
      output:
        '<?php class C { private $sock;\n  function __construct() { $this->sock = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP); }\n  function close() { if ($this->sock && $this->sock instanceof \\Socket || $x) socket_close($this->sock); } }',
    },
    {
      name: 'cast needs parentheses',
      code: S + '$ok = (bool) is_resource($s) + 1;',
      errors: [IS(2, 14)],
      output: S + '$ok = (bool) ($s instanceof \\Socket) + 1;',
    },
    {
      name: 'may be',
      code: '<?php function f($cond, $other) { $s = $cond ? socket_create(AF_INET, SOCK_STREAM, 0) : $other;\nif (is_resource($s)) echo 1; }',
      errors: [{ messageId: 'maybeIsResource', line: 2, column: 5 }],
      output: '<?php function f($cond, $other) { $s = $cond ? socket_create(AF_INET, SOCK_STREAM, 0) : $other;\nif ($s instanceof \\Socket) echo 1; }',
    },
    { name: 'accepted socket', code: '<?php $c = socket_accept($l);\nwhile (is_resource($c)) { break; }', errors: [IS(2, 8)], output: '<?php $c = socket_accept($l);\nwhile ($c instanceof \\Socket) { break; }' },
    { name: 'get_resource_type', code: S + 'echo get_resource_type($s);', errors: [{ messageId: 'getResourceType', line: 2, column: 6 }] },
    {
      name: "gettype() === 'resource'",
      code: S + "if (gettype($s) === 'resource') echo 1;",
      errors: [{ messageId: 'gettype', line: 2, column: 5 }],
      output: S + 'if ($s instanceof \\Socket) echo 1;',
    },
    {
      name: "gettype() !== 'resource'",
      code: S + "if (gettype($s) !== 'resource') exit(1);",
      errors: [{ messageId: 'gettype', line: 2, column: 5 }],
      output: S + 'if (!($s instanceof \\Socket)) exit(1);',
    },
  ],
});

runRuleTests('socket-is-resource', {
  valid: [{ name: 'a PHP version guard', code: '<?php $s = socket_create(AF_INET, SOCK_STREAM, 0);\n$ok = PHP_VERSION_ID >= 80000 ? $s instanceof \\Socket : is_resource($s);' }],
  invalid: [],
});

runRuleTests('socket-is-resource', {
  valid: [],
  invalid: [
    {
      name: 'keeps what follows `or`',
      code: '<?php $s = socket_create(AF_INET, SOCK_STREAM, 0);\n$ok = is_resource($s) or die("no socket");',
      errors: [{ messageId: 'isResource', line: 2, column: 7, endLine: 2, endColumn: 22 }],
      output: '<?php $s = socket_create(AF_INET, SOCK_STREAM, 0);\n$ok = $s instanceof \\Socket or die("no socket");',
    },
    {
      name: 'keeps what follows `xor`',
      code: '<?php $s = socket_create(AF_INET, SOCK_STREAM, 0);\n$v = is_resource($s) xor true;',
      errors: [{ messageId: 'isResource', line: 2, column: 6 }],
      output: '<?php $s = socket_create(AF_INET, SOCK_STREAM, 0);\n$v = $s instanceof \\Socket xor true;',
    },
  ],
});
