<?php
// Asks a UDP service a question and waits at most half a second for the reply.
// Usage: php udp-ask.php PORT
function ask(int $port, string $question): ?string
{
    $socket = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP);
    if ($socket === false) {
        return null;
    }
    socket_set_option($socket, SOL_SOCKET, SO_RCVTIMEO, ['sec' => 0, 'usec' => 500000]);
    socket_sendto($socket, $question, strlen($question), 0, '127.0.0.1', $port);
    $bytes = socket_recvfrom($socket, $reply, 128, 0, $from, $fromPort);
    socket_close($socket);
    if ($bytes === false) {
        return null;
    }
    return $reply . ($fromPort === $port ? ' (from the server)' : ' (from elsewhere)');
}

$port = (int) $argv[1];
echo ask($port, 'time?') ?? 'no answer', "\n";
echo ask($port, 'ignore me') ?? 'no answer', "\n";
