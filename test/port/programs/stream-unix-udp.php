<?php
// A UNIX-socket stream server and client in one program (the path comes from the command line),
// then a UDP "server" bound with STREAM_SERVER_BIND that reads a datagram a udp:// client sends.
$path = $argv[1];
$server = stream_socket_server("unix://$path", $errno, $errstr);
if ($server === false) {
    echo "listen failed: $errstr\n";
    exit(1);
}
$client = stream_socket_client("unix://$path", $errno, $errstr, 1);
$accepted = stream_socket_accept($server, 1);
echo "unix types: ", stream_get_meta_data($client)['stream_type'], " ", stream_get_meta_data($accepted)['stream_type'], "\n";
echo "server name is the path: ", var_export(stream_socket_get_name($server, false) === $path, true), "\n";
fwrite($client, "over unix\n");
var_dump(fgets($accepted));
fwrite($accepted, "and back\n");
var_dump(fgets($client));
stream_socket_shutdown($client, STREAM_SHUT_WR);
var_dump(fgets($accepted), feof($accepted));
fclose($client);
fclose($accepted);
fclose($server);
echo "file left: ", var_export(file_exists($path), true), "\n";
unlink($path);

$udp = stream_socket_server('udp://127.0.0.1:0', $errno, $errstr, STREAM_SERVER_BIND);
$address = stream_socket_get_name($udp, false);
$sender = stream_socket_client("udp://$address", $errno, $errstr);
echo "udp type: ", stream_get_meta_data($udp)['stream_type'], "\n";
var_dump(fwrite($sender, "one datagram"), fwrite($sender, "two"));
var_dump(fread($udp, 100), fread($udp, 100));
fclose($sender);
fclose($udp);
