<?php
// PHP closes a socket when its last reference goes: overwriting $conn closes the previous
// connection unless a copy of it was kept; a copy on a branch that did not run keeps nothing.
$server = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
socket_bind($server, '127.0.0.1', 0);
socket_listen($server);
socket_getsockname($server, $address, $port);
$keep = [];
$clients = [];
for ($round = 1; $round <= 4; $round++) {
    $client = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
    socket_connect($client, $address, $port);
    $clients[$round] = $client;
    $conn = socket_accept($server);
    if ($round === 2) {
        $keep[] = $conn;
    }
    socket_write($conn, "round $round\n");
    if ($round === 3) {
        $conn = null;
    }
}
usleep(200000);
foreach ($clients as $round => $client) {
    socket_set_nonblock($client);
    $data = socket_read($client, 100);
    $more = @socket_read($client, 100);
    echo $round, ': ', trim($data), ', then ', var_export($more, true), "\n";
}
echo count($keep), "\n";
