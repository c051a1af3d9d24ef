<?php
// int vs float: / gives an int when exact, % works on ints, casts truncate, floats print with 14 digits.
echo 7 / 2, ' ', 6 / 3, ' ', intdiv(7, 2), ' ', intdiv(-7, 2), ' ', -7 % 3, ' ', 7 % -3, ' ', 7.9 % 2, "\n";
var_dump(7 / 2, 6 / 3, 2 ** 10, 2 ** -1, 10 % 4);
echo (int) '12abc', ' ', (int) 12.9, ' ', (int) -12.9, ' ', (int) '1e3', ' ', (int) ' 42 ', ' ', (int) 'abc', ' ', intval('0x1A'), ' ', (int) true, "\n";
echo 0.1 + 0.2, ' ', 1 / 3, ' ', 1e20, ' ', 0.00001, ' ', -1.5e-7, ' ', 1234567890123456, ' ', 1.5e14, ' ', 2.5, ' ', -0.0, "\n";
echo round(2.5), ' ', round(-2.5), ' ', round(1.955, 2), ' ', round(1234.5678, -2), ' ', floor(-1.5), ' ', ceil(1.2), ' ', abs(-3), ' ', sqrt(16), "\n";
echo number_format(1234567.891), ' ', number_format(1234567.891, 2), ' ', number_format(0.5), ' ', number_format(-1234.567, 2, ',', '.'), ' ', number_format(1.005, 2), "\n";
echo '5' + '3', ' ', '1.5' + 1, ' ', '5' . 3, ' ', 10 - '2', ' ', '3' * '4', ' ', 2 ** 3 ** 2, ' ', -2 ** 2, ' ', 7 <=> 3, "\n";
$counter = 0;
$counter++;
$counter += 10;
$counter *= 3;
$counter -= 1;
$counter %= 7;
$ratio = $counter / 4;
echo "$counter $ratio ", max(1, 2.5, 2), ' ', min([4, 2, 8]), ' ', array_sum([1, 2, 3.5]), ' ', PHP_INT_SIZE, "\n";
echo 0xFF, ' ', 0b101, ' ', 017, ' ', 1_000_000, ' ', 0xFF & 0x0F, ' ', 1 << 40, ' ', -16 >> 2, ' ', 5 ^ 3, ' ', ~5, ' ', 6 | 9, "\n";
$big = 0xFFFFFFFF;
echo $big & 0xFF, ' ', $big >> 4, ' ', ($big << 4) & 0xFFFFFFFF, ' ', $big | 0x100000000, "\n";
var_dump(is_int(5), is_float(5.5), is_numeric('1e3'), is_numeric('abc'), is_numeric(' 5'), gettype(1), gettype(1.5), gettype('1'), gettype(null), gettype([]));
try {
    echo intdiv(1, 0);
} catch (DivisionByZeroError $error) {
    echo get_class($error), ': ', $error->getMessage(), "\n";
}
try {
    echo 1 % 0;
} catch (DivisionByZeroError $error) {
    echo get_class($error), ': ', $error->getMessage(), "\n";
}
