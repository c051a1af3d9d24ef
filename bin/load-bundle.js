'use strict';
// Loads a bundle of dist/ with V8's compiled code kept between runs: compiling the bundle's
// functions is a large part of a small lint's start-up (a pre-commit hook's whole run). Node
// 22.1+ does this itself (module.enableCompileCache); on Node 20 (Debian 13's node) the bundle is
// compiled here with V8's code cache, the same data Node 22 keeps.
//
// The cache lives in the user's own cache directory (not a shared /tmp, where another user
// could plant a file; Node 22's own default is os.tmpdir()), one file per bundle file, Node version and architecture: V8 checks
// only the source's length, so a changed bundle must never meet an older bundle's cache. The
// bundle is known by its inode, size, mtime and ctime, not by a hash of its text: hashing it
// loaded node:crypto and took a tenth of the start-up. mtime alone would not do (npm unpacks
// every file with one fixed mtime), but nothing sets ctime back: a rewrite or a reinstall moves it.
// NODE_DISABLE_COMPILE_CACHE=1 turns it off, as it does Node's own.
const { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } = require('node:fs');
const Module = require('node:module');
const { homedir } = require('node:os');
const { basename, dirname, join } = require('node:path');
const vm = require('node:vm');

const CACHE_BASE = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
const CACHE_LEVELS = ['php-socket-lint', 'v8-code-cache'];

/**
 * A file-name key from a short string: FNV-1a run four times from different offsets, in hex. It need
 * not resist collisions (the string is the bundle's identity, not untrusted input); the lanes
 * share a prime, so it is not 128 independent bits.
 */
function fnv128(text) {
  let hex = '';
  for (const offset of [0x811c9dc5, 0x01000193, 0x9e3779b9, 0x85ebca6b]) {
    let hash = offset;
    for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
    hex += hash.toString(16).padStart(8, '0');
  }
  return hex;
}

function cacheFileFor(file) {
  const { dev, ino, size, mtimeMs, ctimeMs } = statSync(file);
  const key = fnv128(`${process.version} ${process.arch} ${file} ${dev} ${ino} ${size} ${mtimeMs} ${ctimeMs}`);
  return join(CACHE_BASE, ...CACHE_LEVELS, `${basename(file, '.js')}-${key}.bin`);
}

function readOrUndefined(path) {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

/**
 * The cache home and the cache's folders, one level at a time (the home's parent must exist): Node 20's
 * recursive mkdirSync never returns for a path under /proc (XDG_CACHE_HOME=/proc/x hung a run).
 */
function makeCacheDirectory() {
  for (const directory of [CACHE_BASE, ...CACHE_LEVELS.map((_, index) => join(CACHE_BASE, ...CACHE_LEVELS.slice(0, index + 1)))]) {
    try {
      mkdirSync(directory, { mode: 0o700 });
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
    }
  }
}

/** Written beside and renamed, so a run reading it at the same time sees the old file or the new one. */
function writeAtomically(path, data) {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    makeCacheDirectory();
    writeFileSync(temporary, data, { mode: 0o600 });
    renameSync(temporary, path);
  } catch {
    // A read-only home or a full disk: the next run compiles again, and nothing else changes.
    try {
      rmSync(temporary, { force: true });
    } catch {
      // The folder it would be in is not one (a file stands there).
    }
  }
}

function compileWithCache(file) {
  const source = readFileSync(file, 'utf8');
  const cacheFile = cacheFileFor(file);
  const cachedData = readOrUndefined(cacheFile);
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  if (!cachedData || script.cachedDataRejected) {
    // At exit the cache holds every function this run compiled, not only the top level.
    process.once('exit', () => writeAtomically(cacheFile, script.createCachedData()));
  }
  const bundle = new Module(file, module);
  bundle.filename = file;
  bundle.paths = Module._nodeModulePaths(dirname(file));
  script.runInThisContext().call(bundle.exports, bundle.exports, Module.createRequire(file), bundle, file, dirname(file));
  bundle.loaded = true;
  return bundle.exports;
}

/** The exports of `file`, an absolute path to a CommonJS bundle. */
module.exports = function loadBundle(file) {
  if (Module.enableCompileCache) {
    Module.enableCompileCache();
    return require(file);
  }
  return process.env.NODE_DISABLE_COMPILE_CACHE ? require(file) : compileWithCache(file);
};
