// listen-on-datagram on stream servers: stream_socket_server() on udp:// or udg:// with
// STREAM_SERVER_LISTEN (one of its default flags) always fails, and stream_socket_accept() on a
// datagram server always fails (measured in php-behaviour.test.ts).
import { runRuleTests } from '../support/rule-tester';

const BIND_ONLY = 'Pass STREAM_SERVER_BIND alone (a datagram server binds, it does not listen)';
const SERVER = (line: number, column: number, endColumn: number) => ({ messageId: 'datagramServer', line, column, endLine: line, endColumn });

runRuleTests('listen-on-datagram', {
  valid: [
    { name: 'udp:// bound only', code: '<?php $s = stream_socket_server("udp://0.0.0.0:53", $errno, $errstr, STREAM_SERVER_BIND) or die($errstr);' },
    { name: 'tcp:// with the default flags', code: '<?php $s = stream_socket_server("tcp://127.0.0.1:9912") or die;\n$c = stream_socket_accept($s);' },
    { name: 'no scheme is tcp', code: '<?php $s = stream_socket_server("0.0.0.0:80") or die;' },
    { name: 'an address from a property: the transport is not known', code: '<?php class D { private $host = "127.0.0.1:9912"; function start() { return stream_socket_server($this->host); } }' },
    { name: 'udp:// client (no listen)', code: '<?php $c = fsockopen("udp://10.0.0.1", 53) or die;\n$d = stream_socket_client("udp://10.0.0.1:53") or die;' },
    { name: 'flags unknown', code: '<?php $s = stream_socket_server("udp://0.0.0.0:53", $no, $str, $flags) or die;' },
    { name: 'recvfrom on a bound udp server', code: '<?php $s = stream_socket_server("udp://0.0.0.0:53", $no, $str, STREAM_SERVER_BIND) or die;\n$pkt = stream_socket_recvfrom($s, 512, 0, $peer);' },
    { name: 'flags in a spread: not known', code: '<?php $rest = [STREAM_SERVER_BIND];\n$s = stream_socket_server("udp://0.0.0.0:53", $no, $str, ...$rest) or die;' },
    { name: 'UDP:// in capitals names no transport (PHP fails for another reason)', code: '<?php $s = stream_socket_server("UDP://0.0.0.0:53") or die;' },
    { name: 'accept on a tcp server', code: '<?php $s = stream_socket_server("tcp://0.0.0.0:80") or die;\nwhile ($c = stream_socket_accept($s, -1)) fclose($c);' },
  ],
  invalid: [
    {
      name: 'udp:// with the default flags, $errno and $errstr given',
      code: '<?php $s = stream_socket_server("udp://0.0.0.0:53", $errno, $errstr) or die($errstr);',
      errors: [{ ...SERVER(1, 12, 32), suggestions: [] }],
      output: '<?php $s = stream_socket_server("udp://0.0.0.0:53", $errno, $errstr, STREAM_SERVER_BIND) or die($errstr);',
    },
    {
      name: 'udg:// with no other argument: flags by name',
      code: '<?php $s = stream_socket_server("udg:///run/app.sock") or die;',
      errors: [{ ...SERVER(1, 12, 32), suggestions: [] }],
      output: '<?php $s = stream_socket_server("udg:///run/app.sock", flags: STREAM_SERVER_BIND) or die;',
    },
    {
      name: 'the flags spelled out',
      code: '<?php $s = stream_socket_server("udp://0.0.0.0:53", $no, $str, STREAM_SERVER_BIND | STREAM_SERVER_LISTEN) or die;',
      errors: [{ ...SERVER(1, 12, 32), suggestions: [] }],
      output: '<?php $s = stream_socket_server("udp://0.0.0.0:53", $no, $str, STREAM_SERVER_BIND) or die;',
    },
    {
      name: 'an interpolated address whose scheme is a literal',
      code: '<?php function serve($port) { return stream_socket_server("udp://0.0.0.0:$port", $no, $str); }',
      errors: [{ ...SERVER(1, 38, 58), suggestions: [] }],
      output: '<?php function serve($port) { return stream_socket_server("udp://0.0.0.0:$port", $no, $str, STREAM_SERVER_BIND); }',
    },
    {
      name: 'tcp or udp: may be',
      code: '<?php $s = stream_socket_server($udp ? "udp://0.0.0.0:53" : "tcp://0.0.0.0:53") or die;',
      errors: [{ messageId: 'maybeDatagramServer', line: 1, column: 12, endLine: 1, endColumn: 32, severity: 'warning', suggestions: [{ desc: BIND_ONLY, output: '<?php $s = stream_socket_server($udp ? "udp://0.0.0.0:53" : "tcp://0.0.0.0:53", flags: STREAM_SERVER_BIND) or die;' }] }],
    },
    {
      name: 'stream_socket_accept() on a bound udp server',
      code: '<?php $s = stream_socket_server("udp://0.0.0.0:53", $no, $str, STREAM_SERVER_BIND) or die;\nwhile (true) { $c = @stream_socket_accept($s); if ($c) fclose($c); }',
      errors: [{ messageId: 'datagram', line: 2, column: 22, endLine: 2, endColumn: 42 }],
    },
  ],
});
