// feof-loop: feof() never waits and stays false on an open idle socket, so `while (!feof($s))`
// goes round on reads that return false at each timeout (php-behaviour.test.ts measures it).
import { runRuleTests } from '../support/rule-tester';

const S = '<?php $fp = fsockopen("h", 80) or die;\n';
const LOOP = (line: number, column: number, endColumn: number) => ({ messageId: 'untilEof', line, column, endLine: line, endColumn });

runRuleTests('feof-loop', {
  valid: [
    { name: 'leaves on a false read', code: S + 'while (!feof($fp)) {\n  $line = fgets($fp);\n  if ($line === false) break;\n  echo $line;\n}' },
    { name: 'tests timed_out and throws', code: S + 'while (!feof($fp)) {\n  $block = fread($fp, 1024);\n  $info = stream_get_meta_data($fp);\n  if ($info["timed_out"]) throw new Exception("timeout");\n  echo $block;\n}' },
    { name: 'a bound in the condition', code: S + 'while (!feof($fp) && time() < $deadline) { echo fgets($fp); }' },
    { name: 'the body calls code the rule does not see', code: S + 'while (!feof($fp)) { $this->readChunk($fp); }' },
    { name: 'a file from fopen()', code: '<?php $f = fopen("/tmp/upload", "r");\n$s = fsockopen("h", 21) or die;\nwhile (!feof($f)) { fwrite($s, fread($f, 8192)); }' },
    { name: 'a stream of unknown origin (a parameter)', code: '<?php function drain($s) { $out = ""; while (!feof($s)) { $out .= fgets($s); } return $out; }\nfsockopen("h", 80);' },
    {
      name: 'an exit in a branch the loop may enter again (its flag is reset elsewhere)',
      code: S + '$first = true;\nwhile (!feof($fp)) {\n  $line = fgets($fp);\n  if ($first) {\n    if ($line === false) return;\n    $first = false;\n  }\n  if ($line === "\\r\\n") $first = true;\n}',
    },
    {
      name: 'an exit in a branch that does not clear its own test',
      code: S + 'while (!feof($fp)) {\n  $line = fgets($fp);\n  if (!$done) {\n    if ($line === false) break;\n  }\n  echo $line;\n}',
    },
    {
      name: 'a callee variable that may name a function of the file: the stream is not known',
      code: '<?php $open = $mock ? "fake_open" : "fsockopen";\n$fp = $open("h", 80) or die;\nwhile (!feof($fp)) { $data .= fread($fp, 8192); }',
    },
  ],
  invalid: [
    {
      name: 'the opener called through a variable naming fsockopen or pfsockopen',
      code: '<?php $open = $persistent ? "pfsockopen" : "fsockopen";\n$fp = @$open("h", 80) or die;\nwhile (!feof($fp)) {\n  $data .= @fread($fp, 8192);\n}',
      errors: [LOOP(3, 8, 18)],
    },
    {
      name: 'the only exit is in a first-turn-only branch (status line checked once, then lines to EOF)',
      code: S + '$seenStatus = false;\nwhile (!feof($fp)) {\n  $line = fgets($fp, 4096);\n  if (!$seenStatus) {\n    if (strpos($line, " 200 ") === false) return false;\n    $seenStatus = true;\n  }\n  $body .= $line;\n}',
      errors: [LOOP(3, 8, 18)],
    },
    {
      name: 'a first-turn-only branch written with a true flag, its exit a method call',
      code: S + '$first = true;\nwhile (!feof($fp)) {\n  $line = fgets($fp);\n  if ($first) {\n    $first = false;\n    if ($line === false) return $this->fail("no reply");\n  }\n  $out .= $line;\n}',
      errors: [LOOP(3, 8, 18)],
    },
    {
      name: 'lines appended until EOF (the spell-checker shape)',
      code: S + 'fwrite($fp, $request);\n$response = "";\nwhile (!feof($fp)) {\n  $response .= fgets($fp);\n}',
      errors: [LOOP(4, 8, 18)],
    },
    {
      name: 'fread() echoed, @ on feof()',
      code: '<?php $fp = stream_socket_client("tcp://gmond:8649", $n, $e, 5) or die($e);\nwhile (!@feof($fp)) {\n  $data = fread($fp, 16384);\n  echo strtoupper($data);\n}',
      errors: [LOOP(2, 8, 19)],
    },
  ],
});
