// Patterns from the December 2026 hunt: ext/sockets code by others (104 files from 36 public
// repositories, other than the issue-12 hunt's; every finding judged by hand). Each case is
// written fresh and small and names the shape it stands for, never the code it was seen in. Cases
// the analyser gets right today guard against regressions; the ones it gets wrong are in the
// skipped block at the end, each with what is wrong and the result expected.
import { describe, expect, it } from 'vitest';
import { runPhp } from '../support/php';
import { runRuleTests } from '../support/rule-tester';

const TCP = '<?php $s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP) or die();\n';
const UDP = '<?php $u = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP) or die();\n';
const LISTENER = '<?php $srv = socket_create_listen(9000) or die();\n';

// ---- what the analyser gets right on this code today ----------------------------------------

const FALSE_EQUALS = '<?php if (false == ($s = @socket_create(AF_INET, SOCK_STREAM, SOL_TCP))) { echo "no socket\\n"; }\nif (false == @socket_bind($s, "127.0.0.1", 8080)) { echo "no bind\\n"; }';
const LOGGED_FIRST = LISTENER + '$c = socket_accept($srv) or die();\n$in = socket_read($c, 1024);\necho "got: $in\\n";\nif ($in != false) { echo "ok"; }';
const RUNNING_TOTAL = TCP + '$total = 0;\ndo { $n = socket_recv($s, $part, 1000, 0);\n  $total += $n; } while ($n == 1000);';
const CONCATENATED = TCP + 'socket_write($s, ">", 1) . chr(0);';
const OUTPUT_NOT_FALSE = TCP + 'socket_recv($s, $reply, 1024, 0);\nif ($reply !== false) { echo $reply; }';
const PROPERTY_ERROR = '<?php class Conn { private $s;\n  function open() { if (!$this->s = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP)) { throw new RuntimeException(socket_last_error($this->s)); }\n    return $this->s; } }';
const CLOSED_WHEN_FALSE = LISTENER + 'function serve($srv) {\n  if (!$c = socket_accept($srv)) { socket_close($c); return; }\n  socket_close($c);\n}';

runRuleTests('unchecked-false-return', {
  valid: [
    { name: 'a recv count below a frame header leaves the loop', code: TCP + 'while (true) { $n = @socket_recv($s, $frame, 2048, 0);\n  if ($n < 2) { break; }\n  echo strlen($frame); }' },
    { name: '== 0 returns on false too', code: '<?php function pump($c) { $n = @socket_recv($c, $buf, 2048, 0);\n  if ($n == 0) { return; }\n  echo $buf; }' },
    { name: 'read in a while condition with != false', code: TCP + 'while (($out = @socket_read($s, 2048)) != false) { echo $out; }' },
    { name: 'a wrapper method that throws on === false', code: '<?php class Sock { private $r;\n  function bind($a, $p) { $ok = @socket_bind($this->r, $a, $p); if ($ok === false) { throw new RuntimeException("bind"); } return true; } }' },
    { name: 'accepted into a property inside a condition', code: '<?php class Peer { private $s;\n  function __construct($srv) { if ($this->s = socket_accept($srv)) { socket_set_nonblock($this->s) or die(); } } }' },
    { name: 'the output of a recvfrom whose result is tested', code: UDP + 'socket_bind($u, "0.0.0.0", 514) or die();\nif (socket_recvfrom($u, $line, 1024, 0, $from, $port) === false) { exit(1); }\necho "$from: $line";' },
  ],
  invalid: [
    {
      name: 'false == assignment whose branch only reports, then bound',
      code: FALSE_EQUALS,
      // No suggestion: the call sits inside the condition.
      errors: [{ messageId: 'used', line: 1, column: 27, suggestions: [] }],
    },
    {
      name: 'a read interpolated in a log line before its test',
      code: LOGGED_FIRST,
      errors: [
        {
          messageId: 'used',
          line: 3,
          column: 7,
          suggestions: [
            {
              desc: 'Check $in for false after socket_read()',
              output: LISTENER + "$c = socket_accept($srv) or die();\n$in = socket_read($c, 1024);\nif ($in === false) {\n    throw new \\RuntimeException('socket_read() failed: ' . socket_strerror(socket_last_error($c)));\n}\necho \"got: $in\\n\";\nif ($in != false) { echo \"ok\"; }",
            },
          ],
        },
      ],
    },
    {
      name: 'a recv count added to a running total',
      code: RUNNING_TOTAL,
      errors: [
        {
          messageId: 'used',
          line: 3,
          column: 11,
          suggestions: [
            {
              desc: 'Check $n for false after socket_recv()',
              output: TCP + "$total = 0;\ndo { $n = socket_recv($s, $part, 1000, 0);\nif ($n === false) {\n  throw new \\RuntimeException('socket_recv() failed: ' . socket_strerror(socket_last_error($s)));\n}\n  $total += $n; } while ($n == 1000);",
            },
          ],
        },
      ],
    },
    {
      name: 'a write result concatenated and thrown away',
      code: CONCATENATED,
      errors: [{ messageId: 'used', line: 2, column: 1, suggestions: [] }],
    },
    {
      // socket_recv() sets its output to null on failure (checked below against the real php):
      // `!== false` on the output never sees the failure.
      name: 'a recv whose output is compared with false',
      code: OUTPUT_NOT_FALSE,
      errors: [
        {
          messageId: 'dropped',
          line: 2,
          column: 1,
          suggestions: [
            {
              desc: 'Throw when socket_recv() fails',
              output: TCP + "if (socket_recv($s, $reply, 1024, 0) === false) {\n    throw new \\RuntimeException('socket_recv() failed: ' . socket_strerror(socket_last_error($s)));\n}\nif ($reply !== false) { echo $reply; }",
            },
          ],
        },
      ],
    },
    {
      // socket_last_error(false) is a TypeError in PHP 8 (hunt-patterns.test.ts checks it).
      name: 'socket_last_error() of the false property in its own throw branch',
      code: PROPERTY_ERROR,
      errors: [{ messageId: 'usedWhereFalse', line: 2, column: 37, suggestions: [] }],
    },
    {
      // socket_close(false) is a TypeError in PHP 8 (checked below against the real php).
      name: 'socket_close() of the failed accept in its own branch',
      code: CLOSED_WHEN_FALSE,
      errors: [{ messageId: 'usedWhereFalse', line: 3, column: 13, suggestions: [] }],
    },
  ],
});

runRuleTests('impossible-false-check', {
  valid: [],
  invalid: [
    {
      name: 'a C-style test of a created socket with an else that reports success',
      code: '<?php $s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);\nif ($s < 0) { echo "failed"; exit(); } else { echo "OK"; }',
      errors: [{ messageId: 'errorTest', line: 2, column: 5 }],
      output: '<?php $s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);\nif ($s === false) { echo "failed"; exit(); } else { echo "OK"; }',
    },
  ],
});

runRuleTests('socket-is-resource', {
  valid: [],
  invalid: [
    {
      // On PHP 8 no accepted client is ever kept.
      name: 'is_resource() inside the branch of a truthy accept',
      code: LISTENER + '$all = [];\nif ($c = socket_accept($srv)) { if (is_resource($c)) { $all[] = $c; } }',
      errors: [{ messageId: 'isResource', line: 3, column: 37 }],
      output: LISTENER + '$all = [];\nif ($c = socket_accept($srv)) { if ($c instanceof \\Socket) { $all[] = $c; } }',
    },
  ],
});

runRuleTests('by-reference-expression', {
  valid: [],
  invalid: [
    {
      name: 'assignments as write and except of a silenced select whose count is kept',
      code: LISTENER + '$changed = [$srv];\n$n = @socket_select($changed, $write = NULL, $except = NULL, 0);',
      errors: [
        { messageId: 'expression', line: 3, column: 31 },
        { messageId: 'expression', line: 3, column: 46 },
      ],
      output: LISTENER + '$changed = [$srv];\n$write = NULL;\n$except = NULL;\n$n = @socket_select($changed, $write, $except, 0);',
    },
  ],
});

runRuleTests('udp-connect', {
  valid: [
    // A ping socket: raw on one platform, datagram ICMP on the other; not UDP on every path.
    { name: 'an ICMP socket raw on one path, datagram on the other', code: '<?php $s = PHP_OS_FAMILY === "Windows" ? socket_create(AF_INET, SOCK_RAW, 1) : socket_create(AF_INET, SOCK_DGRAM, 1);\nif ($s === false) exit(1);\nsocket_connect($s, "10.0.0.1", 0) or die();' },
  ],
  invalid: [],
});

// Fixed after the hunt: a connect a non-blocking socket completes later (seen in two
// repositories), scripts written for short_open_tag (7 files of 4 repositories), and
// array_push() taken for a store into the array, as `$all[] = $c` is (one repository), and the
// failure printed in its own branch, the PHP manual's "Reason: ($result)" (two repositories), and
// a socket_recvfrom() output reset before the call and tested after it (two repositories).
/** The "Throw when … fails" suggestion's text for a call as a statement. */
function throwing(call: string, fn: string): string {
  return `if (${call} === false) {\n    throw new \\RuntimeException('${fn}() failed: ' . socket_strerror(socket_last_error($s)));\n}`;
}
runRuleTests('unchecked-false-return', {
  valid: [
    {
      name: 'a dropped connect on a non-blocking socket, completed through select and SO_ERROR',
      code: TCP + 'socket_set_nonblock($s) or die();\n@socket_connect($s, "127.0.0.1", 9000);\n$r = []; $w = [$s]; $e = [];\nif (socket_select($r, $w, $e, 5) !== 1) { exit(1); }\nif (socket_get_option($s, SOL_SOCKET, SO_ERROR) !== 0) { exit(1); }',
    },
    { name: 'the result interpolated in its own failure branch', code: TCP + '$r = socket_connect($s, "127.0.0.1", 80);\nif ($r === false) { echo "connect failed ($r)\\n"; exit(1); }' },
    { name: "the PHP manual's Reason: (\$result), in a branch that does not leave", code: TCP + '$result = socket_connect($s, "127.0.0.1", 80);\nif ($result === false) {\n  echo "socket_connect() failed.\\nReason: ($result) " . socket_strerror(socket_last_error($s)) . "\\n";\n} else {\n  echo "OK.\\n";\n}' },
    { name: 'a recvfrom output reset to null and tested with is_null()', code: UDP + 'socket_bind($u, "0.0.0.0", 1900) or die();\nwhile (true) {\n  $buf = null;\n  @socket_recvfrom($u, $buf, 1024, 0, $from, $port);\n  if (is_null($buf)) { break; }\n  echo $buf;\n}' },
    { name: 'a recvfrom output reset to an empty string and compared with it', code: UDP + '$buf = "";\n@socket_recvfrom($u, $buf, 1024, MSG_DONTWAIT, $from, $port);\nif ($buf === "") { exit(1); }\necho $buf;' },
    { name: 'array_push() of a checked accept', code: LISTENER + '$all = [];\n$c = socket_accept($srv) or die();\narray_push($all, $c);\nsocket_write($c, "hi") or die();' },
    { name: 'an XML prolog in a PHP template is no short open tag', code: '<?xml version="1.0"?>\n<feed><? socket_bind($s, "0.0.0.0", 1); ?></feed>' },
  ],
  invalid: [
    {
      name: 'a dropped connect on a socket made blocking again',
      code: TCP + 'socket_set_nonblock($s) or die();\nsocket_set_block($s) or die();\nsocket_connect($s, "127.0.0.1", 9000);',
      errors: [{ messageId: 'dropped', line: 4, column: 1, suggestions: [{ desc: 'Throw when socket_connect() fails', output: TCP + 'socket_set_nonblock($s) or die();\nsocket_set_block($s) or die();\n' + throwing('socket_connect($s, "127.0.0.1", 9000)', 'socket_connect') }] }],
    },
    {
      name: 'array_push() of an accept, then the variable used',
      code: LISTENER + '$all = [$srv];\n$c = socket_accept($srv);\narray_push($all, $c);\nsocket_write($c, "hi") or die();',
      errors: [
        {
          messageId: 'used',
          line: 3,
          column: 6,
          suggestions: [
            {
              desc: 'Check $c for false after socket_accept()',
              output: LISTENER + "$all = [$srv];\n$c = socket_accept($srv);\nif ($c === false) {\n    throw new \\RuntimeException('socket_accept() failed: ' . socket_strerror(socket_last_error($srv)));\n}\narray_push($all, $c);\nsocket_write($c, \"hi\") or die();",
            },
          ],
        },
      ],
    },
    {
      name: 'array_push() of an accept, then an element used',
      code: LISTENER + '$all = [];\narray_push($all, socket_accept($srv));\nsocket_write($all[0], "hi") or die();',
      errors: [{ messageId: 'used', line: 3, column: 18, suggestions: [] }],
    },
    {
      name: 'printed in its failure branch, which does not leave, then used',
      code: LISTENER + '$c = socket_accept($srv);\nif ($c === false) { echo "accept failed: " . $c; }\nsocket_write($c, "hi") or die();',
      errors: [
        {
          messageId: 'used',
          line: 2,
          column: 6,
          suggestions: [
            {
              desc: 'Check $c for false after socket_accept()',
              output: LISTENER + "$c = socket_accept($srv);\nif ($c === false) {\n    throw new \\RuntimeException('socket_accept() failed: ' . socket_strerror(socket_last_error($srv)));\n}\nif ($c === false) { echo \"accept failed: \" . $c; }\nsocket_write($c, \"hi\") or die();",
            },
          ],
        },
      ],
    },
    {
      name: 'a recvfrom output not reset in the loop: the test sees the last datagram, not the failure',
      code: UDP + 'while (true) {\n  @socket_recvfrom($u, $buf, 1024, 0, $from, $port);\n  if (is_null($buf)) { break; }\n  echo $buf;\n}',
      // No throw for a call its author silenced with `@` (hunt-2026-12d.test.ts).
      errors: [{ messageId: 'dropped', line: 3, column: 4, suggestions: [] }],
    },
    {
      name: 'a script opened with the short tag',
      code: '#!/usr/bin/php\n<?\n$s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP) or die();\nsocket_bind($s, "0.0.0.0", 8080);\n',
      errors: [{ messageId: 'dropped', line: 4, column: 1, suggestions: [{ desc: 'Throw when socket_bind() fails', output: '#!/usr/bin/php\n<?\n$s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP) or die();\n' + throwing('socket_bind($s, "0.0.0.0", 8080)', 'socket_bind') + '\n' }] }],
    },
    {
      name: 'a short-tag script that writes an XML prolog from a string',
      code: '<?\n$s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP) or die();\nsocket_bind($s, "0.0.0.0", 8080);\necho \'<?xml version="1.0"?>\';\n',
      errors: [{ messageId: 'dropped', line: 3, column: 1, suggestions: [{ desc: 'Throw when socket_bind() fails', output: '<?\n$s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP) or die();\n' + throwing('socket_bind($s, "0.0.0.0", 8080)', 'socket_bind') + '\necho \'<?xml version="1.0"?>\';\n' }] }],
    },
    {
      name: 'a short tag with no space after it',
      code: '<?if (true) { socket_bind($s, "0.0.0.0", 8080); } ?>',
      errors: [{ messageId: 'dropped', line: 1, column: 15, suggestions: [{ desc: 'Throw when socket_bind() fails', output: '<?if (true) { ' + throwing('socket_bind($s, "0.0.0.0", 8080)', 'socket_bind') + ' } ?>' }] }],
    },
    {
      name: 'a short-tag section after a <?php one',
      code: '<?php $s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP) or die(); ?>\n<p>\n<? socket_bind($s, "0.0.0.0", 8080); ?>\n',
      errors: [{ messageId: 'dropped', line: 3, column: 4, suggestions: [{ desc: 'Throw when socket_bind() fails', output: '<?php $s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP) or die(); ?>\n<p>\n<? ' + throwing('socket_bind($s, "0.0.0.0", 8080)', 'socket_bind') + ' ?>\n' }] }],
    },
  ],
});

describe('what PHP 8 does with the values in these cases', () => {
  it('leaves a recvfrom output untouched on failure and sets a recv output to null', async () => {
    const run = await runPhp([], '<?php $u = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP); socket_bind($u, "127.0.0.1", 0);\n$a = "old"; $r = @socket_recvfrom($u, $a, 64, MSG_DONTWAIT, $from, $port);\n$b = "old"; $q = @socket_recv($u, $b, 64, MSG_DONTWAIT);\nvar_export([$r, $a, $q, $b]);');
    expect(run.stdout).toBe("array (\n  0 => false,\n  1 => 'old',\n  2 => false,\n  3 => NULL,\n)");
  });

  it('throws a TypeError when socket_close() is given the false of a failed call', async () => {
    const run = await runPhp([], '<?php $c = false; try { socket_close($c); echo "no error"; } catch (TypeError $e) { echo $e->getMessage(); } echo "|($c)";');
    expect(run.stdout).toBe('socket_close(): Argument #1 ($socket) must be of type Socket, bool given|()');
  });

  it('answers false with EINPROGRESS for a connect on a non-blocking socket, then reports the outcome in SO_ERROR', async () => {
    const run = await runPhp([], '<?php $l = socket_create_listen(0); socket_getsockname($l, $a, $p);\n$s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP); socket_set_nonblock($s);\n$r = @socket_connect($s, "127.0.0.1", $p);\n$w = [$s]; $n = $e = null; $ready = socket_select($n, $w, $e, 5);\nvar_export([$r, socket_last_error($s) === SOCKET_EINPROGRESS, $ready, socket_get_option($s, SOL_SOCKET, SO_ERROR)]);');
    expect(run.stdout).toBe('array (\n  0 => false,\n  1 => true,\n  2 => 1,\n  3 => 0,\n)');
  });

  it('runs code after the short open tag when short_open_tag is on, as PHP is built', async () => {
    const run = await runPhp(['-n', '-d', 'short_open_tag=1'], '<? echo "ran";');
    expect(run.stdout).toBe('ran');
  });
});

// ---- what the analyser gets wrong today ------------------------------------------------------

describe.skip('known wrong today (hunt 2026-12)', () => {
  runRuleTests('unchecked-false-return', {
    valid: [
    ],
    invalid: [
      {
        // Wrong: nothing. The accepted value goes through a method of the same class into the
        // property that tick() hands to socket_select() (a TypeError for a false). Expected: a
        // finding on the accept; the message id and range are a guess for the lead.
        name: 'an accept added to the selected property set by a helper method',
        code: '<?php class Hub { private $srv; private $set = [];\n  private function add($c) { $this->set[] = $c; }\n  function tick() { $r = $this->set; $w = $e = null;\n    if (socket_select($r, $w, $e, 1) === false) { return; }\n    if (in_array($this->srv, $r)) { $c = socket_accept($this->srv); $this->add($c); } } }',
        errors: [{ messageId: 'used', line: 5, column: 42 }],
      },
    ],
  });
});
