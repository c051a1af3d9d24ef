<?php
// A UDP server as the tutorials write one: each check of socket_create() and socket_bind() in its own
// `if`, an endless `while (1)` that prints before it waits, and each datagram answered with its length.
$port = (int) ($argv[1] ?? 9002);
if (!($sock = socket_create(AF_INET, SOCK_DGRAM, 0))) {
    $errorcode = socket_last_error();
    $errormsg = socket_strerror($errorcode);
    die("Couldn't create socket: [$errorcode] $errormsg\n");
}
if (!socket_bind($sock, '127.0.0.1', $port)) {
    $errorcode = socket_last_error();
    $errormsg = socket_strerror($errorcode);
    die("Could not bind socket: [$errorcode] $errormsg\n");
}
echo "bound\n";

while (1) {
    echo "waiting\n";
    $from = '';
    $fromPort = 0;
    $n = socket_recvfrom($sock, $buf, 256, 0, $from, $fromPort);
    if (trim($buf) === 'bye') {
        socket_sendto($sock, "bye\n", 4, 0, $from, $fromPort);
        break;
    }
    $reply = "got $n bytes: $buf";
    socket_sendto($sock, $reply, strlen($reply), 0, $from, $fromPort);
}
socket_close($sock);
echo "closed\n";
