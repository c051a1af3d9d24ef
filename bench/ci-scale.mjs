// CI at scale on ten copies of MediaWiki (hard links, about 52,000 files): a cold --cache run
// against a warm one, and one shard of four against the whole tree. Run by `npm run bench`
// with the path of an unpacked MediaWiki tree; never committed.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const [source, work] = process.argv.slice(2);
if (!source || !work) throw new Error('usage: node bench/ci-scale.mjs <mediawiki tree> <work directory>');
const RUNS = 3;
const COPIES = 10;
const tree = join(work, 'ten-copies');
const cache = join(work, 'ci-scale.cache');
const cli = join(root, 'bin', 'php-socket-lint.js');

function tenCopies() {
  if (existsSync(join(tree, `copy-${COPIES - 1}`))) return;
  mkdirSync(tree, { recursive: true });
  for (let copy = 0; copy < COPIES; copy++) execFileSync('cp', ['-al', source, join(tree, `copy-${copy}`)]);
}

/** Best of RUNS wall times and CPU times (s), and the peak RSS (MB) of the last run; `before` runs untimed before each. */
function best(args, before = () => {}, env = process.env) {
  let seconds = Infinity;
  let cpu = Infinity;
  let rss = NaN;
  for (let run = 0; run < RUNS; run++) {
    before();
    const start = process.hrtime.bigint();
    const result = spawnSync('node', ['-r', join(root, 'bench', 'report-rss.cjs'), cli, ...args], { cwd: tree, env, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
    seconds = Math.min(seconds, Number(process.hrtime.bigint() - start) / 1e9);
    if (result.status === 2) throw new Error(`php-socket-lint ${args.join(' ')} failed:\n${result.stderr}`);
    rss = Number(/peak-rss-kb (\d+)/.exec(result.stderr)?.[1] ?? NaN) / 1024;
    cpu = Math.min(cpu, Number(/cpu-ms (\d+)/.exec(result.stderr)?.[1] ?? NaN) / 1000);
  }
  return { seconds, cpu, rss };
}

tenCopies();
const report = ['--format', 'json', '-o', '/dev/null', '.'];
const whole = best(report);
const cold = best(['--cache', '--cache-location', cache, ...report], () => rmSync(cache, { force: true }));
const warm = best(['--cache', '--cache-location', cache, ...report]);
const shard = best(['--shard', '1/4', ...report]);
// The CLI takes a second thread only where the load average leaves a core free for it: here it may whatever the load.
const twoThreads = { ...process.env, PHP_SOCKET_LINT_THREADS: '2' };
const wholeTwo = best(report, undefined, twoThreads);
const shardTwo = best(['--shard', '1/4', ...report], undefined, twoThreads);
const grep = (() => {
  let seconds = Infinity;
  for (let run = 0; run < RUNS; run++) {
    const start = process.hrtime.bigint();
    spawnSync('grep', ['-rl', 'socket_', '.', '--include=*.php'], { cwd: tree });
    seconds = Math.min(seconds, Number(process.hrtime.bigint() - start) / 1e9);
  }
  return seconds;
})();
const row = (run) => ({ seconds: run.seconds.toFixed(2), 'CPU s': run.cpu.toFixed(2), 'peak MB': run.rss.toFixed(0) });
console.table({
  'grep -rl socket_': { seconds: grep.toFixed(2) },
  'whole tree': row(whole),
  '--cache, cold': row(cold),
  '--cache, warm': row(warm),
  '--shard 1/4': row(shard),
  'whole tree, PHP_SOCKET_LINT_THREADS=2': row(wholeTwo),
  '--shard 1/4, PHP_SOCKET_LINT_THREADS=2': row(shardTwo),
});
const ratio = (a, b) => `${(a.seconds / b.seconds).toFixed(2)}x (CPU ${(a.cpu / b.cpu).toFixed(2)}x)`;
console.log(`warm / cold = ${ratio(warm, cold)} (target ≤ 0.5x); shard 1/4 / whole = ${ratio(shard, whole)} (target ≤ 0.35x; with PHP_SOCKET_LINT_THREADS=2 ${ratio(shardTwo, wholeTwo)}); load average ${loadavg().map((n) => n.toFixed(2)).join(' ')}`);
