<?php
// Strings are bytes: strlen, substr, strtoupper (ASCII only), str_pad, strrev work on bytes.
$word = 'héllo wörld';
$emoji = "\u{1F600}";
$binary = "\0\xff\x80abc";
echo strlen($word), ' ', strlen($emoji), ' ', strlen($binary), "\n";
echo strtoupper($word), ' ', ucfirst('élan'), ' ', ucwords('hello big world'), "\n";
echo bin2hex(substr($word, 1, 2)), ' ', bin2hex(strrev($emoji)), ' ', ord($word[1]), ' ', chr(233) === "\xe9" ? 'chr' : 'no', "\n";
echo str_pad('é', 5, '*', STR_PAD_BOTH), '|', str_pad('abc', 2), '|', str_pad('7', 3, '0', STR_PAD_LEFT), "\n";
echo json_encode(trim("\0\x0B \t hi \n\r")), ' ', json_encode(rtrim('xxhixx', 'x')), ' ', json_encode(trim('[a..c]', '[]')), "\n";
echo bin2hex($binary), ' ', strpos($binary, 'a'), ' ', var_export(strpos($binary, 'z'), true), "\n";
echo implode(',', str_split('abcdefg', 3)), ' ', implode('|', explode(',', 'a,b,,c', -1)), ' ', implode('|', explode(',', 'a,b,c', 2)), "\n";
echo substr('hello', -3), ' ', substr('hello', 1, -1), ' ', var_export(substr('hi', 5), true), ' ', substr_count('hello world', 'o'), "\n";
echo str_replace(['a', 'b'], ['1', '2'], 'aabbc'), ' ', str_repeat('=-', 3), ' ', strrev('abc'), ' ', ucfirst(strtolower('ÉCOLE')), "\n";
echo sprintf('%s|%5s|%-5s|', $emoji, 'é', 'é'), "\n";
echo base64_encode($binary), ' ', bin2hex(base64_decode('AP+A')), ' ', dechex(255), ' ', hexdec('ff'), ' ', decbin(10), ' ', dechex(-1), "\n";
echo strcmp('a', 'b'), strcmp('b', 'a'), strcmp('a', 'a'), ' ', strcasecmp('HELLO', 'hello'), ' ', str_contains($word, 'wö') ? 'yes' : 'no', "\n";
echo json_encode($word), ' ', json_encode($emoji), ' ', var_export(json_encode("\xff"), true), ' ', json_encode(['a/b', "tab\t"], JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE), "\n";
