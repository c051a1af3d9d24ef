// Patterns from the issue-12 hunt: ext/sockets code by others (52 files from 32 public repositories,
// every finding judged by hand). Each case is written fresh, small, and names the shape it stands
// for, never the code it was seen in. Cases the analyser gets right today are plain tests; the
// ones it gets wrong are in the skipped block at the end, each with what is wrong, to be un-skipped
// after the rewrite of core/model and core/flow.
import { describe, expect, it } from 'vitest';
import { runPhp } from '../support/php';
import { runRuleTests } from '../support/rule-tester';

const THROW = (fn: string) => `Throw when ${fn}() fails`;
const CHECK = (variable: string, fn: string) => `Check ${variable} for false after ${fn}()`;

const L = '<?php $srv = socket_create_listen(9000) or die();\n';
const C = '<?php $s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP) or die();\n';
const U = '<?php $u = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP) or die();\n';

/** `code` with the check the suggestion inserts after line `line` (1-based). */
function checked(code: string, line: number, variable: string, fn: string, lastError: string, indentation = ''): string {
  const lines = code.split('\n');
  const unit = indentation === '' ? '    ' : '  ';
  const check =
    `${indentation}if (${variable} === false) {\n` +
    `${indentation}${unit}throw new \\RuntimeException('${fn}() failed: ' . socket_strerror(${lastError}));\n` +
    `${indentation}}`;
  return [...lines.slice(0, line), check, ...lines.slice(line)].join('\n');
}

/** A `used` finding on the call at line:column, with its one suggestion. */
function used(code: string, line: number, column: number, variable: string, fn: string, lastError: string, indentation = '') {
  return { messageId: 'used', line, column, suggestions: [{ desc: CHECK(variable, fn), output: checked(code, line, variable, fn, lastError, indentation) }] };
}

// ---- what the analyser gets right on this code today ----------------------------------------

const ECHO_ONLY = '<?php if (!$l = socket_create_listen(9000)) { echo socket_strerror(socket_last_error()), "\\n"; }\nsocket_set_nonblock($l) or die();';
const OWN_BRANCH = L + '$c = socket_accept($srv);\nif (!$c) { printf("accept failed: %d\\n", socket_last_error($c)); exit(1); }\nsocket_close($c);';
const CLOSED_AFTER_IF = '<?php $raw = socket_create(AF_INET, SOCK_RAW, 1);\nif ($raw) { $sent = 1; }\nsocket_close($raw);';
const ELSE_OF_STRING = C + '$d = socket_read($s, 100);\nif ($d == "ping") { echo "pong"; } else { socket_write($s, $d) or die(); }';
const NULL_BRANCH = C + '$in = socket_read($s, 10);\nif ($in == null) { socket_close($s); }\necho trim($in);';
const ECHOED = C + '$r = [$s]; $w = $e = null;\necho @socket_select($r, $w, $e, 5) . "\\n";';
const IN_NAMESPACE = '<?php namespace Pool;\n$srv = socket_create(AF_UNIX, SOCK_STREAM, 0);\nif (!$srv) { echo "no socket"; }\nsocket_bind($srv, "/tmp/pool.sock") or die();';

runRuleTests('unchecked-false-return', {
  valid: [
    {
      name: 'try/catch/finally around an error handler: the catch sets the fallback, tested after',
      code: C + 'set_error_handler(fn() => throw new \\ErrorException("connect"));\ntry { $up = socket_connect($s, "10.0.0.1", 5672); } catch (\\ErrorException $e) { $up = false; } finally { restore_error_handler(); }\nif (!$up) { throw new \\RuntimeException("down"); }',
    },
    {
      name: 'instanceof an imported Socket in a namespace, throw after',
      code: '<?php namespace Log;\nuse Socket;\nfunction open(): Socket {\n  $u = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP);\n  if ($u instanceof Socket) { return $u; }\n  throw new \\RuntimeException("no socket");\n}',
    },
    { name: 'recv in a while condition, >= 1', code: C + 'while (socket_recv($s, $buf, 1024, 0) >= 1) { echo $buf; }' },
    { name: 'read compared with the expected string', code: C + 'if (socket_read($s, 5) == "hello") { echo "greeted"; }' },
    { name: '== null covers false when the branch leaves', code: '<?php function line($c) {\n  $in = socket_read($c, 10);\n  if ($in == null) { socket_close($c); return ""; }\n  return trim($in);\n}' },
    {
      name: 'fully qualified, @, on a property, === false then throw',
      code: '<?php class Pair { private $ends = [];\n  function open() { if (@\\socket_create_pair(AF_UNIX, SOCK_STREAM, 0, $this->ends) === false) { throw new \\RuntimeException("pair"); } }\n  function send($m) { if (@\\socket_write($this->ends[0], $m) === false) { throw new \\RuntimeException("write"); } } }',
    },
    { name: 'assigned to a static property inside the condition', code: '<?php class Sender { private static $u;\n  function __construct() { if (!(self::$u = socket_create(AF_INET, SOCK_DGRAM, 0))) { die("no socket"); } } }' },
    {
      name: 'select: === false leaves, === 0 continues',
      code: C + 'while (true) {\n  $r = [$s]; $w = $e = [];\n  $n = socket_select($r, $w, $e, 1);\n  if ($n === false) { break; } elseif ($n === 0) { continue; }\n  echo "ready: $n";\n}',
    },
    { name: 'a ternary of two socket calls, tested once', code: C + '$ok = $blocking ? @socket_set_block($s) : @socket_set_nonblock($s);\nif ($ok === false) { exit(1); }' },
    { name: 'select compared with === 1', code: U + '$r = [$u]; $w = $e = null;\nif (@socket_select($r, $w, $e, 0, 0) === 1) { echo "readable"; }' },
    { name: 'code after a bare die; never runs', code: '<?php echo "old version below";\ndie;\n$s = socket_create(AF_INET, SOCK_STREAM, 0);\nsocket_bind($s, "0.0.0.0", 9000);' },
  ],
  invalid: [
    {
      name: 'assignment in a negated condition whose branch only reports',
      code: ECHO_ONLY,
      // No suggestion: the call sits inside the condition, there is no line after it to check on.
      errors: [{ messageId: 'used', line: 1, column: 17, suggestions: [] }],
    },
    {
      // socket_last_error(false) is a TypeError in PHP 8 (checked below against the real php).
      name: 'socket_last_error() of the failed value in its own branch',
      code: OWN_BRANCH,
      // Worded as a use in the failure branch, with no second check offered (hunt-2026-12d.test.ts).
      errors: [{ messageId: 'usedWhereFalse', line: 2, column: 6, suggestions: [] }],
    },
    {
      name: 'closed after the if that tested it',
      code: CLOSED_AFTER_IF,
      errors: [used(CLOSED_AFTER_IF, 1, 14, '$raw', 'socket_create', 'socket_last_error()')],
    },
    {
      name: 'the else branch of a comparison with a string still holds false',
      code: ELSE_OF_STRING,
      errors: [used(ELSE_OF_STRING, 2, 6, '$d', 'socket_read', 'socket_last_error($s)')],
    },
    {
      name: '== null catches false but the branch does not leave',
      code: NULL_BRANCH,
      errors: [used(NULL_BRANCH, 2, 7, '$in', 'socket_read', 'socket_last_error($s)')],
    },
    {
      name: 'unqualified socket_create() in a namespace is PHP’s own',
      code: IN_NAMESPACE,
      errors: [used(IN_NAMESPACE, 2, 8, '$srv', 'socket_create', 'socket_last_error()')],
    },
    {
      name: 'a select count echoed is used unchecked',
      code: ECHOED,
      errors: [{ messageId: 'used', line: 3, column: 7, suggestions: [] }],
    },
    {
      name: 'output parameters returned after an unchecked getpeername()',
      code: '<?php function peer($c): string {\n  socket_getpeername($c, $addr);\n  return $addr;\n}',
      errors: [
        {
          messageId: 'dropped',
          line: 2,
          column: 3,
          suggestions: [
            {
              desc: THROW('socket_getpeername'),
              output: "<?php function peer($c): string {\n  if (socket_getpeername($c, $addr) === false) {\n    throw new \\RuntimeException('socket_getpeername() failed: ' . socket_strerror(socket_last_error($c)));\n  }\n  return $addr;\n}",
            },
          ],
        },
      ],
    },
  ],
});

runRuleTests('impossible-false-check', {
  valid: [],
  invalid: [
    {
      name: 'C-style test on an accept assigned in the condition, in a do/while',
      code: L + 'do {\n  if (($m = socket_accept($srv)) < 0) { break; }\n  socket_close($m);\n} while (true);',
      errors: [{ messageId: 'errorTest', line: 3, column: 7 }],
      output: L + 'do {\n  if (($m = socket_accept($srv)) === false) { break; }\n  socket_close($m);\n} while (true);',
    },
    {
      name: 'C-style test of a bool result in a function',
      code: '<?php function up($s) {\n  $bound = socket_bind($s, "0.0.0.0", 8080);\n  if ($bound < 0) { return false; }\n  return true;\n}',
      errors: [{ messageId: 'errorTest', line: 3, column: 7 }],
      output: '<?php function up($s) {\n  $bound = socket_bind($s, "0.0.0.0", 8080);\n  if ($bound === false) { return false; }\n  return true;\n}',
    },
      {
        name: 'a C-style test whose other branch hands the value to a method of this class',
        code: '<?php class Hub { private $m; private $all = [];\n  function add($c) { $this->all[] = $c; }\n  function tick() { $c = socket_accept($this->m);\n    if ($c < 0) { return; } else { $this->add($c); } } }',
        errors: [{ messageId: 'errorTest', line: 4, column: 9 }],
        output: '<?php class Hub { private $m; private $all = [];\n  function add($c) { $this->all[] = $c; }\n  function tick() { $c = socket_accept($this->m);\n    if ($c === false) { return; } else { $this->add($c); } } }',
      },
  ],
});

runRuleTests('socket-is-resource', {
  valid: [
    { name: 'dual guard: is_resource() || (truthy && instanceof)', code: C + 'function alive($r) { return is_resource($r) || ($r && $r instanceof \\Socket); }\nif (!alive($s)) exit(1);' },
    { name: 'negated dual guard around the call', code: '<?php class W { private $r;\n  function close() { if (!(is_resource($this->r) || ($this->r && $this->r instanceof \\Socket))) { return; } socket_close($this->r); } }' },
  ],
  invalid: [
    {
      // On PHP 8 this close() never closes anything.
      name: 'is_resource() === true guarding socket_close() in a close method',
      code: '<?php class Dns { private $sock;\n  function open() { $this->sock = @socket_create(AF_INET, SOCK_DGRAM, SOL_UDP); }\n  function close() { if (is_resource($this->sock) === true) { @socket_close($this->sock); } } }',
      errors: [{ messageId: 'isResource', line: 3, column: 26 }],
      output: '<?php class Dns { private $sock;\n  function open() { $this->sock = @socket_create(AF_INET, SOCK_DGRAM, SOL_UDP); }\n  function close() { if (($this->sock instanceof \\Socket) === true) { @socket_close($this->sock); } } }',
    },
  ],
});

runRuleTests('udp-connect', {
  valid: [],
  invalid: [
    {
      name: 'a UDP socket connected through a property after its check',
      code: '<?php class Cube { private ?\\Socket $udp = null;\n  function open() { $u = socket_create(AF_INET, SOCK_DGRAM, 0);\n    if (false === $u) { throw new \\LogicException("socket"); }\n    $this->udp = $u;\n    if (!socket_connect($this->udp, "127.0.0.1", 1180)) { throw new \\LogicException("connect"); } } }',
      errors: [{ messageId: 'udpConnect', line: 5, column: 10, severity: 'hint' }],
    },
  ],
});

runRuleTests('by-reference-expression', {
  valid: [
    { name: 'a property as the read set, one null variable for write and except', code: '<?php class Srv { private $changed = [];\n  function wait() { $none = null; socket_select($this->changed, $none, $none, null); } }' },
    { name: 'an assignment as the by-value timeout', code: C + '$r = [$s]; $w = [];\n$e = null;\nsocket_select($r, $w, $e, $t = 60);' },
    { name: 'an assignment as the by-value flags of sendto', code: U + 'socket_sendto($u, "x", 1, $flags = 0, "127.0.0.1", 514);' },
  ],
  invalid: [],
});

describe('what PHP 8 does with the values in these cases', () => {
  it('throws a TypeError when the false from a failed call reaches socket_last_error() or socket_write()', async () => {
    const code =
      '<?php $failed = false; $pair = [];\n' +
      'foreach (["last_error" => fn() => socket_last_error($failed), "write" => fn() => @socket_write($pair[0], "x")] as $k => $f) {\n' +
      '  try { $f(); echo "$k: no error\\n"; } catch (TypeError $e) { echo "$k: ", $e->getMessage(), "\\n"; }\n}\n';
    const run = await runPhp([], code);
    expect(run.stdout).toBe(
      'last_error: socket_last_error(): Argument #1 ($socket) must be of type ?Socket, bool given\n' +
        'write: socket_write(): Argument #1 ($socket) must be of type Socket, null given\n',
    );
  });

  it('throws a TypeError from socket_select() when the read set holds a false', async () => {
    const run = await runPhp([], '<?php $s = socket_create(AF_INET, SOCK_STREAM, 0); $r = [$s, false]; $w = null; $e = null;\ntry { socket_select($r, $w, $e, 0); echo "no error"; } catch (TypeError $t) { echo $t->getMessage(); }');
    expect(run.stdout).toBe('socket_select(): Argument #1 ($read) must only have elements of type Socket, bool given');
  });

  it('compares false the way the cases above assume', async () => {
    const run = await runPhp([], '<?php var_export([false == null, false == "ping", false >= 1, false < 0, false === 0, strval(false)]);');
    expect(run.stdout).toBe("array (\n  0 => true,\n  1 => false,\n  2 => false,\n  3 => false,\n  4 => false,\n  5 => '',\n)");
  });
});

// ---- what the analyser gets wrong today (issue 12) ------------------------------------------

const EXITS = C + '$bound = socket_bind($s, "0.0.0.0", 8080);\necho "up";\nexit(0);';
const ENDLESS = C + '$bound = socket_bind($s, "0.0.0.0", 8080);\nwhile (true) { sleep(1); }';
const STRVAL = C + '$buf = socket_read($s, 10);\nif ($buf === false) { echo "read failed"; }\n$text = strval($buf);\nsocket_write($s, $buf) or die();';
const PRINTF = C + '$r = [$s]; $w = $e = [];\n$n = socket_select($r, $w, $e, null);\nprintf("%d ready\\n", $n);';
const HELPER = L + 'function remember($c) { $GLOBALS["all"][] = $c; }\n$c = socket_accept($srv);\nremember($c);\nsocket_write($c, "hi") or die();';
const ELEMENT = L + '$clients = [];\n$clients[3] = socket_accept($srv);\nsocket_write($clients[3], "hi") or die();';
const APPENDED = L + '$read = [$srv];\n$c = socket_accept($srv);\n$read[] = $c;\n$w = $e = null;\nsocket_select($read, $w, $e, 1) or die();';
const FOREACH_USE = L + '$all = [];\n$all[] = socket_accept($srv);\nforeach ($all as $c) { socket_write($c, "x") or die(); }';
const FAILS_AND_RETURNS = '<?php function fail($m) { echo $m, "\\n"; }\n$s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);\nif (!$s) { fail("no socket"); }\nsocket_connect($s, "127.0.0.1", 80) or die();';
const PAIR = '<?php $ends = [];\nif (socket_create_pair(AF_UNIX, SOCK_STREAM, 0, $ends) === false) { echo "no pair"; }\nsocket_write($ends[0], "x") or die();';

runRuleTests('unchecked-false-return', {
  valid: [
    { name: 'an exit on another failure before the result is tested', code: C + '$bound = socket_bind($s, "0.0.0.0", 8080);\nif (!getenv("RUN")) { exit(2); }\nif ($bound === false) { exit(1); }\nwhile (true) { sleep(1); }' },
    { name: 'handed to a function of this file that tests it', code: L + 'function keep($c) { if ($c === false) { exit(1); } $GLOBALS["all"][] = $c; }\n$c = socket_accept($srv);\nkeep($c);\nsocket_write($c, "hi") or die();' },
    { name: 'handed to a function of this file that hands it on', code: L + 'function keep($c) { register($c); }\n$c = socket_accept($srv);\nkeep($c);\nsocket_write($c, "hi") or die();' },
    { name: 'handed to a closure-taking helper that captures it', code: L + 'function later($c) { return function () use ($c) { return $c; }; }\n$c = socket_accept($srv);\n$f = later($c);\nsocket_write($c, "hi") or die();' },
    { name: 'a failure branch that calls a method of another file (it may throw or exit)', code: '<?php class Job extends Maintenance { function run() {\n  $s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);\n  if ($s === false) { $this->fatalError("no socket"); }\n  socket_connect($s, "127.0.0.1", 80) or die(); } }' },
    { name: 'a failure branch that calls a function of this file that throws', code: '<?php function fail($m) { throw new RuntimeException($m); }\n$s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);\nif (!$s) { fail("no socket"); }\nsocket_connect($s, "127.0.0.1", 80) or die();' },
    { name: 'checked before it is appended to the set', code: L + '$read = [$srv];\n$c = socket_accept($srv);\nif ($c === false) { exit(1); }\n$read[] = $c;\n$w = $e = null;\nsocket_select($read, $w, $e, 1) or die();' },
    { name: 'an array of results only counted', code: L + '$all = [];\n$all[] = socket_accept($srv);\necho count($all), "\\n";' },
    { name: 'each element checked in the loop that reads them', code: L + '$all = [socket_accept($srv), socket_accept($srv)];\nforeach ($all as $c) { if ($c === false) { continue; } socket_write($c, "x") or die(); }' },
    { name: 'an element checked where it is read', code: L + '$clients = [];\n$clients[3] = socket_accept($srv);\nif ($clients[3] === false) { exit(1); }\nsocket_write($clients[3], "hi") or die();' },
    { name: 'a result tested inside the endless loop that holds it', code: C + 'while (true) { $n = socket_read($s, 10);\n  if ($n === false) { break; }\n  echo $n; }' },
    { name: 'held across exit() by a global a shutdown function reads', code: C + 'function bye() { global $bound; var_dump($bound); }\n$bound = socket_bind($s, "0.0.0.0", 8080);\nregister_shutdown_function("bye");\nexit(0);' },
  ],
  invalid: [
    {
      name: 'a result held in a variable when the script exits',
      code: EXITS,
      errors: [{ messageId: 'dropped', line: 2, column: 10, suggestions: [{ desc: CHECK('$bound', 'socket_bind'), output: checked(EXITS, 2, '$bound', 'socket_bind', 'socket_last_error($s)') }] }],
    },
    {
      // Passing the value to a harmless parameter of PHP's own function (strval, printf) does not
      // check it: the later socket_write() still uses an unchecked result.
      name: 'strval() of the value does not check it for the uses after',
      code: STRVAL,
      errors: [used(STRVAL, 2, 8, '$buf', 'socket_read', 'socket_last_error($s)')],
    },
    {
      // printf("%d") turns false into 0: the select failure is never tested.
      // (var_dump() stays valid: it shows false as false; unchecked-false-return.test.ts.)
      name: 'a select count that is only printed is never tested',
      code: PRINTF,
      errors: [
        {
          messageId: 'dropped',
          line: 3,
          column: 6,
          suggestions: [{ desc: CHECK('$n', 'socket_select'), output: checked(PRINTF, 3, '$n', 'socket_select', 'socket_last_error()') }],
        },
      ],
    },
    {
      // A function of this file whose body never tests its parameter does not
      // check the caller's value (one that does test it is valid: unchecked-false-return.test.ts).
      name: 'handed to a function of this file that does not test it, then used',
      code: HELPER,
      errors: [used(HELPER, 3, 6, '$c', 'socket_accept', 'socket_last_error($srv)')],
    },
    {
      // The result goes straight into an array element and is used through it
      // (stored through a variable first, `$clients[3] = $c;`, the element is not followed either).
      // The suggestion's variable is a guess for the lead.
      name: 'assigned straight to an array element, used through the element',
      code: ELEMENT,
      errors: [used(ELEMENT, 3, 15, '$clients[3]', 'socket_accept', 'socket_last_error($srv)')],
    },
    {
      // The accepted value is appended to the read set and never tested; a false in
      // the set is a TypeError in socket_select() (checked above against the real php).
      name: 'appended to the select set through a variable and never checked',
      code: APPENDED,
      errors: [used(APPENDED, 3, 6, '$c', 'socket_accept', 'socket_last_error($srv)')],
    },
    {
      // fail() is followed: it only prints, so the false case reaches socket_connect().
      name: 'a failure branch that calls a function of this file that returns',
      code: FAILS_AND_RETURNS,
      errors: [used(FAILS_AND_RETURNS, 2, 6, '$s', 'socket_create', 'socket_last_error()')],
    },
    {
      name: 'an element used by the loop that reads the array',
      code: FOREACH_USE,
      errors: [{ messageId: 'used', line: 3, column: 10 }],
    },
    {
      // Results kept in a variable are judged wherever the path goes: a server's endless main
      // loop (and exit()) never reaches the end of the script.
      name: 'a result kept in a variable before an endless server loop',
      code: ENDLESS,
      errors: [
        {
          messageId: 'dropped',
          line: 2,
          column: 10,
          suggestions: [{ desc: CHECK('$bound', 'socket_bind'), output: checked(ENDLESS, 2, '$bound', 'socket_bind', 'socket_last_error($s)') }],
        },
      ],
    },
  ],
});

// A blind comparison is reported whatever happens to the value after it (stored, handed on, exit).
runRuleTests('impossible-false-check', {
  valid: [],
  invalid: [
    {
      name: 'a C-style test before exit(0)',
      code: C + '$bound = socket_bind($s, "0.0.0.0", 8080);\nif ($bound < 0) { exit(1); }\nexit(0);',
      errors: [{ messageId: 'errorTest', line: 3, column: 5 }],
      output: C + '$bound = socket_bind($s, "0.0.0.0", 8080);\nif ($bound === false) { exit(1); }\nexit(0);',
    },
    {
      name: 'a C-style test whose success branch stores the value with array_push()',
      code: L + '$clients = [];\n$c = socket_accept($srv);\nif ($c < 0) { exit(1); } else { array_push($clients, $c); }',
      errors: [{ messageId: 'errorTest', line: 4, column: 5 }],
      output: L + '$clients = [];\n$c = socket_accept($srv);\nif ($c === false) { exit(1); } else { array_push($clients, $c); }',
    },
    {
      name: 'a C-style test whose branch passes the value to a function',
      code: U + '$ret = socket_set_option($u, SOL_SOCKET, SO_BROADCAST, 1);\nif ($ret < 0) { echo strerror($ret); exit(1); }',
      errors: [{ messageId: 'errorTest', line: 3, column: 5 }],
      output: U + '$ret = socket_set_option($u, SOL_SOCKET, SO_BROADCAST, 1);\nif ($ret === false) { echo strerror($ret); exit(1); }',
    },
    {
      name: 'a C-style test followed by handing the value to a function',
      code: L + '$c = socket_accept($srv);\nif ($c < 0) { exit(1); }\nserve($c);',
      errors: [{ messageId: 'errorTest', line: 3, column: 5 }],
      output: L + '$c = socket_accept($srv);\nif ($c === false) { exit(1); }\nserve($c);',
    },
  ],
});

// socket_create_pair()'s only value is its output: after a failure branch that does not leave,
// its elements are null (a TypeError in socket_write(), checked above).
runRuleTests('unchecked-false-return', {
  valid: [
    { name: 'socket_create_pair() whose failure branch leaves', code: '<?php $ends = [];\nif (socket_create_pair(AF_UNIX, SOCK_STREAM, 0, $ends) === false) { exit(1); }\nsocket_write($ends[0], "x") or die();' },
    {
      name: 'socket_create_pair() whose failure branch calls a method that may not return',
      code: '<?php class Rebuild { function fatal($m) { throw new RuntimeException($m); }\n  function run() { $pair = [];\n    if (!socket_create_pair(AF_UNIX, SOCK_STREAM, 0, $pair)) { $this->fatal("pair"); }\n    socket_write($pair[1], "3\\n") or die(); } }',
    },
    { name: 'socket_create_pair() or die()', code: '<?php socket_create_pair(AF_UNIX, SOCK_STREAM, 0, $ends) or die();\nsocket_write($ends[0], "x") or die();' },
    { name: 'socket_create_pair() output used only where it succeeded', code: '<?php if (socket_create_pair(AF_UNIX, SOCK_STREAM, 0, $ends)) { socket_write($ends[0], "x") or die(); } else { echo "no pair"; }' },
  ],
  invalid: [
    {
      name: 'socket_create_pair() failure branch does not leave, its output is used',
      code: PAIR,
      errors: [{ messageId: 'used', line: 2, column: 5, suggestions: [] }],
    },
    {
      name: 'socket_create_pair() output used in its own failure branch',
      code: '<?php if (!socket_create_pair(AF_UNIX, SOCK_STREAM, 0, $ends)) { socket_close($ends[0]); exit(1); }',
      errors: [{ messageId: 'used', line: 1, column: 12, suggestions: [] }],
    },
  ],
});
