<?php
// Names in a namespace: __CLASS__, __METHOD__, __FUNCTION__, __NAMESPACE__, ::class, get_class()
// and an uncaught exception's class carry it, as PHP names them.
namespace Chat\Server;

class Room
{
    public function describe(): array
    {
        return [__CLASS__, __METHOD__, __FUNCTION__, __NAMESPACE__, Room::class, self::class, static::class, get_class($this)];
    }
}

class Closed extends \RuntimeException
{
}

class Gone extends Closed
{
}

function where(): string
{
    return __FUNCTION__ . ' ' . __METHOD__ . ' ' . __NAMESPACE__;
}

print_r((new Room())->describe());
echo where(), "\n";
echo __NAMESPACE__, '|', __CLASS__, '|', __FUNCTION__, "|\n";
echo \Chat\Server\Room::class, "\n";
try {
    throw new Closed('gone');
} catch (\RuntimeException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
echo get_class(new Gone('x')), "\n";
throw new Closed('uncaught');
