// The runtime a port embeds: its generated files are up to date, its errno texts are the real
// PHP's, and every piece compiles on its own with the pieces it names (so a port that uses only
// one helper still type-checks).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { ERRNO_TEXTS } from '../../server/src/port/runtime/errno.generated';
import { RUNTIME_PIECES } from '../../server/src/port/runtime/pieces.generated';
import { runtimeSource } from '../../server/src/port/runtime/pieces';
import { PortWorkspace, REPO } from './support/workspace';

const RUNTIME = join(REPO, 'server/src/port/runtime');

describe('port runtime', () => {
  const workspace = new PortWorkspace();
  afterAll(() => workspace.dispose());

  test('the generated pieces and constants match the runtime sources (node server/src/port/runtime/generate.mjs)', async () => {
    const generator = (await import(join(RUNTIME, 'generate.mjs'))) as { generatePieces(): string; generateConstants(): string };
    expect(readFileSync(join(RUNTIME, 'pieces.generated.ts'), 'utf8')).toBe(generator.generatePieces());
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

  test('each piece type-checks with only its dependencies', async () => {
    for (const piece of RUNTIME_PIECES) {
      const { imports, code } = runtimeSource([piece.name]);
      writeFileSync(join(workspace.dir, `piece-${piece.name}.ts`), `${imports.join('\n')}\n${code}\nexport {};\n`);
    }
    expect(await workspace.typecheck()).toBe('');
  }, 60_000);
});
