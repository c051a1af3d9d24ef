<?php
// Reads that time out (stream_set_timeout) and then succeed, a non-blocking read, and a
// half-close (stream_socket_shutdown) that makes the server answer and close.
$port = (int) $argv[1];
$fp = stream_socket_client("tcp://127.0.0.1:$port", $errno, $errstr, 2);
stream_set_timeout($fp, 0, 300000);
fwrite($fp, "hello\n");
$line = fgets($fp);
$meta = stream_get_meta_data($fp);
var_dump($line, $meta['timed_out'], $meta['eof'], $meta['blocked']);
var_dump(fread($fp, 100), stream_get_meta_data($fp)['timed_out']);
stream_set_timeout($fp, 5);
var_dump(fgets($fp), stream_get_meta_data($fp)['timed_out']);
stream_set_blocking($fp, false);
var_dump(fread($fp, 100), stream_get_meta_data($fp)['blocked'], feof($fp));
stream_set_blocking($fp, true);
var_dump(stream_socket_shutdown($fp, STREAM_SHUT_WR));
var_dump(fgets($fp), fgets($fp), feof($fp));
fclose($fp);
