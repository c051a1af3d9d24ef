// Every PHP file in the repository (examples, fixtures, these tests' programs) ports without
// the engine failing, and every port type-checks, however much of the file is left unported.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { PortWorkspace, REPO } from './support/workspace';

const workspace = new PortWorkspace();
afterAll(() => workspace.dispose());

const files = execFileSync('git', ['ls-files', '*.php'], { cwd: REPO, encoding: 'utf8' }).split('\n').filter(Boolean);

test('every PHP file in the repository ports and type-checks', async () => {
  expect(files.length).toBeGreaterThan(10);
  for (const file of files) {
    const name = file.replace(/[^A-Za-z0-9]+/g, '-');
    const { result } = workspace.port(name, readFileSync(join(REPO, file), 'utf8'));
    expect(result.unported.map((item) => item.reason).filter((reason) => reason.startsWith('the port failed')), file).toEqual([]);
  }
  expect(await workspace.typecheck()).toBe('');
}, 60_000);
