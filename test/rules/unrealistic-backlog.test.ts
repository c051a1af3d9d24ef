import { runRuleTests } from '../support/rule-tester';

const S = '<?php $s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP) or exit;\n';
const TOO_LARGE = (line: number, column: number, endColumn: number) => ({ messageId: 'tooLarge', line, column, endLine: line, endColumn });
/** The one suggestion: the backlog lowered to the configured net.core.somaxconn, giving `output`. */
const lowered = (output: string, somaxconn = 4096) => ({ suggestions: [{ desc: `Lower the backlog to ${somaxconn} (net.core.somaxconn)`, output }] });

runRuleTests('unrealistic-backlog', {
  valid: [
    { code: S + 'socket_listen($s, 128) or exit;' },
    { code: S + 'socket_listen($s, SOMAXCONN) or exit;' },
    { code: S + 'socket_listen($s) or exit;' },
    { name: 'exactly the limit', code: S + 'socket_listen($s, 4096) or exit;' },
    { name: 'SOMAXCONN arithmetic is the system value, never folded', code: S + 'socket_listen($s, SOMAXCONN * 2) or exit;' },
    { name: 'unknown variable', code: S + 'socket_listen($s, $backlog) or exit;' },
    { name: 'configured somaxconn', code: S + 'socket_listen($s, 100) or exit;', options: { somaxconn: 128 } },
    { name: 'variable reassigned to a small value', code: S + '$b = 100000;\n$b = 64;\nsocket_listen($s, $b) or exit;' },
    { name: 'look-alike method', code: S + '$server->socket_listen($s, 100000);' },
  ],
  invalid: [
    {
      name: 'literal',
      code: S + 'socket_listen($s, 100000) or exit;',
      errors: [{ ...TOO_LARGE(2, 19, 25), ...lowered(S + 'socket_listen($s, 4096) or exit;') }],
    },
    { name: 'negative', code: S + 'socket_listen($s, -1) or exit;', errors: [{ messageId: 'negative', line: 2, column: 19, ...lowered(S + 'socket_listen($s, 4096) or exit;') }] },
    { name: 'shift', code: S + 'socket_listen($s, 1 << 16) or exit;', errors: [{ ...TOO_LARGE(2, 19, 26), ...lowered(S + 'socket_listen($s, 4096) or exit;') }] },
    { name: 'arithmetic', code: S + 'socket_listen($s, 64 * 1024 + 1) or exit;', errors: [{ ...TOO_LARGE(2, 19, 32), ...lowered(S + 'socket_listen($s, 4096) or exit;') }] },
    {
      name: 'constant',
      code: "<?php const BACKLOG = 0x10000;\n$s = socket_create_listen(80, BACKLOG) or exit;",
      errors: [{ ...TOO_LARGE(2, 31, 38), ...lowered("<?php const BACKLOG = 0x10000;\n$s = socket_create_listen(80, 4096) or exit;") }],
    },
    {
      name: 'class constant through a variable assigned once',
      code: '<?php class Srv { const QUEUE = 5000;\n  function run($s) { $q = self::QUEUE; return socket_listen($s, $q); } }',
      errors: [{ ...TOO_LARGE(2, 65, 67), ...lowered('<?php class Srv { const QUEUE = 5000;\n  function run($s) { $q = self::QUEUE; return socket_listen($s, 4096); } }') }],
    },
    {
      name: 'define() and a named argument',
      code: "<?php define('QUEUE', 2 ** 20);\nsocket_listen(backlog: QUEUE, socket: $s) or exit;",
      errors: [{ ...TOO_LARGE(2, 24, 29), ...lowered("<?php define('QUEUE', 2 ** 20);\nsocket_listen(backlog: 4096, socket: $s) or exit;") }],
    },
    {
      name: 'configured somaxconn 128',
      code: S + 'socket_listen($s, 511) or exit;',
      options: { somaxconn: 128 },
      errors: [{ ...TOO_LARGE(2, 19, 22), ...lowered(S + 'socket_listen($s, 128) or exit;', 128) }],
    },
    {
      name: 'one branch too large',
      code: S + '$b = $big ? 100000 : 64;\nsocket_listen($s, $b) or exit;',
      errors: [{ ...TOO_LARGE(3, 19, 21), ...lowered(S + '$b = $big ? 100000 : 64;\nsocket_listen($s, 4096) or exit;') }],
    },
  ],
});
