// Patterns from the third December 2026 hunt (hunt24): socket files of 19 public repositories no
// earlier hunt had linted (select and event-loop servers, forking and non-blocking stream servers,
// memcached, IRC, SMTP, whois, RCON and Graphite clients, a WebSocket chat server); every finding
// judged by hand. Each case is written fresh and small and names the shape it stands for, never the
// code it was seen in. Cases the analyser gets right today guard against regressions; the ones it
// got wrong (a skipped block here) were fixed in hunt25 and moved to hunt-2026-12d.test.ts.
import { runRuleTests } from '../support/rule-tester';
import { LOOP, loop } from '../support/write-all-loop';

const IRC = '<?php $irc = fsockopen("irc.example.net", 6667) or die();\n';
const SMTP = '<?php $smtp = fsockopen("mail.example.com", 25) or die();\n';

// ---- what the analyser gets right on this code today ----------------------------------------

runRuleTests('unchecked-false-return', {
  valid: [
    // `> 0` is a comparison: a false select count is not above 0, and the loop goes round.
    { name: 'a select count compared with 0', code: '<?php $srv = socket_create_listen(9000) or die();\n$all = [$srv];\nwhile (true) { $r = $all; $w = $e = [];\n  if (socket_select($r, $w, $e, null) > 0) { echo "ready\\n"; } }' },
    // `or` binds looser than `=`: the property gets the socket, and a false dies.
    { name: 'a socket stored in a property, or die', code: '<?php class Cache { private $s;\n  function open() { $this->s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP) or die("no socket"); return $this->s; } }' },
    // An accept in an event callback, tested with `!= false` in the condition that takes it.
    { name: 'an accept tested where it is taken, in a callback', code: '<?php $srv = socket_create_listen(9000) or die();\nsocket_set_nonblock($srv) or die();\n$onReadable = function ($srv) {\n  if (($c = socket_accept($srv)) != false) { socket_close($c); }\n};' },
  ],
  invalid: [
    {
      // A failed read is appended as '' and only then tested: the reply so far passes for whole.
      name: 'a read appended to the reply before its test',
      code: '<?php $s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP) or die();\n$reply = "";\nwhile (true) {\n  $b = socket_read($s, 128);\n  $reply .= $b;\n  if (!$b) break;\n}',
      errors: [{ messageId: 'used', line: 4, column: 8, suggestions: [{ desc: 'Check $b for false after socket_read()', output: '<?php $s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP) or die();\n$reply = "";\nwhile (true) {\n  $b = socket_read($s, 128);\n  if ($b === false) {\n    throw new \\RuntimeException(\'socket_read() failed: \' . socket_strerror(socket_last_error($s)));\n  }\n  $reply .= $b;\n  if (!$b) break;\n}' }] }],
    },
  ],
});

// ---- what the analyser got wrong, fixed since ------------------------------------------------

runRuleTests('partial-write', {
  valid: [
    // A command line made by sprintf() from a short literal format and plain values is as short as
    // the same line interpolated ("NICK $nick\r\n"), which the rule already leaves alone.
    { name: 'a command line made by sprintf()', code: IRC + 'fputs($irc, sprintf("NICK %s\\r\\n", $nick));\nfputs($irc, sprintf("PONG %1\\$s\\r\\n", $ping[1]));' },
    // PHP_EOL and a class constant are line endings, not data.
    { name: 'a command line ended by PHP_EOL', code: IRC + 'fwrite($irc, "PRIVMSG #chan :hello " . $peer . PHP_EOL);' },
    { name: 'a command line ended by a class constant', code: '<?php class Bot { const CRLF = "\\r\\n"; private $irc;\n  function join($chan) { $this->irc = fsockopen("irc.example.net", 6667) or die(); fwrite($this->irc, "JOIN " . $chan . self::CRLF); } }' },
    // A request that ends with its blank line carries no body.
    { name: 'a request ending in its blank line', code: IRC + 'fwrite($irc, "GET " . $path . " HTTP/1.0\\r\\nHost: " . $host . "\\r\\n\\r\\n");' },
    // rand() gives a number.
    { name: 'a random number spliced into a command line', code: IRC + 'fwrite($irc, "NICK guest" . rand() . "\\n");' },
  ],
  invalid: [
    {
      // The format is short, but the value it carries is all the data.
      name: 'sprintf() with a format of no text of its own',
      code: IRC + 'fputs($irc, sprintf("%s", $payload));',
      errors: [{ messageId: 'dropped', line: 2, column: 1, suggestions: [{ desc: LOOP, output: IRC + '$payload2 = sprintf("%s", $payload);\n' + loop('fputs($irc, REST)', '$payload2') }] }],
    },
    {
      // Text first and last, values between: it read as a command line, but after the blank line
      // comes the mail's body, which may be long.
      name: 'a mail body after the blank line of its headers, in one string',
      code: SMTP + 'fputs($smtp, "Subject: $subject\\r\\n\\r\\n$body\\r\\n.\\r\\n");',
      errors: [{ messageId: 'dropped', line: 2, column: 1, suggestions: [{ desc: LOOP, output: SMTP + '$payload = "Subject: $subject\\r\\n\\r\\n$body\\r\\n.\\r\\n";\n' + loop('fputs($smtp, REST)', '$payload') }] }],
    },
    {
      name: 'a POST body joined after the blank line with `.`',
      code: SMTP + 'fwrite($smtp, "POST /api HTTP/1.0\\r\\nContent-Length: " . strlen($json) . "\\r\\n\\r\\n" . $json . "\\r\\n");',
      errors: [{ messageId: 'dropped', line: 2, column: 1, suggestions: [{ desc: LOOP, output: SMTP + '$payload = "POST /api HTTP/1.0\\r\\nContent-Length: " . strlen($json) . "\\r\\n\\r\\n" . $json . "\\r\\n";\n' + loop('fwrite($smtp, REST)', '$payload') }] }],
    },
  ],
});
