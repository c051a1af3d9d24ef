<?php
// PHP's void functions give null where a program uses their value (`return socket_close($s);`),
// and a strict comparison of values that cannot be equal (a string === false) is false.
function release($socket)
{
    return socket_close($socket);
}

$socket = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
var_dump(release($socket));
var_dump(socket_clear_error());
var_dump(mt_srand(7));
$line = trim("  quit \n");
var_dump($line === false, $line !== false, $line === null, $line === 'quit');
$count = strlen($line);
var_dump($count === '4', $count === 4);
