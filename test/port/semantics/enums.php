<?php
// Enums: backed and pure, cases compared with === and match, name/value, cases(), from() (its
// ValueError), tryFrom(), a constant naming a case, var_dump() and print_r() of a case.
enum Command: string
{
    case Quit = 'quit';
    case Ping = 'ping';
    case Echo = 'echo';

    const DEFAULT = self::Ping;

    public function reply(string $argument): string
    {
        return match ($this) {
            Command::Quit => 'bye',
            Command::Ping => 'pong',
            Command::Echo => $argument,
        };
    }

    public function label(): string
    {
        return strtoupper($this->name) . '=' . $this->value;
    }
}

enum State
{
    case Open;
    case Closed;
}

foreach (['ping', 'echo', 'nope', 'quit'] as $word) {
    $command = Command::tryFrom($word);
    if ($command === null) {
        echo "unknown $word\n";
        continue;
    }
    echo $command->label(), ' -> ', $command->reply('hi'), "\n";
}
var_dump(Command::from('quit') === Command::Quit);
var_dump(Command::DEFAULT);
print_r(Command::Echo);
echo "\n";
print_r(State::Closed);
echo "\n";
echo count(State::cases()), ' ', State::cases()[1]->name, "\n";
$state = State::Open;
var_dump($state === State::Open, $state instanceof State);
try {
    Command::from('reboot');
} catch (ValueError $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
