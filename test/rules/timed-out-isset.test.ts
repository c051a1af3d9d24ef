// timed-out-isset: stream_get_meta_data() always has the key 'timed_out' (php-behaviour.test.ts
// measures it for every kind of stream socket), so isset()/array_key_exists() on it is always true.
import { runRuleTests } from '../support/rule-tester';

const S = '<?php $fp = fsockopen("h", 53) or die;\n';

runRuleTests('timed-out-isset', {
  valid: [
    { name: 'the value tested', code: S + '$info = stream_get_meta_data($fp);\nif ($info["timed_out"]) return "timed_out";' },
    { name: '!empty() tests the value', code: S + '$meta = stream_get_meta_data($fp);\nif (!empty($meta["timed_out"])) exit(1);' },
    { name: 'isset() and the value', code: S + '$m = socket_get_status($fp);\nif (isset($m["timed_out"]) && $m["timed_out"]) exit(1);' },
    { name: 'another key', code: S + '$m = stream_get_meta_data($fp);\nif (isset($m["uri"])) echo $m["uri"];' },
    { name: 'an array of another origin', code: '<?php $m = json_decode($body, true);\nif (isset($m["timed_out"])) exit(1);' },
    { name: 'a property named timed_out', code: '<?php class Snoopy { var $timed_out = false; function t() { return isset($this->timed_out); } }\n$fp = fsockopen("h", 80);' },
    { name: 'a parameter, not the meta data here', code: S + 'function timedOut(array $m) { return isset($m["timed_out"]); }' },
  ],
  invalid: [
    {
      name: 'isset() on the key (the reverse-DNS helper shape)',
      code: S + '$info = stream_get_meta_data($fp);\nif (isset($info["timed_out"])) { return "timed_out"; }',
      errors: [{ messageId: 'alwaysTrue', line: 3, column: 5, endLine: 3, endColumn: 30, suggestions: [] }],
      output: S + "$info = stream_get_meta_data($fp);\nif (!empty($info['timed_out'])) { return \"timed_out\"; }",
    },
    {
      name: 'array_key_exists() on the alias socket_get_status()',
      code: S + "$s = socket_get_status($fp);\n$late = array_key_exists('timed_out', $s);",
      errors: [{ messageId: 'alwaysTrue', line: 3, column: 9, endLine: 3, endColumn: 42, suggestions: [] }],
      output: S + "$s = socket_get_status($fp);\n$late = !empty($s['timed_out']);",
    },
    {
      name: 'isset() with two arguments: no fix',
      code: S + '$m = stream_get_meta_data($fp);\nif (isset($m["timed_out"], $x)) exit;',
      errors: [{ messageId: 'alwaysTrue', line: 3, column: 5, endLine: 3, endColumn: 31 }],
    },
  ],
});
