<?php
// A select() server that leaves a closed peer in its read set, as some chat servers do: select()
// then returns at once for ever and socket_read() gives '' each time, yet the other clients are
// still served. "drop" closes a client while its input is unread, which the kernel answers with
// a reset.
$port = (int) $argv[1];
$server = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
socket_set_option($server, SOL_SOCKET, SO_REUSEADDR, 1);
if (!socket_bind($server, '127.0.0.1', $port) || !socket_listen($server)) {
    exit(1);
}
echo "ready\n";
$clients = [];
$gone = [];
$spins = 0;
while (true) {
    $read = $clients;
    $read[] = $server;
    socket_select($read, $write, $except, null);
    foreach ($read as $socket) {
        if ($socket === $server) {
            $client = socket_accept($server);
            $clients[] = $client;
            socket_write($client, 'welcome #' . count($clients) . "\n");
            continue;
        }
        $id = array_search($socket, $clients, true);
        $data = socket_read($socket, 16);
        if ($data === '' || $data === false) {
            $spins++;
            if (!isset($gone[$id])) {
                echo "#$id closed, left in the set\n";
                $gone[$id] = true;
            }
            continue;
        }
        $line = trim($data);
        echo "#$id: $line\n";
        if ($line === 'stop') {
            socket_write($socket, "bye\n");
            break 2;
        }
        if (str_starts_with($line, 'drop')) {
            socket_close($socket);
            unset($clients[$id]);
            continue;
        }
        socket_write($socket, strtoupper($line) . ($spins > 0 ? ' (while spinning)' : '') . "\n");
    }
}
foreach ($clients as $client) {
    socket_close($client);
}
socket_close($server);
echo "done\n";
