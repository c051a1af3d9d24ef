// The engine's interface: what portPhpToTypeScript() returns for typical PHP, what it reports
// as unported, and the net/dgram equivalents socketSetupEquivalent() gives a hover.
import { describe, expect, test } from 'vitest';
import { parsePhp } from '../../server/src/core/parse';
import { portPhpToTypeScript, socketSetupEquivalent } from '../../server/src/port/index';

function firstCall(php: string) {
  const statement = parsePhp(`<?php ${php};`).program.children[0];
  if (statement?.kind !== 'expressionstatement') throw new Error(`not an expression: ${php}`);
  return statement.expression;
}

describe('portPhpToTypeScript', () => {
  test('keeps the program shape: awaited socket calls, labels for break 2, declarations at first use', () => {
    const { code, unported } = portPhpToTypeScript(
      [
        '<?php',
        '$server = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);',
        "socket_bind($server, '127.0.0.1', 8000);",
        'socket_listen($server);',
        'while (true) {',
        '    $client = socket_accept($server);',
        '    while (($line = socket_read($client, 512, PHP_NORMAL_READ)) !== false) {',
        "        if (trim($line) === 'stop') break 2;",
        '        socket_write($client, $line);',
        '    }',
        '}',
      ].join('\n'),
      'server.php',
    );
    expect(unported).toEqual([]);
    expect(code).toContain('const server: PhpSocket | false = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);');
    expect(code).toContain("await socket_bind(server, '127.0.0.1', 8000);");
    expect(code).toContain('outer: while (true) {');
    expect(code).toContain('while ((line = await socket_read(client, 512, PHP_NORMAL_READ)) !== false) {');
    expect(code).toContain("if (trim(line) === 'stop') {\n        break outer;");
    const runtimeImport = /^import \{ (.*) \} from '\.\/php-runtime\.js';$/m.exec(code)?.[1].split(', ');
    expect(runtimeImport).toEqual(expect.arrayContaining(['socket_create', 'socket_accept', 'PhpSocket', 'PHP_NORMAL_READ']));
    expect(code).not.toContain('node:net');
    expect(code.trimEnd().endsWith('runMain(main);')).toBe(true);
  });

  test('writes by-reference outputs as destructuring', () => {
    const { code } = portPhpToTypeScript('<?php $s = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP); $n = socket_recvfrom($s, $buf, 512, 0, $from, $port); echo "$n $buf $from $port";');
    expect(code).toContain('[n, buf, from, port] = await socket_recvfrom(s, 512, 0);');
  });

  test('imports only the runtime names the program uses, and carries the runtime module beside it', () => {
    const { code, runtime } = portPhpToTypeScript('<?php echo strtoupper("hi"), "\\n";');
    expect(code).toContain("import { strtoupper, echo, runMain } from './php-runtime.js';");
    expect(code).not.toContain('PhpSocket');
    expect(code).not.toContain('function strtoupper(');
    expect(runtime?.fileName).toBe('php-runtime.ts');
    expect(runtime?.code).toContain('export function strtoupper(');
    expect(runtime?.code).toContain("import * as net from 'node:net';");
  });

  test('a literal PCRE pattern JavaScript cannot run the same way becomes a TODO(port); one it can is translated', () => {
    const { code, unported } = portPhpToTypeScript("<?php\necho preg_match('/a++b/', 'aab'), preg_replace('/ x # comment\n/x', '', 'x'), preg_match('/^a.c$/', 'abc');\n");
    expect(unported.map((item) => item.reason)).toEqual(['preg_match(): possessive quantifiers have no JavaScript equivalent', 'preg_replace(): the /x modifier has no JavaScript equivalent']);
    expect(code).toContain("preg_match('/^a.c$/', 'abc')");
  });

  test('pcntl_fork() and pcntl_signal() become a TODO(port) saying what to use in Node instead', () => {
    const { code, unported } = portPhpToTypeScript('<?php\npcntl_signal(SIGTERM, function () { exit(0); });\n$pid = pcntl_fork();\necho $pid;\n');
    expect(unported.map((item) => item.reason)).toEqual([
      "pcntl_signal() is not ported: use process.on('SIGINT', handler) (or the signal's name) in Node",
      'pcntl_fork() is not ported: Node cannot fork; serve clients concurrently on the event loop, or use node:cluster (worker processes sharing a server) or child_process.fork()',
    ]);
    expect(code).toContain('// TODO(port): pcntl_fork() is not ported: Node cannot fork;');
  });

  test('reports what it cannot port with range, line, PHP and reason, and leaves a TODO', () => {
    const php = "<?php\n$x = 1;\n$o = new class {};\n$y = $x->bar();\n";
    const { code, unported } = portPhpToTypeScript(php, 'x.php');
    expect(unported).toEqual([
      { range: [19, 31], line: 3, php: 'new class {}', reason: 'anonymous classes are not ported' },
      { range: [38, 47], line: 4, php: '$x->bar()', reason: 'a method call on a value of a class the port cannot tell is not ported' },
    ]);
    expect(code).toContain('// TODO(port): anonymous classes are not ported: new class {}');
    expect(code).toContain("unported('$x->bar()')");
  });

  test('ports the files a program includes with it, and reports their unported PHP with the file and its line', () => {
    const files: Record<string, string> = {
      '/app/lib/helpers.php': "<?php\nfunction twice(int $n): int { return 2 * $n; }\ngoto out;\n",
      '/app/lib/once.php': '<?php\necho "once\\n";\n',
    };
    const php = "<?php\nrequire __DIR__ . '/lib/helpers.php';\ninclude_once 'lib/once.php';\ninclude_once 'lib/once.php';\necho twice(2);\ninclude $dynamic;\n";
    const { code, unported } = portPhpToTypeScript(php, '/app/main.php', { faithful: true, readFile: (path) => files[path] });
    expect(code).toContain('function twice(n: number): number {');
    expect(code).toContain("// require __DIR__ . '/lib/helpers.php': the included file, ported here");
    expect(code).toContain("// include_once 'lib/once.php': included already");
    expect(code.match(/echo\('once\\n'\);/g)).toHaveLength(1);
    expect(unported.map(({ line, reason, file }) => ({ line, reason, file }))).toEqual([
      { line: 6, reason: "include/require is ported as a statement of its own with a literal path or __DIR__ . '/file.php'", file: undefined },
      { line: 3, reason: 'goto statements are not ported', file: '/app/lib/helpers.php' },
    ]);
  });

  test('reports syntax errors and still gives a module', () => {
    const { code, unported } = portPhpToTypeScript('<?php echo "a";\n$x = ;\n');
    expect(unported.map((item) => [item.line, item.reason])).toEqual([
      [2, 'this statement has a PHP syntax error'],
      [2, "PHP syntax error: syntax error, unexpected ';'"],
    ]);
    expect(code).toContain('TODO(port): the PHP has a syntax error');
  });
});

describe('socketSetupEquivalent', () => {
  test.each([
    ['socket_create(AF_INET, SOCK_DGRAM, SOL_UDP)', undefined, "const socket = dgram.createSocket('udp4');"],
    ['socket_create(AF_INET6, SOCK_DGRAM, SOL_UDP)', undefined, "const socket = dgram.createSocket('udp6');"],
    ["socket_bind($s, '127.0.0.1', 8080)", undefined, "server.listen({ host: '127.0.0.1', port: 8080 });"],
    ["socket_bind($udp_socket, '0.0.0.0', $port)", 'datagram', "socket.bind(port, '0.0.0.0');"],
    ['socket_listen($server, 64)', undefined, 'server.listen({ host, port, backlog: 64 });'],
    ["socket_connect($s, 'example.org', 80)", undefined, "const socket = net.connect({ host: 'example.org', port: 80 });"],
    ['socket_create_listen(9000)', undefined, 'const server = net.createServer().listen({ port: 9000, backlog: 128 });'],
  ] as const)('%s', (php, kind, expected) => {
    expect(socketSetupEquivalent(firstCall(php), kind)?.code).toBe(expected);
  });

  test('has nothing for calls that are not set-up calls', () => {
    expect(socketSetupEquivalent(firstCall('strlen("x")'))).toBeUndefined();
  });
});
