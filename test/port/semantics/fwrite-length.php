<?php
// fwrite()/fputs() with a length: at most that many bytes; 0 or below writes nothing (no error).
var_dump(fwrite(STDOUT, "hello\n", 3));
echo "|\n";
var_dump(fwrite(STDOUT, "skipped\n", 0));
var_dump(fwrite(STDOUT, "negative\n", -1));
var_dump(fwrite(STDOUT, "longer than the string\n", 100));
var_dump(fwrite(STDOUT, "null is all of it\n", null));
var_dump(fputs(STDOUT, "xyz\n", 2));
echo "\n";
$n = 4;
var_dump(fwrite(STDERR, "abcdefgh\n", $n));
