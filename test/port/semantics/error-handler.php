<?php
// set_error_handler(): the handler gets PHP's warnings and notices instead of the log (also under
// @); its false lets PHP log the message after all; restore_error_handler() puts the previous back.
function logged(int $errno, string $errstr): bool
{
    echo "handled [$errno] $errstr\n";
    return true;
}

$values = ['a' => 1];
$previous = set_error_handler('logged');
var_dump($previous);
echo $values['missing'] ?? 'defaulted', "\n";
echo $values['b'], "|\n";
echo @$values['c'], "|\n";
$text = 'x' . [1];
echo $text, "\n";

set_error_handler(function (int $errno, string $errstr): bool {
    echo "declined [$errno] $errstr\n";
    return false;
}, E_WARNING);
echo $values['d'], "|\n";

restore_error_handler();
echo $values['e'], "|\n";
restore_error_handler();
echo $values['f'], "|\n";
