// Cases from the review of December 2026's fourth session (review25): correct code the session's
// new heuristics reported, each written fresh and small.
import { runRuleTests } from '../support/rule-tester';
import { LOOP, loop } from '../support/write-all-loop';

const OPEN = '<?php $fp = fsockopen("h", 80) or die();\n';

runRuleTests('partial-write', {
  valid: [
    // A number or a digest computed from a payload is a few bytes: the line stays a short command line.
    { name: 'the length of an encoded payload on a command line', code: OPEN + '$len = strlen(json_encode($data));\nfwrite($fp, "LEN " . $len . "\\r\\n");' },
    { name: 'the digest of a serialized payload on a command line', code: OPEN + '$hash = md5(serialize($data));\nfwrite($fp, "HASH $hash\\r\\n");' },
    { name: 'a count of what a file holds on a command line', code: OPEN + '$n = count(file_get_contents($path) ? [1] : []);\nfwrite($fp, "N $n\\r\\n");' },
  ],
  invalid: [
    {
      // An encoding keeps the payload's length.
      name: 'an encoded compressed payload on a command line',
      code: OPEN + '$blob = base64_encode(gzcompress($data));\nfwrite($fp, "BLOB $blob\\r\\n");',
      errors: [{ messageId: 'dropped', line: 3, column: 1, suggestions: [{ desc: LOOP, output: OPEN + '$blob = base64_encode(gzcompress($data));\n$payload = "BLOB $blob\\r\\n";\n' + loop('fwrite($fp, REST)', '$payload') }] }],
    },
    {
      name: 'a payload or a default, as a line',
      code: OPEN + '$j = json_encode($data) ?: "{}";\nfwrite($fp, $j . "\\n");',
      errors: [{ messageId: 'dropped', line: 3, column: 1, suggestions: [{ desc: LOOP, output: OPEN + '$j = json_encode($data) ?: "{}";\n$payload = $j . "\\n";\n' + loop('fwrite($fp, REST)', '$payload') }] }],
    },
  ],
});
