<?php
// A health check for a line-based service: connect, send PING, wait for the answer.
// Run: php examples/stream-health-check.php 127.0.0.1 6379

$host = $argv[1] ?? '127.0.0.1';
$port = (int) ($argv[2] ?? 6379);

// "Is the host reachable?" by $errno alone: a host name that does not resolve leaves it 0.
fsockopen($host, $port, $errno, $errstr, 2);
if ($errno !== 0) {
    fwrite(STDERR, "unreachable: $errstr\n");
    exit(1);
}

// The 2 s bound only the connect: fgets() below waits default_socket_timeout (60 s).
$fp = stream_socket_client("tcp://$host:$port", $code, $message, 2);
if ($fp === false) {
    fwrite(STDERR, "connect failed: $message\n");
    exit(1);
}
fwrite($fp, "PING\r\n");
// Read the answer until the server closes: a server that keeps the connection open never does.
$answer = '';
while (!feof($fp)) {
    $answer .= fgets($fp);
}
$meta = stream_get_meta_data($fp);
if (isset($meta['timed_out'])) {
    fwrite(STDERR, "no answer\n");
    exit(2);
}
echo trim((string) $answer), "\n";
fclose($fp);
