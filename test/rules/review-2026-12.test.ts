// Cases from the review of December 2026's fourth session (review25): correct code the session's
// new heuristics reported, each written fresh and small.
import { describe, expect, it } from 'vitest';
import { phpEval } from '../support/php';
import { runRuleTests } from '../support/rule-tester';
import { LOOP, loop } from '../support/write-all-loop';

const OPEN = '<?php $fp = fsockopen("h", 80) or die();\n';

runRuleTests('partial-write', {
  valid: [
    // A number or a digest computed from a payload is a few bytes: the line stays a short command line.
    { name: 'the length of an encoded payload on a command line', code: OPEN + '$len = strlen(json_encode($data));\nfwrite($fp, "LEN " . $len . "\\r\\n");' },
    { name: 'the digest of a serialized payload on a command line', code: OPEN + '$hash = md5(serialize($data));\nfwrite($fp, "HASH $hash\\r\\n");' },
    { name: 'a count of what a file holds on a command line', code: OPEN + '$n = count(file_get_contents($path) ? [1] : []);\nfwrite($fp, "N $n\\r\\n");' },
    // The sum goes back to the caller through a by-reference parameter: the caller reads it.
    {
      name: 'counts added up into a by-reference parameter',
      code: '<?php function push($host, array $chunks, &$total) {\n  $fp = fsockopen($host, 80) or die();\n  foreach ($chunks as $chunk) {\n    $total += fwrite($fp, $chunk);\n  }\n}\n$sent = 0;\npush("h", ["a"], $sent);\nif ($sent < 1) { echo "short"; }',
    },
  ],
  invalid: [
    {
      // An encoding keeps the payload's length.
      name: 'an encoded compressed payload on a command line',
      code: OPEN + '$blob = base64_encode(gzcompress($data));\nfwrite($fp, "BLOB $blob\\r\\n");',
      errors: [{ messageId: 'dropped', line: 3, column: 1, suggestions: [{ desc: LOOP, output: OPEN + '$blob = base64_encode(gzcompress($data));\n$payload = "BLOB $blob\\r\\n";\n' + loop('fwrite($fp, REST)', '$payload') }] }],
    },
    {
      name: 'a payload or a default, as a line',
      code: OPEN + '$j = json_encode($data) ?: "{}";\nfwrite($fp, $j . "\\n");',
      errors: [{ messageId: 'dropped', line: 3, column: 1, suggestions: [{ desc: LOOP, output: OPEN + '$j = json_encode($data) ?: "{}";\n$payload = $j . "\\n";\n' + loop('fwrite($fp, REST)', '$payload') }] }],
    },
  ],
});

// ---- failure-style: an exception class whose constructor takes no message ----------------------

const THROWS_RUNTIME = (call: string, indent: string, report: string) =>
  `if (${call} === false) {\n${indent}  throw new \\RuntimeException('${call.slice(0, call.indexOf('('))}() failed: ' . ${report});\n${indent}}`;

runRuleTests('unchecked-false-return', {
  valid: [],
  invalid: [
    {
      // `socket_last_error()` is the one argument: a code, and the class may take only a code.
      name: 'a connection exception made from an error code alone is not copied',
      code: '<?php class Server {\n  private $s;\n  function open($port) {\n    if (!$this->s) { throw new SocketException(socket_last_error()); }\n    socket_bind($this->s, "0.0.0.0", $port);\n  }\n}',
      errors: [
        {
          messageId: 'dropped',
          line: 5,
          column: 5,
          suggestions: [
            {
              desc: 'Throw when socket_bind() fails',
              output:
                '<?php class Server {\n  private $s;\n  function open($port) {\n    if (!$this->s) { throw new SocketException(socket_last_error()); }\n    ' +
                THROWS_RUNTIME('socket_bind($this->s, "0.0.0.0", $port)', '    ', 'socket_strerror(socket_last_error($this->s))') +
                '\n  }\n}',
            },
          ],
        },
      ],
    },
    {
      // The file declares the class: its constructor's first parameter is an int, a message there a TypeError.
      name: 'a connection exception of this file whose constructor takes an int is not copied',
      code: '<?php class SocketError extends \\Exception { function __construct(int $errno) { parent::__construct(socket_strerror($errno), $errno); } }\nclass Server {\n  private $s;\n  function open($port) {\n    if (!$this->s) { throw new SocketError($this->errno()); }\n    socket_bind($this->s, "0.0.0.0", $port);\n  }\n  private function errno() { return socket_last_error(); }\n}',
      errors: [
        {
          messageId: 'dropped',
          line: 6,
          column: 5,
          suggestions: [
            {
              desc: 'Throw when socket_bind() fails',
              output:
                '<?php class SocketError extends \\Exception { function __construct(int $errno) { parent::__construct(socket_strerror($errno), $errno); } }\nclass Server {\n  private $s;\n  function open($port) {\n    if (!$this->s) { throw new SocketError($this->errno()); }\n    ' +
                THROWS_RUNTIME('socket_bind($this->s, "0.0.0.0", $port)', '    ', 'socket_strerror(socket_last_error($this->s))') +
                '\n  }\n  private function errno() { return socket_last_error(); }\n}',
            },
          ],
        },
      ],
    },
    {
      // The same file's class takes a message first (a string, or untyped): it is copied.
      name: 'a connection exception of this file whose constructor takes a string is copied',
      code: '<?php class SocketError extends \\Exception { function __construct(string|\\Stringable $message) { parent::__construct((string) $message); } }\nclass Server {\n  private $s;\n  function open($port) {\n    if (!$this->s) { throw new SocketError("no socket"); }\n    socket_bind($this->s, "0.0.0.0", $port);\n  }\n}',
      errors: [
        {
          messageId: 'dropped',
          line: 6,
          column: 5,
          suggestions: [
            {
              desc: 'Throw when socket_bind() fails',
              output:
                '<?php class SocketError extends \\Exception { function __construct(string|\\Stringable $message) { parent::__construct((string) $message); } }\nclass Server {\n  private $s;\n  function open($port) {\n    if (!$this->s) { throw new SocketError("no socket"); }\n    ' +
                "if (socket_bind($this->s, \"0.0.0.0\", $port) === false) {\n      throw new SocketError('socket_bind() failed: ' . socket_strerror(socket_last_error($this->s)));\n    }" +
                '\n  }\n}',
            },
          ],
        },
      ],
    },
  ],
});

// ---- the failure-branch wording: only for a test of this call's own result ----------------------

const BACKUP = '<?php $fp = fsockopen($a, 80);\nif (!$fp) {\n  $fp = fsockopen($b, 80);\n  if ($verbose && !$fp) { echo "backup failed"; }\n  fwrite($fp, "HELO\\r\\n");\n}';

runRuleTests('unchecked-false-return', {
  valid: [],
  invalid: [
    {
      // The `if` tests the first connection; the write uses the backup's result, which may well be a stream.
      name: 'a backup connection used unchecked inside the failure branch of the first',
      code: BACKUP,
      errors: [
        {
          messageId: 'used',
          line: 3,
          column: 9,
          suggestions: [
            {
              desc: 'Check $fp for false after fsockopen()',
              output: BACKUP.replace('fsockopen($b, 80);', "fsockopen($b, 80);\n  if ($fp === false) {\n    throw new \\RuntimeException('fsockopen() failed: ' . (error_get_last()['message'] ?? ''));\n  }"),
            },
          ],
        },
      ],
    },
  ],
});

describe('PHP behaviour (review 2026-12)', () => {
  it('throws a TypeError when a message is given to a constructor that takes an int', async () => {
    const php = 'class SocketError extends \\Exception { function __construct(int $errno) { parent::__construct("", $errno); } }\ntry { throw new SocketError("socket_bind() failed: x"); } catch (\\Throwable $e) { echo get_class($e); }';
    expect(await phpEval(php)).toBe('TypeError');
  });
});
