<?php
// The commands include-server.php answers, in a file its protocol file requires.
function command_names(): array
{
    return ['echo', 'upper', 'count'];
}
