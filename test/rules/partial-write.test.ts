// partial-write: fwrite() to a socket may write part of the data and return that count
// (php-behaviour.test.ts measures it, blocking and non-blocking), and so may socket_write() and
// socket_send() on a non-blocking socket.
import { runRuleTests } from '../support/rule-tester';

const S = '<?php $fp = fsockopen("h", 80) or die;\n';
const NB = '<?php $s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP) or die();\nsocket_set_nonblock($s) or die();\n';
const AT = (messageId: string, line: number, column: number, endColumn: number) => ({ messageId, line, column, endLine: line, endColumn });

runRuleTests('partial-write', {
  valid: [
    { name: 'a write-all loop', code: S + '$written = 0;\nwhile ($written < strlen($data)) {\n  $n = fwrite($fp, substr($data, $written));\n  if ($n === false || $n === 0) break;\n  $written += $n;\n}' },
    { name: 'the count compared', code: S + 'if (fwrite($fp, $req) !== strlen($req)) exit(1);' },
    { name: 'the count returned', code: '<?php function send($fp, $d) { return fwrite($fp, $d); }\n$s = fsockopen("h", 80);' },
    { name: 'a short literal', code: S + 'fwrite($fp, "QUIT\\r\\n");' },
    { name: 'a short command line with a value', code: S + 'fwrite($fp, "USER $user\\r\\n");' },
    { name: 'a two-byte length prefix', code: S + 'fwrite($fp, chr($len >> 8) . chr($len & 0xff));' },
    { name: 'a file from fopen()', code: '<?php $f = fopen("/tmp/out", "w");\nfwrite($f, $body);\n$s = fsockopen("h", 80);' },
    { name: 'socket_write() on a blocking socket (it writes everything or fails)', code: NB.replace('socket_set_nonblock($s) or die();\n', '') + 'socket_write($s, $data) or die();' },
    { name: 'socket_write() on a non-blocking socket, count compared', code: NB + 'if (socket_write($s, $data) !== strlen($data)) exit(1);' },
    { name: 'a socket made blocking again', code: NB + 'socket_set_block($s) or die();\nsocket_write($s, $data) or die();' },
    { name: 'a stream of unknown origin', code: '<?php function put($s, $d) { fwrite($s, $d); }\nfsockopen("h", 80);' },
  ],
  invalid: [
    { name: 'the whole request written once, count dropped', code: S + 'fwrite($fp, $request);', errors: [AT('dropped', 2, 1, 7)] },
    { name: 'headers and body, with @', code: S + '@fputs($fp, $headers . $body);', errors: [AT('dropped', 2, 2, 7)] },
    { name: 'if (!fwrite()): a short write passes', code: S + 'if (!@fwrite($fp, $data)) { throw new Exception("write"); }', errors: [AT('falseOnly', 2, 7, 13)] },
    { name: '=== false only', code: S + 'if (fwrite($fp, json_encode($cmd)) === false) return false;', errors: [AT('falseOnly', 2, 5, 11)] },
    { name: 'or die', code: S + 'fwrite($fp, sprintf("%s %s\\r\\n", $cmd, $arg)) or die("write");', errors: [AT('falseOnly', 2, 1, 7)] },
    { name: 'socket_write() on a non-blocking socket, or die', code: NB + 'socket_write($s, $data) or die();', errors: [AT('falseOnly', 3, 1, 13)] },
    { name: 'socket_send() on a non-blocking socket, === false', code: NB + 'if (socket_send($s, $frame, strlen($frame), 0) === false) return;', errors: [AT('falseOnly', 3, 5, 16)] },
  ],
});
