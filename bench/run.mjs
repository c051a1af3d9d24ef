// `npm run bench`: speed and memory of the CLI on all of MediaWiki (installed here from Debian's
// package, never committed), the core on socket-heavy files against a bare php-parser parse,
// and the standalone benchmarks of the language server and the port when they are present.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { homedir, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// Outside the repository: the repository's .gitignore would (rightly) make the CLI skip it.
const work = join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'php-socket-lint-bench');
const mediawiki = join(work, 'mediawiki');
const RUNS = 5;

function ensureMediaWiki() {
  if (existsSync(join(mediawiki, 'usr', 'share', 'mediawiki'))) return;
  mkdirSync(work, { recursive: true });
  console.log('Installing MediaWiki from Debian (apt-get download mediawiki; dpkg -x) …');
  execFileSync('apt-get', ['download', 'mediawiki'], { cwd: work, stdio: 'inherit' });
  const deb = readdirSync(work).find((name) => name.startsWith('mediawiki') && name.endsWith('.deb'));
  if (!deb) throw new Error('apt-get download mediawiki produced no .deb');
  execFileSync('dpkg', ['-x', join(work, deb), mediawiki], { stdio: 'inherit' });
}

/** Best wall time of RUNS runs of a command, in seconds, and the last run's stderr. Exit 2 is a failure. */
function timeCommand(command, args, env = process.env) {
  let best = Infinity;
  let stderr = '';
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    const result = spawnSync(command, args, { cwd: root, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    if (result.error) throw result.error;
    if (result.status === 2) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stderr}`);
    best = Math.min(best, seconds);
    stderr = result.stderr;
  }
  return { seconds: best, stderr };
}

function wholeTree() {
  const tree = join(mediawiki, 'usr', 'share', 'mediawiki');
  const grep = timeCommand('grep', ['-rl', 'socket_', tree, '--include=*.php']);
  const floor = timeCommand('node', [join(root, 'bench', 'floor.mjs'), tree]);
  const lintArgs = ['-r', join(root, 'bench', 'report-rss.cjs'), join(root, 'bin', 'php-socket-lint.js'), tree, '--format', 'json', '-o', '/dev/null'];
  const lint = timeCommand('node', lintArgs);
  // The CLI takes a second thread only where the load average leaves a core free for it: both ways, whatever the load.
  const oneThread = timeCommand('node', lintArgs, { ...process.env, PHP_SOCKET_LINT_THREADS: '1' });
  const twoThreads = timeCommand('node', lintArgs, { ...process.env, PHP_SOCKET_LINT_THREADS: '2' });
  const row = (run) => ({ seconds: run.seconds.toFixed(3), 'peak MB': (Number(/peak-rss-kb (\d+)/.exec(run.stderr)?.[1] ?? NaN) / 1024).toFixed(0) });
  console.log('\nWhole tree: MediaWiki as Debian ships it (usr/share/mediawiki), best of', RUNS);
  console.table({
    'grep -rl socket_': { seconds: grep.seconds.toFixed(3) },
    'floor (walk + read + parse socket files)': { seconds: floor.seconds.toFixed(3) },
    'php-socket-lint (json)': row(lint),
    '  PHP_SOCKET_LINT_THREADS=1': row(oneThread),
    '  PHP_SOCKET_LINT_THREADS=2': row(twoThreads),
  });
  const ratio = (run) => `${(run.seconds / floor.seconds).toFixed(2)}x`;
  console.log(`lint / floor = ${ratio(lint)} (target ≤ 1.0x, issue 16; one thread ${ratio(oneThread)}, two ${ratio(twoThreads)}); lint / grep = ${(lint.seconds / grep.seconds).toFixed(1)}x; load average ${loadavg().map((n) => n.toFixed(2)).join(' ')}`);
}

function socketHeavyFiles() {
  const dir = join(work, 'heavy');
  mkdirSync(dir, { recursive: true });
  // A generated socket-heavy file: a server with many handlers, each full of socket calls.
  let generated = '<?php\n';
  for (let i = 0; i < 300; i++) {
    generated += `function handler${i}($server) {\n  $c = socket_accept($server);\n  if ($c === false) { return false; }\n  $line = socket_read($c, 1024, PHP_NORMAL_READ);\n  if ($line === false || trim($line) === 'quit') { socket_close($c); return true; }\n  socket_write($c, strtoupper($line));\n  socket_close($c);\n  return true;\n}\n`;
  }
  writeFileSync(join(dir, 'generated-server.php'), generated);
  const files = [join(dir, 'generated-server.php'), ...readdirSync(join(root, 'examples')).filter((f) => f.endsWith('.php')).map((f) => join(root, 'examples', f))];
  const mwTree = join(mediawiki, 'usr', 'share', 'mediawiki');
  const mwSocketFiles = execFileSync('grep', ['-rl', 'socket_', mwTree, '--include=*.php'], { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
  const out = spawnSync('node', [join(root, 'bench', 'heavy.mjs'), ...files, ...mwSocketFiles], { cwd: root, encoding: 'utf8' });
  process.stdout.write(out.stdout + out.stderr);
}

function optional(script, label) {
  const path = join(root, 'bench', script);
  if (!existsSync(path)) return;
  console.log(`\n${label} (node bench/${script})`);
  const result = spawnSync('node', [path], { cwd: root, encoding: 'utf8', stdio: 'inherit' });
  if (result.status !== 0) console.log(`(${script} exited ${result.status})`);
}

ensureMediaWiki();
if (!existsSync(join(root, 'dist', 'cli.js'))) execFileSync('node', [join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
wholeTree();
socketHeavyFiles();
console.log('\nCI at scale: ten copies of MediaWiki (node bench/ci-scale.mjs)');
spawnSync('node', [join(root, 'bench', 'ci-scale.mjs'), join(mediawiki, 'usr', 'share', 'mediawiki'), work], { cwd: root, stdio: 'inherit' });
optional('lsp-latency.mjs', 'Language server: didChange → publishDiagnostics');
optional('lsp-responsive.mjs', 'Language server: hover while a 50k-line file lints, memory over a typing storm');
optional('port-throughput.mjs', 'Port: requests per second, PHP original vs TypeScript port');
optional('idiomatic-throughput.mjs', 'Idiomatic port: requests per second, PHP original vs node:net/node:dgram port');
optional('vscode-latency.mjs', 'Real VS Code (code-server, prepared by the e2e set-up): keystroke → Problems panel');
