<?php
// A UDP server: every datagram comes back in upper case with its number.
// `stop` ends the server.
$port = intval($argv[1]);
$socket = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP);
if (!socket_bind($socket, '127.0.0.1', $port)) {
    $code = socket_last_error($socket);
    echo "bind failed: [$code] " . socket_strerror($code) . "\n";
    exit(1);
}
echo "ready\n";

$received = 0;
$bytes = 0;
while (true) {
    $length = socket_recvfrom($socket, $data, 64, 0, $from, $fromPort);
    if ($length === false) {
        echo "recvfrom failed\n";
        break;
    }
    $received++;
    $bytes += $length;
    $text = rtrim($data, "\r\n");
    echo "$received: $length bytes from $from\n";
    if ($text === 'stop') {
        socket_sendto($socket, "stopping", 8, 0, $from, $fromPort);
        break;
    }
    $reply = "#$received " . strtoupper($text);
    socket_sendto($socket, $reply, strlen($reply), 0, $from, $fromPort);
}
socket_close($socket);
echo "done: $received datagrams, $bytes bytes\n";
