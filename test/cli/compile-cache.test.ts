// bin/load-bundle.js: on Node 20 the bins keep V8's compiled code of their bundle in the user's
// cache directory (Node 22.1+ keeps it itself, and there the bins only switch Node's on). The
// real CLI, spawned with a cache directory of the test's own.
import Module from 'node:module';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { fixture, makeTree, removeTrees, ROOT, runCli } from './cli-harness';

afterAll(removeTrees);

const cacheHomes: string[] = [];
afterAll(() => {
  for (const home of cacheHomes) rmSync(home, { recursive: true, force: true });
});

function cacheHome(): string {
  const home = mkdtempSync(join(tmpdir(), 'php-socket-lint-xdg-'));
  cacheHomes.push(home);
  return home;
}

/** `--version` of a copy of the bins and the CLI bundle. */
async function runCliAt(copy: string, home: string): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, [join(copy, 'bin/php-socket-lint.js'), '--version'], { env: { ...process.env, XDG_CACHE_HOME: home } });
  return stdout;
}

function cacheFiles(home: string): string[] {
  try {
    return readdirSync(join(home, 'php-socket-lint', 'v8-code-cache'));
  } catch {
    return [];
  }
}

const nodeKeepsItsOwn = typeof (Module as { enableCompileCache?: unknown }).enableCompileCache === 'function';

describe.skipIf(nodeKeepsItsOwn)('the bins keep V8 code caches on Node 20', () => {
  const cwd = makeTree({ 'udp.php': fixture('udp-listen.php') });

  it('writes one cache file for the CLI bundle, and the next run reads it with the same report', async () => {
    const home = cacheHome();
    const first = await runCli(['-f', 'json', 'udp.php'], { cwd, env: { XDG_CACHE_HOME: home } });
    expect(cacheFiles(home)).toEqual([expect.stringMatching(/^cli-[0-9a-f]{32}\.bin$/)]);
    const [file] = cacheFiles(home);
    const written = readFileSync(join(home, 'php-socket-lint', 'v8-code-cache', file!));
    const second = await runCli(['-f', 'json', 'udp.php'], { cwd, env: { XDG_CACHE_HOME: home } });
    expect({ code: second.code, stdout: second.stdout, stderr: second.stderr }).toEqual({ code: first.code, stdout: first.stdout, stderr: first.stderr });
    expect(first.stdout).toContain('listen-on-datagram');
    // A cache V8 accepted is not written again.
    expect(readFileSync(join(home, 'php-socket-lint', 'v8-code-cache', file!)).equals(written)).toBe(true);
  });

  it('ignores a damaged cache file and replaces it', async () => {
    const home = cacheHome();
    await runCli(['--version'], { cwd, env: { XDG_CACHE_HOME: home } });
    const [file] = cacheFiles(home);
    const path = join(home, 'php-socket-lint', 'v8-code-cache', file!);
    writeFileSync(path, 'not a code cache');
    const run = await runCli(['-f', 'json', 'udp.php'], { cwd, env: { XDG_CACHE_HOME: home } });
    expect(run.stdout).toContain('listen-on-datagram');
    expect(readFileSync(path).length).toBeGreaterThan(1000);
  });

  it('runs the lazily loaded port command, and writes nothing with NODE_DISABLE_COMPILE_CACHE=1', async () => {
    const home = cacheHome();
    const port = await runCli(['port', 'udp.php'], { cwd, env: { XDG_CACHE_HOME: home } });
    expect(port.stdout).toContain('Ported from udp.php by php-socket-lint');
    const disabled = cacheHome();
    const run = await runCli(['-f', 'json', 'udp.php'], { cwd, env: { XDG_CACHE_HOME: disabled, NODE_DISABLE_COMPILE_CACHE: '1' } });
    expect(run.stdout).toContain('listen-on-datagram');
    expect(cacheFiles(disabled)).toEqual([]);
  });

  it('runs and ends when the cache home is under /proc, where a recursive mkdir never returns', async () => {
    const run = await runCli(['-f', 'json', 'udp.php'], { cwd, env: { XDG_CACHE_HOME: '/proc/php-socket-lint-none' } });
    expect(run.stdout).toContain('listen-on-datagram');
  }, 20_000);

  // V8 checks only a cached script's length: a bundle rewritten with the same length (a release
  // that changes one digit of the version), even with the mtime npm gives every file, must not
  // meet the older bundle's compiled code.
  it('keys the cache by the bundle file: a rewrite of the same length, with the same mtime, gets its own', async () => {
    const home = cacheHome();
    const copy = makeTree({ 'bin/load-bundle.js': readFileSync(join(ROOT, 'bin/load-bundle.js')), 'bin/php-socket-lint.js': readFileSync(join(ROOT, 'bin/php-socket-lint.js')), 'dist/cli.js': readFileSync(join(ROOT, 'dist/cli.js')) });
    const bundle = join(copy, 'dist/cli.js');
    const version = (await runCliAt(copy, home)).trim();
    const original = statSync(bundle);
    const other = version.replace(/\d(?=\D*$)/, (digit) => String((Number(digit) + 1) % 10));
    const text = readFileSync(bundle, 'utf8');
    expect(text.split(`"${version}"`).length).toBeGreaterThan(1);
    writeFileSync(bundle, text.replaceAll(`"${version}"`, `"${other}"`));
    utimesSync(bundle, original.atime, original.mtime);
    expect(statSync(bundle).size).toBe(original.size);
    expect((await runCliAt(copy, home)).trim()).toBe(other);
    expect(cacheFiles(home)).toHaveLength(2);
  });

  it('runs when the cache directory cannot be made', async () => {
    const home = cacheHome();
    writeFileSync(join(home, 'php-socket-lint'), 'a file where the directory would go');
    const run = await runCli(['-f', 'json', 'udp.php'], { cwd, env: { XDG_CACHE_HOME: home } });
    expect(run.stdout).toContain('listen-on-datagram');
    expect(run.stderr).toBe('');
  });
});
