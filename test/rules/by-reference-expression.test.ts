import { describe, expect, it } from 'vitest';
import { runPhp } from '../support/php';
import { runRuleTests } from '../support/rule-tester';

const R = '<?php $a = socket_create(AF_INET, SOCK_DGRAM, 0) or die();\n$read = [$a];\n';
const EXPRESSION = (line: number, column: number, endColumn: number) => ({ messageId: 'expression', line, column, endLine: line, endColumn });

runRuleTests('by-reference-expression', {
  valid: [
    { name: 'variables', code: R + '$write = null;\n$except = null;\nsocket_select($read, $write, $except, 1);' },
    { name: 'properties and array elements are references', code: R + '$o = new stdClass;\n$arr = [];\nsocket_select($read, $o->w, $arr["e"], 1);' },
    { name: 'static property, with @', code: R + 'class K { static $w; }\n@socket_select($read, K::$w, $except, 1);' },
    { name: 'named arguments with variables', code: R + 'socket_select(write: $w, except: $e, read: $read, seconds: 0);' },
    { name: 'by-value parameters take any expression', code: R + 'socket_sendto($a, "x" . PHP_EOL, 2, 0, "127.0.0.1", 9000 + 1);' },
    { name: 'a method of the same name', code: R + '$loop->socket_select($read, $w = null, $e = null, 1);' },
    { name: "a namespace's own wrapper", code: '<?php namespace Net;\nfunction socket_select($r, $w, $e, $s) { return 0; }\nsocket_select($r, null, null, 1);' },
  ],
  invalid: [
    {
      name: 'assignments as arguments (the PHP 5 manual idiom)',
      code: R + 'socket_select($read, $write = null, $except = null, 1);',
      errors: [EXPRESSION(3, 22, 35), EXPRESSION(3, 37, 51)],
      output: R + '$write = null;\n$except = null;\nsocket_select($read, $write, $except, 1);',
    },
    {
      name: 'literal nulls get fresh variables named after the parameters',
      code: R + '$write = 1;\nif (socket_select($read, NULL, null, 0) > 0) { echo $write; }',
      errors: [EXPRESSION(4, 26, 30), EXPRESSION(4, 32, 36)],
      output: R + '$write = 1;\n$write2 = NULL;\n$except = null;\nif (socket_select($read, $write2, $except, 0) > 0) { echo $write2; }'.replace('echo $write2', 'echo $write'),
    },
    {
      name: 'inside a loop body, indented, CRLF',
      code: '<?php\r\nwhile (true) {\r\n    $r = $clients;\r\n    socket_select($r, $w = [], $e = null, null);\r\n}\r\n',
      errors: [EXPRESSION(4, 23, 30), EXPRESSION(4, 32, 41)],
      output: '<?php\r\nwhile (true) {\r\n    $r = $clients;\r\n    $w = [];\r\n    $e = null;\r\n    socket_select($r, $w, $e, null);\r\n}\r\n',
    },
    {
      name: 'socket_recvfrom() with a literal address',
      code: R + 'socket_recvfrom($a, $buf, 512, 0, $from = "", $port);',
      errors: [EXPRESSION(3, 35, 45)],
      output: R + '$from = "";\nsocket_recvfrom($a, $buf, 512, 0, $from, $port);',
    },
    {
      name: 'no fix when the variable is read again in the statement',
      code: R + 'if (socket_select($read, $w = null, $e, 1) && $w === null) {}',
      errors: [EXPRESSION(3, 26, 35)],
    },
    {
      name: 'no fix for a computed value (moving it would change the order)',
      code: R + 'socket_select($read, $w = writers(), $e, 1);',
      errors: [EXPRESSION(3, 22, 36)],
    },
    {
      name: 'no fix in an arrow function',
      code: R + '$wait = fn() => socket_select($read, $w = null, $e, 1);',
      errors: [EXPRESSION(3, 38, 47)],
    },
    {
      name: 'a function result: PHP only warns, and the output is lost',
      code: R + 'socket_select($read, writers(), $e, 1);',
      errors: [{ messageId: 'callResult', line: 3, column: 22, endLine: 3, endColumn: 31 }],
    },
  ],
});

describe('what PHP 8 does with an expression for a by-reference parameter', () => {
  it('throws an Error at the call, although php -l accepts the file', async () => {
    const code = '<?php $a = socket_create(AF_INET, SOCK_DGRAM, 0); $read = [$a];\n' +
      'foreach (["assign" => fn() => socket_select($read, $write = null, $except = null, 0), "null" => fn() => socket_select($read, null, null, 0)] as $k => $f) {\n' +
      '  try { $f(); echo "$k: no error\\n"; } catch (Error $e) { echo "$k: ", $e->getMessage(), "\\n"; }\n}\n';
    const lint = await runPhp(['-l'], code);
    expect(lint.code).toBe(0);
    const run = await runPhp(['-d', 'error_reporting=E_ALL'], code);
    expect(run.stdout).toBe(
      'assign: socket_select(): Argument #2 ($write) cannot be passed by reference\nnull: socket_select(): Argument #2 ($write) cannot be passed by reference\n',
    );
  });

  it('keeps a null output parameter null, so the variable may be set once before a loop', async () => {
    const run = await runPhp([], '<?php $a = socket_create(AF_INET, SOCK_DGRAM, 0); $r = [$a]; $w = null; $e = null; socket_select($r, $w, $e, 0); var_export([$w, $e]);');
    expect(run.stdout).toBe('array (\n  0 => NULL,\n  1 => NULL,\n)');
  });
});
