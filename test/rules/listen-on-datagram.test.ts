import { runRuleTests } from '../support/rule-tester';

const E = (line: number, column: number, extra: object = {}) => ({ messageId: 'datagram', line, column, severity: 'error' as const, ...extra });
const MAYBE = (line: number, column: number, extra: object = {}) => ({ messageId: 'maybeDatagram', line, column, severity: 'warning' as const, ...extra });
const STREAM = 'Create the socket as SOCK_STREAM (TCP)';
const REMOVE = 'Remove the socket_listen() call (UDP sockets do not listen)';
/** The one suggestion of a finding: turn the socket into a TCP one, giving `output`. */
const asStream = (output: string) => ({ suggestions: [{ desc: STREAM, output }] });

runRuleTests('listen-on-datagram', {
  valid: [
    { code: '<?php $s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);\nsocket_listen($s, 5);' },
    { code: '<?php $s = socket_create(AF_UNIX, SOCK_SEQPACKET, 0);\nsocket_listen($s);\n$c = socket_accept($s);' },
    { code: '<?php $s = socket_create_listen(8080);\n$c = socket_accept($s);' },
    { name: 'later value wins', code: '<?php $s = socket_create(AF_INET, SOCK_DGRAM, 0);\n$s = socket_create(AF_INET, SOCK_STREAM, 0);\nsocket_listen($s);' },
    { name: 'type from a parameter is unknown', code: '<?php function serve(int $type) {\n  $s = socket_create(AF_INET, $type, 0);\n  socket_listen($s);\n}' },
    { name: 'method look-alike', code: '<?php $s = socket_create(AF_INET, SOCK_DGRAM, 0);\n$obj->socket_listen($s);' },
    { name: 'user function look-alike', code: '<?php $s = socket_create(AF_INET, SOCK_DGRAM, 0);\nmy_socket_listen($s);' },
    { name: 'namespaced look-alike', code: '<?php $s = socket_create(AF_INET, SOCK_DGRAM, 0);\nFoo\\socket_listen($s);' },
    { name: 'static look-alike', code: '<?php $s = socket_create(AF_INET, SOCK_DGRAM, 0);\nNet::socket_listen($s);' },
    { name: 'UDP used properly', code: '<?php $s = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP);\nsocket_bind($s, "0.0.0.0", 9000);\nsocket_recvfrom($s, $buf, 512, 0, $from, $port);' },
    { name: 'accepted socket is a stream', code: '<?php $l = socket_create_listen(0);\n$c = socket_accept($l);\nsocket_listen($c);' },
    { name: 'dead code after return is not analyzed', code: '<?php function f() { return;\n$s = socket_create(AF_INET, SOCK_DGRAM, 0);\nsocket_listen($s); }' },
  ],
  invalid: [
    {
      name: 'literal SOCK_DGRAM, plain statement',
      code: '<?php $s = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP);\nsocket_listen($s, 5);\necho "ok";',
      errors: [E(2, 1, { endLine: 2, endColumn: 14, ...asStream('<?php $s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);\nsocket_listen($s, 5);\necho "ok";') })],
      output: '<?php $s = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP);\necho "ok";',
    },
    { name: 'socket_accept', code: '<?php $s = socket_create(AF_INET, SOCK_DGRAM, 0);\n$c = socket_accept($s);', errors: [E(2, 6, asStream('<?php $s = socket_create(AF_INET, SOCK_STREAM, 0);\n$c = socket_accept($s);'))] },
    { name: 'SOCK_RAW', code: '<?php $s = socket_create(AF_INET, SOCK_RAW, 1);\nif (!socket_listen($s)) exit(1);', errors: [E(2, 6)] },
    { name: 'const', code: '<?php const KIND = SOCK_DGRAM;\n$s = socket_create(AF_INET, KIND, 0);\nif (!socket_listen($s)) exit(1);', errors: [E(3, 6, asStream('<?php const KIND = SOCK_DGRAM;\n$s = socket_create(AF_INET, SOCK_STREAM, 0);\nif (!socket_listen($s)) exit(1);'))] },
    { name: 'define()', code: "<?php define('KIND', SOCK_DGRAM);\n$s = socket_create(AF_INET, KIND, 0);\nif (!socket_listen($s)) exit(1);", errors: [E(3, 6, asStream("<?php define('KIND', SOCK_DGRAM);\n$s = socket_create(AF_INET, SOCK_STREAM, 0);\nif (!socket_listen($s)) exit(1);"))] },
    {
      name: 'class constant',
      code: '<?php class Srv {\n  const TYPE = SOCK_DGRAM;\n  function run() {\n    $s = socket_create(AF_INET, self::TYPE, 0);\n    return socket_listen($s);\n  }\n}',
      errors: [E(5, 12)],
    },
    { name: 'variable', code: '<?php $t = SOCK_DGRAM;\n$s = socket_create(AF_INET, $t, 0);\n$ok = socket_listen($s) or die();', errors: [E(3, 7)] },
    { name: 'alias', code: '<?php $s = socket_create(AF_INET, SOCK_DGRAM, 0);\n$a = $s;\n$b = $a;\nif (!socket_listen($b)) exit(1);', errors: [E(4, 6, asStream('<?php $s = socket_create(AF_INET, SOCK_STREAM, 0);\n$a = $s;\n$b = $a;\nif (!socket_listen($b)) exit(1);'))] },
    { name: 'later value wins (datagram last)', code: '<?php $s = socket_create(AF_INET, SOCK_STREAM, 0);\n$s = socket_create(AF_INET, SOCK_DGRAM, 0);\nif (!socket_listen($s)) exit(1);', errors: [E(3, 6, asStream('<?php $s = socket_create(AF_INET, SOCK_STREAM, 0);\n$s = socket_create(AF_INET, SOCK_STREAM, 0);\nif (!socket_listen($s)) exit(1);'))] },
    {
      name: 'bare socket_listen() that may run on a stream socket: removing it is only a suggestion',
      code: '<?php $s = $udp ? socket_create(AF_INET, SOCK_DGRAM, SOL_UDP) : socket_create(AF_INET, SOCK_STREAM, SOL_TCP);\nsocket_listen($s);',
      errors: [
        MAYBE(2, 1, {
          suggestions: [
            { desc: REMOVE, output: '<?php $s = $udp ? socket_create(AF_INET, SOCK_DGRAM, SOL_UDP) : socket_create(AF_INET, SOCK_STREAM, SOL_TCP);\n' },
            { desc: STREAM, output: '<?php $s = $udp ? socket_create(AF_INET, SOCK_STREAM, SOL_TCP) : socket_create(AF_INET, SOCK_STREAM, SOL_TCP);\nsocket_listen($s);' },
          ],
        }),
      ],
    },
    { name: 'ternary type: may be', code: '<?php $s = socket_create(AF_INET, $udp ? SOCK_DGRAM : SOCK_STREAM, 0);\nif (!socket_listen($s)) exit(1);', errors: [MAYBE(2, 6)] },
    {
      name: 'if/else: may be',
      code: '<?php if ($udp) { $s = socket_create(AF_INET, SOCK_DGRAM, 0); }\nelse { $s = socket_create(AF_INET, SOCK_STREAM, 0); }\nif (!socket_listen($s)) exit(1);',
      errors: [MAYBE(3, 6, asStream('<?php if ($udp) { $s = socket_create(AF_INET, SOCK_STREAM, 0); }\nelse { $s = socket_create(AF_INET, SOCK_STREAM, 0); }\nif (!socket_listen($s)) exit(1);'))],
    },
    {
      name: 'property set in one method, used in another',
      code: '<?php class Srv {\n  private $sock;\n  function __construct() { $this->sock = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP); }\n  function start() { if (!socket_listen($this->sock)) throw new Exception(); }\n}',
      errors: [E(4, 27, asStream('<?php class Srv {\n  private $sock;\n  function __construct() { $this->sock = socket_create(AF_INET, SOCK_STREAM, SOL_TCP); }\n  function start() { if (!socket_listen($this->sock)) throw new Exception(); }\n}'))],
    },
    {
      name: 'function of the file returns the socket',
      code: '<?php function udp() { $s = socket_create(AF_INET, SOCK_DGRAM, 0);\n  if ($s === false) return false;\n  return $s; }\n$sock = udp();\nif (!socket_listen($sock)) exit(1);',
      errors: [E(5, 6, asStream('<?php function udp() { $s = socket_create(AF_INET, SOCK_STREAM, 0);\n  if ($s === false) return false;\n  return $s; }\n$sock = udp();\nif (!socket_listen($sock)) exit(1);'))],
    },
    {
      name: 'method of the file returns the socket',
      code: '<?php class Srv {\n  function make() { return socket_create(AF_INET, SOCK_DGRAM, 0); }\n  function run() { $s = $this->make(); if (!socket_listen($s)) exit(1); }\n}',
      errors: [E(3, 45, asStream('<?php class Srv {\n  function make() { return socket_create(AF_INET, SOCK_STREAM, 0); }\n  function run() { $s = $this->make(); if (!socket_listen($s)) exit(1); }\n}'))],
    },
    { name: 'socket_create_pair', code: '<?php if (!socket_create_pair(AF_UNIX, SOCK_DGRAM, 0, $pair)) exit(1);\nif (!socket_listen($pair[0])) exit(1);', errors: [E(2, 6)] },
    { name: 'named arguments', code: '<?php $s = socket_create(type: SOCK_DGRAM, domain: AF_INET, protocol: 0);\nif (!socket_listen(backlog: 10, socket: $s)) exit(1);', errors: [E(2, 6, asStream('<?php $s = socket_create(type: SOCK_STREAM, domain: AF_INET, protocol: 0);\nif (!socket_listen(backlog: 10, socket: $s)) exit(1);'))] },
    {
      name: 'leading backslash, upper case, in a namespace',
      code: '<?php namespace App\\Net;\n$s = \\socket_create(AF_INET, SOCK_DGRAM, 0);\nif (!SOCKET_LISTEN($s)) exit(1);\nif (!\\socket_listen($s)) exit(1);',
      errors: [
        E(3, 6, asStream('<?php namespace App\\Net;\n$s = \\socket_create(AF_INET, SOCK_STREAM, 0);\nif (!SOCKET_LISTEN($s)) exit(1);\nif (!\\socket_listen($s)) exit(1);')),
        E(4, 6, asStream('<?php namespace App\\Net;\n$s = \\socket_create(AF_INET, SOCK_STREAM, 0);\nif (!SOCKET_LISTEN($s)) exit(1);\nif (!\\socket_listen($s)) exit(1);')),
      ],
    },
    {
      name: 'in a loop',
      code: '<?php $s = socket_create(AF_INET, SOCK_DGRAM, 0);\nwhile (true) {\n  if (($c = socket_accept($s)) === false) break;\n}',
      errors: [E(3, 13, asStream('<?php $s = socket_create(AF_INET, SOCK_STREAM, 0);\nwhile (true) {\n  if (($c = socket_accept($s)) === false) break;\n}'))],
    },
  ],
});

// Correct code found while hunting false findings in realistic PHP.
runRuleTests('listen-on-datagram', {
  valid: [
    {
      name: 'define() in both branches',
      code: "<?php if (getenv('T') === 'stream') { define('KIND', SOCK_STREAM); } else { define('KIND', SOCK_DGRAM); }\n$s = socket_create(AF_UNIX, KIND, 0);\nif (KIND === SOCK_STREAM) { socket_listen($s, 20) or exit; }",
    },
    { name: 'late static binding', code: '<?php abstract class E { const TYPE = SOCK_DGRAM;\n  function open() { $s = socket_create(AF_INET, static::TYPE, 0) or exit; if (!socket_listen($s)) exit(1); } }\nclass S extends E { const TYPE = SOCK_STREAM; }' },
    { name: 'a method of an unknown object', code: '<?php class Udp { function open() { return socket_create(AF_INET, SOCK_DGRAM, 0); } }\nfunction serve($factory) { $s = $factory->open(); if (!socket_listen($s)) exit(1); }' },
    { name: 'a reference rebinds the socket', code: '<?php $sock = socket_create(AF_INET, SOCK_DGRAM, 0);\n$ref = &$sock;\n$ref = socket_create(AF_INET, SOCK_STREAM, 0);\nif (!socket_listen($sock)) exit(1);' },
    {
      name: 'destructured from a function of the file',
      code: '<?php function make() { return [socket_create(AF_INET, SOCK_STREAM, 0), socket_create(AF_INET, SOCK_DGRAM, 0)]; }\nlist($tcp, $udp) = make();\nif (!socket_listen($tcp)) exit(1);',
    },
    { name: 'destructured pair', code: '<?php [$tcp, $udp] = [socket_create(AF_INET, SOCK_STREAM, 0), socket_create(AF_INET, SOCK_DGRAM, 0)];\nif (!socket_listen($tcp)) exit(1);' },
    { name: 'guarded by the type it was made with', code: '<?php $type = $udp ? SOCK_DGRAM : SOCK_STREAM;\n$s = socket_create(AF_INET, $type, 0);\nif ($type === SOCK_STREAM) { if (!socket_listen($s)) exit(1); }' },
    { name: 'a mixed select loop that compares with the TCP socket', code: '<?php $tcp = socket_create(AF_INET, SOCK_STREAM, 0);\n$udp = socket_create(AF_INET, SOCK_DGRAM, 0);\nforeach ([$tcp, $udp] as $ready) { if ($ready === $tcp) { $c = socket_accept($ready); } }' },
  ],
  invalid: [],
});
