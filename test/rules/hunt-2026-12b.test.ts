// Patterns from the second December 2026 hunt (hunt23): socket code by others that no earlier hunt
// had linted — 29 Debian packages (SMTP, IMAP, NNTP, SSH, NRPE, time-sync clients) and socket
// files of 18 public repositories (statsd, syslog, NTP, whois, Redis, SMTP, wake-on-LAN, WebSocket
// daemons); every finding judged by hand. Each case is written fresh and small and names the shape
// it stands for, never the code it was seen in. Cases the analyser gets right today guard against
// regressions; the ones it gets wrong are in the skipped block at the end, each with what is wrong
// and the result expected.
import { describe, expect, it } from 'vitest';
import { runPhp } from '../support/php';
import { lintText } from '../../server/src/core/lint';
import { runRuleTests } from '../support/rule-tester';

// ---- what the analyser gets right on this code today ----------------------------------------

// A metrics sender: the socket is made in one of two branches inside try/finally, and the first
// use (a TypeError for a false) is outside both. No suggestion: the calls sit inside a try.
const TWO_BRANCH_SENDER =
  '<?php function send_metric($line) {\n' +
  '  try {\n' +
  '    if (PHP_OS_FAMILY === "Windows") { $s = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP); }\n' +
  '    else { $s = socket_create(AF_UNIX, SOCK_DGRAM, 0); }\n' +
  '    socket_set_nonblock($s);\n' +
  '    return socket_sendto($s, $line, strlen($line), 0, "127.0.0.1", 8125);\n' +
  '  } finally {\n' +
  '    if (isset($s)) { socket_close($s); }\n' +
  '  }\n' +
  '}';

// `&$errstr` in a call (removed in PHP 5.4) is a syntax error for PHP 8, and for us: no edit is
// offered in the file, and the message names no `&$errstr` to report (parse.test.ts checks php).
const CALL_TIME_REFERENCE = '<?php $fp = fsockopen("example.com", 80, &$errno, &$errstr, 2);\nfwrite($fp, "x");';

runRuleTests('unchecked-false-return', {
  valid: [
    // A function of another file may exit or throw (a logger, a framework's abort()).
    { name: 'or a function of another file after the create', code: '<?php $s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP) or report("no socket");\nsocket_connect($s, "127.0.0.1", 80) or die();' },
    // `(int) $conn` is the stream's id, a select loop's array key: a false casts to 0, no error.
    { name: "an accepted stream's id taken before its check", code: '<?php $srv = stream_socket_server("tcp://0.0.0.0:9000") or die();\n$all = [];\n$c = @stream_socket_accept($srv, 0);\n$key = (int) $c;\nif (is_resource($c)) { $all[$key] = $c; }' },
  ],
  invalid: [
    {
      name: 'a socket made in either branch of a try, used after both',
      code: TWO_BRANCH_SENDER,
      errors: [
        { messageId: 'used', line: 3, column: 45 },
        { messageId: 'used', line: 4, column: 17 },
        { messageId: 'dropped', line: 5, column: 5 },
      ],
    },
    {
      // The id is no check: the write after it is the use.
      name: "an accepted stream's id taken, then the stream written to unchecked",
      code: '<?php $srv = stream_socket_server("tcp://0.0.0.0:9000") or die();\n$c = @stream_socket_accept($srv, 0);\n$key = (int) $c;\nfwrite($c, "hi");',
      errors: [{ messageId: 'used', line: 2, column: 7, suggestions: [{ desc: 'Check $c for false after stream_socket_accept()', output: '<?php $srv = stream_socket_server("tcp://0.0.0.0:9000") or die();\n$c = @stream_socket_accept($srv, 0);\nif ($c === false) {\n    throw new \\RuntimeException(\'stream_socket_accept() failed: \' . (error_get_last()[\'message\'] ?? \'\'));\n}\n$key = (int) $c;\nfwrite($c, "hi");' }] }],
    },
    {
      // A count cast to int still hides its failure as 0.
      name: 'a recv count cast to int',
      code: '<?php $s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP) or die();\n$n = socket_recv($s, $buf, 10, 0);\n$total = (int) $n;',
      errors: [{ messageId: 'used', line: 2, column: 6, suggestions: [{ desc: 'Check $n for false after socket_recv()', output: '<?php $s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP) or die();\n$n = socket_recv($s, $buf, 10, 0);\nif ($n === false) {\n    throw new \\RuntimeException(\'socket_recv() failed: \' . socket_strerror(socket_last_error($s)));\n}\n$total = (int) $n;' }] }],
    },
    {
      name: 'an opener given its error outputs by call-time reference',
      code: CALL_TIME_REFERENCE,
      errors: [
        { messageId: 'used', line: 1, column: 13 },
        { messageId: 'parseError', line: 1, column: 42 },
        { messageId: 'parseError', line: 1, column: 51 },
      ],
    },
  ],
});

describe('messages on this code', () => {
  it('report the last warning, not the text `&$errstr`, for an opener given call-time references', () => {
    const [finding] = lintText(CALL_TIME_REFERENCE).findings.filter((f) => f.ruleId === 'unchecked-false-return');
    expect(finding?.message).toBe("fsockopen() returns false on failure, and line 2 uses the result unchecked. On false, report (error_get_last()['message'] ?? '').");
  });
});

runRuleTests('socket-is-resource', {
  valid: [],
  invalid: [
    {
      name: 'is_resource() after a create whose or-branch only reports',
      code: '<?php $s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP) or report("no socket");\nif (!is_resource($s)) { report("no socket"); }\nsocket_connect($s, "127.0.0.1", 80) or die();',
      errors: [{ messageId: 'isResource', line: 2, column: 6 }],
      output: '<?php $s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP) or report("no socket");\nif (!$s instanceof \\Socket) { report("no socket"); }\nsocket_connect($s, "127.0.0.1", 80) or die();',
    },
  ],
});

// The stream functions take their outputs by reference too: fsockopen()'s error code and message,
// stream_select()'s arrays.
runRuleTests('by-reference-expression', {
  valid: [],
  invalid: [
    {
      name: "assignments as fsockopen()'s error code and message",
      code: '<?php $fp = fsockopen("example.com", 80, $errno = 0, $errstr = "", 5) or die();\necho "connected\\n";',
      errors: [
        { messageId: 'expression', line: 1, column: 42 },
        { messageId: 'expression', line: 1, column: 54 },
      ],
      output: '<?php $errno = 0;\n$errstr = "";\n$fp = fsockopen("example.com", 80, $errno, $errstr, 5) or die();\necho "connected\\n";',
    },
    {
      name: "assignments as stream_select()'s write and except sets",
      code: '<?php $fp = stream_socket_client("tcp://example.com:80") or die();\n$r = [$fp];\nif (stream_select($r, $w = null, $e = null, 5) === false) { exit(1); }',
      errors: [
        { messageId: 'expression', line: 3, column: 23 },
        { messageId: 'expression', line: 3, column: 34 },
      ],
      output: '<?php $fp = stream_socket_client("tcp://example.com:80") or die();\n$r = [$fp];\n$w = null;\n$e = null;\nif (stream_select($r, $w, $e, 5) === false) { exit(1); }',
    },
  ],
});

describe('what PHP 8 does with the values in these cases', () => {
  it('sends a datagram whole or not at all: fwrite() on a udp:// stream returns the full length or false', async () => {
    const run = await runPhp([], '<?php $srv = stream_socket_server("udp://127.0.0.1:0", $e, $m, STREAM_SERVER_BIND);\n$c = stream_socket_client("udp://" . stream_socket_get_name($srv, false));\nstream_set_blocking($c, false);\n$out = [];\nforeach ([100, 65507, 65508] as $n) { $out[] = @fwrite($c, str_repeat("x", $n)); }\nvar_export($out);');
    expect(run.stdout).toBe('array (\n  0 => 100,\n  1 => 65507,\n  2 => false,\n)');
  });

  it('sends a datagram whole on a non-blocking SOCK_DGRAM socket too: socket_write() returns the full length', async () => {
    const run = await runPhp([], '<?php $srv = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP); socket_bind($srv, "127.0.0.1", 0); socket_getsockname($srv, $a, $p);\n$u = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP); socket_set_nonblock($u); socket_connect($u, "127.0.0.1", $p);\n$counts = [];\nfor ($i = 0; $i < 200; $i++) { $r = @socket_write($u, str_repeat("y", 30000)); $counts[var_export($r, true)] = true; }\nvar_export(array_keys($counts));');
    expect(run.stdout).toBe("array (\n  0 => 30000,\n)");
  });
});

// ---- what the analyser got wrong, fixed since -------------------------------------------------

// partial-write's cases of this hunt (udp:// streams and non-blocking SOCK_DGRAM sockets, command
// lines built with `.`, a count kept and tested only for false) are in test/rules/partial-write.test.ts.

// An accept whose false only leaves the function it runs in (fixed by hunt24).
runRuleTests('accept-default-timeout', {
  valid: [
    // The accept runs in the readable callback of an event loop on a non-blocking server (it
    // returns at once), and the `return` on false leaves the callback, not the program.
    { name: 'an accept in the readable callback of a non-blocking server', code: '<?php $srv = stream_socket_server("tcp://0.0.0.0:8080", $errno, $errstr) or die();\nstream_set_blocking($srv, false);\n$onReadable = function ($srv) {\n  $c = @stream_socket_accept($srv);\n  if (!is_resource($c)) { return; }\n  fwrite($c, "hi\\n");\n};' },
    // A method of a reactor's handler that returns on a false accept: the reactor goes on.
    { name: 'an accept in a handler method that returns on false', code: '<?php class Acceptor { private $srv;\n  function onReadable() {\n    $c = stream_socket_accept($this->srv);\n    if (!is_resource($c)) { return; }\n    fwrite($c, "hi\\n");\n  } }' },
  ],
  invalid: [],
});
