<?php
// The timeout argument of fsockopen()/stream_socket_client() bounds the connect, not the reads.
ini_set('default_socket_timeout', 1);
$server = stream_socket_server('tcp://127.0.0.1:0');
$name = stream_socket_get_name($server, false);
[$host, $port] = explode(':', $name);
$out = [];

$client = fsockopen($host, (int) $port, $errno, $errstr, 0.2);
$peer = stream_socket_accept($server);
$start = microtime(true);
$out['fsockopenRead'] = ['read' => fread($client, 10), 'seconds' => microtime(true) - $start, 'timed_out' => stream_get_meta_data($client)['timed_out']];
stream_set_timeout($client, 0, 200_000);
$start = microtime(true);
$out['afterSetTimeout'] = ['read' => fread($client, 10), 'seconds' => microtime(true) - $start];

$client2 = stream_socket_client("tcp://$name", $errno, $errstr, 0.2);
$peer2 = stream_socket_accept($server);
$start = microtime(true);
$out['clientRead'] = ['read' => fgets($client2), 'seconds' => microtime(true) - $start];

// The connect itself: a listener with backlog 0 whose queue is full drops the SYN; the timeout ends it.
$full = stream_socket_server('tcp://127.0.0.1:0', $errno, $errstr, STREAM_SERVER_BIND | STREAM_SERVER_LISTEN,
    stream_context_create(['socket' => ['backlog' => 0]]));
$fullName = stream_socket_get_name($full, false);
$queued = stream_socket_client("tcp://$fullName");
$start = microtime(true);
$dropped = @stream_socket_client("tcp://$fullName", $errno, $errstr, 0.2);
$out['connect'] = ['failed' => $dropped === false, 'errno' => (int) $errno, 'errstr' => (string) $errstr, 'seconds' => microtime(true) - $start];
echo json_encode($out), "\n";
