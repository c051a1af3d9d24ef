// What the benchmarks share: the core bundled for plain Node, a bare php-parser, statistics,
// and the language server spawned over stdio as editors run it.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
export const root = fileURLToPath(new URL('..', import.meta.url));
/** Scratch space for bundles, git-ignored. */
export const work = fileURLToPath(new URL('./.work/', import.meta.url));

/** `--runs N` from the command line, or `fallback`. */
export function runsFromArgs(fallback = 15) {
  const index = process.argv.indexOf('--runs');
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
}

/** The core's lintText(), bundled from TypeScript with esbuild as the CLI bundles it. */
export async function loadLintText() {
  const esbuild = await import('esbuild');
  mkdirSync(work, { recursive: true });
  const outfile = `${work}core-lint.cjs`;
  await esbuild.build({ absWorkingDir: root, entryPoints: ['server/src/core/lint.ts'], bundle: true, platform: 'node', format: 'cjs', outfile, logLevel: 'warning' });
  return require(outfile).lintText;
}

/**
 * The core's own parse step, parsePhp(), bundled as loadLintText() bundles the core: php-parser
 * with the core's fast paths (parse.ts) and the names pass. The core-scaling bench reports the lint
 * against it too, beside the lint against a bare stock php-parser parse.
 */
export async function loadParsePhp() {
  const esbuild = await import('esbuild');
  mkdirSync(work, { recursive: true });
  const outfile = `${work}core-parse.cjs`;
  await esbuild.build({ absWorkingDir: root, entryPoints: ['server/src/core/parse.ts'], bundle: true, platform: 'node', format: 'cjs', outfile, logLevel: 'warning' });
  return require(outfile).parsePhp;
}

/** A bare php-parser with the core's options: the floor any lint of a text pays. */
export function bareParser() {
  const { Engine } = require('php-parser');
  return new Engine({ parser: { suppressErrors: true, extractDoc: false, version: '8.5' }, ast: { withPositions: true } });
}

/** Times `run` `runs` times after two warm-up runs; milliseconds. */
export function timeRuns(run, runs) {
  for (let i = 0; i < 2; i++) run();
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  return times;
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export function p90(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.9))];
}

/**
 * `bin/php-socket-lint-server.js --stdio` with a JSON-RPC connection, initialized for pushed
 * diagnostics; `published(uri, version)` resolves with that version's publishDiagnostics.
 * With `{ gc: true }` the server runs through bench/server-gc.cjs, and `collectGarbage()` has its
 * main thread run a full garbage collection.
 */
export async function startLanguageServer({ gc = false } = {}) {
  const { createProtocolConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-languageserver-protocol/node');
  const args = gc ? ['--expose-gc', `${root}bench/server-gc.cjs`] : [`${root}bin/php-socket-lint-server.js`];
  const gcDone = `${work}gc-done-${process.pid}-${Date.now()}.txt`;
  if (gc) {
    mkdirSync(work, { recursive: true });
    writeFileSync(gcDone, '');
  }
  const child = spawn(process.execPath, [...args, '--stdio'], { cwd: root, stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, BENCH_GC_DONE: gcDone } });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const waiting = new Map();
  connection.onNotification('textDocument/publishDiagnostics', (params) => {
    const key = `${params.uri}@${params.version}`;
    waiting.get(key)?.(params);
    waiting.delete(key);
  });
  connection.onRequest('workspace/configuration', (params) => params.items.map(() => ({})));
  connection.onRequest('client/registerCapability', () => null);
  connection.listen();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true } } },
  });
  await connection.sendNotification('initialized', {});
  const published = (uri, version) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} version ${version} within 120 s`)), 120_000);
      waiting.set(`${uri}@${version}`, (params) => {
        clearTimeout(timer);
        resolve(params);
      });
    });
  return {
    connection,
    published,
    pid: child.pid,
    /** A full GC of the server's threads (only with `{ gc: true }`); resolves once it ran. */
    async collectGarbage() {
      if (!gc) throw new Error('started without { gc: true }');
      const count = () => readFileSync(gcDone, 'utf8').split('\n').length;
      const before = count();
      child.kill('SIGUSR2');
      for (let waited = 0; count() === before; waited += 20) {
        if (waited > 30_000) throw new Error('the server did not collect its garbage within 30 s');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    async stop() {
      try {
        await connection.sendRequest('shutdown');
        await connection.sendNotification('exit');
      } finally {
        connection.dispose();
        child.kill();
        if (gc) rmSync(gcDone, { force: true });
      }
    },
  };
}

/** CPU time of a process in ms: its threads' run times from schedstat (ns), else utime + stime (10-ms ticks). */
export function cpuMs(pid) {
  if (!existsSync(`/proc/${pid}/schedstat`)) {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  }
  let ns = 0;
  for (const thread of readdirSync(`/proc/${pid}/task`)) {
    try {
      ns += Number(readFileSync(`/proc/${pid}/task/${thread}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      // a thread that ended between the listing and the read
    }
  }
  return ns / 1e6;
}
