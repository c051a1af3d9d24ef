<?php
// `& | ^ ~` of two strings work on bytes (WebSocket unmasking); of anything else on 64-bit ints.
$mask = "\x9a\x01\xfe\x42";
$payload = "Hello, frame!";
$masked = '';
for ($i = 0; $i < strlen($payload); $i++) {
    $masked .= $payload[$i] ^ $mask[$i % 4];
}
echo bin2hex($masked), "\n";
$unmasked = '';
for ($i = 0; $i < strlen($masked); $i++) {
    $unmasked .= $masked[$i] ^ $mask[$i % 4];
}
echo $unmasked, "\n";
echo bin2hex("abc" & "\x7f\x0f"), ' ', bin2hex("ab" | "  c"), ' ', bin2hex("\xff" ^ "\x0f\xf0"), "\n";
echo bin2hex(~"ab\x00"), ' ', ~5, ' ', ~-1, "\n";
echo "12" ^ "5", '|', "12" ^ 5, '|', 12 ^ "5", '|', 6 & 3, '|', 6 | 3, "\n";
$byte = "\x81";
$first = ord($byte & "\x0f");
echo $first, ' ', ord($byte) & 0x80, "\n";
$key = $argc > 5 ? 7 : 'k';
$other = $argc > 5 ? 3 : 'x';
echo bin2hex($key ^ $other), "\n";
$acc = "\x00\x00";
$acc ^= "\x0f\xf0";
$acc |= "\x30";
echo bin2hex($acc), "\n";
