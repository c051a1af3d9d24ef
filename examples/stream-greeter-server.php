<?php
// A greeter over stream sockets: each client gets the message of the day and is closed.
// Run: php examples/stream-greeter-server.php 8000, then: nc 127.0.0.1 8000

$port = (int) ($argv[1] ?? 8000);
$motd = (string) @file_get_contents($argv[2] ?? '/etc/motd') ?: "hello from php\n";
$server = stream_socket_server("tcp://0.0.0.0:$port", $errno, $errstr);
if ($server === false) {
    fwrite(STDERR, "cannot listen on $port: $errstr\n");
    exit(1);
}

// With no timeout, accept gives up after default_socket_timeout (60 s) with no client, and the loop ends.
while ($client = stream_socket_accept($server)) {
    // One fwrite() of a long message may send only part of it to a slow client.
    fwrite($client, $motd);
    fclose($client);
}
fclose($server);
