<?php
// PHP_NORMAL_READ stops after "\n" or "\r" (keeping it) or at the length; at the end of the
// stream before a line end it fails with ECONNRESET. PHP_BINARY_READ returns what is there.
$server = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
socket_bind($server, '127.0.0.1', 0);
socket_listen($server);
socket_getsockname($server, $address, $port);
$client = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
socket_connect($client, $address, $port);
$peer = socket_accept($server);

socket_write($client, "ab\r\ncd\nlong-line-here\npartial");
socket_shutdown($client, 1);
for ($i = 0; $i < 7; $i++) {
    var_dump(socket_read($peer, 5, PHP_NORMAL_READ));
}
echo 'last error: ', socket_last_error($peer), "\n";

$second = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
socket_connect($second, $address, $port);
$other = socket_accept($server);
socket_write($second, "xyz\n");
var_dump(socket_read($other, 10, PHP_NORMAL_READ));
socket_write($second, "rest");
socket_close($second);
var_dump(socket_read($other, 2, PHP_BINARY_READ), socket_read($other, 10), socket_read($other, 10));
var_dump(socket_recv($other, $data, 10, 0), $data);
echo 'done', PHP_EOL;
