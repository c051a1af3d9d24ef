<?php
// A WebSocket frame dumper of PHP 5 days: PHP 8 refuses the whole file at compile time for the
// $frame{$i} below, so nothing is printed but the fatal error (exit 255), not even this first echo.
echo "dumping\n";
function hexDump($frame) {
    $hex = '';
    for ($i = 0; $i < strlen($frame); $i++) {
        $hex .= sprintf('%02x', ord($frame{$i}));
    }
    return $hex;
}
echo hexDump("\x81\x05hello"), "\n";
