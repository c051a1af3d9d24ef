<?php
// Connects that fail: a refused port (stream_socket_client, fsockopen, silenced), a host that does
// not resolve, a port in use, a UDP "server" asked to listen, an accept that times out; then
// false passed on to fwrite(), PHP 8's TypeError. Warnings that would name the free port the
// scenario gives are silenced (PHP and the port run side by side, on different ports).
$port = (int) $argv[1];
// Nothing listens on port 1 (tcpmux) on loopback, so the warnings' text is fixed.
$fp = stream_socket_client("tcp://127.0.0.1:1", $errno, $errstr, 2);
var_dump($fp, $errno, $errstr);
$fp = fsockopen('127.0.0.1', 1, $errno, $errstr);
var_dump($fp, $errno, $errstr);
$fp = @fsockopen('127.0.0.1', $port, $errno, $errstr);
echo "silenced: $errno $errstr\n";
$fp = fsockopen('no-such-host.invalid', 80, $errno, $errstr, 1);
var_dump($fp, $errno, $errstr);
$server = stream_socket_server("tcp://127.0.0.1:$port", $errno, $errstr);
echo "listening: ", is_resource($server) ? 'yes' : 'no', ", id ", (int) $server, "\n";
$again = @stream_socket_server("tcp://127.0.0.1:$port", $errno, $errstr);
var_dump($again, $errno, $errstr);
$udp = @stream_socket_server("udp://127.0.0.1:$port", $errno, $errstr);
var_dump($udp, $errno, $errstr);
$none = stream_socket_accept($server, 0.2, $peer);
var_dump($none, $peer);
$client = stream_socket_client("tcp://127.0.0.1:$port");
echo "client id ", (int) $client, "\n";
fclose($client);
fclose($server);
fwrite($fp, "never sent\n");
echo "not reached\n";
