// bin/load-bundle.js: on Node 20 the bins keep V8's compiled code of their bundle in the user's
// cache directory (Node 22.1+ keeps it itself, and there the bins only switch Node's on). The
// real CLI, spawned with a cache directory of the test's own.
import Module from 'node:module';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixture, makeTree, removeTrees, runCli } from './cli-harness';

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

  it('runs when the cache directory cannot be made', async () => {
    const home = cacheHome();
    writeFileSync(join(home, 'php-socket-lint'), 'a file where the directory would go');
    const run = await runCli(['-f', 'json', 'udp.php'], { cwd, env: { XDG_CACHE_HOME: home } });
    expect(run.stdout).toContain('listen-on-datagram');
    expect(run.stderr).toBe('');
  });
});
