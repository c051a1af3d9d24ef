// Patterns from the fourth December 2026 hunt (hunt25): the misses and wording problems the third
// left, and Debian PHP packages no earlier hunt had linted (Horde, PEAR Net_*, Predis, Pheanstalk,
// Monolog, Swift Mailer, Symfony, PHPMailer, XMPP); every finding judged by hand. Each case is
// written fresh and small and names the shape it stands for, never the code it was seen in.
import { describe, expect, it } from 'vitest';
import { lintText } from '../../server/src/core/lint';
import { phpEval, phpSyntaxError } from '../support/php';
import { runRuleTests } from '../support/rule-tester';
import { LOOP, loop } from '../support/write-all-loop';

const FTP = '<?php $fp = fsockopen("files.example.com", 2121) or die();\n';

// ---- suggestions in the style of the code around the call -------------------------------------

runRuleTests('unchecked-false-return', {
  valid: [],
  invalid: [
    {
      // The function's other failure path returns false: so does the suggested check.
      name: 'a check that returns false where the function returns false on failure',
      code: '<?php function dial($host) {\n  $s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);\n  if ($s === false) { return false; }\n  socket_connect($s, $host, 25);\n  return $s;\n}',
      errors: [
        {
          messageId: 'dropped',
          line: 4,
          column: 3,
          suggestions: [
            {
              desc: 'Return false when socket_connect() fails',
              output: '<?php function dial($host) {\n  $s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);\n  if ($s === false) { return false; }\n  if (socket_connect($s, $host, 25) === false) {\n    return false;\n  }\n  return $s;\n}',
            },
          ],
        },
      ],
    },
    {
      // A class that throws its own exception, with a code before the message, in another method.
      name: 'a check that throws the class its other methods throw, code argument kept',
      code: '<?php class Queue {\n  private $s;\n  function nodelay() {\n    socket_set_option($this->s, SOL_TCP, TCP_NODELAY, 1);\n  }\n  function fail($why) { throw new QueueConnectionError(0, "queue: " . $why); }\n}',
      errors: [
        {
          messageId: 'dropped',
          line: 4,
          column: 5,
          suggestions: [
            {
              desc: 'Throw when socket_set_option() fails',
              output: "<?php class Queue {\n  private $s;\n  function nodelay() {\n    if (socket_set_option($this->s, SOL_TCP, TCP_NODELAY, 1) === false) {\n      throw new QueueConnectionError(0, 'socket_set_option() failed: ' . socket_strerror(socket_last_error($this->s)));\n    }\n  }\n  function fail($why) { throw new QueueConnectionError(0, \"queue: \" . $why); }\n}",
            },
          ],
        },
      ],
    },
    {
      // The function's own connection exception comes first, over the class's.
      name: 'a check that throws the connection exception its own function throws',
      code: '<?php class Mailer {\n  function helo($s) {\n    if (!$s) { throw new TransportError("not connected"); }\n    socket_write($s, "HELO me\\r\\n");\n  }\n  function other() { throw new ConnectionError("closed", 4); }\n}',
      errors: [
        {
          messageId: 'dropped',
          line: 4,
          column: 5,
          suggestions: [
            {
              desc: 'Throw when socket_write() fails',
              output: "<?php class Mailer {\n  function helo($s) {\n    if (!$s) { throw new TransportError(\"not connected\"); }\n    if (socket_write($s, \"HELO me\\r\\n\") === false) {\n      throw new TransportError('socket_write() failed: ' . socket_strerror(socket_last_error($s)));\n    }\n  }\n  function other() { throw new ConnectionError(\"closed\", 4); }\n}",
            },
          ],
        },
      ],
    },
    {
      // An exception about something else (a bad argument) would mislead: \RuntimeException, and
      // no `return false` either, as the function also throws.
      name: 'an exception class about something else is not copied',
      code: '<?php function send($s, $line) {\n  if ($line === "") { return false; }\n  if (strlen($line) > 512) { throw new \\LengthException("line too long"); }\n  socket_write($s, $line);\n  return true;\n}',
      errors: [
        {
          messageId: 'dropped',
          line: 4,
          column: 3,
          suggestions: [
            {
              desc: 'Throw when socket_write() fails',
              output: "<?php function send($s, $line) {\n  if ($line === \"\") { return false; }\n  if (strlen($line) > 512) { throw new \\LengthException(\"line too long\"); }\n  if (socket_write($s, $line) === false) {\n    throw new \\RuntimeException('socket_write() failed: ' . socket_strerror(socket_last_error($s)));\n  }\n  return true;\n}",
            },
          ],
        },
      ],
    },
    {
      // A throw of a shape that says nothing of the constructor (a variable): \RuntimeException.
      name: 'a rethrow of a caught exception says nothing of a constructor',
      code: '<?php function send($s, $e) {\n  if ($e) { throw $e; }\n  socket_write($s, "x");\n}',
      errors: [
        {
          messageId: 'dropped',
          line: 3,
          column: 3,
          suggestions: [
            {
              desc: 'Throw when socket_write() fails',
              output: "<?php function send($s, $e) {\n  if ($e) { throw $e; }\n  if (socket_write($s, \"x\") === false) {\n    throw new \\RuntimeException('socket_write() failed: ' . socket_strerror(socket_last_error($s)));\n  }\n}",
            },
          ],
        },
      ],
    },
    {
      // `@` asked for a quiet failure: no throw is offered (the finding stays: the failure goes unheard).
      name: 'a silenced dropped call gets no throw',
      code: '<?php function ping($s) {\n  @socket_send($s, "PING\\n", 5, 0);\n}',
      errors: [{ messageId: 'dropped', line: 2, column: 4, suggestions: [] }],
    },
    {
      // ... but a `return false;` where the function returns false on failure is as quiet.
      name: 'a silenced dropped call in a function that returns false on failure',
      code: '<?php function ping($s) {\n  if (!$s) { return false; }\n  @socket_send($s, "PING\\n", 5, 0);\n  return true;\n}',
      errors: [
        {
          messageId: 'dropped',
          line: 3,
          column: 4,
          suggestions: [
            {
              desc: 'Return false when socket_send() fails',
              output: '<?php function ping($s) {\n  if (!$s) { return false; }\n  if (@socket_send($s, "PING\\n", 5, 0) === false) {\n    return false;\n  }\n  return true;\n}',
            },
          ],
        },
      ],
    },
    {
      // fclose(false) is a TypeError (checked below against the real php): a use, in the failure branch.
      name: 'a stream closed in the branch where the opener failed',
      code: '<?php $fp = fsockopen("h", 80, $errno, $errstr, 5);\nif (!$fp) {\n  fclose($fp);\n  exit(1);\n}\nfwrite($fp, "x");',
      errors: [{ messageId: 'usedWhereFalse', line: 1, column: 13, suggestions: [] }],
    },
    {
      // The else of a success test is the failure branch too.
      name: 'a use in the else of a success test',
      code: '<?php $s = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP);\nif ($s) {\n  socket_close($s);\n} else {\n  echo socket_strerror(socket_last_error($s));\n}',
      errors: [{ messageId: 'usedWhereFalse', line: 1, column: 12, suggestions: [] }],
    },
    {
      // A failure branch that goes on: the use after the `if` is unchecked, not in the branch.
      name: 'a use after a failure branch that does not stop is still unchecked',
      code: '<?php $fp = fsockopen("h", 80, $errno, $errstr, 5);\nif ($fp === false) {\n  error_log($errstr);\n}\nfwrite($fp, "x");',
      errors: [
        {
          messageId: 'used',
          line: 1,
          column: 13,
          suggestions: [
            {
              desc: 'Check $fp for false after fsockopen()',
              output: "<?php $fp = fsockopen(\"h\", 80, $errno, $errstr, 5);\nif ($fp === false) {\n  throw new \\RuntimeException('fsockopen() failed: ' . $errstr);\n}\nif ($fp === false) {\n  error_log($errstr);\n}\nfwrite($fp, \"x\");",
            },
          ],
        },
      ],
    },
  ],
});

// ---- results a function of the file returns ----------------------------------------------------

runRuleTests('unchecked-false-return', {
  valid: [
    // The caller checks what the function returns.
    { name: 'an opener returned by a helper, checked by its caller', code: '<?php function dial($h) { return fsockopen($h, 80, $errno, $errstr, 3); }\n$fp = dial("example.com");\nif (!$fp) { exit(1); }\nfwrite($fp, "x");' },
    // A caller that drops the returned value loses nothing it had: no finding.
    { name: 'a returned opener dropped by its caller', code: '<?php function warm($h) { return fsockopen($h, 80, $errno, $errstr, 3); }\nwarm("example.com");' },
    // No caller in this file: the caller elsewhere answers for it, as before.
    { name: 'a returned opener with no caller in the file', code: '<?php function dial($h) { return fsockopen($h, 80, $errno, $errstr, 3); }' },
  ],
  invalid: [
    {
      // The reconnect goes through a method that returns the opener's result, false on failure,
      // and the write after it takes that false (a TypeError). hunt-2026-12c left it skipped.
      name: 'a reconnect through a method that returns the opener, written to at once',
      code: '<?php class Link { private $s;\n  private function open() { return stream_socket_client("tcp://127.0.0.1:9912", $errno, $errstr, 3); }\n  function send($line) {\n    if (!$this->s = $this->s ?: $this->open()) { return false; }\n    if (fwrite($this->s, $line) !== strlen($line)) { fclose($this->s); $this->s = $this->open(); return fwrite($this->s, $line) === strlen($line); }\n    return true; } }',
      errors: [{ messageId: 'used', line: 2, column: 36, suggestions: [] }],
    },
    {
      name: 'an opener returned by a helper, written to unchecked',
      code: '<?php function dial($h) { return fsockopen($h, 80, $errno, $errstr, 3); }\n$fp = dial("example.com");\nfwrite($fp, "x");',
      errors: [{ messageId: 'used', line: 1, column: 34, suggestions: [] }],
    },
  ],
});

// ---- code a syntax error cut short ------------------------------------------------------------

runRuleTests('unchecked-false-return', {
  valid: [],
  invalid: [
    {
      // Half-written while typing: the parse error alone, not a "never checked" on a call not yet written.
      name: 'an opener cut off at the end of the file',
      code: '<?php\n$fp = fsockopen(\n',
      errors: [{ messageId: 'parseError', line: 3, column: 1 }],
    },
    {
      name: 'an opener cut off by the end of its function',
      code: '<?php function f() {\n  $fp = fsockopen("h", 80\n}',
      errors: [{ messageId: 'parseError', line: 3, column: 1 }],
    },
    {
      // A stray second `<?php` (PHP rejects the file: checked below): the parser drops the
      // `$fp =` and keeps a bare call, whose result would read as dropped.
      name: 'an opener after a stray second open tag',
      code: '<?php\n<?php\n$fp = stream_socket_client("tcp://127.0.0.1:8000", $errno, $errstr, 30);\nif (!$fp) {\n    echo "$errstr\\n";\n} else {\n    fclose($fp);\n}',
      errors: [
        { messageId: 'parseError', line: 2, column: 1 },
        { messageId: 'parseError', line: 3, column: 1 },
      ],
    },
    {
      // A syntax error further down leaves the complete call above it alone.
      name: 'a complete call above a syntax error is still reported',
      code: '<?php\n$s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP) or die();\nsocket_bind($s, "0.0.0.0", 8080);\n$x = ;\n',
      errors: [
        { messageId: 'dropped', line: 3, column: 1 },
        { messageId: 'parseError', line: 4, column: 6 },
      ],
    },
  ],
});

// ---- write counts -------------------------------------------------------------------------

runRuleTests('partial-write', {
  valid: [
    // The sum moves the data on: a write-all loop.
    { name: 'a sum that moves the data on', code: FTP + '$sent = 0;\nwhile ($sent < strlen($data)) {\n  $sent += fwrite($fp, substr($data, $sent));\n}' },
    // The sum is returned: the caller compares it.
    { name: 'a sum returned to the caller', code: '<?php function put($src) {\n  $fp = fsockopen("h", 2121) or die();\n  $n = 0;\n  while (!feof($src)) { $n += fwrite($fp, fread($src, 8192)); }\n  return $n;\n}' },
    // The sum is compared with the size afterwards: a short write is noticed.
    { name: 'a sum compared with the size after the loop', code: FTP + '$n = 0;\nforeach ($chunks as $c) { $n += fwrite($fp, $c); }\nif ($n !== $size) { exit(1); }' },
    // A value with text of its own on its line is a command's.
    { name: 'a second command line with a value', code: FTP + 'fwrite($fp, "USER $user\\r\\nPASS $pass\\r\\n");' },
    // The address is built in a variable first: the model cannot fold it, but it names udp://.
    { name: 'a datagram stream opened on an address built in a variable', code: '<?php class Stats { private $s;\n  function open($host) { $url = "udp://" . $host; $this->s = @fsockopen($url, 8125); }\n  function put($m) { if (is_resource($this->s)) { @fwrite($this->s, $m); } } }' },
    // A request built line by line from short text, as in the PHP manual's fsockopen() example.
    { name: 'a request built from short lines in a variable', code: FTP + '$out = "GET / HTTP/1.1\\r\\n";\n$out .= "Host: $host\\r\\n";\n$out .= "Connection: Close\\r\\n\\r\\n";\nfwrite($fp, $out);' },
    // A value made by another call stays a command line's piece: only a payload maker's result is data.
    { name: 'a command from a helper method, then its line ending', code: FTP + '$cmd = build_command($verb, $arg);\nfwrite($fp, $cmd . "\\r\\n");' },
    // A literal length caps the write: two bytes go out whole.
    { name: 'a write capped by a literal length', code: FTP + '$head = frame_header($len);\nfwrite($fp, $head, 2);' },
  ],
  invalid: [
    {
      // The counts are added up and never read: the rest of each short write is lost.
      name: 'counts added up into a sum nobody reads',
      code: FTP + '$sum = 0;\nforeach ($chunks as $chunk) { $sum += fwrite($fp, $chunk); }',
      errors: [{ messageId: 'summed', line: 3, column: 39 }],
    },
    {
      name: 'a file copied to a socket in chunks, the counts summed',
      code: '<?php function upload($host, $src) {\n  $fp = fsockopen($host, 2121) or die();\n  $i = 0;\n  while (!feof($src)) { $i += fputs($fp, fread($src, 10240)); }\n  fclose($fp);\n  return true;\n}',
      errors: [{ messageId: 'summed', line: 4, column: 31 }],
    },
    {
      // A variable grown in a loop may be any length.
      name: 'a request whose headers are appended in a loop',
      code: FTP + '$out = "POST / HTTP/1.1\\r\\n";\nforeach ($headers as $h) { $out .= "$h\\r\\n"; }\nfwrite($fp, $out);',
      errors: [{ messageId: 'dropped', line: 4, column: 1, suggestions: [{ desc: LOOP, output: FTP + '$out = "POST / HTTP/1.1\\r\\n";\nforeach ($headers as $h) { $out .= "$h\\r\\n"; }\n' + loop('fwrite($fp, REST)', '$out') }] }],
    },
    {
      // A body appended after the headers is data.
      name: 'a request whose body is appended to the variable',
      code: FTP + '$out = "POST / HTTP/1.1\\r\\n\\r\\n";\n$out .= $body;\nfwrite($fp, $out);',
      errors: [{ messageId: 'dropped', line: 4, column: 1, suggestions: [{ desc: LOOP, output: FTP + '$out = "POST / HTTP/1.1\\r\\n\\r\\n";\n$out .= $body;\n' + loop('fwrite($fp, REST)', '$out') }] }],
    },
    {
      // A command line's shape, but the value on it was just encrypted: a payload of any length.
      name: 'an encrypted payload written as a line',
      code: '<?php class Agent { private $fp;\n  function open($h) { $this->fp = fsockopen($h, 20081) or die(); }\n  function send($data) {\n    $data = $this->encrypt($data);\n    fputs($this->fp, $data . "\\n");\n  }\n  private function encrypt($d) { return base64_encode(openssl_encrypt($d, "aes-256-cbc", "k", 0, "0123456789abcdef")); } }',
      errors: [{ messageId: 'dropped', line: 5, column: 5, suggestions: [{ desc: LOOP, output: '<?php class Agent { private $fp;\n  function open($h) { $this->fp = fsockopen($h, 20081) or die(); }\n  function send($data) {\n    $data = $this->encrypt($data);\n    $payload = $data . "\\n";\n    ' + loop('fputs($this->fp, REST)', '$payload', { indentation: '    ', unit: '  ' }) + '\n  }\n  private function encrypt($d) { return base64_encode(openssl_encrypt($d, "aes-256-cbc", "k", 0, "0123456789abcdef")); } }' }] }],
    },
    {
      // A tcp:// address built in a variable is a stream socket like any other.
      name: 'a stream opened on a tcp address built in a variable',
      code: '<?php function put($host, $m) {\n  $url = "tcp://" . $host;\n  $fp = fsockopen($url, 2003) or die();\n  fwrite($fp, $m);\n}',
      errors: [{ messageId: 'dropped', line: 4, column: 3, suggestions: [{ desc: LOOP, output: '<?php function put($host, $m) {\n  $url = "tcp://" . $host;\n  $fp = fsockopen($url, 2003) or die();\n  ' + loop('fwrite($fp, REST)', '$m', { indentation: '  ', unit: '  ' }) + '\n}' }] }],
    },
    {
      // Cut off while typing: the parse error alone.
      name: 'a write cut off at the end of the file',
      code: FTP + 'fwrite($fp, $data\n',
      errors: [{ messageId: 'parseError', line: 3, column: 1 }],
    },
    {
      // The value after the command line is the stored item, up to a megabyte (memcached's set).
      name: 'a cache value sent after its command line in one string',
      code: '<?php $mc = fsockopen("127.0.0.1", 11211) or die();\nfwrite($mc, "set $key 0 0 $len\\r\\n$value\\r\\n");',
      errors: [{ messageId: 'dropped', line: 2, column: 1, suggestions: [{ desc: LOOP, output: '<?php $mc = fsockopen("127.0.0.1", 11211) or die();\n$payload = "set $key 0 0 $len\\r\\n$value\\r\\n";\n' + loop('fwrite($mc, REST)', '$payload') }] }],
    },
  ],
});

// ---- PHP's own behaviour behind the cases above -------------------------------------------------

describe('PHP behaviour (hunt 2026-12d)', () => {
  it('throws a TypeError when fclose() or socket_last_error() is given the false of a failed call', async () => {
    const output = await phpEval('foreach (["fclose", "socket_last_error"] as $f) { try { $f(false); echo "no error\\n"; } catch (\\TypeError $e) { echo get_class($e), "\\n"; } }');
    expect(output).toBe('TypeError\nTypeError\n');
  });

  it('rejects a file with a second open tag inside PHP code, so none of it runs', async () => {
    expect(await phpSyntaxError('<?php\necho 1;\n<?php\necho 2;\n')).toMatch(/syntax error, unexpected token "<"/);
  });
});

describe('findings of a file with a syntax error (hunt 2026-12d)', () => {
  it('keeps no rule finding on a call the parse error cuts off, with every rule on', () => {
    const { findings } = lintText('<?php\n$s = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP) or die();\nsocket_listen($s\n');
    expect(findings.filter((finding) => finding.ruleId === 'unchecked-false-return')).toEqual([]);
  });
});
