<?php
// On a non-blocking stream with nothing to read, fgets(), stream_get_line(), stream_get_contents()
// and fread() return at once (false, false, '' and ''), with a partial line as it is; once a
// whole line has come, fgets() gives it.
$s = stream_socket_server('tcp://127.0.0.1:0');
$c = stream_socket_client('tcp://' . stream_socket_get_name($s, false));
$a = stream_socket_accept($s);
stream_set_blocking($a, false);
$t = microtime(true);
var_dump(fgets($a), stream_get_line($a, 100, "\n"), stream_get_contents($a), fread($a, 10));
var_dump(stream_get_meta_data($a)['timed_out']);
fwrite($c, "part");
usleep(100000);
var_dump(fgets($a));
fwrite($c, "ial\nrest");
usleep(100000);
var_dump(fgets($a), stream_get_contents($a));
var_dump(microtime(true) - $t < 1 ? 'at once' : 'waited');
