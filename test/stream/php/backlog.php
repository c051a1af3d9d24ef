<?php
// The `socket` context option `backlog`, as listen() got it: ss shows a listening socket's backlog
// in its Send-Q column. Also the kernel's net.core.somaxconn.
$backlogs = [];
foreach (['default' => null, '7' => 7, '0' => 0, '100000' => 100000, '-5' => -5] as $label => $backlog) {
    $context = $backlog === null ? stream_context_create() : stream_context_create(['socket' => ['backlog' => $backlog]]);
    $server = stream_socket_server('tcp://127.0.0.1:0', $errno, $errstr, STREAM_SERVER_BIND | STREAM_SERVER_LISTEN, $context);
    $port = (int) explode(':', stream_socket_get_name($server, false))[1];
    $line = preg_split('/\s+/', trim((string) shell_exec("ss -ltnH 'sport = :$port'")));
    $backlogs[$label] = ['state' => $line[0] ?? null, 'sendQ' => isset($line[2]) ? (int) $line[2] : null];
    fclose($server);
}
echo json_encode(['somaxconn' => (int) file_get_contents('/proc/sys/net/core/somaxconn'), 'backlogs' => $backlogs]), "\n";
