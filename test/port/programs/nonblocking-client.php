<?php
// A non-blocking client: connect returns at once (EINPROGRESS), socket_select() says when the
// connection is up, and reads that find nothing (EAGAIN) wait in socket_select() with a timeout.
// Usage: php nonblocking-client.php PORT
$port = (int) $argv[1];
$socket = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
socket_set_nonblock($socket);
$connected = @socket_connect($socket, '127.0.0.1', $port);
$error = socket_last_error($socket);
if (!$connected && $error !== SOCKET_EINPROGRESS && $error !== SOCKET_EALREADY) {
    echo "connect failed at once: ", socket_strerror($error), "\n";
    exit(1);
}
echo "connect in progress: ", $connected ? 'no, connected' : socket_strerror($error), "\n";

$write = [$socket];
$read = null;
$except = null;
$rounds = 0;
while (socket_select($read, $write, $except, 2) === 0) {
    $write = [$socket];
    if (++$rounds > 5) {
        echo "connect timed out\n";
        exit(1);
    }
}
$status = socket_get_option($socket, SOL_SOCKET, SO_ERROR);
echo "connected, SO_ERROR=$status\n";

$request = "LIST 5\n";
$sent = socket_write($socket, $request);
echo "sent $sent bytes\n";

// The server sends one line, then waits for "next": a read right after a complete line finds
// nothing (EAGAIN) every time, and socket_select() waits for the rest.
$buffer = '';
$lines = [];
$eagain = 0;
while (count($lines) < 5) {
    $chunk = socket_read($socket, 7);
    if ($chunk === '') {
        echo "server closed early\n";
        break;
    }
    if ($chunk === false) {
        if (socket_last_error($socket) !== SOCKET_EAGAIN) {
            echo "read failed: ", socket_strerror(socket_last_error($socket)), "\n";
            exit(1);
        }
        socket_clear_error($socket);
        $read = [$socket];
        $write = null;
        if (socket_select($read, $write, $except, 5) === 0) {
            echo "timed out waiting for data\n";
            break;
        }
        continue;
    }
    $buffer .= $chunk;
    while (($end = strpos($buffer, "\n")) !== false) {
        $lines[] = substr($buffer, 0, $end);
        $buffer = substr($buffer, $end + 1);
        if (count($lines) < 5) {
            if (socket_read($socket, 7) === false && socket_last_error($socket) === SOCKET_EAGAIN) {
                $eagain++;
            }
            socket_write($socket, "next\n");
        }
    }
}
echo "got ", count($lines), " lines\n";
foreach ($lines as $number => $line) {
    echo str_pad((string) ($number + 1), 3, '0', STR_PAD_LEFT), ": $line\n";
}
$tail = $buffer; // what came after the fifth line in the same reads
while (($chunk = @socket_read($socket, 100)) !== '') {
    if ($chunk === false) {
        $read = [$socket];
        $write = null;
        socket_select($read, $write, $except, 5);
        continue;
    }
    $tail .= $chunk;
}
echo "EAGAIN before each request for more: $eagain, then ", json_encode($tail), " and the end\n";
socket_close($socket);
