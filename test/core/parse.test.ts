// The parse step: names resolved once, comments from the parser's tokens, any depth.
import { describe, expect, it } from 'vitest';
import { calledFunctionName, type PhpNode } from '../../server/src/core/ast';
import { createRequire } from 'node:module';
import { fileFacts, resolveNames } from '../../server/src/core/names';
import { parsePhp } from '../../server/src/core/parse';
import { phpSyntaxError } from '../support/php';

function calls(text: string): (string | undefined)[] {
  const found: (string | undefined)[] = [];
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if ((node as PhpNode).kind === 'call') found.push(calledFunctionName(node as PhpNode));
    for (const [key, value] of Object.entries(node)) if (key !== 'loc') (Array.isArray(value) ? value : [value]).forEach(visit);
  };
  visit(parsePhp(text).program);
  return found;
}

describe('syntax', () => {
  it('reads clone($x), which every PHP 8 accepts', () => {
    for (const code of ['<?php $copy = clone($query);', '<?php $copy = clone $query;', '<?php $x = (clone $a)->b;']) expect(parsePhp(code).errors).toEqual([]);
  });

  // php-parser takes `f(&$x)` (removed in PHP 5.4); PHP 8 does not, so neither do we.
  it('rejects call-time pass-by-reference as PHP 8 does, and keeps the references PHP 8 allows', async () => {
    const removed = '<?php $fp = fsockopen("example.com", 80, &$errno, $errstr);\n$o->read(&$buf[1]);\nnew Peer(& $this->sock);';
    const message = 'syntax error, unexpected token "&" (call-time pass-by-reference, removed in PHP 5.4)';
    expect(parsePhp(removed).errors).toEqual([41, 69, 89].map((offset) => ({ message, offset })));
    expect(await phpSyntaxError(removed)).toContain('unexpected token "&"');
    const allowed = '<?php foreach ($all as &$v) {}\n$f = function (&$p) use (&$u) { return fn(&$q) => $q; };\n$r = [&$k];\n$a = &$b;\nsocket_select($r, $w, $e, 0);';
    expect(parsePhp(allowed).errors).toEqual([]);
    expect(await phpSyntaxError(allowed)).toBeNull();
  });
});

describe('arguments', () => {
  // parsePhp() answers the common argument (no `...`, name or keyword first) without php-parser's keyword list.
  it('read as php-parser itself reads them: named (keywords too), spread, placeholder and plain', () => {
    const code = `<?php
socket_set_option($s, level: SOL_SOCKET, option: SO_REUSEADDR, value: 1);
f(array: [1], class: $c, fn: 2, default: 3, static: 4, list: 5, match: 6, print: 7);
f(...$args); f(...); f(PHP_EOL, strlen: 1, $x, "s", 0x1f, -1, fn($a) => $a, new A(), A::B, $o->m(x: 1));
f(array(1), list($a) = $b, print "x", static fn() => 1, match($x) { default => 1 });
new Peer(host: 'h', port: 80); $o?->send(data: $d, ...$rest);
f(array: );`;
    const { Engine } = createRequire(import.meta.url)('php-parser');
    const bare = new Engine({ parser: { suppressErrors: true, extractDoc: false, version: '8.5' }, ast: { withPositions: true } });
    const expected = bare.parseCode(code, 'input.php');
    resolveNames(expected, code);
    const { program } = parsePhp(code);
    expect(JSON.stringify(program)).toBe(JSON.stringify(expected));
    expect(JSON.stringify(program)).toContain('"name":"fn","value"');
  });
});

describe('names', () => {
  it('resolve as PHP resolves them', () => {
    expect(calls('<?php socket_read(); \\socket_read(); namespace\\socket_read(); A\\socket_read();')).toEqual(['socket_read', 'socket_read', 'socket_read', undefined]);
    expect(calls('<?php namespace App; socket_read(); \\socket_read(); namespace\\socket_read(); A\\socket_read();')).toEqual(['socket_read', 'socket_read', undefined, undefined]);
    expect(calls('<?php namespace App; use function socket_read; use function Safe\\socket_write; use function \\socket_accept as accept; socket_read(); socket_write(); accept(); SOCKET_READ();'))
      .toEqual(['socket_read', undefined, 'socket_accept', 'socket_read']);
    expect(calls('<?php namespace A { use function Safe\\socket_write; socket_write(); } namespace B { socket_write(); }')).toEqual([undefined, 'socket_write']);
  });

  it('give the file facts from the tree, not the text', () => {
    expect(fileFacts(parsePhp('<?php echo "include global eval(", \'$GLOBALS\';').program)).toEqual({ globalNames: new Set(), sharesAllGlobals: false });
    expect(fileFacts(parsePhp('<?php function f() { global $a, $b; }').program)).toEqual({ globalNames: new Set(['a', 'b']), sharesAllGlobals: false });
    for (const code of ['<?php require_once "x.php";', '<?php $x = $GLOBALS["a"];', '<?php eval($code);', '<?php if ($x) { include $f; }']) {
      expect(fileFacts(parsePhp(code).program).sharesAllGlobals, code).toBe(true);
    }
  });

  it('survive nesting thousands deep', () => {
    const depth = 20_000;
    const text = '<?php $x = ' + '['.repeat(depth) + ']'.repeat(depth) + '; socket_read($s, 1);';
    expect(() => parsePhp(text)).not.toThrow();
  });
});

describe('comments', () => {
  it('come from the tokens: a comment marker inside a string is none', () => {
    const text = '<?php\r\n// php-socket-lint-disable-next-line\r\n$a = "// php-socket-lint-disable-line"; # hash\r\n/* block */ $b = 1;';
    const { comments, program } = parsePhp(text);
    expect(comments.map((comment) => [comment.kind, comment.text, text.slice(...comment.range)])).toEqual([
      ['line', '// php-socket-lint-disable-next-line', '// php-socket-lint-disable-next-line'],
      ['line', '# hash', '# hash'],
      ['block', '/* block */', '/* block */'],
    ]);
    expect(JSON.stringify(program)).not.toContain('Comments');
  });

  it('are collected only when asked, or when the text names a directive', () => {
    expect(parsePhp('<?php // plain\n$a = 1;').comments).toEqual([]);
    expect(parsePhp('<?php // plain\n$a = 1;', 'a.php', { comments: true }).comments).toHaveLength(1);
  });
});

describe('analysis of deep input', () => {
  it('reports running out of stack as analysisTooDeep, not as a syntax error', async () => {
    const { lintText } = await import('../../server/src/core/lint');
    const text = '<?php $s = socket_create(AF_INET, SOCK_STREAM, 0);\n$x = ' + '!'.repeat(50_000) + '$s;';
    const internal = lintText(text).findings.filter((finding) => finding.ruleId === null);
    expect(internal.map((finding) => [finding.messageId, finding.message])).toEqual([['analysisTooDeep', 'Analysis error: the file nests too deeply to parse']]);
    const shallow = '<?php $s = socket_create(AF_INET, SOCK_STREAM, 0);\n$x = ' + '!'.repeat(500) + '$s;';
    expect(lintText(shallow).findings.filter((finding) => finding.ruleId === null)).toEqual([]);
  });
});
