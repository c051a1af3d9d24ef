<?php
// A sequential server of sessions, one client at a time: each accepted connection becomes a
// Session. Its commands are an enum, its replies carry an interface's prefix, a trait counts its
// lines, and the warning of an unknown alias goes to the error handler. The next accept
// overwrites $session, which destroys the previous Session: its __destruct says so and closes
// the connection (the client sees the end only then).
interface Replies
{
    const PREFIX = '> ';

    public function reply(string $text): void;
}

trait CountsLines
{
    private int $lines = 0;

    protected function counted(): int
    {
        return ++$this->lines;
    }
}

enum Verb: string
{
    case Echo = 'echo';
    case Upper = 'upper';
    case Count = 'count';
    case Quit = 'quit';
}

const ALIASES = ['e' => 'echo', 'u' => 'upper'];

set_error_handler(function (int $errno, string $errstr): bool {
    echo "warning: $errstr\n";
    return true;
});

class Session implements Replies
{
    use CountsLines;

    public function __construct(private Socket $socket, private int $number)
    {
        $this->reply("hello #$number");
    }

    public function reply(string $text): void
    {
        socket_write($this->socket, self::PREFIX . $text . "\n");
    }

    /** Serves the client until it leaves (true) or asks the server to stop (false). */
    public function serve(): bool
    {
        while (true) {
            $line = socket_read($this->socket, 256, PHP_NORMAL_READ);
            if ($line === false || $line === '') {
                echo "#{$this->number} left\n";
                return true;
            }
            $line = trim($line);
            if ($line === '') {
                continue;
            }
            $parts = explode(' ', $line, 2);
            $word = $parts[0];
            $text = $parts[1] ?? '';
            $verb = Verb::tryFrom($word);
            if ($verb === null) {
                $target = ALIASES[$word];
                $verb = $target === null ? null : Verb::tryFrom($target);
            }
            $count = $this->counted();
            if ($verb === null) {
                $this->reply("unknown $word");
                continue;
            }
            switch ($verb) {
                case Verb::Echo:
                    $this->reply($text);
                    break;
                case Verb::Upper:
                    $this->reply(strtoupper($text));
                    break;
                case Verb::Count:
                    $this->reply("$count lines");
                    break;
                case Verb::Quit:
                    $this->reply('bye');
                    return $text !== 'server';
            }
        }
    }

    public function __destruct()
    {
        echo "session #{$this->number} closed\n";
        socket_close($this->socket);
    }
}

$port = (int) $argv[1];
$server = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
socket_set_option($server, SOL_SOCKET, SO_REUSEADDR, 1);
if (!socket_bind($server, '127.0.0.1', $port) || !socket_listen($server)) {
    exit(1);
}
$number = 0;
$running = true;
while ($running) {
    $client = socket_accept($server);
    if ($client === false) {
        break;
    }
    $session = new Session($client, ++$number);
    $running = $session->serve();
}
socket_close($server);
echo "server done\n";
