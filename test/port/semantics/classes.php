<?php
// Classes as the port carries them: a constructor that waits on a socket (bind, listen), static
// properties shared by subclasses, static:: (late static binding), parent::, self::class and
// static::class, new static, new $name (and PHP's errors for a missing or abstract class),
// closures stored in properties, instanceof, and an uncaught exception of the program's own.

class Listener
{
    public ?Socket $socket = null;
    protected string $label;
    public static array $opened = [];

    public function __construct(string $label)
    {
        $this->label = $label;
        $this->socket = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
        socket_bind($this->socket, '127.0.0.1', 0);
        socket_listen($this->socket);
        static::$opened[] = $label;
    }

    public function describe(): string
    {
        socket_getsockname($this->socket, $address);
        return static::class . " {$this->label} on $address";
    }

    public function close(): void
    {
        socket_close($this->socket);
    }
}

class NamedListener extends Listener
{
    public function __construct(string $label, public string $owner)
    {
        parent::__construct(strtoupper($label));
    }

    public function describe(): string
    {
        return parent::describe() . " for {$this->owner}";
    }
}

abstract class Counter
{
    protected static int $count = 0;
    public $onChange = null;
    const STEP = 1;

    public static function make(): static
    {
        return new static();
    }

    public function bump(): int
    {
        self::$count += static::STEP;
        if ($this->onChange !== null) {
            ($this->onChange)(self::$count);
        }
        return self::$count;
    }

    abstract public function name(): string;
}

class ByOne extends Counter
{
    public function name(): string { return 'one'; }
}

class ByTen extends Counter
{
    const STEP = 10;
    public function name(): string { return self::class . '/' . static::class; }
}

class Oops extends LogicException
{
}

// Each class's own private $secret; a constant that reads one declared after it.
class Vault
{
    const BANNER = self::NAME . ' v' . self::VERSION;
    const NAME = 'vault';
    const VERSION = 2;
    private $secret = 'parent';

    public function secret(): string
    {
        return $this->secret;
    }
}

class InnerVault extends Vault
{
    private $secret = 'child';

    public function both(): string
    {
        return $this->secret . '/' . $this->secret();
    }
}

$a = new Listener('plain');
$b = new NamedListener('named', 'me');
echo preg_replace('/:\d+$/', ':PORT', $a->describe()), "\n";
echo preg_replace('/:\d+ for/', ':PORT for', $b->describe()), "\n";
echo implode(',', Listener::$opened), "\n";
echo ($b instanceof Listener) ? "a Listener\n" : "not\n";
$a->close();
$b->close();

$one = ByOne::make();
$ten = ByTen::make();
$ten->onChange = function (int $value) { echo "changed to $value\n"; };
echo $one->bump(), ' ', $ten->bump(), ' ', $one->bump(), "\n";
echo $one->name(), ' ', $ten->name(), ' ', get_class($ten), "\n";
foreach (['ByOne', 'byten', 'Counter', 'Missing'] as $name) {
    try {
        $made = new $name();
        echo "made ", $made->name(), "\n";
    } catch (Error $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
try {
    throw new Oops('caught as a LogicException');
} catch (LogicException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
echo Vault::BANNER, ' ', (new InnerVault())->both(), "\n";
throw new Oops('not caught', 3);
