<?php
// Prints the stream-socket functions the stream rules need, as JSON, straight from this PHP's
// reflection: parameters (with their default values) and return types, the extension each comes
// from, the STREAM_* constants of stream sockets with their values, and the socket transports.
// Only the functions named below, whatever else this PHP has loaded (php-xml, php-mbstring ...), so
// a PHP with more extensions prints the same table. Used by scripts/gen-stream-api.mjs and by
// test/stream/stream-api.test.ts, which keeps server/src/core/stream-api.json honest.
const FUNCTIONS = [
    'fsockopen', 'pfsockopen', 'stream_socket_client', 'stream_socket_server', 'stream_socket_accept',
    'stream_socket_recvfrom', 'stream_socket_sendto', 'stream_socket_shutdown', 'stream_socket_pair',
    'stream_socket_get_name', 'stream_socket_enable_crypto', 'stream_set_timeout', 'stream_set_blocking',
    'stream_select', 'stream_get_meta_data', 'stream_context_create', 'stream_context_set_option',
    'socket_import_stream', 'socket_export_stream', 'fwrite', 'fputs', 'fread', 'fgets', 'fgetc', 'feof', 'fclose',
    // Reads the loops end on, and the old aliases real code still calls (Snoopy, WordPress's POP3 class).
    'stream_get_line', 'stream_get_contents', 'socket_set_timeout', 'socket_set_blocking', 'socket_get_status',
];
// The constants a stream-socket call takes: opener flags, shutdown modes, stream_socket_pair()'s
// domain/type/protocol, recvfrom/sendto flags, crypto methods.
const CONSTANTS = '/^STREAM_(SERVER_|CLIENT_|SHUT_|PF_|SOCK_|IPPROTO_|OOB$|PEEK$|CRYPTO_METHOD_)/';

$missing = array_filter(FUNCTIONS, fn ($name) => !function_exists($name));
if ($missing) {
    fwrite(STDERR, 'this PHP lacks the functions ' . implode(', ', $missing) . "\n");
    exit(1);
}

$functions = [];
foreach (FUNCTIONS as $name) {
    $fn = new ReflectionFunction($name);
    $params = [];
    foreach ($fn->getParameters() as $p) {
        $param = [
            'name' => $p->getName(),
            'type' => (string) $p->getType(),
            'optional' => $p->isOptional(),
            'byRef' => $p->isPassedByReference(),
            'variadic' => $p->isVariadic(),
        ];
        if ($p->isDefaultValueAvailable()) $param['default'] = $p->getDefaultValue();
        $params[] = $param;
    }
    $functions[$name] = ['extension' => $fn->getExtensionName(), 'params' => $params, 'returns' => (string) $fn->getReturnType()];
}
ksort($functions);

$constants = [];
foreach (get_defined_constants() as $name => $value) {
    if (preg_match(CONSTANTS, $name) === 1) $constants[$name] = $value;
}
ksort($constants);
$transports = stream_get_transports();
sort($transports);

echo json_encode(['php' => PHP_VERSION, 'functions' => $functions, 'constants' => $constants, 'transports' => $transports],
    JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES), "\n";
