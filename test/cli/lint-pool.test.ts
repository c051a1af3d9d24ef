// The lint thread (server/src/cli/lint-pool.ts) through the real CLI: a tree with many files
// has its socket files linted on a second thread as it is read; the report is the one a run
// gets that lints the same files on the main thread (named on the command line, too few to
// start a worker). PHP_SOCKET_LINT_THREADS=2 has the worker start on a busy machine too.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import Module from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixture, makeTree, parseJsonReport, removeTrees, resultFor, runCli, type JsonResult } from './cli-harness';

const caches: string[] = [];
afterAll(() => {
  removeTrees();
  for (const cache of caches) rmSync(cache, { recursive: true, force: true });
});

/** A socket server of `handlers` functions, each with findings of its own (unchecked returns, a partial write). */
function generatedServer(handlers: number): string {
  let text = '<?php\n';
  for (let n = 0; n < handlers; n++) {
    text += `function handler${n}($server) {\n  $c = socket_accept($server);\n  $line = socket_read($c, 1024, PHP_NORMAL_READ);\n  socket_write($c, strtoupper($line));\n  socket_close($c);\n}\n`;
  }
  return text;
}

/** Deeper than the main thread's stack: linted again in the big-stack worker, wherever it is first linted. */
function deeplyNested(depth: number): string {
  return `<?php\n$s = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP);\n${'if ($a) {\n'.repeat(depth)}socket_listen($s, 5);\n${'}\n'.repeat(depth)}`;
}

/** `clean` files without the socket API around the given socket files, so the reading has far to go after the first. */
function treeWith(socketFiles: Record<string, string | Buffer>, clean: number): string {
  const files: Record<string, string | Buffer> = { ...socketFiles };
  for (let n = 0; n < clean; n++) files[`m/plain${String(n).padStart(3, '0')}.php`] = `<?php\necho ${n};\n`;
  return makeTree(files);
}

function workerCodeCaches(cacheHome: string): string[] {
  const directory = join(cacheHome, 'php-socket-lint', 'v8-code-cache');
  return existsSync(directory) ? readdirSync(directory).filter((name) => name.startsWith('cli-lint-worker-')) : [];
}

/** The two runs' results for the socket files, and the exit codes. */
async function treeAgainstNamed(cwd: string, socketFiles: string[]) {
  const cacheHome = mkdtempSync(join(tmpdir(), 'php-socket-lint-pool-cache-'));
  caches.push(cacheHome);
  const env = { XDG_CACHE_HOME: cacheHome, PHP_SOCKET_LINT_THREADS: '2' };
  const named = await runCli(['-f', 'json', ...socketFiles], { cwd, env });
  const workerCachesAfterNamed = workerCodeCaches(cacheHome);
  const tree = await runCli(['-f', 'json', '.'], { cwd, env });
  const socketResults = (run: typeof tree): JsonResult[] => parseJsonReport(run).filter((result) => socketFiles.some((file) => result.filePath === join(cwd, file)));
  return { named, tree, namedResults: socketResults(named), treeResults: socketResults(tree), workerCachesAfterNamed, workerCachesAfterTree: workerCodeCaches(cacheHome) };
}

// On Node 20 bin/load-bundle.js keeps V8's code cache itself, per bundle: a cli-lint-worker file says that the worker ran
// (and ended as it should, since the file is written at its exit). Node 22 keeps its own cache elsewhere.
const ownCodeCache = (Module as { enableCompileCache?: unknown }).enableCompileCache === undefined;

describe('the lint thread', () => {
  it('lints the socket files of a large tree with the findings they have when linted on the main thread', async () => {
    const socketFiles: Record<string, string | Buffer> = {
      'a/udp-listen.php': fixture('udp-listen.php'),
      'n/tcp-unchecked.php': fixture('tcp-unchecked.php'),
      'n/syntax-error.php': fixture('syntax-error.php'),
      'n/latin1.php': Buffer.from("<?php\n// Grüße\n$s = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP);\nsocket_listen($s, 5);\n", 'latin1'),
      'n/binary.php': Buffer.concat([Buffer.from('<?php socket_create(AF_INET, SOCK_STREAM, SOL_TCP);'), Buffer.from([0, 1, 2])]),
      'n/deep.php': deeplyNested(2000),
      'z/server.php': generatedServer(20),
    };
    const cwd = treeWith(socketFiles, 300);
    const run = await treeAgainstNamed(cwd, Object.keys(socketFiles));
    expect(run.named.code).toBe(1);
    expect(run.tree.code).toBe(1);
    expect(run.namedResults).toHaveLength(Object.keys(socketFiles).length);
    expect(run.treeResults).toEqual(run.namedResults);
    // Each has something to compare: findings, a parse error, the Latin-1 note, the binary skip, the deep file's finding.
    for (const result of run.treeResults) expect(result.messages.length, result.filePath).toBeGreaterThan(0);
    if (ownCodeCache) {
      expect(run.workerCachesAfterNamed).toEqual([]);
      expect(run.workerCachesAfterTree).toHaveLength(1);
    }
  }, 120_000);

  it('has the main thread lint too when the worker falls far behind, with the same findings', async () => {
    // 24 servers of ~50 KB: more than a MiB of socket code waits for the worker as the reading ends.
    const socketFiles: Record<string, string> = {};
    // Named to come first: the worker starts only with many files left to read.
    for (let n = 0; n < 24; n++) socketFiles[`a/server${String(n).padStart(2, '0')}.php`] = generatedServer(300 + n);
    const cwd = treeWith(socketFiles, 250);
    const run = await treeAgainstNamed(cwd, Object.keys(socketFiles));
    expect(run.tree.code).toBe(run.named.code);
    expect(run.treeResults).toHaveLength(24);
    expect(run.treeResults).toEqual(run.namedResults);
    expect(run.tree.stderr).toBe(run.named.stderr);
  }, 240_000);

  it('leaves a file too deep for the main thread to fix as the main thread does: the worker has its stack', async () => {
    // 1,500 nested ifs: too deep for the main thread's stack, not for a worker's default 4 MB.
    const deep = `<?php\n$s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);\nif (!is_resource($s)) { exit(1); }\n${'if ($a) {\n'.repeat(1500)}socket_listen($s, 5);\n${'}\n'.repeat(1500)}`;
    const cwd = treeWith({ 'a/udp-listen.php': fixture('udp-listen.php'), 'n/deep-fixable.php': deep }, 250);
    const cacheHome = mkdtempSync(join(tmpdir(), 'php-socket-lint-pool-cache-'));
    caches.push(cacheHome);
    const env = { XDG_CACHE_HOME: cacheHome, PHP_SOCKET_LINT_THREADS: '2' };
    const named = resultFor(parseJsonReport(await runCli(['--fix-dry-run', '-f', 'json', 'n/deep-fixable.php'], { cwd, env })), 'deep-fixable.php');
    const tree = resultFor(parseJsonReport(await runCli(['--fix-dry-run', '-f', 'json', '.'], { cwd, env })), 'deep-fixable.php');
    // The main thread reports the is_resource() test and fixes nothing.
    expect(named.output).toBeUndefined();
    expect(named.messages.map((message) => message.ruleId)).toContain('socket-is-resource');
    expect(tree).toEqual(named);
  }, 120_000);

  it('keeps to one thread with PHP_SOCKET_LINT_THREADS=1', async () => {
    const cwd = treeWith({ 'a/udp-listen.php': fixture('udp-listen.php') }, 250);
    const cacheHome = mkdtempSync(join(tmpdir(), 'php-socket-lint-pool-cache-'));
    caches.push(cacheHome);
    const run = await runCli(['-f', 'json', '.'], { cwd, env: { XDG_CACHE_HOME: cacheHome, PHP_SOCKET_LINT_THREADS: '1' } });
    expect(run.code).toBe(1);
    expect(resultFor(parseJsonReport(run), 'udp-listen.php').messages.map((message) => message.ruleId)).toContain('listen-on-datagram');
    if (ownCodeCache) expect(workerCodeCaches(cacheHome)).toEqual([]);
  }, 60_000);

  it('takes PHP_SOCKET_LINT_THREADS=auto, and refuses a value that is not 1, 2 or auto', async () => {
    const cwd = treeWith({ 'a/udp-listen.php': fixture('udp-listen.php') }, 5);
    expect((await runCli(['-f', 'json', '.'], { cwd, env: { PHP_SOCKET_LINT_THREADS: 'auto' } })).code).toBe(1);
    const typo = await runCli(['-f', 'json', '.'], { cwd, env: { PHP_SOCKET_LINT_THREADS: '4' } });
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('PHP_SOCKET_LINT_THREADS must be 1, 2 or auto, not "4"');
  }, 60_000);

  it('starts no worker for a tree without socket files, and ends at once', async () => {
    const cwd = treeWith({}, 300);
    const cacheHome = mkdtempSync(join(tmpdir(), 'php-socket-lint-pool-cache-'));
    caches.push(cacheHome);
    const run = await runCli(['-f', 'json', '.'], { cwd, env: { XDG_CACHE_HOME: cacheHome, PHP_SOCKET_LINT_THREADS: '2' } });
    expect(run.code).toBe(0);
    expect(parseJsonReport(run)).toHaveLength(300);
    // Started while the walk ran, then terminated unused: it never got to write a code cache.
    if (ownCodeCache) expect(workerCodeCaches(cacheHome)).toEqual([]);
  }, 60_000);
});
