<?php
// A UDP echo server written as if it were TCP: socket_listen() and socket_accept() always
// fail on a SOCK_DGRAM socket. php-socket-lint reports listen-on-datagram (error).
// The fix is to drop listen/accept and loop on socket_recvfrom()/socket_sendto().

declare(strict_types=1);

$host = '0.0.0.0';
$port = 9999;

$server = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP);
if ($server === false) {
    fwrite(STDERR, 'socket_create() failed: ' . socket_strerror(socket_last_error()) . "\n");
    exit(1);
}

if (socket_bind($server, $host, $port) === false) {
    fwrite(STDERR, 'socket_bind() failed: ' . socket_strerror(socket_last_error($server)) . "\n");
    exit(1);
}

if (socket_listen($server, SOMAXCONN) === false) {
    fwrite(STDERR, 'socket_listen() failed: ' . socket_strerror(socket_last_error($server)) . "\n");
    exit(1);
}

echo "UDP echo server on {$host}:{$port}\n";

while (true) {
    $client = socket_accept($server);
    if ($client === false) {
        fwrite(STDERR, 'socket_accept() failed: ' . socket_strerror(socket_last_error($server)) . "\n");
        continue;
    }
    $data = socket_read($client, 1024);
    if ($data !== false && $data !== '') {
        socket_write($client, $data);
    }
    socket_close($client);
}
