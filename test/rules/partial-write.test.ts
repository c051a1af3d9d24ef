// partial-write: fwrite() to a socket may write part of the data and return that count
// (php-behaviour.test.ts measures it, blocking and non-blocking), and so may socket_write() and
// socket_send() on a non-blocking socket.
import { runRuleTests } from '../support/rule-tester';
import { LOOP, loop } from '../support/write-all-loop';

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
    // Hunt 2026-12b: a datagram goes out whole or not at all (hunt-2026-12b.test.ts measures it).
    { name: 'a datagram written to a udp:// stream', code: '<?php $fp = fsockopen("udp://127.0.0.1", 8125) or die();\nfwrite($fp, $metric);' },
    { name: 'socket_write() on a non-blocking datagram socket', code: '<?php $u = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP) or die();\nsocket_set_nonblock($u) or die();\nsocket_connect($u, "127.0.0.1", 8125) or die();\nsocket_write($u, $metric) or die();' },
    // A command line is short whether interpolated or built with `.`.
    { name: 'a command line concatenated from literals and a variable', code: '<?php $fp = fsockopen("mail.example.com", 25) or die();\nfwrite($fp, "MAIL FROM: <" . $from . ">\\r\\n");' },
    // A value then its line ending reads as a command line (an SSH identification line, "$cmd\r\n"); a body sent so is missed.
    { name: 'a value with its line ending joined after it', code: S + 'fputs($fp, $this->identifier . "\\r\\n");' },
    { name: "SMTP's AUTH LOGIN: an encoded value before its line ending", code: S + 'fputs($fp, base64_encode($user) . "\\r\\n");' },
    { name: 'a header line with an encoding of interpolated values', code: S + 'fputs($fp, \'Authorization: Basic \' . base64_encode("$user:$pass") . "\\r\\n");' },
    { name: 'a command literal joined with a CRLF property', code: '<?php class Smtp { private $conn; private $crlf = "\\r\\n";\n  function open($h) { $this->conn = fsockopen($h, 25) or die(); }\n  function quit() { fputs($this->conn, "QUIT" . $this->crlf); } }' },
    { name: 'a header line with an element spliced in by its bare key', code: S + 'fputs($fp, "Host: $parts[host]\\r\\n\\r\\n");' },
    { name: 'a kept count compared with the length', code: S + '$n = fwrite($fp, $data);\nif ($n === false || $n < strlen($data)) exit(1);' },
    { name: 'a kept count added up', code: S + '$n = fwrite($fp, $data);\n$total += $n;' },
  ],
  invalid: [
    {
      name: 'a long literal text with a value spliced in',
      code: S + `fwrite($fp, "${'x'.repeat(1100)} $name");`,
      errors: [{ ...AT('dropped', 2, 1, 7), suggestions: [{ desc: LOOP, output: S + `$payload = "${'x'.repeat(1100)} $name";\n` + loop('fwrite($fp, REST)', '$payload') }] }],
    },
    {
      name: 'data after headers joined with a blank line (review)',
      code: S + 'fwrite($fp, $headers . "\\r\\n\\r\\n" . $body);',
      errors: [{ ...AT('dropped', 2, 1, 7), suggestions: [{ desc: LOOP, output: S + '$payload = $headers . "\\r\\n\\r\\n" . $body;\n' + loop('fwrite($fp, REST)', '$payload') }] }],
    },
    {
      name: 'a count compared with === 0: no loop, whose false on failure is never identical to 0 (review)',
      code: S + 'if (fwrite($fp, $data) === 0) { exit(1); }',
      errors: [{ ...AT('falseOnly', 2, 5, 11), suggestions: [] }],
    },
    {
      name: "a value before SMTP's end of data is a whole message",
      code: S + 'fputs($fp, "$maildata\\r\\n.\\r\\n");',
      errors: [{ ...AT('dropped', 2, 1, 6), suggestions: [{ desc: LOOP, output: S + '$payload = "$maildata\\r\\n.\\r\\n";\n' + loop('fputs($fp, REST)', '$payload') }] }],
    },
    {
      name: 'an encoding of data that may be long',
      code: S + 'fwrite($fp, base64_encode(file_get_contents($path)) . "\\r\\n");',
      errors: [{ ...AT('dropped', 2, 1, 7), suggestions: [{ desc: LOOP, output: S + '$payload = base64_encode(file_get_contents($path)) . "\\r\\n";\n' + loop('fwrite($fp, REST)', '$payload') }] }],
    },
    {
      name: 'a command line with a call spliced in',
      code: S + 'fwrite($fp, "DATA " . render($message));',
      errors: [{ ...AT('dropped', 2, 1, 7), suggestions: [{ desc: LOOP, output: S + '$payload = "DATA " . render($message);\n' + loop('fwrite($fp, REST)', '$payload') }] }],
    },
    {
      name: 'a count kept in a variable and tested only for false (hunt 2026-12b)',
      code: '<?php $fp = stream_socket_client("tcp://127.0.0.1:6379") or die();\n$n = fwrite($fp, $command);\nif ($n === false || $n <= 0) { throw new Exception("write failed"); }',
      errors: [{
        ...AT('falseOnly', 2, 6, 12),
        suggestions: [{
          desc: LOOP,
          output: '<?php $fp = stream_socket_client("tcp://127.0.0.1:6379") or die();\n' + loop('fwrite($fp, REST)', '$command', { keepsResult: true, n: '$n2' }) +
            '\n$n = $written;\nif ($n === false || $n <= 0) { throw new Exception("write failed"); }',
        }],
      }],
    },
    {
      name: 'the whole request written once, count dropped',
      code: S + 'fwrite($fp, $request);',
      errors: [{ ...AT('dropped', 2, 1, 7), suggestions: [{ desc: LOOP, output: S + loop('fwrite($fp, REST)', '$request') }] }],
    },
    {
      name: 'headers and body, with @: the data is evaluated once, in a fresh variable',
      code: S + '@fputs($fp, $headers . $body);',
      errors: [{ ...AT('dropped', 2, 2, 7), suggestions: [{ desc: LOOP, output: S + '$payload = $headers . $body;\n' + loop('@fputs($fp, REST)', '$payload') }] }],
    },
    {
      name: 'if (!fwrite()): a short write passes; the failure branch stays, on the loop\'s result',
      code: S + 'if (!@fwrite($fp, $data)) { throw new Exception("write"); }',
      errors: [{ ...AT('falseOnly', 2, 7, 13), suggestions: [{ desc: LOOP, output: S + loop('@fwrite($fp, REST)', '$data', { keepsResult: true }) + '\nif (!$written) { throw new Exception("write"); }' }] }],
    },
    {
      name: '=== false only, in a function, with names already taken',
      code: '<?php function send($cmd) {\n  $fp = fsockopen("h", 80) or die;\n  $n = 0; $written = [];\n  if (fwrite($fp, json_encode($cmd)) === false) return false;\n}',
      errors: [{
        ...AT('falseOnly', 4, 7, 13),
        suggestions: [{
          desc: LOOP,
          output: '<?php function send($cmd) {\n  $fp = fsockopen("h", 80) or die;\n  $n = 0; $written = [];\n  $payload = json_encode($cmd);\n  ' +
            loop('fwrite($fp, REST)', '$payload', { keepsResult: true, indentation: '  ', unit: '  ', written: '$written2', n: '$n2' }) +
            '\n  if ($written2 === false) return false;\n}',
        }],
      }],
    },
    {
      name: 'or die',
      code: S + 'fwrite($fp, sprintf("%s %s\\r\\n", $cmd, $arg)) or die("write");',
      errors: [{ ...AT('falseOnly', 2, 1, 7), suggestions: [{ desc: LOOP, output: S + '$payload = sprintf("%s %s\\r\\n", $cmd, $arg);\n' + loop('fwrite($fp, REST)', '$payload', { keepsResult: true }) + '\n$written or die("write");' }] }],
    },
    {
      name: "the data's own length is left out of the loop's calls",
      code: S + 'fwrite($fp, $headers . $body, strlen($headers . $body));',
      errors: [{ ...AT('dropped', 2, 1, 7), suggestions: [{ desc: LOOP, output: S + '$payload = $headers . $body;\n' + loop('fwrite($fp, REST)', '$payload') }] }],
    },
    {
      name: 'a property stream in the method that opened it, tab-indented: the property data is not moved',
      code: '<?php class C {\n\tfunction send() {\n\t\t$this->fp = fsockopen("h", 80) or die;\n\t\tfwrite($this->fp, $this->out);\n\t}\n}',
      errors: [{
        ...AT('dropped', 4, 3, 9),
        suggestions: [{ desc: LOOP, output: '<?php class C {\n\tfunction send() {\n\t\t$this->fp = fsockopen("h", 80) or die;\n\t\t' + loop('fwrite($this->fp, REST)', '$this->out', { indentation: '\t\t', unit: '\t' }) + '\n\t}\n}' }],
      }],
    },
    { name: 'another length: no loop', code: S + 'fwrite($fp, $buffer, $chunk);', errors: [AT('dropped', 2, 1, 7)] },
    { name: 'the call does not run first in its statement: no loop', code: S + 'if ($ok && !fwrite($fp, $data)) exit(1);', errors: [AT('falseOnly', 2, 13, 19)] },
    { name: 'a bare if body: no loop', code: S + 'if ($ok) fwrite($fp, $data);', errors: [AT('dropped', 2, 10, 16)] },
    {
      name: 'socket_write() on a non-blocking socket, or die',
      code: NB + 'socket_write($s, $data) or die();',
      errors: [{ ...AT('falseOnly', 3, 1, 13), suggestions: [{ desc: LOOP, output: NB + loop('socket_write($s, REST)', '$data', { keepsResult: true }) + '\n$written or die();' }] }],
    },
    {
      name: 'socket_send() on a non-blocking socket, === false: its length counts down the rest',
      code: NB + 'if (socket_send($s, $frame, strlen($frame), 0) === false) return;',
      errors: [{ ...AT('falseOnly', 3, 5, 16), suggestions: [{ desc: LOOP, output: NB + loop('socket_send($s, REST, strlen($frame) - $written, 0)', '$frame', { keepsResult: true }) + '\nif ($written === false) return;' }] }],
    },
  ],
});
