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

// Handlers named as methods: 'Class::method', [Class, method], [$object, method]; one that throws.
class Recorder
{
    public array $messages = [];

    public static function shout(int $errno, string $errstr): bool
    {
        echo strtoupper($errstr), "\n";
        return true;
    }

    public function keep(int $errno, string $errstr): bool
    {
        $this->messages[] = "$errno:$errstr";
        return true;
    }
}

set_error_handler('Recorder::shout');
echo $values['g'], "|\n";
set_error_handler(['Recorder', 'shout'], E_WARNING);
echo $values['h'], "|\n";
$recorder = new Recorder();
set_error_handler([$recorder, 'keep']);
echo $values['i'], $values['j'], "|\n";
echo implode(', ', $recorder->messages), "\n";
set_error_handler(function (int $errno, string $errstr): bool {
    throw new ErrorException($errstr, 7, $errno);
});
try {
    echo $values['k'];
} catch (ErrorException $e) {
    echo 'caught ', $e->getMessage(), ' code ', $e->getCode(), ' severity ', $e->getSeverity(), "\n";
}
