<?php
// A chat server for many clients at once with socket_select(): every line a client sends goes
// to the others as "[id] text". `/who` lists the clients, `/quit` leaves, `/stop` ends the server.
// Usage: php select-server.php PORT
$port = (int) $argv[1];
$listener = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
socket_set_option($listener, SOL_SOCKET, SO_REUSEADDR, 1);
socket_bind($listener, '127.0.0.1', $port) or die("bind failed\n");
socket_listen($listener, 16);

$clients = [];   // id => Socket
$buffers = [];   // id => bytes not yet ending in "\n"
$nextId = 1;
$running = true;

function broadcast(array $clients, int $from, string $message): int
{
    $delivered = 0;
    foreach ($clients as $id => $client) {
        if ($id !== $from && socket_write($client, $message) !== false) {
            $delivered++;
        }
    }
    return $delivered;
}

while ($running) {
    $read = $clients;
    $read['listener'] = $listener;
    $write = null;
    $except = null;
    $ready = socket_select($read, $write, $except, null);
    if ($ready === false) {
        echo "select failed\n";
        break;
    }
    if (isset($read['listener'])) {
        unset($read['listener']);
        $client = socket_accept($listener);
        $id = $nextId++;
        $clients[$id] = $client;
        $buffers[$id] = '';
        socket_write($client, "welcome #$id, " . count($clients) . " online\n");
        echo "join #$id (", count($clients), " online)\n";
    }
    foreach ($read as $id => $client) {
        $data = socket_read($client, 1024);
        if ($data === false || $data === '') {
            echo "left #$id\n";
            socket_close($client);
            unset($clients[$id], $buffers[$id]);
            broadcast($clients, $id, "#$id left\n");
            continue;
        }
        $buffers[$id] .= $data;
        while (($newline = strpos($buffers[$id], "\n")) !== false) {
            $line = rtrim(substr($buffers[$id], 0, $newline), "\r");
            $buffers[$id] = substr($buffers[$id], $newline + 1);
            if ($line === '/quit') {
                socket_write($client, "bye #$id\n");
                socket_close($client);
                unset($clients[$id], $buffers[$id]);
                echo "quit #$id\n";
                broadcast($clients, $id, "#$id quit\n");
                continue 2;
            }
            if ($line === '/stop') {
                echo "stop requested by #$id\n";
                $running = false;
                break 2;
            }
            if ($line === '/who') {
                socket_write($client, 'online: ' . implode(',', array_keys($clients)) . "\n");
                continue;
            }
            $count = broadcast($clients, $id, "[$id] $line\n");
            echo "#$id said ", json_encode($line), " to $count\n";
        }
    }
}
foreach ($clients as $id => $client) {
    socket_write($client, "server stopping\n");
    socket_close($client);
}
socket_close($listener);
echo "stopped with ", count($clients), " clients\n";
