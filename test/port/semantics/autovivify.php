<?php
// Writing into a variable that holds nothing yet creates the array, in the main script and in functions.
function doubled(array $values) {
    foreach ($values as $key => $value) {
        $result[$key] = $value * 2;
    }
    return $result;
}
function grouped($words) {
    foreach ($words as $word) {
        $groups[strlen($word)][] = $word;
    }
    return $groups;
}
print_r(doubled(['a' => 1, 'b' => 2]));
print_r(grouped(['hi', 'ho', 'hey', 'a']));
for ($i = 0; $i < 3; $i++) {
    $read[] = "socket $i";
}
echo count($read), ' ', implode(',', $read), "\n";
$config['server']['port'] = 8080;
$config['server']['host'] = '127.0.0.1';
echo json_encode($config), "\n";
