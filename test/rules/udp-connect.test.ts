import { runRuleTests } from '../support/rule-tester';

runRuleTests('udp-connect', {
  valid: [
    { code: '<?php $s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);\nsocket_connect($s, "127.0.0.1", 80);' },
    { name: 'sendto is the datagram way', code: '<?php $s = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP);\nsocket_sendto($s, "x", 1, 0, "127.0.0.1", 53);' },
    { name: 'may be a stream socket', code: '<?php $s = socket_create(AF_INET, $udp ? SOCK_DGRAM : SOCK_STREAM, 0);\nsocket_connect($s, "127.0.0.1", 80);' },
    { name: 'unknown socket', code: '<?php function f($s) { socket_connect($s, "127.0.0.1", 80); }' },
  ],
  invalid: [
    {
      code: '<?php $s = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP);\nsocket_connect($s, "8.8.8.8", 53);',
      errors: [{ messageId: 'udpConnect', line: 2, column: 1, endLine: 2, endColumn: 15, severity: 'hint' }],
    },
    {
      name: 'through a property',
      code: '<?php class Stats { private $sock;\n  function __construct() { $this->sock = socket_create(AF_INET6, SOCK_DGRAM, SOL_UDP); }\n  function open() { return socket_connect($this->sock, "::1", 8125); } }',
      errors: [{ messageId: 'udpConnect', line: 3, column: 28 }],
    },
  ],
});

runRuleTests('udp-connect', {
  valid: [{ name: 'AF_UNIX datagram: connect checks the path', code: '<?php $s = socket_create(AF_UNIX, SOCK_DGRAM, 0);\nsocket_connect($s, "/dev/log");' }],
  invalid: [],
});
