// The parse step's patches of php-parser (parse.ts: readArgumentsFaster, prepareNodesFaster) must
// build the very tree stock php-parser builds: compared node by node, prototypes, key order and
// positions included, on every PHP file of the repository and on a few texts made for the patches.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parserEngine } from '../../server/src/core/parse';

const root = join(__dirname, '..', '..');

function phpFiles(dir: string, found: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name === 'node_modules') continue;
    if (statSync(path).isDirectory()) phpFiles(path, found);
    else if (name.endsWith('.php')) found.push(path);
  }
  return found;
}

function stockEngine(withComments: boolean): { parseCode(text: string, file: string): unknown } {
  const { Engine } = createRequire(import.meta.url)('php-parser');
  return new Engine({ parser: { suppressErrors: true, extractDoc: withComments, version: '8.5' }, lexer: { short_tags: false }, ast: { withPositions: true } });
}

/** The first place two trees differ (a path and what is there on each side), or undefined. */
function difference(a: unknown, b: unknown, path = '$', seen = new Map<object, object>()): string | undefined {
  if (typeof a !== typeof b) return `${path}: ${typeof a} vs ${typeof b}`;
  if (a === null || b === null || typeof a !== 'object') return Object.is(a, b) ? undefined : `${path}: ${String(a)} vs ${String(b)}`;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  // A node met again (php-parser shares few objects, but a cycle must not loop): the same pairing.
  if (seen.has(x)) return seen.get(x) === y ? undefined : `${path}: shared differently`;
  seen.set(x, y);
  if (Object.getPrototypeOf(x)?.constructor?.name !== Object.getPrototypeOf(y)?.constructor?.name) return `${path}: prototype ${Object.getPrototypeOf(x)?.constructor?.name} vs ${Object.getPrototypeOf(y)?.constructor?.name}`;
  if (Array.isArray(x) !== Array.isArray(y)) return `${path}: array vs not`;
  const keysA = Object.keys(x);
  const keysB = Object.keys(y);
  if (keysA.join() !== keysB.join()) return `${path}: keys ${keysA.join()} vs ${keysB.join()}`;
  for (const key of keysA) {
    const found = difference(x[key], y[key], `${path}.${key}`, seen);
    if (found) return found;
  }
  return undefined;
}

const MADE_FOR_THE_PATCHES = [
  // Nodes php-parser starts and then drops (destroy()): true/false/null names, labels, lookups.
  '<?php $a = true; $b = FALSE; $c = null; $d = Foo; $e = \\Bar::X; $f = static::$g; goto end; end: echo 1;',
  // Swapped positions (a node with no token taken), empty blocks with only comments.
  '<?php if ($x) { /* only a comment */ } function f() { # nothing\n} class A { /** doc */ }',
  // Precedence, nested calls, arguments of every kind.
  '<?php $x = 1 + 2 * 3 - -4 ** 2 . "a" ?? $b ?: $c; f(...$a, b: 1, c: fn($x) => $x, d: new A(...), e: [1, 2 => 3]);',
  // Comments where doc comments would attach (leading, trailing, at the end of the file).
  '<?php\n/** leading */\nfunction g() {} // trailing\n$s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP); /* after */\n# last',
  // Broken input: the parser recovers, the partial tree must match too.
  '<?php function ( { $x = ; if ($a { socket_read($s, ',
];

describe('the parse fast paths', () => {
  const files = [...phpFiles(join(root, 'test')), ...phpFiles(join(root, 'examples'))];

  it('has a corpus', () => {
    expect(files.length).toBeGreaterThan(50);
  });

  for (const withComments of [false, true]) {
    it(`build the AST stock php-parser builds (${withComments ? 'with' : 'without'} comments) on every PHP file of the repository`, () => {
      const stock = stockEngine(withComments);
      const fast = parserEngine(withComments, false);
      const texts = [...files.map((file) => [file, readFileSync(file, 'utf8')] as const), ...MADE_FOR_THE_PATCHES.map((text, i) => [`made ${i}`, text] as const)];
      for (const [name, text] of texts) {
        let expected: unknown;
        let actual: unknown;
        try {
          expected = stock.parseCode(text, 'input.php');
        } catch (error) {
          expected = { threw: String(error) };
        }
        try {
          actual = fast.parseCode(text, 'input.php');
        } catch (error) {
          actual = { threw: String(error) };
        }
        expect(difference(actual, expected), name).toBeUndefined();
      }
    });
  }

  it('would see a difference (the comparison is not blind)', () => {
    const stock = stockEngine(false);
    const a = stock.parseCode('<?php $a = 1;', 'input.php');
    const b = stock.parseCode('<?php $a = 2;', 'input.php');
    expect(difference(a, b)).toContain('value');
    const c = stock.parseCode('<?php $a  = 1;', 'input.php');
    expect(difference(a, c)).toContain('loc.end');
  });
});
