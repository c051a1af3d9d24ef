<?php
// A command server built of classes. Each line a client sends is "<command> [argument]"; the
// command names a handler class in a static registry (an abstract Handler and its subclasses),
// made with `new $class`. The server keeps its clients in a property array and serves them with
// socket_select(); `stop` ends it. Errors of the protocol are exceptions of the program's own.
// Usage: php class-server.php PORT

class ProtocolError extends RuntimeException
{
    public function __construct(string $problem, public int $clientId)
    {
        parent::__construct("client #$clientId: $problem", 400);
    }
}

class UnknownCommand extends ProtocolError
{
}

abstract class Handler
{
    const PREFIX = '= ';
    protected static int $created = 0;
    protected int $uses = 0;

    public function __construct(protected Server $server)
    {
        self::$created++;
    }

    abstract public function handle(int $clientId, string $argument): string;

    protected function reply(string $text): string
    {
        $this->uses++;
        return static::PREFIX . $text . "\n";
    }

    public static function created(): int
    {
        return self::$created;
    }
}

class EchoHandler extends Handler
{
    public function handle(int $clientId, string $argument): string
    {
        return $this->reply($argument);
    }
}

class ShoutHandler extends EchoHandler
{
    const PREFIX = '! ';

    public function handle(int $clientId, string $argument): string
    {
        if ($argument === '') {
            throw new ProtocolError('nothing to shout', $clientId);
        }
        return parent::handle($clientId, strtoupper($argument) . '!');
    }
}

class WhoHandler extends Handler
{
    public function handle(int $clientId, string $argument): string
    {
        return $this->reply('online: ' . implode(',', $this->server->clientIds()));
    }
}

class TellHandler extends Handler
{
    public function handle(int $clientId, string $argument): string
    {
        $delivered = $this->server->broadcast($clientId, "#$clientId: $argument\n");
        return $this->reply("told $delivered");
    }
}

final class Registry
{
    private static array $handlers = [];

    public static function register(string $command, string $class): void
    {
        self::$handlers[$command] = $class;
    }

    public static function has(string $command): bool
    {
        return isset(self::$handlers[$command]);
    }

    public static function create(string $command, Server $server, int $clientId): Handler
    {
        if (!static::has($command)) {
            throw new UnknownCommand("unknown command '$command'", $clientId);
        }
        $class = self::$handlers[$command];
        return new $class($server);
    }

    public static function commands(): string
    {
        $names = array_keys(self::$handlers);
        sort($names);
        return implode(' ', $names);
    }
}

class Server
{
    private $listener = null;
    private array $clients = [];
    private array $pending = [];
    private int $nextId = 1;
    private bool $running = true;
    private string $greeting = 'hello';
    private $log;
    private $ready = null;

    public function __construct(private int $port, private string $welcomeClass = EchoHandler::class)
    {
        $this->log = fn(string $line) => print("[server] $line\n");
    }

    public function clientIds(): array
    {
        return array_keys($this->clients);
    }

    public function broadcast(int $from, string $message): int
    {
        $count = 0;
        foreach ($this->clients as $id => $client) {
            if ($id !== $from && socket_write($client, $message) !== false) {
                $count++;
            }
        }
        return $count;
    }

    public function run(): int
    {
        $this->listener = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
        socket_set_option($this->listener, SOL_SOCKET, SO_REUSEADDR, 1);
        if (!socket_bind($this->listener, '127.0.0.1', $this->port) || !socket_listen($this->listener, 8)) {
            throw new RuntimeException('cannot listen on ' . $this->port);
        }
        ($this->log)('listening');
        while ($this->running) {
            // The ready set is a property, null until the first select: PHP makes the array.
            $this->ready[0] = $this->listener;
            foreach ($this->clients as $id => $client) {
                $this->ready[$id] = $client;
            }
            $write = null;
            $except = null;
            socket_select($this->ready, $write, $except, null);
            if (isset($this->ready[0])) {
                unset($this->ready[0]);
                $this->accept();
            }
            foreach ($this->ready as $id => $client) {
                $this->receive($id, $client);
                if (!$this->running) {
                    break;
                }
            }
            $this->ready = null;
        }
        foreach ($this->clients as $client) {
            socket_write($client, "bye\n");
            socket_close($client);
        }
        socket_close($this->listener);
        ($this->log)('stopped');
        return count($this->clients);
    }

    private function accept(): void
    {
        $client = socket_accept($this->listener);
        $id = $this->nextId++;
        $this->clients[$id] = $client;
        $this->pending[$id] = '';
        $welcome = new $this->welcomeClass($this);
        socket_write($client, $welcome->handle($id, "{$this->greeting} #$id; commands: " . Registry::commands()));
        ($this->log)("joined #$id");
    }

    private function receive(int $id, $client): void
    {
        $data = socket_read($client, 512);
        if ($data === false || $data === '') {
            ($this->log)("left #$id");
            socket_close($client);
            unset($this->clients[$id], $this->pending[$id]);
            return;
        }
        $this->pending[$id] .= $data;
        while (($end = strpos($this->pending[$id], "\n")) !== false) {
            $line = substr($this->pending[$id], 0, $end);
            $this->pending[$id] = substr($this->pending[$id], $end + 1);
            $this->serve($id, $client, $line);
        }
    }

    private function serve(int $id, $client, string $line): void
    {
        $parts = explode(' ', $line, 2);
        $command = $parts[0];
        $argument = $parts[1] ?? '';
        if ($command === 'stop') {
            $this->running = false;
            return;
        }
        try {
            $handler = Registry::create($command, $this, $id);
            socket_write($client, $handler->handle($id, $argument));
        } catch (UnknownCommand $e) {
            socket_write($client, "? {$e->getMessage()}\n");
        } catch (ProtocolError $e) {
            socket_write($client, "error {$e->getCode()} for #{$e->clientId}: {$e->getMessage()}\n");
            ($this->log)(get_class($e) . ' from #' . $e->clientId);
        }
    }
}

Registry::register('echo', EchoHandler::class);
Registry::register('shout', 'ShoutHandler');
Registry::register('who', WhoHandler::class);
Registry::register('tell', TellHandler::class);
$left = (new Server((int) $argv[1]))->run();
echo "clients left: $left, handlers made: ", Handler::created(), "\n";
