<?php
// Socket calls that fail, and what PHP reports for them: return values, socket_last_error(),
// socket_strerror() texts and warnings. Exits with status 3.
// Usage: php errors.php CLOSED_PORT SOCKET_DIR
$closedPort = (int) $argv[1];
$socketDir = $argv[2];

function report(string $what, $result, $socket = null): void
{
    $code = $socket === null ? socket_last_error() : socket_last_error($socket);
    printf("%-28s %-6s errno=%-3d %s\n", $what, var_export($result, true), $code, socket_strerror($code));
}

// Connecting to a port nobody listens on.
$client = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
report('connect closed port', socket_connect($client, '127.0.0.1', $closedPort), $client);
socket_close($client);

// Binding a port that is in use.
$first = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
socket_bind($first, '127.0.0.1', 0);
socket_listen($first);
socket_getsockname($first, $address, $usedPort);
$second = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
report('bind port in use', socket_bind($second, '127.0.0.1', $usedPort), $second);
report('  (module last error)', null);

// Silenced with @: the same failure, no warning.
$quiet = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
report('@connect closed port', @socket_connect($quiet, '127.0.0.1', $closedPort), $quiet);

// Calls on a socket that is not connected.
$fresh = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
report('write unconnected', socket_write($fresh, 'data'), $fresh);
report('getpeername unconnected', socket_getpeername($fresh, $peer), $fresh);
report('shutdown unconnected', socket_shutdown($fresh), $fresh);
report('read unconnected', socket_read($fresh, 16), $fresh);

// Non-blocking accept with nobody waiting: false, EAGAIN on the module, not on the listener.
socket_set_nonblock($first);
report('accept, nobody waiting', socket_accept($first), $first);
report('  (module last error)', null);
socket_clear_error();
report('after socket_clear_error()', null);

// listen() on a datagram socket, and a UNIX path that does not exist.
$udp = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP);
report('listen on UDP', socket_listen($udp), $udp);
$unix = socket_create(AF_UNIX, SOCK_STREAM, 0);
report('connect missing path', socket_connect($unix, "$socketDir/missing.sock"), $unix);

// Texts PHP gives for common codes.
foreach ([0, SOCKET_EAGAIN, SOCKET_EPIPE, SOCKET_ECONNRESET, SOCKET_ETIMEDOUT, SOCKET_EINPROGRESS, 133, 300] as $code) {
    echo str_pad((string) $code, 4), socket_strerror($code), "\n";
}

// A closed socket is an Error, not a false.
socket_close($fresh);
try {
    socket_write($fresh, 'late');
} catch (Error $error) {
    echo get_class($error), ': ', $error->getMessage(), "\n";
}
exit(3);
