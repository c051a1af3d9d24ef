<?php
// pack()/unpack() for binary protocols.
$packed = pack('nNCa4A4H4vVJ', 0x1234, 0xDEADBEEF, 255, 'ab', 'cd', 'beef', 0x1234, 0x12345678, 1099511627776);
echo strlen($packed), ' ', bin2hex($packed), "\n";
$fields = unpack('nshort/Nlong/Cbyte/a4text/A4spaced/H4hex/vle16/Vle32/Jbig', $packed);
foreach ($fields as $key => $value) {
    echo $key, '=', json_encode($value), ' ';
}
echo "\n";
echo json_encode(unpack('C*', "\x01\x02\x03")), ' ', json_encode(unpack('n2pair/Cnext', "\x00\x01\x00\x02\x03")), ' ', json_encode(unpack('c', "\xff")), "\n";
echo bin2hex(pack('Z5', 'ab')), ' ', bin2hex(pack('a*', 'xyz')), ' ', bin2hex(pack('x2C', 7)), ' ', bin2hex(pack('N*', 1, 2)), ' ', bin2hex(pack('c', -1)), "\n";
echo json_encode(unpack('Z*text', "hi\0rest")), ' ', json_encode(unpack('A*text', "hi  \0")), ' ', json_encode(unpack('a*text', "hi\0")), "\n";
$header = pack('nC', 300, 2);
['length' => $length, 'type' => $type] = unpack('nlength/Ctype', $header);
echo "$length $type\n";
var_dump(unpack('N', "\x00\x01"));
echo bin2hex(pack('e', 1.5)), ' ', bin2hex(pack('E', -2.25)), ' ', json_encode(unpack('Evalue', pack('E', -2.25))), "\n";
