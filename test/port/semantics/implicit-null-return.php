<?php
// A function that returns a value on one path and reaches its end on another gives null there;
// intval() with a base reads the string as strtol() does.
function firstWord(string $line)
{
    $words = explode(' ', trim($line));
    if ($words[0] !== '') {
        return $words[0];
    } elseif (strlen($line) > 3) {
        echo "blank line of ", strlen($line), "\n";
    }
}

var_dump(firstWord('hello world'), firstWord('     '), firstWord(''));
foreach (['ff', '0x1A', '  -7f', 'zz', '12abc'] as $text) {
    echo $text, ' => ', intval($text, 16), ' ', intval($text, 0), ' ', intval($text, 36), "\n";
}
var_dump(intval('101', 2), intval('0b101', 0), intval('0o17', 0), intval('017', 0), intval(42.9, 16));
