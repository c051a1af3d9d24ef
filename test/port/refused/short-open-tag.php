<?
// A server of PHP 4 days that opens its code with a short tag: with php.ini's short_open_tag=Off
// (Debian's, and php.ini-production's) PHP prints all of this as text and runs none of it.
$server = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
echo "never run\n";
?>
<?php echo "but this part runs: ", strtoupper('code'), "\n";
