<?php
// A TCP server as the tutorials write one: `or die()` after socket_create(), each result kept in $ret and
// checked on the next line, a do-while accept loop, and replies chosen by the truthiness of what was read.
$port = (int) ($argv[1] ?? 9003);
$socket = socket_create(AF_INET, SOCK_STREAM, SOL_TCP) or die("socket_create() failed\n");
socket_set_option($socket, SOL_SOCKET, SO_REUSEADDR, 1);
$ret = socket_bind($socket, '127.0.0.1', $port);
if (!$ret) {
    echo "socket_bind() failed: " . socket_strerror(socket_last_error()) . "\n";
    exit(1);
}
$ret = socket_listen($socket, 4);
if ($ret === false) {
    echo "socket_listen() failed\n";
    exit(1);
}
echo "listening\n";

do {
    $conn = socket_accept($socket);
    if ($conn === false) {
        break;
    }
    $buf = socket_read($conn, 1024);
    if ($buf != false) {
        $text = trim($buf);
        if (!$text) {
            socket_write($conn, "empty or zero\n");
        } elseif ($text === 'stop') {
            socket_write($conn, "stopping\n");
            socket_close($conn);
            break;
        } else {
            socket_write($conn, strrev($text) . "\n");
        }
    } else {
        echo "nothing read\n";
    }
    socket_close($conn);
} while (true);
socket_close($socket);
echo "stopped\n";
