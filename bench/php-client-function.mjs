// One generated PHP client function in which every socket_*() result is checked (so it has no
// finding): the filler of the large files bench/lsp-latency.mjs and the e2e tests lint.
/** The lines of `function client<i>(…)`, followed by a blank line. */
export function checkedClientFunction(i) {
  return [
    `function client${i}(string $host, int $port): ?string`,
    '{',
    '    $s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);',
    '    if ($s === false) {',
    "        throw new RuntimeException('create: ' . socket_strerror(socket_last_error()));",
    '    }',
    '    if (!socket_connect($s, $host, $port)) {',
    '        $error = socket_strerror(socket_last_error($s));',
    '        socket_close($s);',
    "        throw new RuntimeException('connect: ' . $error);",
    '    }',
    `    $sent = socket_write($s, "GET /${i}\\r\\n");`,
    '    $reply = $sent === false ? false : socket_read($s, 8192);',
    '    socket_close($s);',
    '    return $reply === false ? null : $reply;',
    '}',
    '',
  ];
}
