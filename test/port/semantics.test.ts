// PHP semantics that JavaScript does not share, checked against the real PHP CLI: each program
// in semantics/ prints what PHP does for truthiness, loose comparison, byte strings, int/float
// arithmetic, interpolation, printf formats, PHP_NORMAL_READ, arrays, pack() and exit codes;
// its port must print the same bytes, warnings and exit status.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runProgram } from './support/processes';
import { PortWorkspace, REPO, type PortedProgram } from './support/workspace';
import { readFileSync } from 'node:fs';

const DIRECTORY = join(REPO, 'test/port/semantics');
const NAMES = readdirSync(DIRECTORY)
  .filter((file) => file.endsWith('.php'))
  .map((file) => file.slice(0, -4));

const workspace = new PortWorkspace();
const ported = new Map<string, PortedProgram>();
let typecheckOutput: Promise<string>;

beforeAll(() => {
  for (const name of NAMES) {
    const path = join(DIRECTORY, `${name}.php`);
    ported.set(name, workspace.port(name, readFileSync(path, 'utf8'), {}, path));
  }
  typecheckOutput = workspace.typecheck();
});

afterAll(() => workspace.dispose());

const exitsAtOnce = async () => ({});

describe('PHP semantics in ports', () => {
  test('the ports type-check with tsc --strict', async () => {
    expect(await typecheckOutput).toBe('');
  }, 60_000);

  test.concurrent.each(NAMES)('%s prints what PHP prints', async (name) => {
    const program = ported.get(name)!;
    expect(program.result.unported).toEqual([]);
    const [php, port] = await Promise.all([
      runProgram(['php', join(DIRECTORY, `${name}.php`)], exitsAtOnce),
      runProgram([process.execPath, program.mjsFile], exitsAtOnce),
    ]);
    expect(port.stdout).toBe(php.stdout);
    expect(port.stderr).toBe(php.stderr);
    expect(port.code).toBe(php.code);
  }, 30_000);
});
