<?php
// array_unique() compares values as strings: an array of one Socket passes (PHP compares
// nothing), two throw PHP's Error; an array element warns "Array to string conversion".
$server = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
$read = array_unique([$server]);
var_dump(count($read), $read[0] === $server);
try {
    array_unique([$server, $server]);
} catch (Error $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
var_dump(array_unique([1, '1', 1.0, true, 'a', 'b' => 'a', 'B' => 'A']));
var_dump(array_unique([]), array_unique(['only' => 'one']));
socket_close($server);
