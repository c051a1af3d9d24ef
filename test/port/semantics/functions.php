<?php
// Functions: globals, statics, by-reference and array parameters, defaults, closures, recursion.
$greeting = 'hello';
$calls = 0;

function greet(string $name, string $punctuation = '!'): string
{
    global $greeting, $calls;
    $calls++;
    return ucfirst($greeting) . ", $name$punctuation";
}

function counter(): int
{
    static $count = 0;
    return ++$count;
}

function append_line(string &$buffer, string $line, int &$lines = null): bool
{
    $buffer .= $line . "\n";
    $lines = ($lines ?? 0) + 1;
    return strlen($buffer) > 10;
}

function add_item(array $list, $item): array
{
    $list[] = $item;
    return $list;
}

function factorial(int $n): int
{
    return $n <= 1 ? 1 : $n * factorial($n - 1);
}

function describe_all(array $values, callable $format): string
{
    return implode(', ', array_map($format, $values));
}

echo greet('world'), ' ', greet('PHP', '?'), " calls=$calls\n";
echo counter(), counter(), counter(), "\n";
$buffer = '';
$full = append_line($buffer, 'first', $count);
$full2 = append_line($buffer, 'second line', $count);
echo json_encode($buffer), ' ', var_export($full, true), ' ', var_export($full2, true), " lines=$count\n";
$original = [1, 2];
$extended = add_item($original, 3);
echo json_encode($original), ' ', json_encode($extended), "\n";
echo factorial(10), "\n";
$factor = 3;
$times = fn ($x) => $x * $factor;
$label = function ($x) use ($factor) {
    return "$x*$factor";
};
$total = 0;
$accumulate = function ($x) use (&$total) {
    $total += $x;
};
foreach ([1, 2, 3] as $n) {
    $accumulate($n);
}
echo describe_all([1, 2, 3], $times), ' | ', describe_all([4, 5], $label), " | total=$total\n";
echo implode(',', array_map('strtoupper', ['a', 'b'])), ' ', implode(',', array_map('factorial', [3, 4])), "\n";
$sorted = [3, 1, 2];
usort($sorted, function ($a, $b) {
    return $b - $a;
});
echo implode(' ', $sorted), "\n";
