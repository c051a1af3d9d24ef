<?php
// fread() of more than is buffered waits for one more read (until the timeout, then timed_out);
// fgetc() and fread() of what is buffered return at once.
function waited(float &$since): string
{
    $now = microtime(true);
    $took = $now - $since;
    $since = $now;
    return $took >= 0.9 ? 'waited for the timeout' : ($took < 0.5 ? 'at once' : 'between');
}

$s = stream_socket_server('tcp://127.0.0.1:0');
$c = stream_socket_client('tcp://' . stream_socket_get_name($s, false));
$a = stream_socket_accept($s);
stream_set_timeout($a, 1);
fwrite($c, "ab\ncdef");
$t = microtime(true);
var_dump(fgets($a), waited($t));
var_dump(fread($a, 100), waited($t), stream_get_meta_data($a)['timed_out']);
fwrite($c, "xyz");
var_dump(fread($a, 2), waited($t), fread($a, 100), waited($t));
fwrite($c, "12");
var_dump(fgetc($a), fread($a, 1), waited($t), stream_get_meta_data($a)['timed_out']);
var_dump(fread($a, 10), waited($t), stream_get_meta_data($a)['timed_out']);
