<?php
// stream_get_meta_data() on every kind of stream socket: the keys, and timed_out's value.
$server = stream_socket_server('tcp://127.0.0.1:0');
$name = stream_socket_get_name($server, false);
[$host, $port] = explode(':', $name);
$client = stream_socket_client("tcp://$name");
$accepted = stream_socket_accept($server);
$fsock = fsockopen($host, (int) $port);
$udp = stream_socket_server('udp://127.0.0.1:0', $errno, $errstr, STREAM_SERVER_BIND);
$pair = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
$timedOut = stream_socket_client("tcp://$name");
stream_set_timeout($timedOut, 0, 100_000);
fread($timedOut, 1);
$out = [];
foreach (compact('server', 'client', 'accepted', 'fsock', 'udp', 'timedOut') + ['pair' => $pair[0]] as $label => $stream) {
    $meta = stream_get_meta_data($stream);
    $out[$label] = ['keys' => array_keys($meta), 'timed_out' => $meta['timed_out'], 'isset' => isset($meta['timed_out'])];
}
echo json_encode($out), "\n";
