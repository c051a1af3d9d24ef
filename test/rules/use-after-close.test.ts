import { describe, expect, it } from 'vitest';
import { runPhp } from '../support/php';
import { runRuleTests } from '../support/rule-tester';

const S = '<?php $s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP) or die();\n';
const CLOSED = (line: number, column: number, endColumn: number) => ({ messageId: 'closed', line, column, endLine: line, endColumn });

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
  ],
  invalid: [
    { name: 'write after close', code: S + 'socket_close($s);\nsocket_write($s, "x") or die();', errors: [CLOSED(3, 14, 16)] },
    { name: 'closed twice', code: S + 'socket_close($s);\n@socket_close($s);', errors: [CLOSED(3, 15, 17)] },
    { name: 'socket_last_error() after the close, in an error message', code: S + 'socket_close($s);\nif ($reply === "") throw new RuntimeException(socket_strerror(socket_last_error($s)));', errors: [CLOSED(3, 81, 83)] },
    { name: 'closed on both branches', code: S + 'if ($a) { socket_close($s); } else { socket_shutdown($s); socket_close($s); }\nsocket_set_nonblock($s) or die();', errors: [CLOSED(3, 21, 23)] },
    { name: 'closed in finally', code: S + 'try { socket_write($s, "x") or die(); } finally { socket_close($s); }\nsocket_read($s, 10) or die();', errors: [CLOSED(3, 13, 15)] },
    { name: 'a property in the same method', code: '<?php class C {\n  private $sock;\n  function run() {\n    $this->sock = socket_create(AF_INET, SOCK_STREAM, 0) or die();\n    socket_close($this->sock);\n    socket_write($this->sock, "x") or die();\n  }\n}', errors: [CLOSED(6, 18, 29)] },
    { name: 'named argument', code: S + 'socket_close($s);\nsocket_write(data: "x", socket: $s) or die();', errors: [CLOSED(3, 33, 35)] },
  ],
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
