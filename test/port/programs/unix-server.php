<?php
// A calculator on a UNIX socket, one client at a time: "add 2 3", "mul 4 5", "div 7 2",
// "bye". It stops after two clients and removes its socket file.
// Usage: php unix-server.php /path/to/socket
$path = $argv[1];
if (file_exists($path)) {
    unlink($path);
}
$server = socket_create(AF_UNIX, SOCK_STREAM, 0);
if (!socket_bind($server, $path)) {
    echo "bind failed: ", socket_strerror(socket_last_error($server)), "\n";
    exit(1);
}
socket_listen($server);
socket_getsockname($server, $boundPath);
echo "listening on ", $boundPath === $path ? 'the given path' : $boundPath, "\n";

function calculate(string $operation, array $numbers)
{
    switch ($operation) {
        case 'add':
            return array_sum($numbers);
        case 'mul':
            $product = 1;
            foreach ($numbers as $number) {
                $product *= $number;
            }
            return $product;
        case 'div':
            if (count($numbers) !== 2 || $numbers[1] == 0) {
                return 'error: div needs two numbers and no zero divisor';
            }
            return $numbers[0] / $numbers[1];
        case 'max':
            return max($numbers);
        default:
            return "error: unknown operation '$operation'";
    }
}

for ($served = 0; $served < 2; $served++) {
    $client = socket_accept($server);
    $requests = 0;
    while (($line = socket_read($client, 256, PHP_NORMAL_READ)) !== false && $line !== '') {
        $line = trim($line);
        if ($line === '') {
            continue;
        }
        $requests++;
        if ($line === 'bye') {
            socket_write($client, "goodbye after $requests requests\n");
            break;
        }
        $words = explode(' ', $line);
        $operation = array_shift($words);
        $numbers = array_map('floatval_or_int', $words);
        $result = calculate($operation, $numbers);
        $answer = is_string($result) ? $result : "= $result";
        socket_write($client, "$answer\n");
        echo "client ", $served + 1, ": $line $answer\n";
    }
    socket_close($client);
}
socket_close($server);
unlink($path);
echo "removed socket: ", file_exists($path) ? 'no' : 'yes', "\n";

function floatval_or_int(string $word)
{
    return is_numeric($word) && strpos($word, '.') === false ? (int) $word : (float) $word;
}
