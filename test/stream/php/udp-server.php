<?php
// stream_socket_server() on udp:// with the default flags, with STREAM_SERVER_BIND alone, and
// stream_socket_accept() on the UDP server: idle (waits the timeout) and with a datagram queued.
ini_set('default_socket_timeout', 1);
$out = [];

$default = @stream_socket_server('udp://127.0.0.1:0', $errno, $errstr);
$out['default'] = ['result' => $default, 'errno' => (int) $errno, 'errstr' => (string) $errstr, 'warning' => error_get_last()['message'] ?? null];
error_clear_last();

$bound = stream_socket_server('udp://127.0.0.1:0', $errno, $errstr, STREAM_SERVER_BIND);
$name = stream_socket_get_name($bound, false);
$out['bindOnly'] = ['type' => get_resource_type($bound), 'errno' => (int) $errno, 'errstr' => (string) $errstr, 'port' => (int) explode(':', $name)[1]];

$start = microtime(true);
$accepted = @stream_socket_accept($bound); // no timeout: default_socket_timeout
$out['acceptIdle'] = ['result' => $accepted, 'seconds' => microtime(true) - $start, 'warning' => error_get_last()['message'] ?? null];
error_clear_last();

$client = stream_socket_client("udp://$name");
fwrite($client, 'queued datagram');
usleep(50_000);
$attempts = [];
for ($i = 0; $i < 3; $i++) {
    $start = microtime(true);
    $accepted = @stream_socket_accept($bound, 5);
    $attempts[] = ['result' => $accepted, 'seconds' => microtime(true) - $start, 'warning' => error_get_last()['message'] ?? null];
    error_clear_last();
}
$out['acceptQueued'] = $attempts;
$out['stillQueued'] = stream_socket_recvfrom($bound, 100);
echo json_encode($out), "\n";
