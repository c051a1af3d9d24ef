<?php
// A chat relay with socket_select(), the shape of examples/tcp-chat-server.php once fixed:
// every line a client sends goes to all the other clients. `/stop` ends the server.
$port = (int) ($argv[1] ?? 4000);
$server = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
socket_set_option($server, SOL_SOCKET, SO_REUSEADDR, 1);
if (!socket_bind($server, '127.0.0.1', $port) || !socket_listen($server, SOMAXCONN)) {
    echo "cannot listen\n";
    exit(1);
}

$clients = [];
echo "Chat server listening\n";

while (true) {
    $read = array_merge([$server], $clients);
    $write = null;
    $except = null;
    if (socket_select($read, $write, $except, null) < 1) {
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
            echo "a client left, ", count($clients), " remain\n";
            continue;
        }
        if (trim($line) === '/stop') {
            echo "stopped\n";
            exit(0);
        }
        foreach ($clients as $other) {
            if ($other !== $client) {
                socket_write($other, $line);
            }
        }
    }
}
