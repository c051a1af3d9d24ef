<?php
// An HTTP client from the PHP 5 days, still in production on PHP 8. Two habits from C
// no longer work: is_resource() is always false for the Socket objects PHP 8 returns
// (socket-is-resource), and socket_*() report failure with false, never with -1, so a
// `< 0` test never fires (impossible-false-check). Both are warnings with
// safe fixes: `php-socket-lint --fix examples/legacy-http-client.php`. And the
// empty-response message asks a socket that is already closed for its last error,
// which PHP 8 answers with an Error (use-after-close).

function httpGet(string $host, int $port, string $path): string
{
    $socket = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
    if (!is_resource($socket)) {
        throw new RuntimeException('socket_create() failed: ' . socket_strerror(socket_last_error()));
    }
    if (socket_connect($socket, $host, $port) === false) {
        throw new RuntimeException('socket_connect() failed: ' . socket_strerror(socket_last_error($socket)));
    }

    $request = "GET {$path} HTTP/1.0\r\nHost: {$host}\r\nConnection: close\r\n\r\n";
    $sent = socket_write($socket, $request, strlen($request));
    if ($sent < 0) {
        throw new RuntimeException('socket_write() failed: ' . socket_strerror(socket_last_error($socket)));
    }

    $response = '';
    while (true) {
        $chunk = socket_read($socket, 8192);
        if ($chunk === false) {
            throw new RuntimeException('socket_read() failed: ' . socket_strerror(socket_last_error($socket)));
        }
        if ($chunk === '') {
            break;
        }
        $response .= $chunk;
    }
    socket_close($socket);
    if ($response === '') {
        throw new RuntimeException('empty response: ' . socket_strerror(socket_last_error($socket)));
    }
    return $response;
}

echo httpGet('example.com', 80, '/');
