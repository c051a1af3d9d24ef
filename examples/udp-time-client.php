<?php
// Asks a UDP time service for the time. socket_connect() on a UDP socket makes no
// connection: it only sets the default peer, so an unreachable server shows up only
// when socket_recv() fails. php-socket-lint reports udp-connect (a hint: run with --hints).

function fetchServerTime(string $host, int $port): ?string
{
    $socket = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP);
    if ($socket === false) {
        return null;
    }
    socket_set_option($socket, SOL_SOCKET, SO_RCVTIMEO, ['sec' => 2, 'usec' => 0]) or die('cannot set a timeout');
    if (!socket_connect($socket, $host, $port)) {
        socket_close($socket);
        return null;
    }
    if (socket_send($socket, "time?\n", 6, 0) === false) {
        socket_close($socket);
        return null;
    }
    $bytes = socket_recv($socket, $reply, 64, 0);
    socket_close($socket);
    return $bytes === false ? null : trim((string) $reply);
}

echo fetchServerTime('127.0.0.1', 3700) ?? 'no answer', "\n";
