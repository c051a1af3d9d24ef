<?php
// A small TCP chat server: every line a client sends goes to all other clients.
// It works on a good day, but no socket_*() result is checked, the backlog of
// 100000 is far above what the kernel accepts (net.core.somaxconn, 4096 by default),
// and PHP 8 throws at socket_select(): `$write = null` is no variable to write into.
// php-socket-lint reports unchecked-false-return and unrealistic-backlog (warnings) and
// by-reference-expression (an error); `php-socket-lint --fix` repairs the select() call, and the
// editor suggests the checks and a backlog (they change what runs, so --fix leaves them to you).

$address = '127.0.0.1';
$port = 4000;

$server = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
socket_set_option($server, SOL_SOCKET, SO_REUSEADDR, 1);
socket_bind($server, $address, $port);
socket_listen($server, 100000);

$clients = [];
echo "Chat server listening on {$address}:{$port}\n";

while (true) {
    $read = array_merge([$server], $clients);
    if (socket_select($read, $write = null, $except = null, null) < 1) {
        continue;
    }

    if (in_array($server, $read, true)) {
        $client = socket_accept($server);
        $clients[] = $client;
        socket_write($client, "Welcome! There are " . count($clients) . " people here.\n");
        unset($read[array_search($server, $read, true)]);
    }

    foreach ($read as $client) {
        $line = socket_read($client, 2048, PHP_NORMAL_READ);
        if ($line === false || $line === '') {
            unset($clients[array_search($client, $clients, true)]);
            socket_close($client);
            continue;
        }
        foreach ($clients as $other) {
            if ($other !== $client) {
                socket_write($other, $line);
            }
        }
    }
}
