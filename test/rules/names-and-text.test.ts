// Names are resolved the way PHP resolves them, and nothing the analysis decides depends on the
// source text: words inside string literals and variable names that contain others change nothing.
import { runRuleTests } from '../support/rule-tester';

const THROW = (fn: string) => `Throw when ${fn}() fails`;
const CHECK = (variable: string, fn: string) => `Check ${variable} for false after ${fn}()`;

const LISTENING = '$s = socket_create_listen(8080) or die("no");\n';

runRuleTests('unchecked-false-return', {
  valid: [
    { name: 'namespace\\f() in a namespace is the namespace\'s function', code: '<?php namespace App;\n' + LISTENING + 'namespace\\socket_set_nonblock($s);' },
    { name: 'use function of a wrapper, aliased', code: '<?php namespace App;\nuse function Safe\\socket_accept as accept;\n' + LISTENING + 'use function Safe\\socket_write;\nsocket_write($s, "x");' },
    { name: 'a group import of wrappers', code: '<?php namespace App;\nuse function Safe\\{socket_write, socket_read};\n' + LISTENING + 'socket_write($s, "x");' },
    { name: 'include in the file: top-level variables may be read there', code: '<?php\n' + LISTENING + '$c = socket_accept($s);\ninclude __DIR__ . "/handler.php";' },
    { name: '$GLOBALS in the file', code: '<?php\n' + LISTENING + '$c = socket_accept($s);\nfunction handler() { return $GLOBALS["c"]; }' },
    { name: 'a function declares the variable global', code: '<?php\n' + LISTENING + '$c = socket_accept($s);\nfunction handler() { global $c; if ($c === false) return; }' },
  ],
  invalid: [
    {
      name: 'use function of PHP\'s own function is no wrapper',
      code: '<?php namespace App;\nuse function socket_accept;\n' + LISTENING + '$c = socket_accept($s);\nsocket_close($c);',
      errors: [{ messageId: 'used', line: 4, column: 6, suggestions: [{ desc: CHECK('$c', 'socket_accept'), output: '<?php namespace App;\nuse function socket_accept;\n' + LISTENING + '$c = socket_accept($s);\nif ($c === false) {\n    throw new \\RuntimeException(\'socket_accept() failed: \' . socket_strerror(socket_last_error($s)));\n}\nsocket_close($c);' }] }],
    },
    {
      name: 'use function of PHP\'s own function under an alias',
      code: '<?php namespace App;\nuse function \\socket_accept as accept;\n' + LISTENING + '$c = accept($s);\nsocket_close($c);',
      errors: [{ messageId: 'used', line: 4, column: 6, suggestions: [{ desc: CHECK('$c', 'socket_accept'), output: '<?php namespace App;\nuse function \\socket_accept as accept;\n' + LISTENING + '$c = accept($s);\nif ($c === false) {\n    throw new \\RuntimeException(\'socket_accept() failed: \' . socket_strerror(socket_last_error($s)));\n}\nsocket_close($c);' }] }],
    },
    {
      name: 'namespace\\f() outside any namespace is the global function',
      code: '<?php\n' + LISTENING + 'namespace\\socket_set_nonblock($s);',
      errors: [{ messageId: 'dropped', line: 3, column: 1, suggestions: [{ desc: THROW('socket_set_nonblock'), output: '<?php\n' + LISTENING + "if (namespace\\socket_set_nonblock($s) === false) {\n    throw new \\RuntimeException('socket_set_nonblock() failed: ' . socket_strerror(socket_last_error($s)));\n}" }] }],
    },
    {
      name: '"include" and "global" in strings do not hide a dropped result',
      code: '<?php\necho "include global eval(";\n' + LISTENING + '$c = socket_accept($s);',
      errors: [{ messageId: 'dropped', line: 4, column: 6, suggestions: [{ desc: CHECK('$c', 'socket_accept'), output: '<?php\necho "include global eval(";\n' + LISTENING + "$c = socket_accept($s);\nif ($c === false) {\n    throw new \\RuntimeException('socket_accept() failed: ' . socket_strerror(socket_last_error($s)));\n}" }] }],
    },
  ],
});

runRuleTests('socket-is-resource', {
  valid: [
    { name: 'under a PHP_VERSION_ID guard', code: '<?php\n' + LISTENING + 'if (PHP_VERSION_ID < 80000) { if (!is_resource($s)) exit(1); }' },
    { name: 'under version_compare()', code: '<?php\n' + LISTENING + 'if (version_compare(PHP_VERSION, "8.0.0", "<")) { if (!is_resource($s)) exit(1); }' },
  ],
  invalid: [
    {
      name: 'a string "PHP_VERSION" in a condition is no version guard',
      code: '<?php\n' + LISTENING + 'if ($mode === "PHP_VERSION") { if (is_resource($s)) echo 1; }',
      errors: [{ messageId: 'isResource', line: 3, column: 36 }],
      output: '<?php\n' + LISTENING + 'if ($mode === "PHP_VERSION") { if ($s instanceof \\Socket) echo 1; }',
    },
  ],
});

runRuleTests('listen-on-datagram', {
  valid: [
    {
      name: 'a condition that tests the very variable',
      code: '<?php $type = $udp ? SOCK_DGRAM : SOCK_STREAM;\n$s = socket_create(AF_INET, $type, 0);\nif ($s !== $udpSocket) { if (!socket_listen($s)) exit(1); }',
    },
    {
      name: 'a condition that compares the very variable',
      code: '<?php $tcp = socket_create(AF_INET, SOCK_STREAM, 0);\n$udp = socket_create(AF_INET, SOCK_DGRAM, 0);\nforeach ([$tcp, $udp] as $ready) { if ($ready === $tcp) { $c = socket_accept($ready); } }',
    },
  ],
  invalid: [
    {
      name: 'a variable whose name contains the socket\'s is no kind guard',
      code: '<?php $type = $udp ? SOCK_DGRAM : SOCK_STREAM;\n$s = socket_create(AF_INET, $type, 0);\nif ($sCount > 0) { if (!socket_listen($s)) exit(1); }',
      errors: [{ messageId: 'maybeDatagram', line: 3, column: 25 }],
    },
  ],
});
