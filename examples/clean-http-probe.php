<?php
// A clean program: every call that can fail is checked, the socket is bound before it
// listens, and the backlog is PHP's SOMAXCONN. php-socket-lint reports nothing here.

declare(strict_types=1);

/** Serves one HTTP request with a fixed health-check answer, then exits. */
function serveOneProbe(string $address, int $port): void
{
    $server = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
    if ($server === false) {
        throw new RuntimeException('socket_create() failed: ' . socket_strerror(socket_last_error()));
    }
    if (!socket_set_option($server, SOL_SOCKET, SO_REUSEADDR, 1)) {
        throw new RuntimeException('socket_set_option() failed: ' . socket_strerror(socket_last_error($server)));
    }
    if (!socket_bind($server, $address, $port)) {
        throw new RuntimeException('socket_bind() failed: ' . socket_strerror(socket_last_error($server)));
    }
    if (!socket_listen($server, SOMAXCONN)) {
        throw new RuntimeException('socket_listen() failed: ' . socket_strerror(socket_last_error($server)));
    }

    $client = socket_accept($server);
    if ($client === false) {
        throw new RuntimeException('socket_accept() failed: ' . socket_strerror(socket_last_error($server)));
    }
    $request = socket_read($client, 4096);
    if ($request === false) {
        throw new RuntimeException('socket_read() failed: ' . socket_strerror(socket_last_error($client)));
    }
    $body = "ok\n";
    $response = "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " . strlen($body) . "\r\n\r\n" . $body;
    if (socket_write($client, $response) === false) {
        throw new RuntimeException('socket_write() failed: ' . socket_strerror(socket_last_error($client)));
    }
    socket_close($client);
    socket_close($server);
}

serveOneProbe('127.0.0.1', 8080);
