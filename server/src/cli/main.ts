// The CLI as one function, after ESLint's lib/cli.js: arguments in, exit code out
// (0 clean, 1 errors or too many warnings, 2 usage, config, no files or a crash).
// bin/php-socket-lint.js only sets process.exitCode from it.
import { statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { isDynamicPattern } from 'tinyglobby';
import { ConfigError, defaultConfig, lintOptionsOf, type ProjectConfig } from '../core/config';
import { BaselineError, readBaselineFile, writeBaselineFile } from '../node/baseline-file';
import { fixedConfig, NearestConfigs, readConfigFile, type ConfigSource } from '../node/config-file';
import { applyBaseline, baselineFromResults, baselinePathOf } from './baseline';
import type { LintOptions } from '../core/types';
import { discoverFiles, isNamedFileIgnored, NoFilesError, type Discovery } from '../node/files';
import { FORMATTERS } from './formatters/index';
import { encodeLike, lintFile, type LintSettings } from './lint-file';
import { lintFiles, type SettingsOf, type SkippedFile } from './lint-files';
import { LintPool } from './lint-pool';
import { cacheFilePath, ResultCache } from './result-cache';
import { HELP_TEXT, parseCliArguments, UsageError, type CliOptions, type Shard } from './options';
import { fileMessage, fileResult, totalsOf, type LintFileResult } from './results';
import { VERSION } from './version';

export interface CliEnvironment {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  stdout: { write(data: string | Uint8Array): unknown; isTTY?: boolean };
  stderr: { write(data: string | Uint8Array): unknown };
  stdin?: AsyncIterable<Buffer | string>;
}

/** The streams are process's getters, read when first written: each loads stream code, and stdin opens a handle. */
function processEnvironment(): CliEnvironment {
  return {
    cwd: process.cwd(),
    env: process.env,
    get stdout() {
      return process.stdout;
    },
    get stderr() {
      return process.stderr;
    },
    get stdin() {
      return process.stdin;
    },
  };
}

export async function execute(argv: readonly string[], io: CliEnvironment = processEnvironment()): Promise<number> {
  // The port is a third of the bundle: evaluated only for `port` (esbuild keeps an import() lazy).
  if (argv[0] === 'port') return (await import('./port-command')).runPortCommand(argv.slice(1));
  const args = argv[0] === 'lint' ? argv.slice(1) : argv;
  try {
    return await lint(parseCliArguments(args), io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`php-socket-lint: ${error.message}\nRun "php-socket-lint --help" for the options.\n`);
      return 2;
    }
    if (error instanceof ConfigError || error instanceof NoFilesError || error instanceof BaselineError) {
      io.stderr.write(`php-socket-lint: ${error.message}\n`);
      return 2;
    }
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr.write(`php-socket-lint crashed, please report this: ${detail}\n`);
    return 2;
  }
}

/** PHP_SOCKET_LINT_THREADS is 1, 2 or auto (the load decides, as when it is unset); a typo is a usage error, not "auto". */
function checkThreadSetting(env: CliEnvironment['env']): void {
  const threads = env.PHP_SOCKET_LINT_THREADS;
  if (threads !== undefined && threads !== '' && !['1', '2', 'auto'].includes(threads)) {
    throw new UsageError(`PHP_SOCKET_LINT_THREADS must be 1, 2 or auto, not "${threads}"`);
  }
}

async function lint(options: CliOptions, io: CliEnvironment): Promise<number> {
  if (options.help) {
    io.stdout.write(HELP_TEXT);
    return 0;
  }
  if (options.version) {
    io.stdout.write(`${VERSION}\n`);
    return 0;
  }
  checkThreadSetting(io.env);
  const configs = configSourceOf(options, io.cwd);
  if (options.stdin) return lintStdin(options, configs, io);
  // Fixing writes files: its results are never taken from, nor put into, the cache.
  const cache = options.cache && options.fix === 'off' ? ResultCache.load(cacheFilePath(options.cacheLocation, io.cwd), options.cacheStrategy, (message) => io.stderr.write(`php-socket-lint: warning: ${message}\n`)) : undefined;
  // The cache keeps directory listings too: a warm walk stats an unchanged directory instead of listing it.
  // A tree to walk often has files enough for a second thread (lint-pool.ts): its worker starts now and boots while
  // the walk runs. Not for a warm cache, which lints few files if any (lintFiles starts one should many need it).
  const walksTree = (cache === undefined || cache.isEmpty) && options.patterns.some((pattern) => namesTree(pattern, io.cwd));
  const pool = walksTree ? LintPool.start(io.env) : undefined;
  let discovery: Discovery;
  try {
    discovery = await discoverFiles({ cwd: io.cwd, patterns: options.patterns, ignorePatterns: options.ignorePatterns, config: configs, lister: cache?.lister });
  } catch (error) {
    pool?.close();
    throw error;
  }
  const linted = await lintFiles(shardFiles(discovery.files, options.shard, io.cwd), settingsPerConfig(configs, options, options.fix), cache, { started: pool, env: io.env });
  cache?.save();
  // Files that are named but not linted belong to the first shard only, so the shards add up to the whole.
  const unlinted = !options.shard || options.shard.index === 1 ? unlintedResults(discovery, options) : [];
  let results = [...linted.results, ...unlinted];
  const baselinePath = baselinePathOf(options, configs.configIn(io.cwd), io.cwd);
  if (options.generateBaseline) return writeBaseline(results, baselinePath!, io);
  if (baselinePath !== undefined) results = applyBaseline(results, readBaselineFile(baselinePath), baselinePath);
  results.sort((a, b) => (a.filePath < b.filePath ? -1 : a.filePath > b.filePath ? 1 : 0));
  reportBrokenLinks(linted.brokenLinks, io);
  const written = await writeReport(results, options, io);
  return written ? exitCodeOf(results, options, io) : 2;
}

/** A directory or a glob, not a file (a pre-commit hook names a few files): one stat. */
function namesTree(pattern: string, cwd: string): boolean {
  if (isDynamicPattern(pattern)) return true;
  try {
    return statSync(resolve(cwd, pattern), { throwIfNoEntry: false })?.isDirectory() ?? false;
  } catch {
    return false;
  }
}

/**
 * --shard i/n: the files sorted by their path relative to the working directory, dealt out in
 * turn, so every machine of a CI matrix computes the same split and the shards are even.
 */
function shardFiles(files: readonly string[], shard: Shard | undefined, cwd: string): string[] {
  if (!shard) return [...files];
  // Discovery's order usually is this one already, and sorting a sorted array is one pass.
  const byPath = files.map((file) => ({ file, key: shardKey(file, cwd) })).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return byPath.filter((_, position) => position % shard.count === shard.index - 1).map(({ file }) => file);
}

/** The path relative to cwd with `/` separators; a file below cwd needs no path.relative() (52,000 of them took 70 ms). */
function shardKey(file: string, cwd: string): string {
  const prefix = cwd.endsWith(sep) ? cwd : cwd + sep;
  const key = file.startsWith(prefix) ? file.slice(prefix.length) : relative(cwd, file);
  return sep === '/' ? key : key.split(sep).join('/');
}

/** --generate-baseline: the findings go into the file instead of the report; exit 0. */
async function writeBaseline(results: readonly LintFileResult[], path: string, io: CliEnvironment): Promise<number> {
  const baseline = baselineFromResults(results, path);
  await writeBaselineFile(path, baseline);
  const findings = baseline.entries.reduce((sum, entry) => sum + entry.count, 0);
  io.stderr.write(`php-socket-lint: baseline of ${findings} finding(s) in ${baseline.entries.length} entries written to ${relative(io.cwd, path) || path}\n`);
  return 0;
}

/** ESLint's name for text without a file. */
const STDIN_NAME = '<text>';
const IGNORED_FILE = 'File ignored because of a matching ignore pattern (.gitignore, --ignore-pattern or the config\'s "exclude").';

/**
 * --stdin: the text stands for --stdin-filename (or `<text>`). With --fix the fixed text goes to
 * stdout, as formatters in an editor's pipe expect, and the report of what remains to stderr
 * (or --output-file); nothing is written to disk.
 */
async function lintStdin(options: CliOptions, configs: ConfigSource, io: CliEnvironment): Promise<number> {
  const filePath = options.stdinFilename === undefined ? STDIN_NAME : resolve(io.cwd, options.stdinFilename);
  const bytes = await readAll(io.stdin);
  const scope = { cwd: io.cwd, ignorePatterns: options.ignorePatterns, config: configs };
  const ignored = options.stdinFilename !== undefined && (await isNamedFileIgnored(scope, filePath));
  // The named file's config, as for a file on disk; text without a name takes the working directory's.
  const settingsOf = settingsPerConfig(configs, options, options.fix === 'off' ? 'off' : 'dry-run');
  const settings = options.stdinFilename === undefined ? settingsOf(join(io.cwd, STDIN_NAME)) : settingsOf(filePath);
  const result = ignored ? fileResult(filePath, options.quiet ? [] : [fileMessage(1, IGNORED_FILE)]) : await lintFile(filePath, bytes, settings);
  if (options.fix !== 'write') return (await writeReport([result], options, io)) ? exitCodeOf([result], options, io) : 2;
  // The text back in its own encoding, byte for byte when nothing was fixed.
  io.stdout.write(result.output === undefined ? bytes : encodeLike(bytes, result.output));
  delete result.output;
  return (await writeReport([result], options, io, io.stderr)) ? exitCodeOf([result], options, io) : 2;
}

async function readAll(stream: AsyncIterable<Buffer | string> | undefined): Promise<Buffer> {
  const chunks: Buffer[] = [];
  if (stream) for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

/** --config or --no-config settle one config for every file; else each file has its nearest one, as in the editor. */
function configSourceOf(options: CliOptions, cwd: string): ConfigSource {
  if (options.config === false) return fixedConfig(defaultConfig());
  if (options.config !== undefined) return fixedConfig(readConfigFile(resolve(cwd, options.config)));
  return new NearestConfigs();
}

/**
 * Each file's settings, made once per config: the cache keys its entries by them. Files come
 * sorted, so the last directory's answer serves its files without a lookup.
 */
function settingsPerConfig(configs: ConfigSource, options: CliOptions, fix: LintSettings['fix']): SettingsOf {
  const byConfig = new Map<ProjectConfig, LintSettings>();
  let last: { directory: string; settings: LintSettings } | undefined;
  return (path) => {
    const directory = dirname(path);
    if (last?.directory === directory) return last.settings;
    const config = configs.configIn(directory);
    let settings = byConfig.get(config);
    if (settings === undefined) {
      settings = { lintOptions: lintOptionsFrom(config, options), fix, showHints: options.hints, quiet: options.quiet };
      byConfig.set(config, settings);
    }
    last = { directory, settings };
    return settings;
  };
}

/** Command-line settings outrank the config file's. */
function lintOptionsFrom(config: ProjectConfig, options: CliOptions): LintOptions {
  const fromConfig = lintOptionsOf(config);
  return {
    rules: { ...fromConfig.rules, ...options.rules },
    somaxconn: options.somaxconn ?? fromConfig.somaxconn,
    phpVersion: options.phpVersion ?? fromConfig.phpVersion,
    reportUnusedDisableDirectives: options.unusedDirectives ?? fromConfig.reportUnusedDisableDirectives,
    maxFileCharacters: fromConfig.maxFileCharacters,
  };
}

/** Named files an ignore pattern matched (a warning, as ESLint gives) and directories that could not be listed. */
function unlintedResults(discovery: Discovery, options: CliOptions): LintFileResult[] {
  const results = discovery.unreadableDirectories.map(({ path, message }) => fileResult(path, [fileMessage(2, message)]));
  if (!options.quiet) {
    for (const path of discovery.ignoredFiles) results.push(fileResult(path, [fileMessage(1, IGNORED_FILE)]));
  }
  return results;
}

/** Dangling links and link loops are no files: a warning each, outside the report and the exit code. */
function reportBrokenLinks(links: readonly SkippedFile[], io: CliEnvironment): void {
  for (const { path, message } of links) io.stderr.write(`php-socket-lint: warning: ${relative(io.cwd, path) || path}: ${message}\n`);
}

function useColor(options: CliOptions, io: CliEnvironment): boolean {
  if (options.color !== undefined) return options.color;
  if (options.outputFile !== undefined) return false;
  const { FORCE_COLOR, NO_COLOR } = io.env;
  // As in Node itself: FORCE_COLOR beats NO_COLOR, and both beat terminal detection.
  if (FORCE_COLOR !== undefined) return FORCE_COLOR !== '0' && FORCE_COLOR !== 'false';
  if (NO_COLOR !== undefined && NO_COLOR !== '') return false;
  return io.stdout.isTTY === true && io.env.TERM !== 'dumb';
}

/** The report goes to --output-file, else to `out` (stdout, or stderr where stdout carries the fixed text). */
async function writeReport(results: LintFileResult[], options: CliOptions, io: CliEnvironment, out?: CliEnvironment['stdout']): Promise<boolean> {
  const report = FORMATTERS[options.format](results, { cwd: io.cwd, color: useColor(options, io), shard: options.shard });
  if (options.outputFile === undefined) {
    if (report !== '') (out ?? io.stdout).write(report);
    return true;
  }
  const target = resolve(io.cwd, options.outputFile);
  try {
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, report);
    return true;
  } catch (error) {
    io.stderr.write(`php-socket-lint: cannot write the report to ${target}: ${(error as NodeJS.ErrnoException).code ?? String(error)}\n`);
    return false;
  }
}

function exitCodeOf(results: readonly LintFileResult[], options: CliOptions, io: CliEnvironment): number {
  if (results.some((result) => result.crashed)) return 2;
  const totals = totalsOf(results);
  const tooManyWarnings = options.maxWarnings !== undefined && totals.warningCount > options.maxWarnings;
  if (tooManyWarnings) io.stderr.write(`php-socket-lint found too many warnings (maximum: ${options.maxWarnings}).\n`);
  return totals.errorCount > 0 || tooManyWarnings ? 1 : 0;
}
