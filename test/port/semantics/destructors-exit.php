<?php
// exit() in a function: PHP unwinds the stack first (a local's object goes), then destroys what
// the main script's variables hold, last to first; a finally block does not run.
class Connection
{
    public function __construct(private string $peer)
    {
    }

    public function __destruct()
    {
        echo "closing {$this->peer}\n";
    }
}

function serve(string $peer): void
{
    $connection = new Connection($peer);
    try {
        echo "serving $peer\n";
        exit(3);
    } finally {
        echo "never printed\n";
    }
}

$first = new Connection('first');
$second = new Connection('second');
serve('inner');
