// --cache through the real CLI. A planted result in the cache file shows when a result came from
// the cache rather than from linting; touching sizes, times, bytes, settings and the file itself
// shows when it must not.
import { readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixture, makeTree, parseJsonReport, removeTrees, resultFor, runCli } from './cli-harness';

afterAll(removeTrees);

const CACHE = '.phpsocketlintcache';
const PLANTED = 'planted in the cache';

/** Replaces the cached result's messages of `file` with one planted message. */
function plant(cwd: string, file: string): void {
  const cache = JSON.parse(readFileSync(join(cwd, CACHE), 'utf8'));
  const entry = cache.entries[join(cwd, file)];
  entry.result.messages = [{ ruleId: 'udp-connect', severity: 1, level: 'warning', message: PLANTED, line: 1, column: 1 }];
  writeFileSync(join(cwd, CACHE), JSON.stringify(cache));
}

async function messagesOf(cwd: string, args: string[], file = 'udp.php'): Promise<string[]> {
  const run = await runCli(['-f', 'json', ...args, '.'], { cwd });
  return resultFor(parseJsonReport(run), file).messages.map((m) => m.message);
}

function tree() {
  return makeTree({ 'udp.php': fixture('udp-listen.php'), 'clean.php': fixture('clean.php') });
}

describe('--cache', () => {
  it('takes an unchanged file from the cache (metadata: size and mtime; the file is not read)', async () => {
    const cwd = tree();
    const path = join(cwd, 'udp.php');
    // A whole second: exact in the double utimes takes, so setting it again gives the same mtime.
    const stamp = Math.floor(Date.now() / 1000) - 60;
    utimesSync(path, stamp, stamp);
    const cold = await messagesOf(cwd, ['--cache']);
    expect(cold).toEqual([expect.stringContaining('SOCK_DGRAM')]);
    plant(cwd, 'udp.php');
    utimesSync(join(cwd, CACHE), stamp, stamp);
    expect(await messagesOf(cwd, ['--cache'])).toEqual([PLANTED]);
    // A warm run that linted nothing does not write the cache file again.
    expect(statSync(join(cwd, CACHE)).mtimeMs).toBe(stamp * 1000);
    // Same size, same mtime, other bytes: the metadata strategy does not read the file.
    const renamed = readFileSync(path, 'utf8').replace('socket_listen(', 'socket_listex(');
    expect(renamed.length).toBe(statSync(path).size);
    writeFileSync(path, renamed);
    utimesSync(path, stamp, stamp);
    expect(await messagesOf(cwd, ['--cache'])).toEqual([PLANTED]);
    // The content strategy hashes the bytes: changed bytes are linted again.
    expect(await messagesOf(cwd, ['--cache', '--cache-strategy', 'content'])).not.toContain(PLANTED);
  });

  it('lints again when the file, the settings or the tool version change', async () => {
    const cwd = tree();
    await messagesOf(cwd, ['--cache']);
    plant(cwd, 'udp.php');
    expect(await messagesOf(cwd, ['--cache', '--rule', 'udp-connect=off'])).toEqual([expect.stringContaining('SOCK_DGRAM')]);
    plant(cwd, 'udp.php');
    writeFileSync(join(cwd, '.phpsocketlintrc.json'), '{ "somaxconn": 128 }');
    expect(await messagesOf(cwd, ['--cache'])).not.toContain(PLANTED);
    plant(cwd, 'udp.php');
    const cache = JSON.parse(readFileSync(join(cwd, CACHE), 'utf8'));
    writeFileSync(join(cwd, CACHE), JSON.stringify({ ...cache, key: 'written by php-socket-lint 0.0.1' }));
    expect(await messagesOf(cwd, ['--cache'])).not.toContain(PLANTED);
    plant(cwd, 'udp.php');
    writeFileSync(join(cwd, 'udp.php'), `${fixture('udp-listen.php')}\n`);
    expect(await messagesOf(cwd, ['--cache'])).toEqual([expect.stringContaining('SOCK_DGRAM')]);
  });

  it("keys each file by its own config: a package's config change lints that package again, and only it", async () => {
    const cwd = makeTree({ 'a/udp.php': fixture('udp-listen.php'), 'b/udp.php': fixture('udp-listen.php'), 'b/.phpsocketlintrc.json': '{ "somaxconn": 128 }' });
    await messagesOf(cwd, ['--cache'], 'a/udp.php');
    plant(cwd, 'a/udp.php');
    plant(cwd, 'b/udp.php');
    writeFileSync(join(cwd, 'b/.phpsocketlintrc.json'), '{ "somaxconn": 256 }');
    expect(await messagesOf(cwd, ['--cache'], 'a/udp.php')).toEqual([PLANTED]);
    expect(await messagesOf(cwd, ['--cache'], 'b/udp.php')).toEqual([expect.stringContaining('SOCK_DGRAM')]);
    // A config added where there was none moves the directory: its files are linted again too.
    plant(cwd, 'a/udp.php');
    writeFileSync(join(cwd, 'a/.phpsocketlintrc.json'), '{ "rules": { "listen-on-datagram": "off" } }');
    expect(await messagesOf(cwd, ['--cache'], 'a/udp.php')).toEqual([]);
  });

  it('sets a corrupt or foreign cache file aside with a warning and rebuilds it', async () => {
    const cwd = tree();
    for (const junk of ['{ not json', JSON.stringify({ format: 'eslint', entries: {} }), JSON.stringify({ format: 'php-socket-lint-cache/1', key: 'k', entries: { x: { size: 'big' } } }), JSON.stringify({ format: 'php-socket-lint-cache/1', key: 'k', entries: {}, listings: [] })]) {
      writeFileSync(join(cwd, CACHE), junk);
      const run = await runCli(['-f', 'json', '--cache', '.'], { cwd });
      expect(run.stderr).toContain('is not a php-socket-lint cache (corrupt, or another tool\'s): ignored, and rebuilt.');
      expect(resultFor(parseJsonReport(run), 'udp.php').messages.map((m) => m.ruleId)).toEqual(['listen-on-datagram']);
      expect(JSON.parse(readFileSync(join(cwd, CACHE), 'utf8')).format).toBe('php-socket-lint-cache/1');
    }
  });

  it('distrusts a current cache file with a malformed entry: a warning, the file linted, the cache rebuilt', async () => {
    const cwd = tree();
    await messagesOf(cwd, ['--cache']);
    // Entries are checked when looked up, not all at load: this one has the current key.
    const cache = JSON.parse(readFileSync(join(cwd, CACHE), 'utf8'));
    cache.entries[join(cwd, 'udp.php')] = { size: 'big', mtimeMs: 0, result: { filePath: 1 } };
    writeFileSync(join(cwd, CACHE), JSON.stringify(cache));
    const run = await runCli(['-f', 'json', '--cache', '.'], { cwd });
    expect(run.stderr).toContain('is not a php-socket-lint cache (corrupt, or another tool\'s): ignored, and rebuilt.');
    expect(resultFor(parseJsonReport(run), 'udp.php').messages.map((m) => m.ruleId)).toEqual(['listen-on-datagram']);
    expect(JSON.parse(readFileSync(join(cwd, CACHE), 'utf8')).entries[join(cwd, 'udp.php')].size).toBe(statSync(join(cwd, 'udp.php')).size);
    // A clean file's entry holds no result: it is rebuilt from the path.
    expect(JSON.parse(readFileSync(join(cwd, CACHE), 'utf8')).entries[join(cwd, 'clean.php')]).not.toHaveProperty('result');
  });

  it('keeps directory listings: an unchanged directory is not listed again, a changed one is, a just-changed one is not kept', async () => {
    const cwd = makeTree({ 'udp.php': fixture('udp-listen.php'), 'src/clean.php': fixture('clean.php'), 'src/notes.txt': 'not PHP' });
    const src = join(cwd, 'src');
    const directoriesOf = () => JSON.parse(readFileSync(join(cwd, CACHE), 'utf8')).listings as Record<string, [number, number, boolean, string]>;
    // Changed within the last two seconds: a change in the same clock tick would not move ctime, so nothing is kept.
    await runCli(['--cache', '.'], { cwd });
    expect(directoriesOf()).toEqual({});
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const cold = await runCli(['-f', 'json', '--cache', '.'], { cwd });
    // Without an include, subdirectories, .gitignore, .phpsocketlintrc.json and *.php are all a walk needs.
    expect(directoriesOf()[src]).toEqual([statSync(src).ino, statSync(src).ctimeMs, true, 'fclean.php']);
    // A planted entry shows that the next walk took the kept listing instead of listing the directory.
    const cache = JSON.parse(readFileSync(join(cwd, CACHE), 'utf8'));
    cache.listings[src][3] = 'fclean.php/fplanted.php';
    writeFileSync(join(cwd, CACHE), JSON.stringify(cache));
    const warm = await runCli(['-f', 'json', '--cache', '.'], { cwd });
    expect(parseJsonReport(warm).map((result) => result.filePath)).toEqual([join(cwd, 'src/clean.php'), join(cwd, 'src/planted.php'), join(cwd, 'udp.php')]);
    // A file added moves the directory's ctime: it is listed again, and the new file is found.
    writeFileSync(join(src, 'added.php'), fixture('udp-listen.php'));
    const changed = await runCli(['-f', 'json', '--cache', '.'], { cwd });
    expect(parseJsonReport(changed).map((result) => result.filePath)).toEqual([join(cwd, 'src/added.php'), join(cwd, 'src/clean.php'), join(cwd, 'udp.php')]);
    expect(directoriesOf()).not.toHaveProperty([src]);
    expect(parseJsonReport(cold)).toEqual(parseJsonReport(await runCli(['-f', 'json', '.', '--ignore-pattern', 'src/added.php'], { cwd })));
  }, 30_000);

  it('honours --cache-location (a file, or a directory to hold it), and never caches --fix', async () => {
    const cwd = makeTree({ 'udp.php': fixture('udp-listen.php'), 'tmp/.keep': '' });
    await runCli(['--cache', '--cache-location', 'tmp', '.'], { cwd });
    expect(JSON.parse(readFileSync(join(cwd, 'tmp', CACHE), 'utf8')).entries).toHaveProperty([join(cwd, 'udp.php')]);
    await runCli(['--cache', '--cache-location', 'tmp/lint.cache', '.'], { cwd });
    expect(statSync(join(cwd, 'tmp/lint.cache')).isFile()).toBe(true);
    await runCli(['--cache', '--cache-location', 'fix.cache', '--fix', '.'], { cwd });
    expect(() => statSync(join(cwd, 'fix.cache'))).toThrow();
    const bad = await runCli(['--cache-strategy', 'mtime', '.'], { cwd });
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringContaining('--cache-strategy expects metadata or content, got "mtime"')]);
  });

  it('takes a --cache-location ending in / for a directory, made when missing (ESLint\'s rule); without one it is a file', async () => {
    const cwd = makeTree({ 'udp.php': fixture('udp-listen.php') });
    await runCli(['--cache', '--cache-location', 'new/cache/', '.'], { cwd });
    expect(JSON.parse(readFileSync(join(cwd, 'new/cache', CACHE), 'utf8')).entries).toHaveProperty([join(cwd, 'udp.php')]);
    await runCli(['--cache', '--cache-location', 'other/lint.cache', '.'], { cwd });
    expect(statSync(join(cwd, 'other/lint.cache')).isFile()).toBe(true);
  });
});
