<?php
// A line server, one client at a time: every line comes back in upper case.
// `quit` ends this client, `shutdown` stops the server.
declare(strict_types=1);

function reply($client, string $text): void
{
    socket_write($client, $text . "\n");
}

$port = (int) ($argv[1] ?? 9000);
$server = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
if ($server === false) {
    exit(2);
}
socket_set_option($server, SOL_SOCKET, SO_REUSEADDR, 1);
if (!socket_bind($server, '127.0.0.1', $port) || !socket_listen($server, 8)) {
    echo "cannot listen: ", socket_strerror(socket_last_error($server)), PHP_EOL;
    exit(1);
}
echo "listening\n";

$clients = 0;
$totalLines = 0;
while (true) {
    $client = socket_accept($server);
    if ($client === false) {
        break;
    }
    $clients++;
    $lines = 0;
    echo "client $clients connected\n";
    socket_write($client, "hello #$clients\r\n");
    while (true) {
        $line = socket_read($client, 64, PHP_NORMAL_READ);
        if ($line === false || $line === '') {
            echo "client $clients went away\n";
            break;
        }
        $command = trim($line);
        if ($command === '') {
            continue; // the "\n" after a "\r"
        }
        $lines++;
        $totalLines++;
        switch (strtolower($command)) {
            case 'quit':
                reply($client, "bye after $lines lines");
                break 2;
            case 'shutdown':
                reply($client, 'shutting down');
                socket_close($client);
                break 3;
        }
        reply($client, strtoupper($command) . ' (' . strlen($command) . ' bytes)');
    }
    socket_close($client);
}
socket_close($server);
printf("served %d clients, %d lines\n", $clients, $totalLines);
