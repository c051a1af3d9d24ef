// The grammar is generated from the same ext/sockets table the linter uses;
// these tests fail when the two drift apart or the extension stops shipping it.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import table from '../../server/src/core/ext-sockets.json';
import {
  CONSTANT_SCOPE,
  FUNCTION_SCOPE,
  INJECTION_PATH,
  INJECTION_SCOPE,
  highlight,
} from './tokenize';

const repoRoot = resolve(import.meta.dirname, '../..');
const functionNames = Object.keys(table.functions);
const constantNames = Object.keys(table.constants);

describe('grammar and ext-sockets.json agree', () => {
  it('the checked-in grammar is what the generator writes now', () => {
    const generated = execFileSync(process.execPath, ['scripts/gen-grammar.mjs', '--stdout'], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    expect(readFileSync(INJECTION_PATH, 'utf8')).toBe(generated);
  });

  it('covers a non-trivial table', () => {
    expect(functionNames).toContain('socket_create');
    expect(constantNames).toEqual(expect.arrayContaining(['AF_INET', 'SOCK_STREAM', 'SOMAXCONN']));
    expect(functionNames.length).toBeGreaterThan(30);
    expect(constantNames.length).toBeGreaterThan(100);
  });

  it('scopes a call of every function in the table, in any case', async () => {
    const calls = functionNames.flatMap((name) => [`${name}($x);`, `\\${name.toUpperCase()} ($x);`]);
    const h = await highlight(calls.join('\n'));
    calls.forEach((_call, line) => {
      const name = functionNames[Math.floor(line / 2)] ?? '';
      const token = h.tokenAt(line, line % 2 === 0 ? name : name.toUpperCase());
      expect(token.scopes, calls[line]).toContain(FUNCTION_SCOPE);
      expect(token.text.toLowerCase(), calls[line]).toBe(name);
    });
  });

  it('scopes every constant in the table', async () => {
    const uses = constantNames.map((name) => `$x = ${name};`);
    const h = await highlight(uses.join('\n'));
    constantNames.forEach((name, line) => {
      const token = h.tokenAt(line, name);
      expect(token.scopes, name).toContain(CONSTANT_SCOPE);
      expect(token.text, name).toBe(name);
    });
  });
});

describe('package.json contributes the grammar to VS Code', () => {
  const manifest = JSON.parse(readFileSync(resolve(repoRoot, 'package.json'), 'utf8')) as {
    contributes?: { grammars?: { scopeName?: string; path?: string; injectTo?: string[] }[] };
  };
  const entry = manifest.contributes?.grammars?.find((g) => g.scopeName === INJECTION_SCOPE);

  it('as an injection into PHP and PHP-in-HTML', () => {
    expect(entry?.injectTo).toEqual(['source.php', 'text.html.php']);
    expect(resolve(repoRoot, entry?.path ?? '')).toBe(INJECTION_PATH);
  });

  it('with a grammar whose scope name and selector match', () => {
    const grammar = JSON.parse(readFileSync(INJECTION_PATH, 'utf8')) as {
      scopeName: string;
      injectionSelector: string;
    };
    expect(grammar.scopeName).toBe(INJECTION_SCOPE);
    expect(grammar.injectionSelector).toMatch(/^L:source\.php /);
  });
});
