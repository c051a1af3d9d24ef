<?php
// A library class that this file never instantiates: its constructor's untyped parameters may be
// given anything, so the properties they set must accept anything (the port once typed them null).
class Client
{
    protected $host;
    protected $port;

    public function __construct($host, $port)
    {
        $this->host = $host;
        $this->port = $port;
    }

    public function address()
    {
        return $this->host . ':' . $this->port;
    }
}

function describe_client($client, $label)
{
    return $label . ' ' . get_class($client);
}

echo "defined\n";
