<?php
// stream_socket_accept() with no timeout gives up after default_socket_timeout (here 1 s).
ini_set('default_socket_timeout', 1);
$server = stream_socket_server('tcp://127.0.0.1:0');
$start = microtime(true);
$accepted = @stream_socket_accept($server);
$out = ['result' => $accepted, 'seconds' => microtime(true) - $start, 'warning' => error_get_last()['message'] ?? null];
// A loop that ends on false therefore ends on the first idle timeout, with no client ever having come.
$served = 0;
$start = microtime(true);
while ($connection = @stream_socket_accept($server)) { $served++; fclose($connection); }
$out['loop'] = ['served' => $served, 'seconds' => microtime(true) - $start];
echo json_encode($out), "\n";
