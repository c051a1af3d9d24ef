<?php
// Stream-socket functions on one loopback connection within the program, and their errors:
// resource ids and types, reads of a given length, TypeErrors and ValueErrors of PHP 8.
function attempt(string $what, callable $call): void
{
    try {
        $call();
        echo "$what: no error\n";
    } catch (Throwable $e) {
        echo "$what: ", get_class($e), ": ", $e->getMessage(), "\n";
    }
}

$context = stream_context_create(['socket' => ['backlog' => 16]]);
echo "context: ", get_resource_type($context), " ", var_export(is_resource($context), true), " id ", (int) $context, "\n";
$server = stream_socket_server('tcp://127.0.0.1:0', $errno, $errstr, STREAM_SERVER_BIND | STREAM_SERVER_LISTEN, $context);
$address = stream_socket_get_name($server, false);
$client = stream_socket_client("tcp://$address", $errno, $errstr, 1);
$accepted = stream_socket_accept($server, 1, $peer);
echo "ids: ", (int) $server, " ", (int) $client, " ", (int) $accepted, "\n";
echo "peer is the client: ", var_export($peer === stream_socket_get_name($client, false), true), "\n";
echo "remote of the client is the server: ", var_export(stream_socket_get_name($client, true) === $address, true), "\n";
var_dump(stream_socket_get_name($server, true));

fwrite($client, "first line\nsecond\nthird line\r\nrest");
var_dump(fgets($accepted, 4), fgets($accepted), fgetc($accepted), stream_get_line($accepted, 3), stream_get_line($accepted, 100, "\r\n"));
var_dump(stream_get_meta_data($accepted)['unread_bytes']);
// Only what is buffered: fread() of more would wait for another read (60 s here).
var_dump(fread($accepted, 4));
fclose($client);
var_dump(fread($accepted, 100), feof($accepted), fgets($accepted), stream_get_meta_data($accepted)['eof']);

try {
    fread($accepted, 0);
} catch (ValueError $e) {
    echo "fread of 0 bytes: ", $e->getMessage(), "\n";
}
try {
    fread(false, 10);
} catch (TypeError $e) {
    echo "fread of false: ", $e->getMessage(), "\n";
}
try {
    feof(null);
} catch (TypeError $e) {
    echo "feof of null: ", $e->getMessage(), "\n";
}
try {
    fgets('stream');
} catch (TypeError $e) {
    echo "fgets of a string: ", $e->getMessage(), "\n";
}
try {
    stream_get_line($accepted, -1);
} catch (ValueError $e) {
    echo "stream_get_line of -1: ", $e->getMessage(), "\n";
}
$none = null;
$alsoNone = null;
$noneEither = null;
try {
    stream_select($none, $alsoNone, $noneEither, 0);
} catch (ValueError $e) {
    echo "select of no arrays: ", $e->getMessage(), "\n";
}
attempt('fwrite of false', fn () => fwrite(false, 'x'));
attempt('shutdown mode 7', fn () => stream_socket_shutdown($accepted, 7));
fclose($accepted);
attempt('fwrite after fclose', fn () => fwrite($accepted, 'x'));
attempt('fclose after fclose', fn () => fclose($accepted));
echo "after fclose: ", var_export(is_resource($accepted), true), " ", get_resource_type($accepted), "\n";
echo "server still: ", get_resource_type($server), "\n";
fclose($server);
