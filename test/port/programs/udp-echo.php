<?php
// A UDP echo server: every datagram is answered with "echo #N: <text>" to its sender.
// `stats` answers counters, `stop` ends the server. Datagrams over 32 bytes are truncated
// by socket_recvfrom(), as on the wire.
// Usage: php udp-echo.php PORT
$port = intval($argv[1]);
$socket = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP);
if (!$socket) {
    die("cannot create socket\n");
}
if (!socket_bind($socket, '127.0.0.1', $port)) {
    $code = socket_last_error($socket);
    echo "bind failed: [$code] " . socket_strerror($code) . "\n";
    exit(1);
}
socket_getsockname($socket, $boundAddress, $boundPort);
echo "ready on $boundAddress:", $boundPort === $port ? 'the given port' : 'another port', "\n";

$received = 0;
$bytes = 0;
$senders = [];
while (true) {
    $length = socket_recvfrom($socket, $data, 32, 0, $from, $fromPort);
    if ($length === false) {
        echo "recvfrom failed\n";
        break;
    }
    $received++;
    $bytes += $length;
    $senders[$from . ':' . $fromPort] = ($senders[$from . ':' . $fromPort] ?? 0) + 1;
    $text = rtrim($data, "\r\n");
    printf("%2d: %d bytes from %s: %s\n", $received, $length, $from, addcslashes_simple($text));
    if ($text === 'stop') {
        socket_sendto($socket, "stopping", 8, 0, $from, $fromPort);
        break;
    }
    if ($text === 'stats') {
        $reply = "received=$received bytes=$bytes senders=" . count($senders) . " average=" . round($bytes / $received, 2);
    } else {
        $reply = "echo #$received: $text";
    }
    $sent = socket_sendto($socket, $reply, strlen($reply), 0, $from, $fromPort);
    if ($sent !== strlen($reply)) {
        echo "short send\n";
    }
}
socket_close($socket);
// Widths of an int given to %s, and of a literal given to %X, as the port must carry them.
printf("done: %s datagrams, %d bytes (%5s, %02X)\n", $received, $bytes, $received, 255);

function addcslashes_simple(string $text): string
{
    $out = '';
    for ($i = 0; $i < strlen($text); $i++) {
        $byte = ord($text[$i]);
        $out .= ($byte < 32 || $byte > 126) ? sprintf('\\x%02X', $byte) : $text[$i];
    }
    return $out;
}
