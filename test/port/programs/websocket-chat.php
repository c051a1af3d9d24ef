<?php
// A WebSocket chat over socket_select(): the HTTP upgrade (Sec-WebSocket-Accept from sha1 and
// base64), masked client frames unmasked byte by byte with `^`, and every message relayed to the
// other clients as an unmasked text frame. "shutdown" stops the server.
const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

function handshake($client, $request)
{
    if (!preg_match('/Sec-WebSocket-Key: (.*)\r\n/', $request, $match)) {
        return false;
    }
    $accept = base64_encode(sha1(trim($match[1]) . GUID, true));
    $response = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        . "Sec-WebSocket-Accept: $accept\r\n\r\n";
    socket_write($client, $response, strlen($response));
    return true;
}

function unmask($frame)
{
    $length = ord($frame[1]) & 127;
    if ($length == 126) {
        $length = unpack('n', substr($frame, 2, 2))[1];
        $masks = substr($frame, 4, 4);
        $data = substr($frame, 8, $length);
    } else {
        $masks = substr($frame, 2, 4);
        $data = substr($frame, 6, $length);
    }
    $text = '';
    for ($i = 0; $i < strlen($data); ++$i) {
        $text .= $data[$i] ^ $masks[$i % 4];
    }
    return $text;
}

function frame($text)
{
    $length = strlen($text);
    if ($length <= 125) {
        return chr(0x81) . chr($length) . $text;
    }
    return chr(0x81) . chr(126) . pack('n', $length) . $text;
}

$port = $argc > 1 ? $argv[1] : 9000;
$server = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
socket_set_option($server, SOL_SOCKET, SO_REUSEADDR, 1);
socket_bind($server, '127.0.0.1', $port);
socket_listen($server);
$clients = [];
$upgraded = [];
echo "listening\n";
while (true) {
    $read = $clients;
    $read[] = $server;
    socket_select($read, $write, $except, null);
    if (in_array($server, $read, true)) {
        $client = socket_accept($server);
        $clients[] = $client;
        $upgraded[] = false;
        echo 'connected #', count($clients), "\n";
        unset($read[array_search($server, $read, true)]);
    }
    foreach ($read as $socket) {
        $id = array_search($socket, $clients, true);
        $bytes = socket_recv($socket, $buffer, 4096, 0);
        if ($bytes === 0 || $bytes === false) {
            socket_close($socket);
            unset($clients[$id]);
            echo "#$id left\n";
            continue;
        }
        if (!$upgraded[$id]) {
            $upgraded[$id] = handshake($socket, $buffer);
            echo "#$id ", $upgraded[$id] ? 'upgraded' : 'refused', "\n";
            continue;
        }
        $text = unmask($buffer);
        echo "#$id says ", strlen($text), " bytes: ", substr($text, 0, 40), "\n";
        if ($text === 'shutdown') {
            break 2;
        }
        foreach ($clients as $other => $peer) {
            if ($other !== $id && $upgraded[$other]) {
                $out = frame("#$id: $text");
                socket_write($peer, $out, strlen($out));
            }
        }
    }
}
foreach ($clients as $client) {
    socket_close($client);
}
socket_close($server);
echo "stopped\n";
