<?php
// What $errno and $errstr hold after each kind of failure of the openers.
$out = [];
function attempt(string $label, callable $open): void {
    global $out;
    $errno = -1;
    $errstr = 'untouched';
    $result = $open($errno, $errstr);
    $out[$label] = ['failed' => $result === false, 'errno' => $errno, 'errstr' => $errstr];
}
$closed = stream_socket_server('tcp://127.0.0.1:0');
$closedName = stream_socket_get_name($closed, false);
fclose($closed);
$busy = stream_socket_server('tcp://127.0.0.1:0');
$busyName = stream_socket_get_name($busy, false);

attempt('client bad address', fn (&$e, &$s) => @stream_socket_client('tcp://999.1.1.1:80', $e, $s, 1));
attempt('client unknown host', fn (&$e, &$s) => @stream_socket_client('tcp://no-such-host.invalid:80', $e, $s, 1));
attempt('client unknown transport', fn (&$e, &$s) => @stream_socket_client('bogus://127.0.0.1:80', $e, $s, 1));
attempt('client no port', fn (&$e, &$s) => @stream_socket_client('tcp://127.0.0.1', $e, $s, 1));
attempt('fsockopen bad address', fn (&$e, &$s) => @fsockopen('999.1.1.1', 80, $e, $s, 1));
attempt('fsockopen unknown transport', fn (&$e, &$s) => @fsockopen('bogus://127.0.0.1', 80, $e, $s, 1));
attempt('client refused', fn (&$e, &$s) => @stream_socket_client("tcp://$closedName", $e, $s, 1));
attempt('server address in use', fn (&$e, &$s) => @stream_socket_server("tcp://$busyName", $e, $s));
attempt('server address not local', fn (&$e, &$s) => @stream_socket_server('tcp://192.0.2.1:0', $e, $s));
attempt('server bad address', fn (&$e, &$s) => @stream_socket_server('tcp://999.1.1.1:0', $e, $s));
attempt('server unknown transport', fn (&$e, &$s) => @stream_socket_server('bogus://127.0.0.1:0', $e, $s));
attempt('server udp listen', fn (&$e, &$s) => @stream_socket_server('udp://127.0.0.1:0', $e, $s));
echo json_encode($out), "\n";
