<?php
// Stream sockets are resources (unlike ext/sockets' Socket objects since PHP 8.0).
$server = stream_socket_server('tcp://127.0.0.1:0');
$name = stream_socket_get_name($server, false);
[$host, $port] = explode(':', $name);
$client = stream_socket_client("tcp://$name");
$accepted = stream_socket_accept($server);
$fsock = fsockopen($host, (int) $port);
$pair = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
$out = [];
foreach (compact('server', 'client', 'accepted', 'fsock') + ['pair' => $pair[0]] as $label => $stream) {
    $open = ['is_resource' => is_resource($stream), 'type' => get_resource_type($stream), 'is_object' => is_object($stream)];
    fclose($stream);
    $out[$label] = ['open' => $open, 'closed' => ['is_resource' => is_resource($stream), 'type' => get_resource_type($stream)]];
}
echo json_encode($out), "\n";
