<?php
// The protocol of include-server.php, in a file it includes.
require __DIR__ . '/commands.php';

const PROTOCOL_VERSION = 2;
$greeting = 'proto v' . PROTOCOL_VERSION;

class Tally
{
    private array $counts = [];

    public function add(string $command): int
    {
        $this->counts[$command] = ($this->counts[$command] ?? 0) + 1;
        return $this->counts[$command];
    }

    public function summary(): string
    {
        $parts = [];
        foreach ($this->counts as $command => $count) {
            $parts[] = "$command=$count";
        }
        return 'served: ' . implode(' ', $parts);
    }
}

function answer(string $line, Tally $tally): string
{
    $words = explode(' ', $line, 2);
    $command = $words[0];
    $rest = $words[1] ?? '';
    if (!in_array($command, command_names(), true)) {
        return "unknown: $command";
    }
    $times = $tally->add($command);
    return match ($command) {
        'echo' => $rest,
        'upper' => strtoupper($rest),
        'count' => "$command seen $times times",
    };
}
