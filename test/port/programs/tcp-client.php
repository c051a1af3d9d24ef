<?php
// A TCP client: greets the server, sends requests and reads each answer (a header line, then a
// body of the length it announces), then half-closes and reads what is left until the end.
// Usage: php tcp-client.php PORT
$port = (int) $argv[1];
$socket = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
if (!socket_connect($socket, '127.0.0.1', $port)) {
    echo "connect failed: ", socket_strerror(socket_last_error($socket)), "\n";
    exit(1);
}
socket_getpeername($socket, $peer, $peerPort);
echo "connected to $peer:", ($peerPort === $port ? 'PORT' : $peerPort), "\n";

/** Reads one line ending in "\n", byte by byte where needed. */
function read_line($socket, string &$buffer): ?string
{
    while (($position = strpos($buffer, "\n")) === false) {
        $chunk = socket_read($socket, 5);
        if ($chunk === false || $chunk === '') {
            return null;
        }
        $buffer .= $chunk;
    }
    $line = substr($buffer, 0, $position);
    $buffer = substr($buffer, $position + 1);
    return $line;
}

$requests = ['HELLO client', 'GET /greeting', 'GET /numbers', 'GET /missing'];
$buffer = '';
foreach ($requests as $index => $request) {
    $written = socket_write($socket, $request . "\r\n");
    echo "> $request ($written bytes)\n";
    $header = read_line($socket, $buffer);
    if ($header === null) {
        echo "server closed early\n";
        exit(2);
    }
    [$status, $length] = explode(' ', $header, 2);
    $length = (int) $length;
    while (strlen($buffer) < $length) {
        $received = socket_recv($socket, $chunk, $length - strlen($buffer), MSG_WAITALL);
        if ($received === false || $received === 0) {
            break;
        }
        $buffer .= $chunk;
    }
    $body = substr($buffer, 0, $length);
    $buffer = substr($buffer, $length);
    echo "< [$index] $status, ", strlen($body), " bytes: ", str_replace("\n", '|', $body), "\n";
}
socket_shutdown($socket, 1);
$rest = '';
while (($chunk = socket_read($socket, 1024)) !== '') {
    if ($chunk === false) {
        echo "read failed\n";
        break;
    }
    $rest .= $chunk;
}
echo "after shutdown: ", json_encode($rest), "\n";
socket_close($socket);
exit(strlen($rest) > 0 ? 0 : 4);
