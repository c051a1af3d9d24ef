<?php
// A line server whose helper functions declare no types, as older PHP code does: the port types
// each parameter by what every call passes, and a function that returns nothing is void.
function reply($client, $text)
{
    socket_write($client, $text . "\n");
}

function note($what, $count)
{
    echo "[$count] $what\n";
}

function greet($client, $number)
{
    reply($client, "hi #$number");
    note('greeted', $number);
}

$port = (int) ($argv[1] ?? 9004);
$server = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
socket_set_option($server, SOL_SOCKET, SO_REUSEADDR, 1);
if (!socket_bind($server, '127.0.0.1', $port) || !socket_listen($server, 4)) {
    exit(1);
}
note('listening', 0);
$number = 0;
while (true) {
    $client = socket_accept($server);
    $number++;
    greet($client, $number);
    while (true) {
        $line = socket_read($client, 256, PHP_NORMAL_READ);
        if ($line === false) {
            break;
        }
        $word = trim($line);
        if ($word === '') {
            continue;
        }
        if ($word === 'end') {
            reply($client, 'bye');
            break;
        }
        if ($word === 'halt') {
            reply($client, 'halting');
            socket_close($client);
            break 2;
        }
        reply($client, strrev($word));
        note($word, strlen($word));
    }
    socket_close($client);
}
socket_close($server);
note('halted', $number);
