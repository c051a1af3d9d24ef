<?php
// PHP 8's == and comparisons across types, printed as a matrix.
$values = [0, 1, -1, 1.0, '', '0', '1', '01', '1e1', '10', ' 1', '1 ', 'a', 'abc', null, false, true, [], [0]];
$names = ['0', '1', '-1', '1.0', "''", "'0'", "'1'", "'01'", "'1e1'", "'10'", "' 1'", "'1 '", "'a'", "'abc'", 'null', 'false', 'true', '[]', '[0]'];
foreach ($values as $i => $left) {
    $row = '';
    foreach ($values as $right) {
        $row .= $left == $right ? '=' : '.';
    }
    echo str_pad($names[$i], 6), $row, "\n";
}
echo "\n<=>\n";
foreach ($values as $i => $left) {
    $row = '';
    foreach ($values as $right) {
        $order = $left <=> $right;
        $row .= $order < 0 ? '<' : ($order > 0 ? '>' : '=');
    }
    echo str_pad($names[$i], 6), $row, "\n";
}
// Typed comparisons the port writes natively.
$command = 'quit';
$number = 5;
$ratio = 5.0;
$text = '10';
var_dump($command == 'quit', $command != 'QUIT', $number == $ratio, $number === 5, $text == '1e1', $text < '9', $text < '9a', 'abc' < 'abd', 10 <=> 9);
var_dump(in_array('1e1', ['10']), in_array('1e1', ['10'], true), array_search('1', [0, 1, '1']), null ?? 'fallback');
switch ('1e1') {
    case 10:
        echo "switch matched 10 loosely\n";
        break;
    default:
        echo "switch fell to default\n";
}
