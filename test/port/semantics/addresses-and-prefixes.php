<?php
// ip2long()/long2ip() as peer tables and wire formats use them (inet_pton's strict dotted quad:
// no leading zeros, no spaces, four parts), and strncmp()/strncasecmp() on command prefixes.
foreach (['127.0.0.1', '255.255.255.255', '0.0.0.0', '10.1.2.3', '1.2.3', ' 1.2.3.4', '01.2.3.4', '1.2.3.4 ', '', '256.1.1.1', '1.2.3.04', '::1', '1.2.3.4.5'] as $address) {
    var_dump(ip2long($address));
}
foreach ([2130706433, 0, -1, 4294967295, 4294967296, 167838211, -2130706433] as $long) {
    echo long2ip($long), "\n";
}
echo bin2hex(pack('N', ip2long('192.168.1.20'))), "\n";
foreach (["QUIT\n", 'quitter', 'qu', 'Quiz', ''] as $line) {
    var_dump(strncasecmp(trim($line), 'quit', 4), strncmp($line, 'QUIT', 4));
}
var_dump(strncasecmp('ab', 'AC', 5), strncasecmp('b', 'a', 0), strncmp('abc', 'abd', 2));
try {
    strncasecmp('a', 'b', -1);
} catch (ValueError $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
try {
    strncmp('a', 'b', -1);
} catch (ValueError $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
// PHP 8.2 gives the difference of the first bytes that differ, and -1/0/1 for a length alone.
var_dump(strcmp('a', 'c'), strcmp('ab', 'a'), strcmp('a', 'abcd'), strcmp("\xff", 'a'), strcasecmp('A', 'c'), strcasecmp('abc', 'AB'), strcasecmp('HELLO', 'hello'));
