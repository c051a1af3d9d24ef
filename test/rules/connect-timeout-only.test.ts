// connect-timeout-only: the connect timeout of fsockopen()/stream_socket_client() bounds only the
// connect; reads wait default_socket_timeout until stream_set_timeout() (php-behaviour.test.ts).
import { runRuleTests } from '../support/rule-tester';

const INFO = (line: number, column: number, endColumn: number) => ({ messageId: 'connectOnly', line, column, endLine: line, endColumn, severity: 'info' as const });

runRuleTests('connect-timeout-only', {
  valid: [
    { name: 'stream_set_timeout() after the connect', code: '<?php $fp = fsockopen("h", 80, $errno, $errstr, 30) or die;\nstream_set_timeout($fp, 30);\nfgets($fp);' },
    { name: 'the old alias socket_set_timeout()', code: '<?php $fp = fsockopen("h", 80, $errno, $errstr, 30) or die;\nsocket_set_timeout($fp, 30);\nfgets($fp);' },
    { name: 'a conditional stream_set_timeout() counts', code: '<?php $fp = stream_socket_client("tcp://h:80", $n, $s, 5) or die;\nif ($rw > 0) stream_set_timeout($fp, $rw);\nfread($fp, 10);' },
    { name: 'no connect timeout', code: '<?php $fp = fsockopen("h", 80) or die;\nfgets($fp);' },
    { name: 'no reads (the stream is returned)', code: '<?php function open($h) { $fp = fsockopen($h, 80, $n, $s, 5); return $fp; }' },
    { name: 'reads through stream_select()', code: '<?php $fp = fsockopen("h", 22, $n, $s, 10) or die;\n$r = [$fp]; $w = $e = null;\nif (stream_select($r, $w, $e, 5)) fread($fp, 100);' },
    { name: 'default_socket_timeout chosen by the program', code: '<?php ini_set("default_socket_timeout", 5);\n$fp = fsockopen("h", 80, $n, $s, 5) or die;\nfgets($fp);' },
    { name: 'a stream made non-blocking: reads return at once', code: '<?php $fp = stream_socket_client("tcp://h:53", $n, $s, 0, STREAM_CLIENT_CONNECT | STREAM_CLIENT_ASYNC_CONNECT) or die;\nstream_set_blocking($fp, false);\n$answer = fread($fp, 512);' },
    { name: 'the old alias socket_set_blocking(..., 0)', code: '<?php $c = fsockopen("h", 80, $n, $s, 5) or die;\nsocket_set_blocking($c, 0);\nfgets($c);' },
    { name: 'a blocking mode the file does not spell out', code: '<?php function open($h, $blocking) { $c = fsockopen($h, 80, $n, $s, 5) or die;\nstream_set_blocking($c, $blocking);\nreturn fgets($c); }' },
    { name: 'writes only', code: '<?php $fp = fsockopen("h", 80, $n, $s, 5) or die;\nfwrite($fp, "x");\nfclose($fp);' },
  ],
  invalid: [
    {
      name: 'a 30 s connect, then fgets() (the spell-checker shape)',
      code: '<?php $fp = fsockopen("ssl://h", 443, $errno, $errstr, 30) or die;\nfwrite($fp, $request);\nwhile (!feof($fp)) { $response .= fgets($fp); }',
      errors: [INFO(1, 56, 58)],
    },
    {
      name: 'a property set in one method and read in another',
      code: '<?php class Nrpe {\n  private $s;\n  function connect() { $this->s = stream_socket_client("tcp://h:5666", $n, $e, 10); if (!$this->s) throw new Exception($e); }\n  function send($p) { fwrite($this->s, $p); return fread($this->s, 1036); }\n}',
      errors: [INFO(3, 80, 82)],
    },
    {
      name: 'stream_set_blocking(..., true) keeps reads waiting',
      code: '<?php $fp = fsockopen("h", 80, $errno, $errstr, 30) or die;\nstream_set_blocking($fp, true);\necho fgets($fp);',
      errors: [INFO(1, 49, 51)],
    },
  ],
});
