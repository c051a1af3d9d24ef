<?php
// An HTTP-ish client over fsockopen: a request, the status line and headers with fgets, the body
// with fread until feof; a second request read with stream_get_contents, a third byte by byte.
$port = (int) $argv[1];
$fp = fsockopen('127.0.0.1', $port, $errno, $errstr, 2);
if (!$fp) {
    echo "connect failed: $errno $errstr\n";
    exit(1);
}
echo "connected: errno $errno, errstr '", $errstr, "', type ", get_resource_type($fp), "\n";
fwrite($fp, "GET /hello HTTP/1.0\r\nHost: localhost\r\n\r\n");
$status = fgets($fp);
echo "status: ", json_encode($status), "\n";
$headers = [];
while (($line = fgets($fp)) !== false && $line !== "\r\n") {
    $headers[] = rtrim($line);
}
echo "headers: ", implode(' | ', $headers), "\n";
$body = '';
$reads = 0;
while (!feof($fp)) {
    $chunk = fread($fp, 5);
    $reads++;
    $body .= $chunk;
}
echo "body (", strlen($body), " bytes, at most 5 a read: ", $reads >= 4 ? 'yes' : 'no', "): ", json_encode($body), "\n";
var_dump(fread($fp, 10), fgets($fp), feof($fp));
fclose($fp);

$fp = stream_socket_client("tcp://127.0.0.1:$port", $errno, $errstr, 2);
fwrite($fp, "GET /numbers HTTP/1.0\r\n\r\n");
$all = stream_get_contents($fp);
echo "all: ", json_encode($all), "\n";
fclose($fp);

$fp = fsockopen("tcp://127.0.0.1", $port);
fwrite($fp, "GET /bytes HTTP/1.0\r\n\r\n");
$first = stream_get_line($fp, 100, "\r\n");
echo "line without its ending: ", json_encode($first), "\n";
$chars = [];
while (($c = fgetc($fp)) !== false) {
    $chars[] = ord($c);
}
echo "bytes: ", implode(',', $chars), "\n";
$meta = stream_get_meta_data($fp);
echo "meta: timed_out ", var_export($meta['timed_out'], true), ", eof ", var_export($meta['eof'], true), ", type ", $meta['stream_type'], ", unread ", $meta['unread_bytes'], "\n";
fclose($fp);
