<?php
// A line server whose protocol lives in files of its own that it includes: require_once of
// __DIR__ . '/lib/protocol.php' (a constant, a function, a class and a variable its top-level
// code sets, and a nested require), include_once of the same file again (nothing happens), and
// include of an optional file that is missing (PHP warns and goes on). Two clients, one after
// the other; `quit` ends a client.
// Usage: php include-server.php PORT
require_once __DIR__ . '/lib/protocol.php';
include_once __DIR__ . '/lib/protocol.php';
include 'lib/optional-settings.php';

$port = (int) $argv[1];
$server = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
socket_set_option($server, SOL_SOCKET, SO_REUSEADDR, 1);
socket_bind($server, '127.0.0.1', $port) or die("bind failed\n");
socket_listen($server, 4);
$tally = new Tally();
for ($served = 1; $served <= 2; $served++) {
    $client = socket_accept($server);
    socket_write($client, "$greeting; commands: " . implode(', ', command_names()) . "\n");
    while (($line = socket_read($client, 256, PHP_NORMAL_READ)) !== false) {
        $line = trim($line);
        if ($line === '') {
            continue;
        }
        if ($line === 'quit') {
            break;
        }
        socket_write($client, answer($line, $tally) . "\n");
    }
    socket_write($client, "bye #$served\n");
    socket_close($client);
}
socket_close($server);
echo $tally->summary(), "\n";
