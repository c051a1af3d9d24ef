<?php
// A line server over stream sockets: clients one after another; each line comes back upper-cased,
// "stats" reports counts, "quit" ends the client and "shutdown" the server.
$port = (int) $argv[1];
$server = stream_socket_server("tcp://127.0.0.1:$port", $errno, $errstr);
if ($server === false) {
    echo "listen failed: $errno $errstr\n";
    exit(1);
}
echo "ready ", get_resource_type($server), "\n";
$served = 0;
$lines = 0;
$running = true;
while ($running && ($client = stream_socket_accept($server, 5, $peer))) {
    $served++;
    $local = stream_socket_get_name($client, false);
    echo "client $served from ", $peer === stream_socket_get_name($client, true) ? 'its peer name' : 'elsewhere', ", local ", $local === stream_socket_get_name($server, false) ? 'the listener' : 'other', "\n";
    fwrite($client, "hello $served\r\n");
    while (($line = fgets($client)) !== false) {
        $lines++;
        $command = rtrim($line, "\r\n");
        echo "got ", json_encode($line), "\n";
        if ($command === 'quit') {
            fwrite($client, "bye\n");
            break;
        }
        if ($command === 'shutdown') {
            fputs($client, "shutting down\n");
            $running = false;
            break;
        }
        if ($command === 'stats') {
            fwrite($client, "served $served lines $lines\n");
            continue;
        }
        $written = fwrite($client, strtoupper($line));
        echo "wrote $written\n";
    }
    echo "client $served done, eof ", var_export(feof($client), true), "\n";
    fclose($client);
    echo "resource after fclose: ", var_export(is_resource($client), true), " ", get_resource_type($client), "\n";
}
fclose($server);
echo "served $served\n";
