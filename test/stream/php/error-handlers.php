<?php
// Where a throwing error handler does NOT turn a failure into an exception: each call returns
// false. Nothing listens on 127.0.0.1:1, so each connect is refused at once.
$out = [];
set_error_handler(function ($no, $str) { if (!(error_reporting() & $no)) { return false; } throw new ErrorException($str, 0, $no); });
$out['manualHandlerSilenced'] = @fsockopen('127.0.0.1', 1, $errno, $errstr, 1);
restore_error_handler();

set_error_handler(fn ($no, $str) => throw new ErrorException($str), E_USER_WARNING | E_USER_ERROR);
$out['userLevelsOnly'] = @fsockopen('127.0.0.1', 1, $errno, $errstr, 1);
restore_error_handler();

set_error_handler(fn ($no, $str) => throw new ErrorException($str));
restore_error_handler();
$out['afterRestore'] = @fsockopen('127.0.0.1', 1, $errno, $errstr, 1);

set_error_handler(fn ($no, $str) => throw new ErrorException($str));
$pair = [];
socket_create_pair(AF_UNIX, SOCK_STREAM, 0, $pair) or exit(1);
socket_set_nonblock($pair[0]) or exit(1);
$out['nonBlockingRead'] = socket_read($pair[0], 10);
try {
    fsockopen('127.0.0.1', 1, $errno, $errstr, 1);
    $out['alwaysThrowingHandlerThrows'] = false;
} catch (ErrorException $e) {
    $out['alwaysThrowingHandlerThrows'] = true;
}
echo json_encode($out), "\n";
