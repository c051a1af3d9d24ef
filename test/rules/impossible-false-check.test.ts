import { runRuleTests } from '../support/rule-tester';

const S = '<?php $s = socket_create_listen(8080) or exit;\n';
const ERR = (line: number, column: number) => ({ messageId: 'errorTest', line, column });

runRuleTests('impossible-false-check', {
  valid: [
    { name: '< 1 catches false', code: S + '$n = socket_write($s, "x");\nif ($n < 1) exit(1);' },
    { name: '<= 0 catches false', code: S + 'if (socket_write($s, "x") <= 0) exit(1);' },
    { name: '== 0 catches false', code: S + 'if (socket_write($s, "x") == 0) exit(1);' },
    { name: '<= -1 catches false (false <= true)', code: S + 'if (socket_write($s, "x") <= -1) exit(1);' },
    { name: '> 0 is a success test that false fails', code: S + 'if (socket_write($s, "x") > 0) echo "sent";' },
    { name: 'a later real check', code: S + '$n = socket_write($s, "abc");\nif ($n == -1) exit(1);\nif ($n != 3) exit(2);' },
    { name: 'a later === false', code: S + '$c = socket_accept($s);\nif ($c < 0) exit(1);\nif ($c === false) exit(2);' },
    { name: 'not a socket value', code: '<?php $count = count($list);\nif ($count < 0) exit(1);' },
    { name: 'other int function', code: '<?php $pid = pcntl_fork();\nif ($pid == -1) exit(1);' },
  ],
  invalid: [
    {
      name: '$client < 0',
      code: S + '$client = socket_accept($s);\nif ($client < 0) exit(1);\nsocket_close($client);',
      errors: [ERR(3, 5)],
      output: S + '$client = socket_accept($s);\nif ($client === false) exit(1);\nsocket_close($client);',
    },
    { name: '== -1 on a call', code: S + 'if (socket_write($s, "x") == -1) exit(1);', errors: [ERR(2, 5)], output: S + 'if (socket_write($s, "x") === false) exit(1);' },
    { name: '=== -1, constant on the left', code: S + '$r = socket_listen($s);\nif (-1 === $r) exit(1);', errors: [ERR(3, 5)], output: S + '$r = socket_listen($s);\nif ($r === false) exit(1);' },
    {
      name: 'assignment inside the condition',
      code: S + 'if (($n = socket_read($s, 10)) < 0) exit(1);\necho $n;',
      errors: [ERR(2, 5)],
      output: S + 'if (($n = socket_read($s, 10)) === false) exit(1);\necho $n;',
    },
    {
      name: '>= 0 lets false through',
      code: S + 'if (socket_write($s, "x") >= 0) echo "sent";',
      errors: [{ messageId: 'successTest', line: 2, column: 5 }],
      output: S + 'if (socket_write($s, "x") !== false) echo "sent";',
    },
    {
      name: 'in an endless loop',
      code: S + 'while (true) {\n  $sent = socket_write($s, "x");\n  if ($sent < 0) { echo "f"; }\n}',
      errors: [ERR(4, 7)],
      output: S + 'while (true) {\n  $sent = socket_write($s, "x");\n  if ($sent === false) { echo "f"; }\n}',
    },
    { name: '!= -1', code: S + '$n = socket_send($s, "x", 1, 0);\nif ($n != -1) echo "ok";', errors: [{ messageId: 'successTest', line: 3, column: 5 }], output: S + '$n = socket_send($s, "x", 1, 0);\nif ($n !== false) echo "ok";' },
  ],
});

runRuleTests('impossible-false-check', {
  valid: [],
  invalid: [
    {
      name: 'keeps what follows `or`',
      code: '<?php $s = socket_create_listen(80) or exit;\n$bad = socket_write($s, "x") < 0 or print("ok");',
      errors: [{ messageId: 'errorTest', line: 2, column: 8, endLine: 2, endColumn: 33 }],
      output: '<?php $s = socket_create_listen(80) or exit;\n$bad = socket_write($s, "x") === false or print("ok");',
    },
    {
      name: 'inside another comparison: parenthesized',
      code: '<?php $s = socket_create_listen(80) or exit;\nif (socket_write($s, "x") < 0 == true) die();',
      errors: [{ messageId: 'errorTest', line: 2, column: 5 }],
      output: '<?php $s = socket_create_listen(80) or exit;\nif ((socket_write($s, "x") === false) == true) die();',
    },
  ],
});
