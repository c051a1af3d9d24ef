<?php
// A chat over stream sockets with stream_select(): clients keyed by their resource id, each line
// broadcast to the others; a client that closes is dropped and the others are told.
$port = (int) $argv[1];
$server = stream_socket_server("tcp://127.0.0.1:$port", $errno, $errstr);
if (!$server) {
    echo "listen failed: $errstr\n";
    exit(1);
}
stream_set_blocking($server, false);
echo "ready\n";
$clients = [];
$names = [];
$left = 0;
while ($left < 2) {
    $read = $clients;
    $read['listener'] = $server;
    $write = null;
    $except = null;
    $ready = stream_select($read, $write, $except, 5);
    if ($ready === false || $ready === 0) {
        echo "select gave ", var_export($ready, true), "\n";
        break;
    }
    if (isset($read['listener'])) {
        $conn = stream_socket_accept($server);
        $id = (int) $conn;
        $clients[$id] = $conn;
        $names[$id] = 'guest' . count($names);
        fwrite($conn, "welcome {$names[$id]}\n");
        echo "joined {$names[$id]}, ", count($clients), " online\n";
        unset($read['listener']);
    }
    foreach ($read as $id => $conn) {
        $line = fgets($conn, 1024);
        if ($line === false) {
            echo "{$names[$id]} left (eof ", var_export(feof($conn), true), ")\n";
            fclose($conn);
            unset($clients[$id]);
            $left++;
            foreach ($clients as $other) {
                fwrite($other, "* {$names[$id]} left\n");
            }
            continue;
        }
        $text = trim($line);
        echo "{$names[$id]}: $text\n";
        foreach ($clients as $otherId => $other) {
            if ($otherId !== $id) {
                fwrite($other, "{$names[$id]}> $text\n");
            }
        }
    }
}
fclose($server);
echo "done, ", count($clients), " still online\n";
