// Patterns from the December 2026 new-user run (newuser25) on Debian trees no hunt had linted
// (cacti, dokuwiki, zabbix, roundcube, icinga, ...): every finding judged by hand. Each case is
// written fresh and small and names the shape it stands for, never the code it was seen in.
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
