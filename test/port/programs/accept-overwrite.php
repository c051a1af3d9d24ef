<?php
// An accept loop that never closes its clients: when the next socket_accept() overwrites
// $client, PHP frees the previous connection's Socket, which closes it.
$port = (int) $argv[1];
$server = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
socket_set_option($server, SOL_SOCKET, SO_REUSEADDR, 1);
if (!socket_bind($server, '127.0.0.1', $port) || !socket_listen($server)) {
    exit(1);
}
for ($served = 1; $served <= 3; $served++) {
    $client = socket_accept($server);
    if ($client === false) {
        continue;
    }
    socket_write($client, "hello #$served\n");
    $line = socket_read($client, 100, PHP_NORMAL_READ);
    echo "#$served said ", trim($line), "\n";
    socket_write($client, "ok\n");
}
socket_close($server);
echo "done\n";
