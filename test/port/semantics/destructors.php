<?php
// __destruct: PHP runs it when the last reference goes (an overwrite, null, unset(), a function's
// return) and, at the end, for what is left: the main script's variables last to first, then the rest.
class Resource
{
    public function __construct(public string $name)
    {
        echo "open {$this->name}\n";
    }

    public function __destruct()
    {
        echo "close {$this->name}\n";
    }
}

class Pool extends Resource
{
    public array $members = [];

    public function add(string $name): void
    {
        $this->members[] = new Resource($name);
    }
}

function work(string $name): int
{
    $temporary = new Resource($name);
    echo "working with {$temporary->name}\n";
    return strlen($name);
}

$first = new Resource('first');
$second = new Resource('second');
$kept = [new Resource('kept in an array')];
echo work('temporary'), "\n";
$current = new Resource('one');
$current = new Resource('two');
echo "after the overwrite\n";
$second = null;
echo "after null\n";
unset($first);
echo "after unset\n";
$pool = new Pool('pool');
$pool->add('member a');
$pool->add('member b');
$last = new Resource('last');

// A method that keeps $this elsewhere: overwriting the variable leaves the object alive.
class Listener
{
    public static array $all = [];

    public function __construct(public string $name)
    {
    }

    public function listen(): void
    {
        self::$all[] = $this;
    }

    public function __destruct()
    {
        echo "stop {$this->name}\n";
    }
}

$listener = new Listener('kept listener');
$listener->listen();
$listener = new Listener('plain listener');
echo "after overwriting a listener\n";
echo "end of the script\n";
