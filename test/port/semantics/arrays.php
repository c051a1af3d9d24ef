<?php
// PHP arrays are ordered maps with value semantics.
$map = [];
$map['5'] = 'five';        // "5" becomes the int key 5
$map['05'] = 'zero-five';  // stays a string key
$map[true] = 'one';
$map[null] = 'empty';
$map[] = 'next';           // 6: after the largest int key
$map[-3] = 'minus three';
$map[] = 'after minus';    // 7
unset($map[6]);
$map[] = 'after unset';    // 8: the next index never goes back
var_dump($map);
$copy = $map;
$copy[] = 'only in the copy';
echo count($map), ' ', count($copy), "\n";
$nested = ['list' => [1, 2], 'name' => 'x'];
$alias = $nested;
$alias['list'][] = 3;
echo json_encode($nested), ' ', json_encode($alias), "\n";
$stack = [1, 2, 3];
$popped = array_pop($stack);
$stack[] = 'pushed';
echo $popped, ' ', json_encode($stack), ' ', array_shift($stack), ' ', json_encode($stack), "\n";
array_unshift($stack, 'first');
array_push($stack, 'last', 'very last');
echo implode(',', $stack), ' ', count($stack), "\n";
$numbers = [5, 3, 10, 1];
sort($numbers);
$words = ['b' => 2, 'a' => 1, 'c' => 3];
ksort($words);
$sorted = $words;
arsort($sorted);
echo implode(',', $numbers), ' ', json_encode($words), ' ', json_encode($sorted), ' ', json_encode(array_keys($sorted)), "\n";
usort($numbers, fn ($a, $b) => $b <=> $a);
echo implode(' ', $numbers), ' | ', implode(' ', array_map(fn ($n) => $n * 2, $numbers)), ' | ', implode(' ', array_filter($numbers, fn ($n) => $n > 3)), "\n";
echo json_encode(array_filter([0, 1, '', 'a', null, '0'])), ' ', json_encode(array_values(array_filter([0, 1, 2]))), "\n";
echo json_encode(array_slice([1, 2, 3, 4], 1, 2)), json_encode(array_slice(['a' => 1, 5 => 2, 3], 1)), json_encode(array_reverse([1, 2, 3])), "\n";
echo json_encode(array_merge([1, 2], ['a' => 'x'], [3])), json_encode(array_merge(['a' => 1], ['a' => 2])), json_encode([1, 2] + [5, 6, 7]), "\n";
echo json_encode(array_unique([1, '1', 2, 2.0, 'a', 'a'])), json_encode(array_flip(['a', 'b'])), json_encode(array_combine(['x', 'y'], [1, 2])), json_encode(range(1, 5)), json_encode(range(10, 0, 5)), "\n";
echo var_export(array_key_exists('x', ['x' => null]), true), var_export(isset($words['zz']), true), var_export(in_array(0, ['a']), true), array_key_first($words), array_key_last($words), "\n";
foreach ($words as $key => $value) {
    if ($key === 'a') {
        unset($words['b']);
        $words['d'] = 4;
    }
    echo "$key=$value ";
}
echo "\n", json_encode($words), "\n";
[$first, , $third] = [10, 20, 30];
['x' => $x, 'y' => $y] = ['y' => 'why', 'x' => 'ex'];
echo "$first $third $x $y\n";
print_r(['a' => 1, 'b' => [true, null, 'c']]);
echo "\n";
var_export(['a' => 1, 'list' => [1.5, false]]);
echo "\n", json_encode(['a' => 1, 'b' => [1, 2]], JSON_PRETTY_PRINT), "\n";
$matrix = [];
$matrix['row']['col'] = 'autovivified';
$matrix['row']['other'] = 'too';
$counts = [];
foreach (['a', 'b', 'a'] as $letter) {
    $counts[$letter] = ($counts[$letter] ?? 0) + 1;
}
echo json_encode($matrix), ' ', json_encode($counts), ' ', $counts['zz'] ?? 'missing', "\n";
