#!/usr/bin/env node
// Prepares real VS Code (code-server 4.100.3 = VS Code 1.100.3, the last line on Node 20) for the
// end-to-end tests, once, in a cache folder outside the repository:
//
//   ${XDG_CACHE_HOME:-~/.cache}/php-socket-lint-e2e/code-server-4.100.3
//
// It follows /work/shared/README.md's recipe: code-server from npm without install scripts (they
// download things this machine cannot reach), native modules rebuilt against /usr/include/node,
// the node_modules.asar link VS Code looks for, Debian's rg instead of the downloaded one, and the
// built-in extensions' dependencies. The work happens in a temporary sibling folder that is
// renamed into place with a stamp file last, so an interrupted run leaves nothing half-made
// behind and the next run reuses a finished folder at once.
//
//   node test/e2e/setup.mjs            prepare (or reuse) and print the folder
//   node test/e2e/setup.mjs --force    prepare anew
//
// code-server is never a dependency of the extension: it lives only in that cache folder.
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDebianPackages } from '../../scripts/debian-packages.mjs';

export const CODE_SERVER_VERSION = '4.100.3';
/** Bumped whenever the recipe below changes, so a cache made by an older recipe is redone. */
const RECIPE = 1;
const STAMP = '.php-socket-lint-e2e-ready';

/** Debian packages the recipe needs, with a file that shows each is installed. */
const APT = [
  { pkg: 'chromium', file: '/usr/bin/chromium' },
  { pkg: 'ripgrep', file: '/usr/bin/rg' },
  { pkg: 'libkrb5-dev', file: '/usr/include/gssapi/gssapi.h' },
];

export function cacheRoot() {
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'php-socket-lint-e2e');
}

export function codeServerDir() {
  return join(cacheRoot(), `code-server-${CODE_SERVER_VERSION}`);
}

/** The script that serves VS Code: run it with `node`. */
export function codeServerEntry(dir = codeServerDir()) {
  return join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
}

function stampText() {
  return JSON.stringify({ codeServer: CODE_SERVER_VERSION, recipe: RECIPE, node: process.versions.modules });
}

export function isReady(dir = codeServerDir()) {
  try {
    return readFileSync(join(dir, STAMP), 'utf8') === stampText() && existsSync(codeServerEntry(dir));
  } catch {
    return false;
  }
}

/**
 * Makes sure code-server is prepared and returns its folder. Quiet when the cache is warm;
 * otherwise one line per step on stderr, the tools' own output in `setup.log` beside the folder.
 */
export function ensureCodeServer({ force = false, log = (line) => process.stderr.write(`[e2e setup] ${line}\n`) } = {}) {
  const dir = codeServerDir();
  if (!force && isReady(dir)) return dir;
  ensureDebianPackages(APT, log);

  const root = cacheRoot();
  mkdirSync(root, { recursive: true });
  const work = `${dir}.partial-${process.pid}`;
  const logFile = join(root, 'setup.log');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  writeFileSync(logFile, `setup of code-server ${CODE_SERVER_VERSION} in ${work}\n`);

  const env = {
    ...process.env,
    npm_config_nodedir: '/usr', // Node's headers are in /usr/include/node; nothing is downloaded
    npm_config_yes: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };
  const run = (what, command, args, cwd, extraEnv = {}) => {
    log(what);
    const started = Date.now();
    const result = spawnSync(command, args, { cwd, env: { ...env, ...extraEnv }, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    appendFileSync(logFile, `\n$ (cd ${cwd} && ${command} ${args.join(' ')})\n${result.stdout ?? ''}${result.stderr ?? ''}`);
    if (result.status !== 0) {
      throw new Error(`${what} failed (exit ${result.status ?? result.signal}); see ${logFile}\n${(result.stderr ?? '').slice(-4000)}`);
    }
    appendFileSync(logFile, `(${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
  };

  try {
    writeFileSync(join(work, 'package.json'), JSON.stringify({ name: 'php-socket-lint-e2e-code-server', private: true }, null, 2));
    run(`npm install code-server@${CODE_SERVER_VERSION} (no install scripts)`, 'npm', ['install', '--prefix', work, '--ignore-scripts', '--no-save', `code-server@${CODE_SERVER_VERSION}`], work);
    run('rebuild argon2 from source', 'npm', ['rebuild', 'argon2'], work, { npm_config_build_from_source: 'true' });

    const vscode = join(work, 'node_modules', 'code-server', 'lib', 'vscode');
    run("install VS Code's own dependencies", 'npm', ['install', '--omit=dev', '--ignore-scripts'], vscode);
    run('rebuild native modules', 'npm', ['rebuild', 'kerberos', '@parcel/watcher', '@vscode/spdlog', 'native-watchdog', 'node-pty', '@vscode/deviceid'], vscode);
    rmSync(join(vscode, 'node_modules.asar'), { force: true });
    symlinkSync('node_modules', join(vscode, 'node_modules.asar'));
    const rgBin = join(vscode, 'node_modules', '@vscode', 'ripgrep', 'bin');
    mkdirSync(rgBin, { recursive: true });
    rmSync(join(rgBin, 'rg'), { force: true });
    symlinkSync('/usr/bin/rg', join(rgBin, 'rg'));
    run("install the built-in extensions' dependencies", 'npm', ['install', '--omit=dev', '--ignore-scripts'], join(vscode, 'extensions'));

    writeFileSync(join(work, STAMP), stampText());
    rmSync(dir, { recursive: true, force: true });
    try {
      renameSync(work, dir);
    } catch (error) {
      // Another run finished first and put its folder in place: use that one.
      if (!isReady(dir)) throw error;
      rmSync(work, { recursive: true, force: true });
    }
  } catch (error) {
    rmSync(work, { recursive: true, force: true });
    throw error;
  }
  log(`ready: ${dir}`);
  return dir;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const started = Date.now();
  try {
    const dir = ensureCodeServer({ force: process.argv.includes('--force') });
    process.stdout.write(`${dir}\n`);
    process.stderr.write(`[e2e setup] ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  } catch (error) {
    process.stderr.write(`[e2e setup] ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
