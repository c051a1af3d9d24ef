// accept-default-timeout: stream_socket_accept() with no timeout returns false after
// default_socket_timeout, and a loop that ends on false stops after one idle minute (measured in
// test/stream/php-behaviour.test.ts).
import { runRuleTests } from '../support/rule-tester';

const S = '<?php $server = stream_socket_server("tcp://0.0.0.0:8000", $errno, $errstr) or die($errstr);\n';
const FOREVER = 'Pass -1 as the timeout (wait for ever)';
const LOOP = (line: number, column: number, endColumn: number) => ({ messageId: 'loop', line, column, endLine: line, endColumn });

runRuleTests('accept-default-timeout', {
  valid: [
    { name: 'a timeout of -1', code: S + 'while ($c = stream_socket_accept($server, -1)) { fclose($c); }' },
    { name: 'a timeout given', code: S + 'while ($c = stream_socket_accept($server, 5)) { fclose($c); }' },
    { name: 'a loop that goes on after false', code: S + 'while (true) {\n  $c = @stream_socket_accept($server);\n  if (!$c) continue;\n  fclose($c);\n}' },
    { name: 'a false test that does not end anything', code: S + 'while (true) {\n  $c = @stream_socket_accept($server);\n  if ($c === false) { echo "idle\\n"; }\n  else fclose($c);\n}' },
    { name: 'after stream_select(), the loop never ends on false', code: S + 'while (true) {\n  $r = [$server]; $w = $e = null;\n  if (stream_select($r, $w, $e, null)) { $c = stream_socket_accept($server); if ($c) fclose($c); }\n}' },
    { name: 'a return on false in a function only leaves the function', code: '<?php function acceptOne($server) {\n  $c = stream_socket_accept($server);\n  if ($c === false) return null;\n  return $c;\n}' },
    { name: 'a timeout from a parameter', code: '<?php function serve($server, $timeout) { while ($c = stream_socket_accept($server, $timeout)) { fclose($c); } }' },
  ],
  invalid: [
    {
      name: 'while ($c = stream_socket_accept($s))',
      code: S + 'while ($c = stream_socket_accept($server)) {\n  fwrite($c, "hello\\n");\n  fclose($c);\n}',
      errors: [{ ...LOOP(2, 13, 33), suggestions: [{ desc: FOREVER, output: S + 'while ($c = stream_socket_accept($server, -1)) {\n  fwrite($c, "hello\\n");\n  fclose($c);\n}' }] }],
    },
    {
      name: 'if (!$c) break, with @',
      code: S + 'for (;;) {\n  $c = @stream_socket_accept($server);\n  if (!$c) {\n    break;\n  }\n  fclose($c);\n}',
      errors: [{ ...LOOP(3, 9, 29), suggestions: [{ desc: FOREVER, output: S + 'for (;;) {\n  $c = @stream_socket_accept($server, -1);\n  if (!$c) {\n    break;\n  }\n  fclose($c);\n}' }] }],
    },
    {
      name: 'a null timeout is the default',
      code: S + 'while (true) {\n  $c = stream_socket_accept($server, null, $peer);\n  if ($c === false) exit(1);\n  fclose($c);\n}',
      errors: [{ ...LOOP(3, 8, 28), suggestions: [{ desc: FOREVER, output: S + 'while (true) {\n  $c = stream_socket_accept($server, -1, $peer);\n  if ($c === false) exit(1);\n  fclose($c);\n}' }] }],
    },
    {
      name: 'one accept or die: the program stops',
      code: S + '$c = stream_socket_accept($server) or die("no client");\nfclose($c);',
      errors: [{ messageId: 'program', line: 2, column: 6, endLine: 2, endColumn: 26, suggestions: [{ desc: FOREVER, output: S + '$c = stream_socket_accept($server, -1) or die("no client");\nfclose($c);' }] }],
    },
    {
      name: 'named argument',
      code: S + 'while ($c = stream_socket_accept(peer_name: $peer, socket: $server)) { fclose($c); }',
      errors: [{ ...LOOP(2, 13, 33), suggestions: [{ desc: FOREVER, output: S + 'while ($c = stream_socket_accept(peer_name: $peer, socket: $server, timeout: -1)) { fclose($c); }' }] }],
    },
    {
      name: 'a return on false inside a loop of a function ends the loop',
      code: '<?php function serve($server) {\n  while (true) {\n    $c = stream_socket_accept($server);\n    if (!$c) return;\n    fclose($c);\n  }\n}',
      errors: [{ ...LOOP(3, 10, 30), suggestions: [{ desc: FOREVER, output: '<?php function serve($server) {\n  while (true) {\n    $c = stream_socket_accept($server, -1);\n    if (!$c) return;\n    fclose($c);\n  }\n}' }] }],
    },
    {
      name: 'an exit on false in a callback stops the program',
      code: S + '$onReadable = function () use ($server) {\n  $c = stream_socket_accept($server);\n  if (!$c) exit(1);\n  fclose($c);\n};',
      errors: [{ messageId: 'program', line: 3, column: 8, endLine: 3, endColumn: 28, suggestions: [{ desc: FOREVER, output: S + '$onReadable = function () use ($server) {\n  $c = stream_socket_accept($server, -1);\n  if (!$c) exit(1);\n  fclose($c);\n};' }] }],
    },
    {
      name: 'a return on false at the top of a script ends the script',
      code: S + '$c = stream_socket_accept($server);\nif (!$c) return;\nfclose($c);',
      errors: [{ messageId: 'program', line: 2, column: 6, endLine: 2, endColumn: 26, suggestions: [{ desc: FOREVER, output: S + '$c = stream_socket_accept($server, -1);\nif (!$c) return;\nfclose($c);' }] }],
    },
  ],
});
