<?php
// while (!feof($s)) against a peer that sent one line and keeps the connection open, idle.
// The loop is cut after five reads past the line (or 3 s); it would otherwise go on for ever.
$server = stream_socket_server('tcp://127.0.0.1:0');
$client = stream_socket_client('tcp://' . stream_socket_get_name($server, false));
$peer = stream_socket_accept($server);
fwrite($peer, "one line\n");
stream_set_timeout($client, 0, 200_000);
$reads = [];
$start = microtime(true);
while (!feof($client)) {
    $line = fgets($client);
    $reads[] = $line;
    if (count($reads) > 5 || microtime(true) - $start > 3.0) break;
}
$out = ['reads' => $reads, 'seconds' => microtime(true) - $start, 'feof' => feof($client),
        'timed_out' => stream_get_meta_data($client)['timed_out']];
// feof() itself never waits: a thousand calls on the idle stream.
$start = microtime(true);
for ($i = 0; $i < 1000; $i++) feof($client);
$out['thousandFeofSeconds'] = microtime(true) - $start;
// Only the peer's close ends the loop.
fclose($peer);
$out['afterClose'] = ['read' => fgets($client), 'feof' => feof($client)];
echo json_encode($out), "\n";
