// errno-as-failure-test: $errno is 0 for failures before connect() and for every
// stream_socket_server() failure, and junk on an unknown transport (php-behaviour.test.ts measures
// each), so testing it instead of the opener's result misses failures.
import { runRuleTests } from '../support/rule-tester';

runRuleTests('errno-as-failure-test', {
  valid: [
    { name: '$errno read only after the result said false', code: '<?php $fp = fsockopen("h", 80, $errno, $errstr, 5);\nif (!$fp) { echo $errno === 0 ? "no connect: $errstr" : "errno $errno"; exit(1); }\nfwrite($fp, "x");' },
    { name: '=== false, then a switch on $errno', code: '<?php $fp = stream_socket_client("tcp://a:1", $errno, $errstr);\nif ($fp === false) { switch ($errno) { case 0: break; default: echo $errno; } }' },
    { name: 'result tested, $errno tested besides', code: '<?php $fp = @fsockopen("h", 80, $errno, $errstr);\nif ($fp === false || $errno > 0) exit(1);' },
    { name: '$errstr only (it names most failures)', code: '<?php fsockopen("h", 389, $errno, $errstr, 5);\nif ($errstr !== "") return false;' },
    { name: 'under a throwing error handler', code: '<?php set_error_handler(fn ($n, $s) => throw new ErrorException($s));\nfsockopen("h", 389, $errno, $errstr, 5);\nif ($errno > 0) return false;' },
    { name: 'a variable named $errno of nothing', code: '<?php $errno = socket_last_error();\nif ($errno > 0) exit;' },
  ],
  invalid: [
    {
      name: 'a ping that drops the result and tests $errno',
      code: '<?php function ping($host) {\n  fsockopen($host, 389, $errno, $errstr, 5);\n  if ($errno > 0) { return false; }\n  return true;\n}',
      errors: [{ messageId: 'beforeConnect', line: 3, column: 7, endLine: 3, endColumn: 13 }],
    },
    {
      name: 'stream_socket_server(): $errno is always 0',
      code: '<?php $srv = stream_socket_server("tcp://0.0.0.0:80", $errno, $errstr);\nif ($errno !== 0) die($errstr);\nstream_socket_accept($srv, -1);',
      errors: [{ messageId: 'alwaysZero', line: 2, column: 5, endLine: 2, endColumn: 11 }],
    },
  ],
});
