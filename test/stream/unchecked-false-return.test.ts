// unchecked-false-return on the stream table: the openers, stream_socket_accept() and
// socket_import_stream() fail with false as socket_create() does, and are followed by the same model.
import { runRuleTests } from '../support/rule-tester';

const DROPPED = (line: number, column: number, endColumn: number) => ({ messageId: 'dropped', line, column, endLine: line, endColumn });
const USED = (line: number, column: number, endColumn: number) => ({ messageId: 'used', line, column, endLine: line, endColumn });
const LAST_WARNING = "(error_get_last()['message'] ?? '')";

/** The suggestion that checks `variable` right after the statement `statement` of `code`. */
function checkedAfter(code: string, statement: string, variable: string, fn: string, report = LAST_WARNING) {
  const block = `\nif (${variable} === false) {\n    throw new \\RuntimeException('${fn}() failed: ' . ${report});\n}`;
  return [{ desc: `Check ${variable} for false after ${fn}()`, output: code.replace(statement, statement + block) }];
}

const THROWING_HANDLER = 'set_error_handler(function ($no, $str) { throw new ErrorException($str, 0, $no); });\n';

runRuleTests('unchecked-false-return', {
  valid: [
    { name: 'is_resource() first, then get_resource_type()', code: '<?php $fp = fsockopen("h", 80);\nif (is_resource($fp) && get_resource_type($fp) == "stream") { fwrite($fp, "x"); }' },
    { name: 'or die', code: '<?php $fp = fsockopen("example.org", 80, $errno, $errstr, 5) or die($errstr);\nfwrite($fp, "x");' },
    { name: '!$fp then exit', code: '<?php $fp = stream_socket_client("tcp://127.0.0.1:80");\nif (!$fp) exit(1);\nfwrite($fp, "x");' },
    { name: 'is_resource() is the right test for a stream', code: '<?php $fp = pfsockopen("example.org", 80);\nif (!is_resource($fp)) { return; }\nfwrite($fp, "x");' },
    { name: 'is_bool() then throw', code: '<?php $r = stream_socket_client("tcp://a:1");\nif (is_bool($r)) { throw new Exception("no"); }\nfclose($r);' },
    { name: '=== false on the left', code: '<?php $srv = stream_socket_server("tcp://0.0.0.0:8000") or exit;\n$c = stream_socket_accept($srv);\nif (false === $c) exit;\nfwrite($c, "hi");' },
    { name: 'opener in a ternary, then tested', code: '<?php $sock = $host ? fsockopen($host, 80) : false;\nif ($sock) { fwrite($sock, "x"); }' },
    { name: 'assignment in the condition', code: '<?php if (!$r = @stream_socket_client("tcp://a:1", $no, $str)) { throw new RuntimeException($str); }\nfwrite($r, "x");' },
    { name: 'under a throwing error handler (closure)', code: '<?php ' + THROWING_HANDLER + '$fp = fsockopen("a", 1);\nfwrite($fp, "x");' },
    {
      name: 'under a throwing error handler (a method of this file)',
      code: '<?php class C {\n  function h($n, $s) { throw new \\ErrorException($s); }\n  function open() {\n    set_error_handler([$this, "h"]);\n    $fp = stream_socket_client("tcp://a:1");\n    fwrite($fp, "x");\n  }\n}',
    },
    { name: 'under a handler set for E_WARNING', code: '<?php set_error_handler(fn ($n, $s) => throw new ErrorException($s), E_WARNING | E_NOTICE);\n$fp = fsockopen("a", 1);\nfwrite($fp, "x");' },
    { name: 'in a try that catches ErrorException', code: '<?php try {\n  $s = stream_socket_client("tcp://a:1");\n  fwrite($s, "x");\n} catch (\\ErrorException $e) { exit(1); }' },
    { name: 'socket_import_stream() checked', code: '<?php $fp = stream_socket_client("tcp://a:1") or die;\n$sock = socket_import_stream($fp);\nif ($sock === false) exit;\nsocket_set_option($sock, SOL_SOCKET, SO_KEEPALIVE, 1) or die;' },
    { name: 'f*() results on a stream are not the opener\'s business', code: '<?php $fp = fsockopen("a", 1) or die;\nfwrite($fp, "x");\nfgets($fp);\nfclose($fp);' },
    { name: 'a file from fopen() is no opener', code: '<?php $f = fopen("/tmp/x", "w");\nfwrite($f, "x");' },
    { name: 'returned to the caller', code: '<?php function connect($h) { return fsockopen($h, 80); }' },
  ],
  invalid: [
    {
      name: 'get_resource_type() is no test: on false it throws a TypeError',
      code: '<?php\n$fp = fsockopen("h", 80, $errno, $errstr, 5);\nif (get_resource_type($fp) == "stream") { fwrite($fp, "x"); }\n',
      errors: [{ ...USED(2, 7, 16), suggestions: [{ desc: 'Check $fp for false after fsockopen()', output: '<?php\n$fp = fsockopen("h", 80, $errno, $errstr, 5);\nif ($fp === false) {\n    throw new \\RuntimeException(\'fsockopen() failed: \' . $errstr);\n}\nif (get_resource_type($fp) == "stream") { fwrite($fp, "x"); }\n' }] }],
    },
    {
      name: 'fsockopen() used: report $errstr',
      code: '<?php\n$fp = fsockopen("example.org", 80, $errno, $errstr, 5);\nfwrite($fp, "GET / HTTP/1.0\\r\\n\\r\\n");\n',
      errors: [{
        ...USED(2, 7, 16),
        suggestions: [{
          desc: 'Check $fp for false after fsockopen()',
          output: '<?php\n$fp = fsockopen("example.org", 80, $errno, $errstr, 5);\nif ($fp === false) {\n    throw new \\RuntimeException(\'fsockopen() failed: \' . $errstr);\n}\nfwrite($fp, "GET / HTTP/1.0\\r\\n\\r\\n");\n',
        }],
      }],
    },
    {
      name: 'socket_import_stream(): its failure sets no socket error, so report the last warning',
      code: '<?php\n$sock = socket_import_stream($stream);\nsocket_set_option($sock, SOL_TCP, TCP_NODELAY, 1) or exit(1);\n',
      errors: [{
        ...USED(2, 9, 29),
        suggestions: [{
          desc: 'Check $sock for false after socket_import_stream()',
          output: '<?php\n$sock = socket_import_stream($stream);\nif ($sock === false) {\n    throw new \\RuntimeException(\'socket_import_stream() failed: \' . (error_get_last()[\'message\'] ?? \'\'));\n}\nsocket_set_option($sock, SOL_TCP, TCP_NODELAY, 1) or exit(1);\n',
        }],
      }],
    },
    {
      name: 'stream_socket_client() without $errstr: report the last warning',
      code: '<?php\n$s = stream_socket_client("tcp://127.0.0.1:6379");\nfwrite($s, "PING\\r\\n");\n',
      errors: [{
        ...USED(2, 6, 26),
        suggestions: [{
          desc: 'Check $s for false after stream_socket_client()',
          output: '<?php\n$s = stream_socket_client("tcp://127.0.0.1:6379");\nif ($s === false) {\n    throw new \\RuntimeException(\'stream_socket_client() failed: \' . (error_get_last()[\'message\'] ?? \'\'));\n}\nfwrite($s, "PING\\r\\n");\n',
        }],
      }],
    },
    {
      name: 'a dropped fsockopen() (a "ping" that never looks at the result)',
      code: '<?php\nfunction ping($h) {\n    fsockopen($h, 389, $errno, $errstr, 5);\n    return $errno === 0;\n}\n',
      errors: [{
        ...DROPPED(3, 5, 14),
        suggestions: [{
          desc: 'Throw when fsockopen() fails',
          output: '<?php\nfunction ping($h) {\n    if (fsockopen($h, 389, $errno, $errstr, 5) === false) {\n        throw new \\RuntimeException(\'fsockopen() failed: \' . $errstr);\n    }\n    return $errno === 0;\n}\n',
        }],
      }],
    },
    {
      name: '@ does not silence the TypeError of the use',
      code: '<?php $fp = @fsockopen("udp://$dns", 53);\nstream_set_timeout($fp, 2);',
      errors: [{ ...USED(1, 14, 23), suggestions: checkedAfter('<?php $fp = @fsockopen("udp://$dns", 53);\nstream_set_timeout($fp, 2);', '53);', '$fp', 'fsockopen') }],
    },
    {
      name: 'stream_socket_server() dropped',
      code: '<?php stream_socket_server("tcp://0.0.0.0:8000");',
      errors: [{
        ...DROPPED(1, 7, 27),
        suggestions: [{ desc: 'Throw when stream_socket_server() fails', output: `<?php if (stream_socket_server("tcp://0.0.0.0:8000") === false) {\n    throw new \\RuntimeException('stream_socket_server() failed: ' . ${LAST_WARNING});\n}` }],
      }],
    },
    {
      name: 'stream_socket_accept() stored unchecked, used after select',
      code: '<?php $srv = stream_socket_server("tcp://0.0.0.0:8000") or exit;\nwhile (true) {\n  $r = [$srv]; $w = $e = null;\n  if (stream_select($r, $w, $e, null)) {\n    $c = stream_socket_accept($srv);\n    fwrite($c, "hi");\n  }\n}',
      errors: [{ ...USED(5, 10, 30), suggestions: [{ desc: 'Check $c for false after stream_socket_accept()', output: '<?php $srv = stream_socket_server("tcp://0.0.0.0:8000") or exit;\nwhile (true) {\n  $r = [$srv]; $w = $e = null;\n  if (stream_select($r, $w, $e, null)) {\n    $c = stream_socket_accept($srv);\n    if ($c === false) {\n      throw new \\RuntimeException(\'stream_socket_accept() failed: \' . (error_get_last()[\'message\'] ?? \'\'));\n    }\n    fwrite($c, "hi");\n  }\n}' }] }],
    },
    { name: 'socket_import_stream() used at once', code: '<?php $fp = stream_socket_client("tcp://a:1") or die;\nsocket_set_option(socket_import_stream($fp), SOL_TCP, TCP_NODELAY, 1) or die;', errors: [USED(2, 19, 39)] },
    { name: 'checked on one branch only', code: '<?php $fp = fsockopen("a", 1);\nif ($strict && !$fp) exit(1);\nfwrite($fp, "x");', errors: [{ ...USED(1, 13, 22), suggestions: checkedAfter('<?php $fp = fsockopen("a", 1);\nif ($strict && !$fp) exit(1);\nfwrite($fp, "x");', '1);', '$fp', 'fsockopen') }] },
    { name: 'an error handler that only records does not throw', code: '<?php set_error_handler(function ($n, $s) { $GLOBALS["e"] = $s; });\n$fp = fsockopen("a", 1);\nfwrite($fp, "x");', errors: [{ ...USED(2, 7, 16), suggestions: checkedAfter('<?php set_error_handler(function ($n, $s) { $GLOBALS["e"] = $s; });\n$fp = fsockopen("a", 1);\nfwrite($fp, "x");', '$fp = fsockopen("a", 1);', '$fp', 'fsockopen') }] },
    { name: 'a try that catches only RuntimeException', code: '<?php try {\n  $s = stream_socket_client("tcp://a:1");\n  fwrite($s, "x");\n} catch (RuntimeException $e) { exit(1); }', errors: [USED(2, 8, 28)] },
    // Each of these returned false under its handler in the real php (php-behaviour.test.ts).
    {
      name: "the manual's handler lets an @ call fail quietly",
      code: '<?php set_error_handler(function ($no, $str) { if (!(error_reporting() & $no)) { return false; } throw new ErrorException($str, 0, $no); });\n$fp = @fsockopen("a", 1);\nfwrite($fp, "x");',
      errors: [{ ...USED(2, 8, 17), suggestions: checkedAfter('<?php set_error_handler(function ($no, $str) { if (!(error_reporting() & $no)) { return false; } throw new ErrorException($str, 0, $no); });\n$fp = @fsockopen("a", 1);\nfwrite($fp, "x");', '$fp = @fsockopen("a", 1);', '$fp', 'fsockopen') }],
    },
    { name: 'a handler set for user errors only', code: '<?php set_error_handler(fn ($n, $s) => throw new ErrorException($s), E_USER_WARNING | E_USER_ERROR);\n$fp = fsockopen("a", 1);\nfwrite($fp, "x");', errors: [{ ...USED(2, 7, 16), suggestions: checkedAfter('<?php set_error_handler(fn ($n, $s) => throw new ErrorException($s), E_USER_WARNING | E_USER_ERROR);\n$fp = fsockopen("a", 1);\nfwrite($fp, "x");', '$fp = fsockopen("a", 1);', '$fp', 'fsockopen') }] },
    { name: 'after restore_error_handler()', code: '<?php ' + THROWING_HANDLER + 'restore_error_handler();\n$fp = fsockopen("a", 1);\nfwrite($fp, "x");', errors: [{ ...USED(3, 7, 16), suggestions: checkedAfter('<?php ' + THROWING_HANDLER + 'restore_error_handler();\n$fp = fsockopen("a", 1);\nfwrite($fp, "x");', '$fp = fsockopen("a", 1);', '$fp', 'fsockopen') }] },
    {
      name: 'a read on a non-blocking socket fails with no warning',
      code: '<?php ' + THROWING_HANDLER + '$s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);\nsocket_set_nonblock($s);\n$data = socket_read($s, 10);\nsocket_write($s, $data) or die();',
      errors: [{ ...USED(4, 9, 20), suggestions: checkedAfter('<?php ' + THROWING_HANDLER + '$s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);\nsocket_set_nonblock($s);\n$data = socket_read($s, 10);\nsocket_write($s, $data) or die();', '$data = socket_read($s, 10);', '$data', 'socket_read', 'socket_strerror(socket_last_error($s))') }],
    },
    { name: 'the handler is set after the call', code: '<?php $fp = fsockopen("a", 1);\nfwrite($fp, "x");\n' + THROWING_HANDLER, errors: [{ ...USED(1, 13, 22), suggestions: checkedAfter('<?php $fp = fsockopen("a", 1);\nfwrite($fp, "x");\n' + THROWING_HANDLER, '$fp = fsockopen("a", 1);', '$fp', 'fsockopen') }] },
  ],
});
