<?php
// A TCP client: sends one request line, reads the whole answer until the server closes.
// Usage: php tcp-fetch.php PORT CLOSED-PORT
function fetch(string $host, int $port, string $request): ?string
{
    $socket = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
    if ($socket === false) {
        return null;
    }
    if (!socket_connect($socket, $host, $port)) {
        echo "connect failed: ", socket_strerror(socket_last_error($socket)), "\n";
        return null;
    }
    socket_write($socket, $request . "\r\n");
    $response = '';
    while (true) {
        $chunk = socket_read($socket, 8192);
        if ($chunk === false || $chunk === '') {
            break;
        }
        $response .= $chunk;
    }
    socket_close($socket);
    return $response;
}

$port = (int) $argv[1];
$answer = fetch('127.0.0.1', $port, 'GET /greeting');
if ($answer === null) {
    exit(2);
}
echo "got ", strlen($answer), " bytes:\n", $answer;
$missing = fetch('127.0.0.1', (int) $argv[2], 'GET /nothing');
echo $missing === null ? "second: no server\n" : "second: answered\n";
exit(strlen($answer) > 0 ? 0 : 3);
