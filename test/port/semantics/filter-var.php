<?php
// filter_var() as programs validate a port and an address from the command line.
foreach (['5', ' 42 ', '+7', '-0', '05', '5.0', '0x1A', '99999999999999999999', 'abc', ''] as $value) {
    var_export(filter_var($value, FILTER_VALIDATE_INT));
    echo ' ';
}
echo "\n";
foreach (['127.0.0.1', '01.2.3.4', '256.1.1.1', '::1', 'fe80::1%eth0', '1.2.3', '::ffff:1.2.3.4'] as $value) {
    var_export(filter_var($value, FILTER_VALIDATE_IP));
    echo ' ';
}
echo "\n";
$range = ['options' => ['min_range' => 1, 'max_range' => 65535]];
var_export([filter_var('8080', FILTER_VALIDATE_INT, $range), filter_var('70000', FILTER_VALIDATE_INT, $range), filter_var(8080, FILTER_VALIDATE_INT)]);
echo "\n";
var_export([filter_var('::1', FILTER_VALIDATE_IP, FILTER_FLAG_IPV4), filter_var('::1', FILTER_VALIDATE_IP, FILTER_FLAG_IPV6), filter_var('10.0.0.1', FILTER_VALIDATE_IP, ['flags' => FILTER_FLAG_IPV6])]);
echo "\n";
$port = filter_var($argv[1] ?? '9000', FILTER_VALIDATE_INT, $range);
echo $port === false ? "bad port\n" : "port $port\n";
