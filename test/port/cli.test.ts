// `php-socket-lint port`: in-process runs of runPortCommand() with temporary files.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { runPortCommand } from '../../server/src/cli/port-command';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'port-cli-'));
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runPortCommand(argv, { stdout: { write: (text: string) => (stdout += text) }, stderr: { write: (text: string) => (stderr += text) } });
  return { code, stdout, stderr };
}

function php(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe('port command', () => {
  test('writes the port to stdout and exits 0 when everything was ported', async () => {
    const file = php('ok.php', '<?php echo "hi\\n";');
    const result = await run(file);
    expect(result).toMatchObject({ code: 0, stderr: 'port: the port imports ./php-runtime.js; write it with -o to get php-runtime.ts beside it\n' });
    expect(result.stdout).toContain("echo('hi\\n');");
    expect(result.stdout).toContain("from './php-runtime.js';");
  });

  test('-o writes php-runtime.ts beside the port once, replaces an older one of its own, keeps a newer one and leaves a foreign one alone, saying so', async () => {
    const runtimeFile = join(dir, 'php-runtime.ts');
    const first = await run(php('a.php', '<?php echo 1;'), '-o', join(dir, 'a.ts'));
    expect(first).toMatchObject({ code: 0, stderr: '' });
    const runtime = readFileSync(runtimeFile, 'utf8');
    expect(runtime).toContain('export function echo(');
    expect(readFileSync(join(dir, 'a.ts'), 'utf8')).toContain("import { echo, runMain } from './php-runtime.js';");
    const [header, versionLine] = runtime.split('\n').filter((line) => line.startsWith('// PHP runtime') || line.startsWith('// Runtime version: '));
    expect(versionLine).toMatch(/^\/\/ Runtime version: \d+\.\d+\.\d+\+[0-9a-f]{12}$/);
    const ours = /: (\S+)\+/.exec(versionLine!)![1]!;
    // The same one is kept without a word.
    expect(await run(php('a2.php', '<?php echo 1;'), '-o', join(dir, 'a2.ts'))).toMatchObject({ code: 0, stderr: '' });
    // An older runtime of this tool's (before versions, or of an older version, or another build) is replaced, and said so.
    const withVersion = (version: string) => `${header}\n// Runtime version: ${version}\n// older\n`;
    const cases = [
      [`${header}\n// older\n`, 'from an older php-socket-lint (before runtime versions)'],
      [withVersion('0.0.9+000000000000'), 'from php-socket-lint 0.0.9'],
      [withVersion(`${ours}+000000000000`), `from another build of php-socket-lint ${ours}`],
    ] as const;
    for (const [index, [older, said]] of cases.entries()) {
      writeFileSync(runtimeFile, older);
      const replaced = await run(php(`b${index}.php`, '<?php echo 2;'), '-o', join(dir, `b${index}.ts`));
      expect(replaced.code).toBe(0);
      expect(replaced.stderr).toBe(`port: php-runtime.ts beside the port was ${said}; it is replaced by ${ours}'s (ports beside it made with the other may need porting again)\n`);
      expect(readFileSync(runtimeFile, 'utf8')).toBe(runtime);
    }
    // A newer one is kept (its own ports may need it), unless --force.
    writeFileSync(runtimeFile, withVersion('99.0.0+000000000000'));
    const kept = await run(php('n.php', '<?php echo 2;'), '-o', join(dir, 'n.ts'));
    expect(kept.code).toBe(0);
    expect(kept.stderr).toBe(`port: php-runtime.ts beside the port is from a newer php-socket-lint (99.0.0; this is ${ours}) and is left as it is: the port may need this version's runtime (--force replaces it)\n`);
    expect(readFileSync(runtimeFile, 'utf8')).toBe(withVersion('99.0.0+000000000000'));
    const forced = await run(php('n2.php', '<?php echo 2;'), '-o', join(dir, 'n2.ts'), '--force');
    expect(forced.stderr).toBe(`port: php-runtime.ts beside the port is from a newer php-socket-lint (99.0.0; this is ${ours}); it is replaced, as asked\n`);
    expect(readFileSync(runtimeFile, 'utf8')).toBe(runtime);
    // A file of the user's by that name stops the port, unless --force.
    writeFileSync(runtimeFile, '// mine\n');
    const refused = await run(php('c.php', '<?php echo 3;'), '-o', join(dir, 'c.ts'));
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("php-runtime.ts exists and is not php-socket-lint's runtime");
    expect(readFileSync(runtimeFile, 'utf8')).toBe('// mine\n');
    expect((await run(php('c.php', '<?php echo 3;'), '-o', join(dir, 'c.ts'), '--force')).code).toBe(0);
    expect(readFileSync(runtimeFile, 'utf8')).toBe(runtime);
  });

  test('writes to -o, refuses to overwrite without --force (exit 2), overwrites with it', async () => {
    const file = php('ok.php', '<?php echo 1;');
    const out = join(dir, 'ok.ts');
    expect(await run(file, '-o', out)).toMatchObject({ code: 0, stdout: '' });
    expect(readFileSync(out, 'utf8')).toContain('echo(1);');
    writeFileSync(out, 'keep me');
    const refused = await run(file, '-o', out);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('exists; use --force');
    expect(readFileSync(out, 'utf8')).toBe('keep me');
    expect((await run(file, '-o', out, '--force')).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('echo(1);');
  });

  test('lists what was not ported as file:line: reason: php and exits 1', async () => {
    const file = php('partial.php', '<?php\necho 1;\n$o = new class {};\n$x = new A();\n');
    const result = await run(file);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`${file}:3: anonymous classes are not ported: new class {}\n${file}:4: the class A is neither the program's nor one of PHP's exception classes: new A()\nport: the port imports ./php-runtime.js; write it with -o to get php-runtime.ts beside it\n`);
    // A parenthesized receiver is part of the PHP the report quotes.
    const parenthesized = await run(php('paren.php', '<?php\n(new A(1))->run();\n'));
    expect(parenthesized.stderr).toContain(`${file.replace('partial', 'paren')}:2: a method call on a value of a class the port cannot tell is not ported: (new A(1))->run()\n`);
    expect(result.stdout).toContain('// TODO(port): anonymous classes are not ported: new class {}');
  });

  test('usage errors and unreadable input exit 2', async () => {
    expect((await run()).code).toBe(2);
    expect((await run('a.php', 'b.php')).code).toBe(2);
    expect((await run('--bogus', 'a.php')).code).toBe(2);
    const missing = await run(join(dir, 'missing.php'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read');
    expect((await run('--help')).code).toBe(0);
  });
});
