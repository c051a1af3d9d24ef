<?php
// exit(int) sets the status; code after it does not run.
function finish(int $code): void
{
    echo "finishing with $code\n";
    exit($code);
}
echo "start\n";
$ready = true;
$ready or die("not ready\n");
finish(7);
echo "never printed\n";
