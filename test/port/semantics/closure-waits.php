<?php
// Closures that wait on a socket (a read in a callback the program calls): ported as async
// closures, and the program's calls of callables await them.
$server = stream_socket_server('tcp://127.0.0.1:0', $errno, $errstr);
$client = stream_socket_client('tcp://' . stream_socket_get_name($server, false), $errno, $errstr, 5);
$peer = stream_socket_accept($server, 5);

$readLine = function ($stream): string {
    return trim(fgets($stream));
};

function collect(callable $reader, $stream, int $count): array
{
    $lines = [];
    for ($i = 0; $i < $count; $i++) {
        $lines[] = $reader($stream);
    }
    return $lines;
}

class Dispatcher
{
    private array $handlers = [];

    public function on(string $name, callable $handler): void
    {
        $this->handlers[$name] = $handler;
    }

    public function run($stream): void
    {
        foreach ($this->handlers as $name => $handler) {
            echo $name, ': ', $handler($stream), "\n";
        }
    }
}

fwrite($client, "one\ntwo\n");
print_r(collect($readLine, $peer, 2));
$dispatcher = new Dispatcher();
$dispatcher->on('upper', fn($stream) => strtoupper(trim(fgets($stream))));
$dispatcher->on('plain', $readLine);
fwrite($client, "three\nfour\n");
$dispatcher->run($peer);
echo implode(',', array_map(fn($x) => $x * 2, [1, 2])), "\n";
