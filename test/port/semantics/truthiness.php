<?php
// PHP's truthiness: "0", "", 0, 0.0, [], null and false are false; "0.0", " ", "00" are true.
$cases = [
    'int 0' => 0, 'int 1' => 1, 'int -1' => -1, 'float 0.0' => 0.0, 'float -0.0' => -0.0, 'float 0.5' => 0.5,
    'empty string' => '', 'string "0"' => '0', 'string "0.0"' => '0.0', 'string " "' => ' ', 'string "00"' => '00',
    'string "a"' => 'a', 'null' => null, 'false' => false, 'true' => true, 'empty array' => [], 'array [0]' => [0],
    'string "false"' => 'false',
];
foreach ($cases as $label => $value) {
    echo str_pad($label, 16), $value ? 'truthy' : 'falsy ', ' ', !$value ? 'negated' : '-------', ' empty=', empty($value) ? 'yes' : 'no ', ' bool=', var_export((bool) $value, true), "\n";
}
// Typed variables take the plain JavaScript path where it agrees with PHP.
$zeroText = '0';
$zero = 0;
$none = null;
$list = [];
echo $zeroText ? 'T' : 'F', $zero ? 'T' : 'F', $none ? 'T' : 'F', $list ? 'T' : 'F', "\n";
echo ($zeroText || $zero) ? 'T' : 'F', ($zeroText && true) ? 'T' : 'F', ($zero xor 1) ? 'T' : 'F', "\n";
$text = '';
$fallback = $text ?: 'default';
$kept = '0' ?: 'zero is falsy';
echo "$fallback / $kept\n";
$ok = $zero || $zeroText;
var_dump($ok, !$list, (bool) '0.0', (bool) [[]]);
