<?php
// socket_select() takes variables never assigned as null, as PHP passes them by reference;
// a variable assigned two types (an int default and an argv string) is either.
$port = $argc > 3 ? $argv[3] : 0;
echo gettype($port), "\n";
$server = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
socket_bind($server, '127.0.0.1', $port);
socket_listen($server);
$read = [$server];
$ready = socket_select($read, $write, $except, 0);
var_dump($ready, $read, $write, $except);
$names = ['alpha', 'beta'];
$found = array_search('beta', $names);
echo $found === false ? 'none' : "at $found", "\n";
$found = 'none';
echo "now $found\n";
try {
    socket_select($nothing, $none, $neither, 0);
} catch (ValueError $error) {
    echo get_class($error), ': ', $error->getMessage(), "\n";
}
socket_close($server);
