<?php
// Interfaces (constants, instanceof, parameters typed with one) and traits (methods, properties,
// static properties per class, a trait using a trait, a class's own method winning).
namespace Chat;

interface Named
{
    const SEPARATOR = ': ';
}

interface Handler extends Named
{
    public function handle(string $line): string;
}

interface Unused
{
}

trait Counts
{
    private int $count = 0;
    public static $instances = 0;

    public function tick(): int
    {
        return ++$this->count;
    }
}

trait Greets
{
    use Counts;

    public function greet(string $who): string
    {
        $this->tick();
        return 'hello ' . $who . self::SEPARATOR . $this->label();
    }

    public function label(): string
    {
        return 'trait';
    }
}

class Upper implements Handler
{
    use Greets;

    public function handle(string $line): string
    {
        return 'upper' . self::SEPARATOR . strtoupper($line);
    }

    public function label(): string
    {
        return 'upper #' . $this->tick();
    }
}

class Reverse implements Handler
{
    use Greets;

    public function handle(string $line): string
    {
        return 'reverse' . Handler::SEPARATOR . strrev($line);
    }
}

class Plain
{
    use Counts;
}

function run(Handler $handler, string $line): string
{
    return $handler->handle($line);
}

$handlers = [new Upper(), new Reverse()];
foreach ($handlers as $handler) {
    echo run($handler, 'abc'), "\n";
    echo $handler->greet('ann'), "\n";
    echo $handler->greet('bob'), "\n";
}
$plain = new Plain();
echo $plain->tick(), $plain->tick(), "\n";
Upper::$instances = 5;
echo Upper::$instances, ' ', Reverse::$instances, ' ', Plain::$instances, "\n";
var_dump($handlers[0] instanceof Handler, $handlers[1] instanceof Named, $plain instanceof Handler, $plain instanceof Unused);
echo \Chat\Named::SEPARATOR, Upper::SEPARATOR, "|\n";
