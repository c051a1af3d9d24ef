// unrealistic-backlog on stream servers: the `socket` context option `backlog` goes to listen()
// unchecked (measured in php-behaviour.test.ts), folded as socket_listen()'s backlog is.
import { runRuleTests } from '../support/rule-tester';

const lowered = (output: string) => ({ suggestions: [{ desc: 'Lower the backlog to 4096 (net.core.somaxconn)', output }] });
const SERVE = '$s = stream_socket_server("tcp://0.0.0.0:80", $no, $str, STREAM_SERVER_BIND | STREAM_SERVER_LISTEN, $ctx) or die;';

runRuleTests('unrealistic-backlog', {
  valid: [
    { name: 'a realistic backlog', code: `<?php $ctx = stream_context_create(['socket' => ['backlog' => 511]]);\n${SERVE}` },
    { name: 'a context that feeds no server', code: "<?php $ctx = stream_context_create(['socket' => ['backlog' => 100000]]);\n$c = stream_socket_client('tcp://a:1', $no, $str, 5, STREAM_CLIENT_CONNECT, $ctx);" },
    { name: 'another option', code: `<?php $ctx = stream_context_create(['socket' => ['bindto' => '0:7000']]);\n${SERVE}` },
    { name: 'a backlog under another wrapper', code: `<?php $ctx = stream_context_create(['http' => ['backlog' => 100000]]);\n${SERVE}` },
    { name: 'an unknown backlog', code: `<?php $ctx = stream_context_create(['socket' => ['backlog' => $n]]);\n${SERVE}` },
    { name: 'a server bound only: listen() never runs', code: "<?php $ctx = stream_context_create(['socket' => ['backlog' => 100000]]);\n$s = stream_socket_server('tcp://0.0.0.0:80', $no, $str, STREAM_SERVER_BIND, $ctx) or die;" },
    { name: 'a udp server: listen() never runs', code: "<?php $ctx = stream_context_create(['socket' => ['backlog' => 100000]]);\n$s = stream_socket_server('udp://0.0.0.0:53', $no, $str, STREAM_SERVER_BIND, $ctx) or die;" },
    { name: 'set on a context of no server', code: "<?php $ctx = stream_context_create();\nstream_context_set_option($ctx, 'socket', 'backlog', 100000);" },
  ],
  invalid: [
    {
      name: 'literal backlog in stream_context_create()',
      code: `<?php $ctx = stream_context_create(['socket' => ['backlog' => 100000]]);\n${SERVE}`,
      errors: [{ messageId: 'tooLarge', line: 1, column: 63, endLine: 1, endColumn: 69, ...lowered(`<?php $ctx = stream_context_create(['socket' => ['backlog' => 4096]]);\n${SERVE}`) }],
    },
    {
      name: 'a constant, folded',
      code: `<?php const QUEUE = 1 << 16;\n$ctx = stream_context_create(['socket' => ['backlog' => QUEUE, 'tcp_nodelay' => true]]);\n${SERVE}`,
      errors: [{ messageId: 'tooLarge', line: 2, column: 57, endLine: 2, endColumn: 62, ...lowered(`<?php const QUEUE = 1 << 16;\n$ctx = stream_context_create(['socket' => ['backlog' => 4096, 'tcp_nodelay' => true]]);\n${SERVE}`) }],
    },
    {
      name: 'negative, through stream_context_set_option()',
      code: `<?php $ctx = stream_context_create();\nstream_context_set_option($ctx, 'socket', 'backlog', -1);\n${SERVE}`,
      errors: [{ messageId: 'negative', line: 2, column: 54, endLine: 2, endColumn: 56, ...lowered(`<?php $ctx = stream_context_create();\nstream_context_set_option($ctx, 'socket', 'backlog', 4096);\n${SERVE}`) }],
    },
  ],
});
