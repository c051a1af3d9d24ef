<?php
// fwrite() to a socket whose peer accepts but never reads: non-blocking, then blocking with a timeout.
$server = stream_socket_server('tcp://127.0.0.1:0');
$name = stream_socket_get_name($server, false);
$data = str_repeat('x', 32 * 1024 * 1024);
$out = ['length' => strlen($data)];

$client = stream_socket_client("tcp://$name");
$peer = stream_socket_accept($server);
stream_set_blocking($client, false);
$out['nonBlocking'] = [@fwrite($client, $data), @fwrite($client, $data)];

$client2 = stream_socket_client("tcp://$name");
$peer2 = stream_socket_accept($server);
stream_set_timeout($client2, 0, 300_000);
$start = microtime(true);
$written = @fwrite($client2, $data);
$out['blocking'] = [
    'written' => $written,
    'seconds' => microtime(true) - $start,
    'timed_out' => stream_get_meta_data($client2)['timed_out'],
    'warning' => error_get_last()['message'] ?? null,
];
echo json_encode($out), "\n";
