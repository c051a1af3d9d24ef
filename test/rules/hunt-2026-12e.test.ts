// Patterns from the December 2026 new-user run (newuser25) on Debian trees no hunt had linted
// (cacti, dokuwiki, zabbix, roundcube, icinga, ...): every finding judged by hand. Each case is
// written fresh and small and names the shape it stands for, never the code it was seen in.
import { describe, expect, it } from 'vitest';
import { lintText } from '../../server/src/core/lint';
import { runRuleTests } from '../support/rule-tester';

const PING = (between: string, helpers: string) =>
  `<?php class Probe {\n  private $socket;\n  private $t;\n  function open($host) {\n    $this->socket = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP);\n    ${between}\n    if (!socket_set_block($this->socket)) { exit(2); }\n    socket_connect($this->socket, $host, 7) or die();\n  }\n${helpers}\n}`;

const TIMER = PING('$this->start_timer();', '  function start_timer() { $this->t = microtime(true); }');

// ---- a call to one of the object's own methods between the result and its use ------------------

runRuleTests('unchecked-false-return', {
  valid: [
    {
      // The method tests the property: the failure may end there.
      name: 'a method that checks the property between the call and the use',
      code: PING('$this->assertOpen();', '  function assertOpen() { if ($this->socket === false) { throw new RuntimeException("no socket"); } }'),
    },
    {
      // The method calls another method, which may check anything.
      name: 'a method that calls other methods of the object',
      code: PING('$this->prepare();', '  function prepare() { $this->t = 0; $this->verify(); }\n  function verify() { if (!$this->socket) { exit(1); } }'),
    },
    {
      // The method hands the object itself on: other code may check it.
      name: 'a method that passes $this on',
      code: PING('$this->register();', '  function register() { Registry::add($this); }'),
    },
  ],
  invalid: [
    {
      // A method that only sets another property cannot have checked the socket (a timer start).
      name: 'a method that touches only other properties between the call and the use',
      code: TIMER,
      errors: [
        {
          messageId: 'used',
          line: 5,
          column: 21,
          suggestions: [
            {
              desc: 'Check $this->socket for false after socket_create()',
              output: TIMER.replace('SOL_UDP);\n', "SOL_UDP);\n    if ($this->socket === false) {\n      throw new \\RuntimeException('socket_create() failed: ' . socket_strerror(socket_last_error()));\n    }\n"),
            },
          ],
        },
      ],
    },
  ],
});

// ---- a use the reader does not see after the call: the message says where it is ---------------

const NEXT_PASS = "<?php function serve($server) {\n  $all = [$server];\n  while (true) {\n    $read = $all;\n    stream_select($read, $w, $e, null);\n    $c = stream_socket_accept($server);\n    $all[] = $c;\n  }\n}";
const RETURNED = "<?php class Link {\n  private $s;\n  function send($line) {\n    $this->s = $this->open();\n    return fwrite($this->s, $line);\n  }\n  private function open() {\n    return fsockopen(\"127.0.0.1\", 7000);\n  }\n}";

runRuleTests('unchecked-false-return', {
  valid: [],
  invalid: [
    {
      // The accepted stream joins the set that the next pass's select reads: a use above the call.
      name: 'a use on the loop\'s next pass, above the call',
      code: NEXT_PASS,
      errors: [
        {
          messageId: 'used',
          line: 6,
          column: 10,
          suggestions: [{ desc: 'Check $c for false after stream_socket_accept()', output: "<?php function serve($server) {\n  $all = [$server];\n  while (true) {\n    $read = $all;\n    stream_select($read, $w, $e, null);\n    $c = stream_socket_accept($server);\n    if ($c === false) {\n      throw new \\RuntimeException('stream_socket_accept() failed: ' . (error_get_last()['message'] ?? ''));\n    }\n    $all[] = $c;\n  }\n}" }],
        },
      ],
    },
    {
      // A helper returns the stream; its caller writes to it: the use is in another function.
      name: 'a use in the function the result is returned to',
      code: RETURNED,
      errors: [
        {
          messageId: 'used',
          line: 8,
          column: 12,
        },
      ],
    },
  ],
});

describe('the message of a use above the call or in another function', () => {
  const messageOf = (code: string) => lintText(code).findings.find((finding) => finding.ruleId === 'unchecked-false-return')?.message;
  it('says where the use is', () => {
    expect(messageOf(NEXT_PASS)).toContain("line 5 uses the result unchecked. That use is on the loop's next pass.");
    expect(messageOf(RETURNED)).toContain('line 5 uses the result unchecked. That use is in send().');
    // A use after the call in its own function needs no word of where.
    expect(messageOf(TIMER)).toMatch(/line 7 uses the result unchecked\. On false/);
  });
});
