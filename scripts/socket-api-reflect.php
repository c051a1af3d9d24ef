<?php
// Prints ext/sockets as JSON, straight from this PHP's reflection: functions with their
// parameters and return types, and the extension's constants with their values.
// Used by scripts/gen-socket-api.mjs and by the test that keeps the generated table honest.
$functions = [];
foreach (get_extension_funcs('sockets') as $name) {
    $fn = new ReflectionFunction($name);
    $params = [];
    foreach ($fn->getParameters() as $p) {
        $params[] = [
            'name' => $p->getName(),
            'type' => (string) $p->getType(),
            'optional' => $p->isOptional(),
            'byRef' => $p->isPassedByReference(),
            'variadic' => $p->isVariadic(),
        ];
    }
    $functions[$name] = ['params' => $params, 'returns' => (string) $fn->getReturnType()];
}
ksort($functions);
$constants = get_defined_constants(true)['sockets'];
ksort($constants);
echo json_encode(['php' => PHP_VERSION, 'functions' => $functions, 'constants' => $constants], JSON_PRETTY_PRINT), "\n";
