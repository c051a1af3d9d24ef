import { runRuleTests } from '../support/rule-tester';

runRuleTests('listen-before-bind', {
  valid: [
    { code: '<?php $s = socket_create(AF_INET, SOCK_STREAM, 0);\nsocket_bind($s, "0.0.0.0", 8080);\nsocket_listen($s);' },
    { name: 'bound through an alias', code: '<?php $s = socket_create(AF_INET, SOCK_STREAM, 0);\n$a = $s;\nsocket_bind($a, "0.0.0.0", 8080);\nsocket_listen($s);' },
    { name: 'bound on every path', code: '<?php $s = socket_create(AF_INET, SOCK_STREAM, 0);\nif ($v6) socket_bind($s, "::", 80); else socket_bind($s, "0.0.0.0", 80);\nsocket_listen($s);' },
    { name: 'bound on some path only: not certain', code: '<?php $s = socket_create(AF_INET, SOCK_STREAM, 0);\nif ($port) socket_bind($s, "0.0.0.0", $port);\nsocket_listen($s);' },
    { name: 'bound by a helper of another file', code: '<?php $s = socket_create(AF_INET, SOCK_STREAM, 0);\nbind_it($s);\nsocket_listen($s);' },
    { name: 'socket_create_listen is bound', code: '<?php $s = socket_create_listen(0);\nsocket_listen($s);' },
    { name: 'unknown socket', code: '<?php function f($s) { socket_listen($s); }' },
    { name: 'datagram sockets are listen-on-datagram', code: '<?php $s = socket_create(AF_INET, SOCK_DGRAM, 0);\nsocket_listen($s);' },
  ],
  invalid: [
    {
      code: '<?php $s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);\nsocket_listen($s, 5);',
      errors: [{ messageId: 'neverBound', line: 2, column: 1, endLine: 2, endColumn: 14, severity: 'hint' }],
    },
    {
      name: 'bind comes after listen',
      code: '<?php $s = socket_create(AF_UNIX, SOCK_STREAM, 0);\nsocket_listen($s);\nsocket_bind($s, "/tmp/x.sock");',
      errors: [{ messageId: 'neverBound', line: 2, column: 1 }],
    },
  ],
});

runRuleTests('listen-before-bind', {
  valid: [
    { name: 'a method binds it first', code: '<?php class S { private $s;\n  function start() { $this->s = socket_create(AF_INET, SOCK_STREAM, 0); $this->configure(); socket_listen($this->s); }\n  function configure() { socket_bind($this->s, "0.0.0.0", 80); } }' },
    { name: 'a closure binds it first', code: '<?php $s = socket_create(AF_INET, SOCK_STREAM, 0);\n$bind = function () use ($s) { socket_bind($s, "0.0.0.0", 80); };\n$bind();\nsocket_listen($s);' },
  ],
  invalid: [],
});
