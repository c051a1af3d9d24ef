<?php
// A UDP client: queries a server with a receive timeout, retries a lost request once, checks that
// replies come from the server it asked, and reports a request nobody answers as a timeout.
// Usage: php udp-client.php PORT
$port = (int) $argv[1];
$socket = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP) or die("no socket\n");
socket_set_option($socket, SOL_SOCKET, SO_RCVTIMEO, ['sec' => 0, 'usec' => 300000]);

function query($socket, $port, $question, $attempts)
{
    for ($attempt = 1; $attempt <= $attempts; $attempt++) {
        socket_sendto($socket, $question, strlen($question), 0, '127.0.0.1', $port);
        $bytes = @socket_recvfrom($socket, $answer, 512, 0, $from, $fromPort);
        if ($bytes === false) {
            echo "  attempt $attempt: ", socket_strerror(socket_last_error($socket)), "\n";
            continue;
        }
        if ($fromPort !== $port) {
            echo "  a reply from elsewhere\n";
            continue;
        }
        return $answer;
    }
    return null;
}

foreach (['time?', "echo:bytes \x00\xff", 'drop-once', 'never', 'upper:shout'] as $question) {
    echo "$question\n";
    $answer = query($socket, $port, $question, 2);
    echo $answer === null ? "  no answer\n" : '  ' . bin2hex($answer) . ' ' . strlen($answer) . "\n";
}
socket_close($socket);
