<?php
// A constructor that binds (so the port constructs through an async method) and returns early:
// `new` still gives the object, with what the constructor set before its return.
class Listener {
    public $socket;
    public $state = 'new';

    public function __construct($port, $announce) {
        $this->socket = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
        socket_bind($this->socket, '127.0.0.1', $port);
        socket_listen($this->socket);
        $this->state = 'listening';
        if (!$announce) {
            return;
        }
        $this->state = 'announced';
        echo "announced\n";
    }
}
$quiet = new Listener(0, false);
$loud = new Listener(0, true);
var_dump($quiet->state, $loud->state, $quiet instanceof Listener);
socket_close($quiet->socket);
socket_close($loud->socket);
