// Files PHP does not run as their authors did, though php-parser reads them: PHP 8 refuses some
// when it compiles them (their ports print PHP's own fatal error, with the file and line, which the
// port knows, and run nothing), and with php.ini's short_open_tag=Off prints `<?` code as text
// (so do their ports). Each program in refused/ runs under php (with short_open_tag=Off, whatever
// this machine's php.ini says) and ported; the outputs are compared byte for byte.
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

describe('files PHP does not run as code', () => {
  test.each(NAMES)('%s: the port does what php does', async (name) => {
    const path = join(DIRECTORY, `${name}.php`);
    const ported = workspace.port(name, readFileSync(path, 'utf8'), {}, path);
    expect(ported.result.unported.map((entry) => entry.reason)).toEqual([expect.stringMatching(/^PHP (8 does not compile this file: |prints `<\?` code as text)/)]);
    expect(await workspace.typecheck()).toBe('');
    const php = run('php', ['-d', 'short_open_tag=0', path]);
    expect(run(process.execPath, [ported.mjsFile])).toEqual(php);
  }, 60_000);

  test('a compile-time refusal exits 255 and a short-tag file 0, as php does', () => {
    expect(run('php', [join(DIRECTORY, 'brace-offset.php')]).status).toBe(255);
    expect(run('php', ['-d', 'short_open_tag=0', join(DIRECTORY, 'short-open-tag.php')]).status).toBe(0);
  });

  test('braces that are not an offset are ported', () => {
    const text = '<?php $a = ["x" => 1]; $o = new stdClass(); $o->{"x"} = 2; echo "{$a["x"]}", ${"a"}["x"] ?? 0, "\\n";';
    const reasons = portPhpToTypeScript(text, 'braces.php', { faithful: true }).unported.map((entry) => entry.reason);
    expect(reasons.filter((reason) => reason.startsWith('PHP 8'))).toEqual([]);
  });
});
