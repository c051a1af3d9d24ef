<?php
// Listens without binding first: the kernel picks a random port on every interface, so
// no client can find the server. php-socket-lint reports listen-before-bind (a hint).

$socket = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
if ($socket === false) {
    throw new RuntimeException('socket_create() failed: ' . socket_strerror(socket_last_error()));
}
if (!socket_listen($socket, SOMAXCONN)) {
    throw new RuntimeException('socket_listen() failed: ' . socket_strerror(socket_last_error($socket)));
}
if (!socket_getsockname($socket, $address, $port)) {
    throw new RuntimeException('socket_getsockname() failed: ' . socket_strerror(socket_last_error($socket)));
}
echo "Listening on {$address}:{$port}\n";
socket_close($socket);
