// Files PHP 8 refuses when it compiles them, though php-parser reads them: their ports print
// PHP's own fatal error (with the file and line, which the port knows) and run nothing, as php
// does. Each program in refused/ runs under php and ported; the outputs are compared byte for byte.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { portPhpToTypeScript } from '../../server/src/port/index';
import { PortWorkspace, REPO } from './support/workspace';

const DIRECTORY = join(REPO, 'test/port/refused');
const NAMES = readdirSync(DIRECTORY)
  .filter((file) => file.endsWith('.php'))
  .map((file) => file.slice(0, -4));

const workspace = new PortWorkspace();
afterAll(() => workspace.dispose());

const run = (command: string, args: string[]) => {
  const { stdout, stderr, status } = spawnSync(command, args, { encoding: 'latin1', timeout: 15_000 });
  return { stdout, stderr, status };
};

describe('files PHP 8 does not compile', () => {
  test.each(NAMES)('%s: the port fails as php does', async (name) => {
    const path = join(DIRECTORY, `${name}.php`);
    const ported = workspace.port(name, readFileSync(path, 'utf8'), {}, path);
    expect(ported.result.unported.map((entry) => entry.reason)).toEqual([expect.stringMatching(/^PHP 8 does not compile this file: /)]);
    expect(await workspace.typecheck()).toBe('');
    const php = run('php', [path]);
    expect(php.status).toBe(255);
    expect(run(process.execPath, [ported.mjsFile])).toEqual(php);
  }, 60_000);

  test('braces that are not an offset are ported', () => {
    const text = '<?php $a = ["x" => 1]; $o = new stdClass(); $o->{"x"} = 2; echo "{$a["x"]}", ${"a"}["x"] ?? 0, "\\n";';
    const reasons = portPhpToTypeScript(text, 'braces.php', { faithful: true }).unported.map((entry) => entry.reason);
    expect(reasons.filter((reason) => reason.startsWith('PHP 8'))).toEqual([]);
  });
});
