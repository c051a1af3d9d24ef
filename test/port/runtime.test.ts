// The runtime module the ports import (php-runtime.ts): its generated files are up to date, its
// errno texts are the real PHP's, and it compiles under tsc --strict on its own and with a port
// that imports every name it exports.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { ERRNO_TEXTS } from '../../server/src/port/runtime/errno.generated';
import { RUNTIME_EXPORTS, RUNTIME_FILE, RUNTIME_SOURCE } from '../../server/src/port/runtime/module.generated';
import { runtimeImport } from '../../server/src/port/runtime/module';
import { PortWorkspace, REPO } from './support/workspace';

const RUNTIME = join(REPO, 'server/src/port/runtime');

describe('port runtime', () => {
  const workspace = new PortWorkspace();
  afterAll(() => workspace.dispose());

  test('the generated module and constants match the runtime sources (node server/src/port/runtime/generate.mjs)', async () => {
    const generator = (await import(join(RUNTIME, 'generate.mjs'))) as { generateModule(): string; generateConstants(): string };
    expect(readFileSync(join(RUNTIME, 'module.generated.ts'), 'utf8')).toBe(generator.generateModule());
    expect(readFileSync(join(RUNTIME, 'socket-constants.generated.ts'), 'utf8')).toBe(generator.generateConstants());
  });

  test('socket_strerror() texts are the ones this PHP gives (node scripts/gen-errno.mjs)', () => {
    const codes = Object.keys(ERRNO_TEXTS).map(Number);
    const php = JSON.parse(
      execFileSync('php', ['-r', 'echo json_encode(array_map("socket_strerror", json_decode($argv[1])));', JSON.stringify([...codes, 134, 999])], { encoding: 'utf8' }),
    ) as string[];
    expect(php.slice(0, codes.length)).toEqual(codes.map((code) => ERRNO_TEXTS[code]));
    // Past the table, glibc and the runtime both say "Unknown error N".
    expect(php.slice(codes.length)).toEqual(['Unknown error 134', 'Unknown error 999']);
  });

  test('the module type-checks alone and with a port importing every name it exports', async () => {
    writeFileSync(join(workspace.dir, RUNTIME_FILE), RUNTIME_SOURCE);
    const everything = runtimeImport(RUNTIME_EXPORTS.map((entry) => entry.name));
    expect(everything).toContain(`type PhpValue`);
    writeFileSync(join(workspace.dir, 'imports-all.ts'), `${everything}\nexport {};\n`);
    expect(await workspace.typecheck()).toBe('');
  }, 60_000);

  test('an export the port awaits is async, and one it does not is not', () => {
    const asyncNames = new Set(RUNTIME_EXPORTS.filter((entry) => entry.async).map((entry) => entry.name));
    expect(asyncNames.has('socket_accept') && asyncNames.has('socket_select') && asyncNames.has('socket_read')).toBe(true);
    expect(asyncNames.has('socket_create') || asyncNames.has('toStr') || asyncNames.has('PhpArray')).toBe(false);
  });
});
