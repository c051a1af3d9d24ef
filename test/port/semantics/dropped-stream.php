<?php
// A stream nobody keeps (fsockopen(...) as a statement) is freed, and so closed, at once: the
// server sees the client come and go.
$server = stream_socket_server('tcp://127.0.0.1:0', $errno, $errstr);
$address = stream_socket_get_name($server, false);
[$host, $port] = explode(':', $address);
fsockopen($host, (int) $port);
$peer = stream_socket_accept($server, 5);
var_dump(fread($peer, 100));
var_dump(feof($peer));
fclose($peer);
fclose($server);
echo "done\n";
