<?php
// A binary protocol over TCP. A frame is a 3-byte header, pack('nC', length, type), and a
// payload. Types: 1 reverse bytes, 2 sum of big-endian uint32s, 3 describe a record, 4 echo hex,
// 9 close. Replies are frames too. Frames may arrive split across reads.
// Usage: php binary-server.php PORT
$port = (int) $argv[1];
$server = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
socket_bind($server, '127.0.0.1', $port);
socket_listen($server);

/** Reads exactly $length bytes, or returns null at the end of the stream. */
function read_exactly($socket, int $length): ?string
{
    $data = '';
    while (strlen($data) < $length) {
        $chunk = socket_read($socket, $length - strlen($data), PHP_BINARY_READ);
        if ($chunk === false || $chunk === '') {
            return null;
        }
        $data .= $chunk;
    }
    return $data;
}

function frame(int $type, string $payload): string
{
    return pack('nC', strlen($payload), $type) . $payload;
}

$client = socket_accept($server);
$frames = 0;
while (($header = read_exactly($client, 3)) !== null) {
    $fields = unpack('nlength/Ctype', $header);
    $payload = $fields['length'] > 0 ? read_exactly($client, $fields['length']) : '';
    if ($payload === null) {
        echo "truncated frame\n";
        break;
    }
    $frames++;
    echo "frame $frames: type {$fields['type']}, {$fields['length']} bytes, hex ", bin2hex(substr($payload, 0, 8)), "\n";
    switch ($fields['type']) {
        case 1:
            $reply = frame(1, strrev($payload));
            break;
        case 2:
            $numbers = unpack('N*', $payload);
            $sum = array_sum($numbers);
            $reply = frame(2, pack('J', $sum) . pack('v', count($numbers)));
            echo "  sum of ", count($numbers), " numbers = $sum\n";
            break;
        case 3:
            $record = unpack('Nid/nport/a8name/Cflags/Vlittle', $payload);
            $name = rtrim($record['name'], "\0");
            $text = sprintf('%08X %u %s flags=%03b le=%d', $record['id'], $record['port'], $name, $record['flags'], $record['little']);
            $reply = frame(3, $text);
            echo "  $text\n";
            break;
        case 4:
            $reply = frame(4, strtoupper(bin2hex($payload)) . '|' . pack('H*', '4f4b') . pack('A4', 'x') . pack('a3', 'yz'));
            break;
        case 9:
            socket_write($client, frame(9, 'bye'));
            break 2;
        default:
            $reply = frame(255, "unknown type {$fields['type']}");
    }
    socket_write($client, $reply);
}
socket_close($client);
socket_close($server);
echo "handled $frames frames\n";
