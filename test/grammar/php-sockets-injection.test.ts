// What the injection grammar scopes, and what it must leave alone, when PHP
// is tokenized with VS Code's PHP grammar plus ours.
import { describe, expect, it } from 'vitest';
import {
  CONSTANT_SCOPE,
  FUNCTION_SCOPE,
  highlight,
  socketTokens,
  type Highlighted,
} from './tokenize';

function expectSocketFunction(h: Highlighted, line: number, name: string, nth = 0): string[] {
  const token = h.tokenAt(line, name, nth);
  expect(token.text).toBe(name);
  expect(token.scopes).toContain(FUNCTION_SCOPE);
  return token.scopes;
}

function expectSocketConstant(h: Highlighted, line: number, name: string, nth = 0): string[] {
  const token = h.tokenAt(line, name, nth);
  expect(token.text).toBe(name);
  expect(token.scopes).toContain(CONSTANT_SCOPE);
  expect(token.scopes).not.toContain(FUNCTION_SCOPE);
  return token.scopes;
}

/** A one-line PHP snippet in which nothing may get our scopes. */
async function expectUntouched(code: string): Promise<Highlighted> {
  const h = await highlight(code);
  expect(socketTokens(h, 0).map((token) => token.text)).toEqual([]);
  return h;
}

describe('socket function calls', () => {
  it('scopes a plain call and keeps the PHP call structure around it', async () => {
    const h = await highlight('$s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);');
    const scopes = expectSocketFunction(h, 0, 'socket_create');
    expect(scopes).toContain('meta.function-call.php');
    expect(h.scopesAt(0, '(')).toContain('punctuation.definition.arguments.begin.bracket.round.php');
    expect(h.scopesAt(0, ')')).toContain('punctuation.definition.arguments.end.bracket.round.php');
    expect(h.scopesAt(0, ';')).not.toContain('meta.function-call.php');
  });

  it('scopes a fully qualified call and its leading backslash', async () => {
    const h = await highlight('\\socket_bind($s, "0.0.0.0", 8080);');
    expectSocketFunction(h, 0, 'socket_bind');
    expect(h.tokenAt(0, '\\').text).toBe('\\');
    expect(h.scopesAt(0, '\\')).toContain('punctuation.separator.inheritance.php');
  });

  it('is case-insensitive like PHP function names', async () => {
    const h = await highlight('SOCKET_CREATE(AF_INET, SOCK_STREAM, 0); Socket_Listen($s);');
    expectSocketFunction(h, 0, 'SOCKET_CREATE');
    expectSocketFunction(h, 0, 'Socket_Listen');
  });

  it('allows blanks between the name and the parenthesis', async () => {
    const h = await highlight('socket_listen ($s, 5); socket_close\t($s);');
    expectSocketFunction(h, 0, 'socket_listen');
    expectSocketFunction(h, 0, 'socket_close');
  });

  it('scopes nested calls, operators before calls and first-class callables', async () => {
    const h = await highlight(
      'if (!@socket_connect($s, $host, 80)) echo socket_strerror(socket_last_error($s)); $close = socket_close(...);',
    );
    expectSocketFunction(h, 0, 'socket_connect');
    expectSocketFunction(h, 0, 'socket_strerror');
    expectSocketFunction(h, 0, 'socket_last_error');
    expectSocketFunction(h, 0, 'socket_close');
  });

  it('keeps named arguments as PHP scopes them', async () => {
    const h = await highlight('socket_create(domain: AF_INET, type: SOCK_STREAM, protocol: 0);');
    expectSocketFunction(h, 0, 'socket_create');
    expect(h.scopesAt(0, 'domain')).toContain('entity.name.variable.parameter.php');
    expectSocketConstant(h, 0, 'AF_INET');
  });
});

describe('socket constants', () => {
  it('scopes constants passed as arguments', async () => {
    const h = await highlight('socket_set_option($s, SOL_SOCKET, SO_REUSEADDR, 1);');
    expectSocketConstant(h, 0, 'SOL_SOCKET');
    expectSocketConstant(h, 0, 'SO_REUSEADDR');
    socketTokens(h, 0).forEach((token) => expect(token.scopes).toContain('meta.function-call.php'));
  });

  it('scopes constants in define and const initializers', async () => {
    const h = await highlight(
      [
        "define('BACKLOG', SOMAXCONN);",
        'const FLAGS = MSG_PEEK | MSG_DONTWAIT;',
        'class Reader { const MODE = PHP_NORMAL_READ; }',
      ].join('\n'),
    );
    expectSocketConstant(h, 0, 'SOMAXCONN');
    expectSocketConstant(h, 1, 'MSG_PEEK');
    expectSocketConstant(h, 1, 'MSG_DONTWAIT');
    expectSocketConstant(h, 2, 'PHP_NORMAL_READ');
    expect(h.scopesAt(1, 'FLAGS')).not.toContain(CONSTANT_SCOPE);
  });

  it('scopes a fully qualified constant and its leading backslash', async () => {
    const h = await highlight('$mode = \\PHP_BINARY_READ;');
    expectSocketConstant(h, 0, 'PHP_BINARY_READ');
    expect(h.scopesAt(0, '\\')).toContain('punctuation.separator.inheritance.php');
  });

  it('scopes constants in switch cases, ternaries, match arms and defaults', async () => {
    const h = await highlight(
      [
        'switch ($type) { case SOCK_STREAM: break; }',
        '$t = $udp ? SOCK_DGRAM : SOCK_STREAM;',
        '$n = match ($e) { SOCKET_EAGAIN, SOCKET_EWOULDBLOCK => 0, default => -1 };',
        'function open(int $domain = AF_INET6, array $o = [SO_LINGER => 1]) {}',
      ].join('\n'),
    );
    expectSocketConstant(h, 0, 'SOCK_STREAM');
    expectSocketConstant(h, 1, 'SOCK_DGRAM');
    expectSocketConstant(h, 1, 'SOCK_STREAM');
    expectSocketConstant(h, 2, 'SOCKET_EAGAIN');
    expectSocketConstant(h, 2, 'SOCKET_EWOULDBLOCK');
    expectSocketConstant(h, 3, 'AF_INET6');
    expectSocketConstant(h, 3, 'SO_LINGER');
  });

  it('is case-sensitive like PHP 8 constants', async () => {
    const h = await expectUntouched('$t = sock_stream; $u = Sock_Stream;');
    expect(h.tokenAt(0, 'sock_stream').text).toBe('sock_stream');
  });
});

describe('never inside strings', () => {
  it.each([
    ['single-quoted', "$a = 'socket_create(AF_INET, SOCK_STREAM)';", 'string.quoted.single.php'],
    ['double-quoted', '$a = "socket_create(AF_INET, SOCK_STREAM)";', 'string.quoted.double.php'],
    ['interpolated', '$a = "x {$opts[SO_LINGER]} ${SOCK_STREAM}";', 'string.quoted.double.php'],
    ['backtick', '$a = `socket_create(AF_INET)`;', 'string.interpolated.php'],
  ])('%s', async (_kind, code, stringScope) => {
    const h = await expectUntouched(code);
    const text = code.includes('SO_LINGER') ? 'SO_LINGER' : 'AF_INET';
    expect(h.scopesAt(0, text)).toContain(stringScope);
  });

  it.each([
    ['heredoc', '<<<EOT', 'string.unquoted.heredoc.php'],
    ['quoted heredoc', '<<<"EOT"', 'string.unquoted.heredoc.php'],
    ['nowdoc', "<<<'EOT'", 'string.unquoted.nowdoc.php'],
  ])('%s', async (_kind, opener, stringScope) => {
    const h = await highlight(
      [`$a = ${opener}`, 'socket_create(AF_INET, SOCK_STREAM) {$x[SOL_TCP]}', 'EOT;', 'socket_close($s);'].join(
        '\n',
      ),
    );
    expect(socketTokens(h, 1)).toEqual([]);
    expect(h.scopesAt(1, 'AF_INET')).toContain(stringScope);
    expectSocketFunction(h, 3, 'socket_close');
  });

  it('heredocs that embed SQL or HTML', async () => {
    const h = await highlight(
      ['$q = <<<SQL', 'SELECT socket_create(AF_INET)', 'SQL;', '$p = <<<HTML', '<b>SOCK_STREAM</b>', 'HTML;'].join(
        '\n',
      ),
    );
    expect(socketTokens(h, 1)).toEqual([]);
    expect(h.scopesAt(1, 'socket_create')).toContain('source.sql');
    expect(socketTokens(h, 4)).toEqual([]);
    expect(h.scopesAt(4, 'SOCK_STREAM')).toContain('string.unquoted.heredoc.php');
  });
});

describe('never inside comments', () => {
  it.each([
    ['#', '# socket_create(AF_INET, SOCK_STREAM)', 'comment.line.number-sign.php'],
    ['//', '$x = 1; // socket_create(AF_INET, SOCK_STREAM)', 'comment.line.double-slash.php'],
    ['/* */', '/* socket_create(AF_INET, SOCK_STREAM) */ $x = 1;', 'comment.block.php'],
    ['/** */', '/** @see socket_create() AF_INET */', 'comment.block.documentation.phpdoc.php'],
  ])('%s', async (_kind, code, commentScope) => {
    const h = await expectUntouched(code);
    expect(h.scopesAt(0, 'AF_INET')).toContain(commentScope);
  });

  it('on every line of a block comment', async () => {
    const h = await highlight(['/*', ' * socket_listen($s, SOMAXCONN);', ' */', 'socket_listen($s, SOMAXCONN);'].join('\n'));
    expect(socketTokens(h, 1)).toEqual([]);
    expectSocketFunction(h, 3, 'socket_listen');
    expectSocketConstant(h, 3, 'SOMAXCONN');
  });
});

describe('never on members, declarations or other names', () => {
  it.each([
    ['method call', '$obj->socket_listen($s);', 'socket_listen', 'entity.name.function.php'],
    ['nullsafe method call', '$obj?->socket_listen($s);', 'socket_listen', 'entity.name.function.php'],
    ['method call with blanks', '$obj -> socket_listen($s);', 'socket_listen', 'entity.name.function.php'],
    ['static call', 'Foo::socket_listen($s);', 'socket_listen', 'entity.name.function.php'],
    ['class constant', '$t = Foo::SOCK_STREAM;', 'SOCK_STREAM', 'constant.other.class.php'],
    ['self constant', '$t = self::SOCK_STREAM;', 'SOCK_STREAM', 'constant.other.class.php'],
    ['property', '$t = $obj->SOCK_STREAM;', 'SOCK_STREAM', 'variable.other.property.php'],
    ['function declaration', 'function socket_listen($s) {}', 'socket_listen', 'entity.name.function.php'],
    ['by-ref function declaration', 'function &socket_listen($s) {}', 'socket_listen', 'meta.function.php'],
    ['method declaration', 'class A { public function socket_listen() {} }', 'socket_listen', 'entity.name.function.php'],
    ['constant declaration', 'const SOCK_STREAM = 1;', 'SOCK_STREAM', 'constant.other.php'],
    ['namespaced call', 'Foo\\socket_listen($s);', 'socket_listen', 'entity.name.function.php'],
    ['fully qualified namespaced call', '\\Foo\\socket_listen($s);', 'socket_listen', 'entity.name.function.php'],
    ['namespace-relative call', 'namespace\\socket_listen($s);', 'socket_listen', 'meta.function-call.php'],
    ['namespaced constant', '$t = Foo\\SOCK_STREAM;', 'SOCK_STREAM', 'source.php'],
    ['prefixed look-alike', 'my_socket_listen($s);', 'my_socket_listen', 'entity.name.function.php'],
    ['suffixed look-alike', 'socket_listenx($s);', 'socket_listenx', 'entity.name.function.php'],
    ['longer constant', '$t = SOCK_STREAMX;', 'SOCK_STREAMX', 'constant.other.php'],
    ['prefixed constant', '$t = XSOCK_STREAM;', 'XSOCK_STREAM', 'constant.other.php'],
    ['variable', '$socket_create = 1;', 'socket_create', 'variable.other.php'],
    ['variable function', '$socket_create($x);', 'socket_create', 'variable.other.php'],
    ['variable spelled like a constant', '$SOCK_STREAM = 1;', 'SOCK_STREAM', 'variable.other.php'],
    ['function spelled like a constant', 'SOCK_STREAM($x);', 'SOCK_STREAM', 'entity.name.function.php'],
    ['class spelled like a constant', 'SOCK_STREAM::open();', 'SOCK_STREAM', 'support.class.php'],
    ['instantiation', '$x = new SOCK_STREAM();', 'SOCK_STREAM', 'support.class.php'],
    ['function name without a call', 'use function socket_create;', 'socket_create', 'meta.use.php'],
  ])('%s: %s', async (_kind, code, text, phpScope) => {
    const h = await expectUntouched(code);
    expect(h.scopesAt(0, text)).toContain(phpScope);
  });
});

describe('PHP embedded in HTML (text.html.php)', () => {
  const page = [
    '<p>socket_create() SOCK_STREAM</p>',
    '<?php $s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP); ?>',
    '<option value="<?= SOCK_DGRAM ?>"><?= socket_strerror(socket_last_error()) ?></option>',
    '<script>var backlog = <?= SOMAXCONN ?>; // socket_create()</script>',
    '<?php',
    '# socket_close($s);',
    'socket_close($s); ?><p>AF_INET</p>',
  ].join('\n');

  it('scopes calls and constants inside <?php ?> and <?= ?>', async () => {
    const h = await highlight(page, 'text.html.php');
    expect(expectSocketFunction(h, 1, 'socket_create')).toContain('meta.embedded.block.php');
    expectSocketConstant(h, 1, 'AF_INET');
    expectSocketConstant(h, 1, 'SOCK_STREAM');
    expectSocketConstant(h, 1, 'SOL_TCP');
    expectSocketFunction(h, 2, 'socket_strerror');
    expectSocketFunction(h, 2, 'socket_last_error');
    expectSocketFunction(h, 6, 'socket_close');
  });

  it('scopes PHP inside an HTML attribute value and a script', async () => {
    const h = await highlight(page, 'text.html.php');
    expect(expectSocketConstant(h, 2, 'SOCK_DGRAM')).toContain('string.quoted.double.html');
    expect(expectSocketConstant(h, 3, 'SOMAXCONN')).toContain('source.js');
  });

  it('leaves HTML text, script comments and PHP comments alone', async () => {
    const h = await highlight(page, 'text.html.php');
    expect(socketTokens(h, 0)).toEqual([]);
    expect(h.scopesAt(3, 'socket_create')).toContain('comment.line.double-slash.js');
    expect(h.scopesAt(3, 'socket_create')).not.toContain(FUNCTION_SCOPE);
    expect(socketTokens(h, 5)).toEqual([]);
    expect(h.scopesAt(6, 'AF_INET')).not.toContain(CONSTANT_SCOPE);
  });
});
