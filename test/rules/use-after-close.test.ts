import { describe, expect, it } from 'vitest';
import { runPhp } from '../support/php';
import { runRuleTests } from '../support/rule-tester';

const S = '<?php $s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP) or die();\n';
const CLOSED = (line: number, column: number, endColumn: number) => ({ messageId: 'closed', line, column, endLine: line, endColumn });
const F = '<?php $fp = fsockopen("h", 80) or die();\n';
const STREAM_CLOSED = (line: number, column: number, endColumn: number) => ({ messageId: 'closedStream', line, column, endLine: line, endColumn });

runRuleTests('use-after-close', {
  valid: [
    { name: 'used before the close', code: S + 'socket_write($s, "x") or die();\nsocket_close($s);' },
    { name: 'closed on some paths only', code: S + 'if ($done) { socket_close($s); }\nsocket_write($s, "x") or die();' },
    { name: 'closed in a branch that leaves', code: S + 'if ($bad) { socket_close($s); return; }\nsocket_write($s, "x") or die();' },
    { name: 'a new socket in the variable', code: S + 'socket_close($s);\n$s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP) or die();\nsocket_write($s, "x") or die();' },
    { name: 'a new socket each pass of a loop', code: '<?php $server = socket_create_listen(8080) or die();\nwhile (true) {\n  $c = socket_accept($server);\n  if ($c === false) continue;\n  socket_write($c, "hi") or die();\n  socket_close($c);\n}' },
    { name: 'closing every client leaves the server open', code: '<?php $server = socket_create_listen(8080) or die();\nforeach ($clients as $c) { socket_close($c); }\n$n = socket_accept($server);\nif ($n) socket_close($n);' },
    { name: 'one element closed, another used', code: S + '$all = [$s, $t];\nsocket_close($all[0]);\nsocket_write($all[1], "x") or die();' },
    { name: 'closed by another function: not followed', code: S + 'function done($x) { socket_close($x); }\ndone($s);\nsocket_write($s, "x") or die();' },
    { name: 'unset after the close', code: S + 'socket_close($s);\nunset($s);\n$s = $other;\nsocket_write($s, "x") or die();' },
    // A copy holds the same Socket object, so this is a real use after close; copies are not
    // followed (a socket made in a loop stands for many), which misses it rather than risk a wrong finding.
    { name: 'a copy is not followed', code: S + '$copy = $s;\nsocket_close($s);\nsocket_send($copy, "x", 1, 0) or die();' },
    { name: 'a reference alias is not followed', code: S + '$t = &$s;\nsocket_close($s);\n$t = $next;\nsocket_write($s, "x") or die();' },
    { name: 'a stream used before fclose()', code: F + 'fwrite($fp, "QUIT\\r\\n");\nfclose($fp);' },
    { name: 'a stream closed on some paths only', code: F + 'if ($line === "BYE") fclose($fp);\nfwrite($fp, "x");' },
    { name: 'is_resource() after fclose(): the guarded call never runs on a closed stream', code: F + 'fclose($fp);\nif (is_resource($fp)) fclose($fp);' },
    { name: 'is_resource() in a helper that closes', code: F + 'fclose($fp);\nif (!is_resource($fp)) { $fp = fsockopen("h", 80) or die(); }\nfwrite($fp, "x");' },
    { name: 'a new stream each pass of a loop', code: '<?php foreach ($hosts as $h) {\n  $fp = fsockopen($h, 80);\n  if (!$fp) continue;\n  fwrite($fp, "x");\n  fclose($fp);\n}' },
    { name: 'reopened after the close', code: F + 'fclose($fp);\n$fp = stream_socket_client("tcp://h:80") or die();\nfwrite($fp, "x");' },
  ],
  invalid: [
    { name: 'write after close', code: S + 'socket_close($s);\nsocket_write($s, "x") or die();', errors: [CLOSED(3, 14, 16)] },
    { name: 'closed twice', code: S + 'socket_close($s);\n@socket_close($s);', errors: [CLOSED(3, 15, 17)] },
    { name: 'socket_last_error() after the close, in an error message', code: S + 'socket_close($s);\nif ($reply === "") throw new RuntimeException(socket_strerror(socket_last_error($s)));', errors: [CLOSED(3, 81, 83)] },
    { name: 'closed on both branches', code: S + 'if ($a) { socket_close($s); } else { socket_shutdown($s); socket_close($s); }\nsocket_set_nonblock($s) or die();', errors: [CLOSED(3, 21, 23)] },
    { name: 'closed in finally', code: S + 'try { socket_write($s, "x") or die(); } finally { socket_close($s); }\nsocket_read($s, 10) or die();', errors: [CLOSED(3, 13, 15)] },
    { name: 'a property in the same method', code: '<?php class C {\n  private $sock;\n  function run() {\n    $this->sock = socket_create(AF_INET, SOCK_STREAM, 0) or die();\n    socket_close($this->sock);\n    socket_write($this->sock, "x") or die();\n  }\n}', errors: [CLOSED(6, 18, 29)] },
    { name: 'named argument', code: S + 'socket_close($s);\nsocket_write(data: "x", socket: $s) or die();', errors: [CLOSED(3, 33, 35)] },
    { name: 'fwrite() after fclose()', code: F + 'fclose($fp);\nfwrite($fp, "QUIT\\r\\n");', errors: [STREAM_CLOSED(3, 8, 11)] },
    { name: 'a stream closed twice', code: F + 'fclose($fp);\n@fclose($fp);', errors: [STREAM_CLOSED(3, 9, 12)] },
    { name: 'the meta data read after the close', code: F + 'fclose($fp);\nif (stream_get_meta_data($fp)["timed_out"]) echo "timeout";', errors: [STREAM_CLOSED(3, 26, 29)] },
    { name: 'a file from fopen() written after fclose()', code: '<?php $f = fopen("/tmp/log", "a");\nfclose($f);\nfwrite($f, $line);\n$s = fsockopen("h", 80);', errors: [STREAM_CLOSED(3, 8, 10)] },
    { name: 'a truthy test does not tell a closed stream (it is still a resource)', code: F + 'fclose($fp);\nif ($fp) fclose($fp);', errors: [STREAM_CLOSED(3, 17, 20)] },
  ],
});

describe('what PHP 8 does with a closed stream', () => {
  it('throws a TypeError from every stream call that takes it, fclose() included; is_resource() is false, the value still truthy', async () => {
    const code = '<?php $l = stream_socket_server("tcp://127.0.0.1:0"); $fp = stream_socket_client("tcp://" . stream_socket_get_name($l, false)); fclose($fp);\n' +
      'foreach (["fwrite" => fn() => fwrite($fp, "x"), "fclose" => fn() => fclose($fp), "stream_get_meta_data" => fn() => stream_get_meta_data($fp)] as $k => $f) {\n' +
      '  try { $f(); echo "$k: no error\\n"; } catch (TypeError $e) { echo $e->getMessage(), "\\n"; }\n}\nvar_export([is_resource($fp), (bool) $fp]);';
    const run = await runPhp([], code);
    expect(run.stdout).toBe(
      'fwrite(): supplied resource is not a valid stream resource\nfclose(): supplied resource is not a valid stream resource\nstream_get_meta_data(): supplied resource is not a valid stream resource\narray (\n  0 => false,\n  1 => true,\n)',
    );
  });
});

describe('what PHP 8 does with a closed socket', () => {
  it('throws an Error from every socket_* call that takes it, socket_close() included', async () => {
    const code = '<?php $s = socket_create(AF_INET, SOCK_DGRAM, 0); socket_close($s);\n' +
      'foreach (["socket_write" => fn() => socket_write($s, "x"), "socket_close" => fn() => socket_close($s), "socket_last_error" => fn() => socket_last_error($s)] as $k => $f) {\n' +
      '  try { $f(); echo "$k: no error\\n"; } catch (Error $e) { echo $e->getMessage(), "\\n"; }\n}\n';
    const run = await runPhp([], code);
    expect(run.stdout).toBe(
      'socket_write(): Argument #1 ($socket) has already been closed\nsocket_close(): Argument #1 ($socket) has already been closed\nsocket_last_error(): Argument #1 ($socket) has already been closed\n',
    );
  });
});
