<?php
// A parent's methods may use what only its subclasses declare ($this->hook(), $this->prefix):
// PHP resolves them on the object; each subclass here has its own.
class Protocol
{
    public function answer(string $line): string
    {
        $this->count++;
        return $this->prefix . $this->transform(trim($line)) . " #{$this->count}";
    }
}

class Shouting extends Protocol
{
    protected $prefix = '! ';
    protected int $count = 0;

    protected function transform(string $text): string
    {
        return strtoupper($text);
    }
}

class Reversing extends Protocol
{
    protected $prefix = '< ';
    protected int $count = 10;

    protected function transform(string $text): string
    {
        return strrev($text);
    }
}

foreach ([new Shouting(), new Reversing()] as $protocol) {
    echo $protocol->answer("hello\n"), "\n";
    echo $protocol->answer("again\n"), "\n";
}
