<?php
// $GLOBALS['name'] is the main script's $name, read and written from functions (as `global`
// does): a counter, an array filled from a function, a value set first by a function.
$connections = 0;
$log = [];

function opened(string $peer): void
{
    $GLOBALS['connections']++;
    $GLOBALS['log'][] = "open $peer";
    $GLOBALS['last'] = $peer;
}

function report(): string
{
    return $GLOBALS['connections'] . ' open, last ' . $GLOBALS['last'] . ': ' . implode('; ', $GLOBALS['log']);
}

opened('10.0.0.1:5000');
opened('10.0.0.2:5001');
$GLOBALS['connections'] += 10;
echo report(), "\n";
echo $connections, ' ', count($log), ' ', $last, "\n";
var_dump(isset($GLOBALS['last']), isset($GLOBALS['never']));
