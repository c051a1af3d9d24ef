<?php
// array_splice(), as select servers remove a client from a list: the removed values, the array
// renumbered (string keys kept), negative offsets and lengths, a replacement.
$clients = ['a', 'b', 'c', 'd', 'e'];
print_r(array_splice($clients, 1, 1));
print_r($clients);
print_r(array_splice($clients, -2));
print_r($clients);
$named = ['x' => 1, 5 => 2, 'y' => 3, 9 => 4];
print_r(array_splice($named, 1, -1, ['new', 'ones']));
print_r($named);
$list = [1, 2, 3];
array_splice($list, 1, 0, 'inserted');
print_r($list);
$found = array_search('c', ['a', 'c']);
$rest = ['a', 'c'];
array_splice($rest, $found, 1);
var_dump($rest, array_splice($rest, 5));
