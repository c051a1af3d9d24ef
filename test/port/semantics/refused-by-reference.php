<?php
// A select loop written as socket_select($read, $write = null, ...) (or with a literal null):
// PHP evaluates the arguments up to the refused one, then throws its Error; a caught one lets the program go on.
$server = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
socket_bind($server, '127.0.0.1', 0);
socket_listen($server);
$read = [$server];
echo "selecting\n";
try {
    $ready = socket_select($read, $write = null, $except = null, 0);
} catch (Error $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
    var_dump($write, isset($except));
}
try {
    preg_match('/(b)/', 'abc', $found = []);
} catch (Error $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
try {
    socket_select($read, null, $except, 0);
} catch (Error $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
socket_close($server);
