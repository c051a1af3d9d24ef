<?php
// Error paths as PHP 8 takes them: warnings and false, or PHP's own ValueError and Error, never
// Node's errors.
$unix = socket_create(AF_UNIX, SOCK_STREAM, 0);
var_dump(socket_listen($unix));
echo socket_last_error($unix), ' ', socket_strerror(socket_last_error($unix)), "\n";
$udp = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP);
try {
    var_dump(socket_sendto($udp, 'x', 1, 0, '127.0.0.1'));
} catch (ValueError $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
var_dump(socket_create(AF_UNIX, SOCK_DGRAM, SOL_UDP));
var_dump(@socket_create(AF_INET, SOCK_STREAM, SOL_UDP));
echo socket_last_error(), "\n";
$tcp = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
try {
    var_dump(array_unique([$tcp, $udp]));
} catch (Error $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
echo json_encode(array_unique(['10', '1e1', 10, 'a', 'A', 'a', 1, '1', true])), "\n";
socket_close($unix);
socket_close($udp);
socket_close($tcp);
