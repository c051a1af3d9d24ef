<?php
// Prints ext/sockets as JSON, straight from this PHP's reflection: functions with their
// parameters and return types, and the extension's constants with their values.
// With the argument `internals` it prints instead, for every other internal function, one
// letter per parameter: whether passing `false` there is silently wrong ('s': coerced to ''
// or 0; 'o': a TypeError), harmless ('f': untyped, mixed, bool), or a reference ('r').
// Further arguments name the extensions to describe (default: every loaded one); the output
// names them too, so a PHP with more extensions (php-xml, php-mbstring) can still be compared.
// Used by scripts/gen-socket-api.mjs and by the test that keeps the generated table honest.
if (($argv[1] ?? '') === 'internals') {
    $extensions = array_slice($argv, 2) ?: get_loaded_extensions();
    $missing = array_diff($extensions, get_loaded_extensions());
    if ($missing) {
        fwrite(STDERR, 'this PHP lacks the extensions ' . implode(', ', $missing) . "\n");
        exit(1);
    }
    sort($extensions);
    $internals = [];
    foreach ($extensions as $extension) {
        foreach (get_extension_funcs($extension) ?: [] as $name) {
            if (str_starts_with($name, 'socket_')) continue;
            $letters = '';
            foreach ((new ReflectionFunction($name))->getParameters() as $p) {
                $letters .= parameterLetter($p);
            }
            $internals[$name] = $letters;
        }
    }
    ksort($internals);
    echo json_encode(['php' => PHP_VERSION, 'extensions' => $extensions, 'functions' => $internals]), "\n";
    exit(0);
}

function parameterLetter(ReflectionParameter $p): string {
    if ($p->isPassedByReference()) return 'r';
    $type = $p->getType();
    if ($type === null) return 'f';
    $names = $type instanceof ReflectionUnionType
        ? array_map(fn($t) => $t->getName(), $type->getTypes())
        : [$type->getName()];
    if (array_intersect($names, ['mixed', 'bool', 'false'])) return 'f';
    return array_intersect($names, ['string', 'int', 'float']) ? 's' : 'o';
}

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
