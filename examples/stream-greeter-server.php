<?php
// A greeter over stream sockets: each client gets one line and is closed.
// Run: php examples/stream-greeter-server.php 8000, then: nc 127.0.0.1 8000

$port = (int) ($argv[1] ?? 8000);
$server = stream_socket_server("tcp://0.0.0.0:$port", $errno, $errstr);
if ($server === false) {
    fwrite(STDERR, "cannot listen on $port: $errstr\n");
    exit(1);
}

// With no timeout, accept gives up after default_socket_timeout (60 s) with no client, and the loop ends.
while ($client = stream_socket_accept($server)) {
    fwrite($client, "hello from php\n");
    fclose($client);
}
fclose($server);
