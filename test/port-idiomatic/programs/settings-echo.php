<?php
// An echo server begun as many tutorials begin one: PHP's process settings first, then one client at a time.
// `stop` ends the server.
set_time_limit(0);
error_reporting(E_ALL);
ini_set('display_errors', '1');
ob_implicit_flush();

$port = (int) ($argv[1] ?? 9001);
$server = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
socket_set_option($server, SOL_SOCKET, SO_REUSEADDR, 1);
if (!socket_bind($server, '127.0.0.1', $port) || !socket_listen($server, 4)) {
    echo "cannot listen\n";
    exit(1);
}
echo "ready\n";

$served = 0;
while (true) {
    $client = socket_accept($server);
    $served++;
    socket_write($client, "echo server, client $served\n");
    while (true) {
        $data = socket_read($client, 1024);
        if ($data === false || $data === '') {
            break;
        }
        if (trim($data) === 'stop') {
            socket_write($client, "stopping\n");
            socket_close($client);
            break 2;
        }
        socket_write($client, "echo: $data");
    }
    socket_close($client);
    echo "client $served left\n";
}
socket_close($server);
echo "served $served\n";
