<?php
// A line-based TCP server, one client at a time: each line is answered in upper case.
// Commands: `stats`, `sync` (answers "sync ok", so a driver knows all before it was handled),
// `quit` (closes this client) and `shutdown` (stops the server).
// Usage: php line-server.php PORT
declare(strict_types=1);

const GREETING = "Welcome to the line server.\r\n";

function reply($client, string $text): void
{
    socket_write($client, $text . "\n");
}

function describe(string $line): string
{
    $length = strlen($line);
    return sprintf("%-8s|%5d bytes|%s", substr($line, 0, 8), $length, $length % 2 === 0 ? 'even' : 'odd');
}

$port = (int) ($argv[1] ?? 9000);
$server = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
if ($server === false) {
    fwrite(STDERR, "socket_create: " . socket_strerror(socket_last_error()) . "\n");
    exit(2);
}
socket_set_option($server, SOL_SOCKET, SO_REUSEADDR, 1);
if (!socket_bind($server, '127.0.0.1', $port) || !socket_listen($server, 8)) {
    echo "cannot listen: ", socket_strerror(socket_last_error($server)), PHP_EOL;
    exit(1);
}

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
    socket_write($client, GREETING);
    while (true) {
        $line = socket_read($client, 64, PHP_NORMAL_READ);
        if ($line === false || $line === '') {
            echo "client $clients went away\n";
            break;
        }
        $lines++;
        $totalLines++;
        $command = trim($line);
        echo "  read ", strlen($line), " bytes: ", json_encode($line), "\n";
        if ($command === '') {
            reply($client, '? empty');
            continue;
        }
        switch (strtolower($command)) {
            case 'quit':
                reply($client, "bye after $lines lines");
                break 2;
            case 'shutdown':
                reply($client, 'shutting down');
                socket_close($client);
                break 3;
            case 'stats':
                reply($client, "clients=$clients lines=$lines total=$totalLines");
                continue 2;
            case 'sync':
                reply($client, 'sync ok');
                continue 2;
        }
        reply($client, strtoupper($command) . ' ' . describe($command));
    }
    socket_close($client);
}
socket_close($server);
printf("served %d clients, %d lines\n", $clients, $totalLines);
