<?php
// die("message") prints the message and exits with status 0.
echo "before\n";
$socket = @socket_create(AF_INET, SOCK_STREAM, SOL_TCP) or die("no socket\n");
die("stopped: " . get_class($socket) . "\n");
