<?php
// A seeded mt_rand()/rand() sequence is PHP's number for number (a game server's dice, a test's
// fixed ids): Mt19937, its range reduction with a redraw of the biased top, 64-bit ranges, the
// reseeding of srand(), and MT_RAND_PHP's PHP 5 sequence.
mt_srand(42);
$rolls = [];
for ($i = 0; $i < 1000; $i++) {
    $rolls[] = mt_rand(1, 6);
}
echo implode('', array_slice($rolls, 0, 40)), ' ', array_sum($rolls), "\n";
echo mt_rand(), ' ', mt_rand(0, 99), ' ', mt_rand(-1000000, 1000000), ' ', mt_rand(0, 4294967295), ' ', mt_rand(0, 1099511627776), "\n";
// A range wider than 2^53 draws the same (its result is beyond what the port's numbers hold exactly).
echo is_int(mt_rand(-4611686018427387904, 4611686018427387904)) ? 'wide' : '', ' ', mt_rand(0, 1023), ' ', mt_rand(5, 5), "\n";
srand(7);
echo rand(), ' ', rand(10, 1), ' ', rand(1, 10), ' ', getrandmax(), "\n";
mt_srand(7);
echo mt_rand(), ' ', mt_rand(1, 10), ' ', mt_rand(1, 10), "\n";
mt_srand(-1);
echo mt_rand(), ' ', mt_rand(), "\n";
mt_srand(4294967298);
echo mt_rand(), "\n";
mt_srand(3, MT_RAND_PHP);
echo mt_rand(), ' ', mt_rand(1, 100), ' ', mt_rand(1, 100), ' ', rand(1, 6), "\n";
mt_srand(3, MT_RAND_MT19937);
echo mt_rand(), ' ', mt_rand(1, 100), "\n";
mt_srand(12345);
$sum = 0;
for ($i = 0; $i < 2000; $i++) {
    $sum += mt_rand();
}
echo $sum, "\n";
