<?php
// The small functions socket programs call besides sockets: rand()/mt_rand()/random_int() without
// a seed (their range and PHP's errors), uniqid()'s form, fopen()/fwrite()/fclose() and
// file_put_contents() on a file (and their warnings), chop(), and the signal constants.
$inRange = true;
for ($i = 0; $i < 200; $i++) {
    $inRange = $inRange && rand(1, 6) >= 1 && rand(1, 6) <= 6 && mt_rand(10, 12) >= 10 && mt_rand(10, 12) <= 12 && mt_rand() <= mt_getrandmax();
    $inRange = $inRange && rand(6, 1) >= 1 && rand(6, 1) <= 6 && random_int(-3, 3) >= -3 && random_int(-3, 3) <= 3;
}
var_dump($inRange, is_int(mt_rand()), getrandmax(), mt_rand(7, 7));
try {
    mt_rand(5, 1);
} catch (ValueError $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
try {
    random_int(5, 1);
} catch (ValueError $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
$id = uniqid();
$next = uniqid('conn-');
$long = uniqid('', true);
var_dump(strlen($id), preg_match('/^[0-9a-f]{13}$/', $id), preg_match('/^conn-[0-9a-f]{13}$/', $next), preg_match('/^[0-9a-f]{13}\d\.\d{8}$/', $long), $id !== uniqid());

$path = '/tmp/php-socket-lint-' . uniqid() . '.log';
$log = fopen($path, 'w');
var_dump(is_resource($log), fwrite($log, "first line\n"), fputs($log, "second\n"), fclose($log));
var_dump(file_put_contents($path, ['third', "\n"], FILE_APPEND), file_get_contents($path));
$reading = fopen($path, 'rb');
var_dump(fwrite($reading, 'no'));
fclose($reading);
try {
    fwrite($reading, 'closed');
} catch (TypeError $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
var_dump(file_put_contents($path, 'replaced'), file_get_contents($path), unlink($path));
var_dump(fopen('/no-such-dir/file.log', 'a'), fopen('/no-such-dir/mode.log', 'q'), file_put_contents('/no-such-dir/file.log', 'x'));
var_dump(chop("line \r\n"), chop('xxay', 'y'));
var_dump(SIGINT, SIGTERM, SIGHUP, SIGUSR1, SIGCHLD, SIGPIPE, SIG_IGN, SIG_DFL);
// getprotobyname()/getprotobynumber(), as /etc/protocols has them.
foreach (['tcp', 'UDP', 'icmp', 'ipv6', 'nope'] as $protocol) {
    echo $protocol, '=', var_export(getprotobyname($protocol), true), ' ';
}
foreach ([0, 6, 17, 58, 255] as $number) {
    echo $number, '=', var_export(getprotobynumber($number), true), ' ';
}
echo "\n";
