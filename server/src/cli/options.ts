// Command-line arguments → validated options. Every mistake is a UsageError (exit code 2)
// that names the argument; nothing is guessed.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { isPhpVersion, isRuleSetting, unusedDirectivesSeverity } from '../core/config';
import { RULE_IDS } from '../core/rules/index';
import type { RuleSetting, Severity } from '../core/types';
import { FORMAT_NAMES, type FormatName } from './formatters/index';
import type { FixMode } from './lint-file';
import { CACHE_STRATEGIES, DEFAULT_CACHE_FILE, type CacheStrategy } from './result-cache';

export interface CliOptions {
  /** Paths, directories or globs; `.` when none are given. */
  patterns: string[];
  format: FormatName;
  outputFile: string | undefined;
  fix: FixMode;
  /** undefined: any number of warnings passes. */
  maxWarnings: number | undefined;
  /** --rule settings, which outrank the config file's. */
  rules: Record<string, RuleSetting>;
  /** A config path, false for --no-config, undefined to search from the working directory. */
  config: string | false | undefined;
  somaxconn: number | undefined;
  phpVersion: string | undefined;
  hints: boolean;
  quiet: boolean;
  /** undefined: decide from NO_COLOR, FORCE_COLOR and whether the output is a terminal. */
  color: boolean | undefined;
  ignorePatterns: string[];
  /** --report-unused-disable-directives[-severity]; undefined: as the config file says. */
  unusedDirectives: Severity | 'off' | undefined;
  /** --baseline: drop the findings this baseline file records (beats the config's "baseline"). */
  baseline: string | undefined;
  /** --generate-baseline: record every finding into the baseline file instead of reporting it. */
  generateBaseline: boolean;
  /** --cache: reuse the results of unchanged files from the cache file. */
  cache: boolean;
  cacheLocation: string;
  cacheStrategy: CacheStrategy;
  /** --shard i/n: lint only the i-th of n deterministic parts of the files (1-based). */
  shard: Shard | undefined;
  /** --stdin: lint the text on standard input instead of files. */
  stdin: boolean;
  /** --stdin-filename: the path the text stands for (config, ignores and the report use it). */
  stdinFilename: string | undefined;
  help: boolean;
  version: boolean;
}

export interface Shard {
  index: number;
  count: number;
}

export class UsageError extends Error {
  override name = 'UsageError';
}

const OPTIONS = {
  format: { type: 'string', short: 'f' },
  'output-file': { type: 'string', short: 'o' },
  fix: { type: 'boolean' },
  'fix-dry-run': { type: 'boolean' },
  'max-warnings': { type: 'string' },
  rule: { type: 'string', multiple: true },
  config: { type: 'string', short: 'c' },
  'no-config': { type: 'boolean' },
  somaxconn: { type: 'string' },
  'php-version': { type: 'string' },
  hints: { type: 'boolean' },
  quiet: { type: 'boolean' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  'ignore-pattern': { type: 'string', multiple: true },
  'report-unused-disable-directives': { type: 'boolean' },
  stdin: { type: 'boolean' },
  shard: { type: 'string' },
  cache: { type: 'boolean' },
  'cache-location': { type: 'string' },
  'cache-strategy': { type: 'string' },
  baseline: { type: 'string' },
  'generate-baseline': { type: 'boolean' },
  'stdin-filename': { type: 'string' },
  'report-unused-disable-directives-severity': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

export const HELP_TEXT = `Usage: php-socket-lint [lint] [options] [file|dir|glob]...
       php-socket-lint port [options]     translate a PHP socket program to TypeScript

Lints PHP code that uses ext/sockets. Directories are searched for *.php files,
honouring .gitignore files. With no paths, the current directory is linted.

Output:
  -f, --format <name>        stylish (default), json, sarif, checkstyle, github, junit, gitlab
  -o, --output-file <path>   write the report to a file instead of stdout
      --color, --no-color    force or disable colours (NO_COLOR and FORCE_COLOR work too)
      --quiet                report errors only
      --hints                also report hint- and info-level advice (never counted as warnings)

Rules:
      --rule <id>=<level>    off, hint, info, warn or error; repeatable; beats the config file
      --somaxconn <n>        the kernel's net.core.somaxconn for unrealistic-backlog (default 4096)
      --php-version <x.y>    the PHP version the code targets (default 8.0)
  -c, --config <path>        use this .phpsocketlintrc.json instead of searching for one
      --no-config            use no config file

Files:
      --ignore-pattern <p>   gitignore-style pattern relative to the working directory; repeatable
      --shard <i/n>          lint only part i of n (files split by path), for a CI matrix
      --stdin                lint the text on standard input (with --fix: print the fixed text)
      --stdin-filename <p>   the path that text stands for, in ignores and the report

Directives:
      --report-unused-disable-directives
                             report disable comments that silence nothing, as errors
      --report-unused-disable-directives-severity <off|warn|error>
                             the same, at this severity

Caching:
      --cache                reuse the results of unchanged files (not with --fix)
      --cache-location <p>   the cache file, or a directory for it (default .phpsocketlintcache)
      --cache-strategy <s>   metadata (size and mtime, the default) or content (a hash of the bytes)

Baseline:
      --generate-baseline    record today's findings in the baseline file (--baseline, the config's
                             "baseline", or php-socket-lint-baseline.json) instead of reporting them
      --baseline <path>      do not report the findings this baseline records; name its stale entries

Fixing:
      --fix                  apply safe fixes to the files in place
      --fix-dry-run          compute fixes without writing them (the json format shows "output")

Exit status:
      --max-warnings <n>     exit 1 when there are more than n warnings
  0: no errors (and no more warnings than --max-warnings); 1: errors or too many
  warnings; 2: bad usage, a bad config, no matching files or an internal error.

  -h, --help                 show this help
  -v, --version              show the version

Rules: ${RULE_IDS.join(', ')}
`;

export function parseCliArguments(argv: readonly string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true, tokens: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals, tokens } = parsed;
  if (values.fix && values['fix-dry-run']) throw new UsageError('--fix and --fix-dry-run cannot be used together.');
  if (values.config !== undefined && values['no-config']) throw new UsageError('--config and --no-config cannot be used together.');
  if (values.stdin && positionals.length > 0) throw new UsageError('--stdin reads standard input: name no files (use --stdin-filename for its path).');
  if (values['stdin-filename'] !== undefined && !values.stdin) throw new UsageError('--stdin-filename needs --stdin.');
  return {
    patterns: positionals.length > 0 ? positionals : ['.'],
    format: formatOf(values.format),
    outputFile: values['output-file'],
    fix: values.fix ? 'write' : values['fix-dry-run'] ? 'dry-run' : 'off',
    maxWarnings: maxWarningsOf(values['max-warnings']),
    rules: ruleSettingsOf(values.rule ?? []),
    config: values['no-config'] ? false : values.config,
    somaxconn: values.somaxconn === undefined ? undefined : positiveInteger('--somaxconn', values.somaxconn),
    phpVersion: phpVersionOf(values['php-version']),
    hints: values.hints ?? false,
    quiet: values.quiet ?? false,
    color: lastColorChoice(tokens),
    ignorePatterns: values['ignore-pattern'] ?? [],
    baseline: values.baseline,
    generateBaseline: values['generate-baseline'] ?? false,
    shard: shardOf(values.shard),
    cache: values.cache ?? false,
    cacheLocation: values['cache-location'] ?? DEFAULT_CACHE_FILE,
    cacheStrategy: cacheStrategyOf(values['cache-strategy']),
    stdin: values.stdin ?? false,
    stdinFilename: values['stdin-filename'],
    unusedDirectives: unusedDirectivesOf(values['report-unused-disable-directives'], values['report-unused-disable-directives-severity']),
    help: values.help ?? false,
    version: values.version ?? false,
  };
}

/**
 * A subcommand's own option table (`port`), parsed the same strict way as lint's: unknown
 * options and missing values are UsageErrors naming the argument.
 */
export function parseCommandArguments<Options extends NonNullable<ParseArgsConfig['options']>>(argv: readonly string[], options: Options) {
  try {
    return parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function formatOf(value: string | undefined): FormatName {
  if (value === undefined) return 'stylish';
  if ((FORMAT_NAMES as readonly string[]).includes(value)) return value as FormatName;
  throw new UsageError(`Unknown format "${value}" (known: ${FORMAT_NAMES.join(', ')}).`);
}

function maxWarningsOf(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '-1') return undefined; // ESLint's -1: no limit
  if (!/^\d+$/.test(value.trim())) throw new UsageError(`--max-warnings expects a whole number, got "${value}".`);
  return Number(value);
}

function unusedDirectivesOf(flag: boolean | undefined, severity: string | undefined): Severity | 'off' | undefined {
  if (flag && severity !== undefined) {
    throw new UsageError('--report-unused-disable-directives and --report-unused-disable-directives-severity cannot be used together.');
  }
  if (flag) return 'error';
  if (severity === undefined) return undefined;
  const level = unusedDirectivesSeverity(severity);
  if (level === undefined) throw new UsageError(`--report-unused-disable-directives-severity expects off, warn or error, got "${severity}".`);
  return level;
}

function cacheStrategyOf(value: string | undefined): CacheStrategy {
  if (value === undefined) return 'metadata';
  if ((CACHE_STRATEGIES as readonly string[]).includes(value)) return value as CacheStrategy;
  throw new UsageError(`--cache-strategy expects metadata or content, got "${value}".`);
}

function shardOf(value: string | undefined): Shard | undefined {
  if (value === undefined) return undefined;
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(value);
  const [index, count] = match ? [Number(match[1]), Number(match[2])] : [0, 0];
  if (!match || count < 1 || index < 1 || index > count) throw new UsageError(`--shard expects i/n with 1 <= i <= n, got "${value}".`);
  return { index, count };
}

function positiveInteger(flag: string, value: string): number {
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1) throw new UsageError(`${flag} expects a positive whole number, got "${value}".`);
  return Number(value);
}

function phpVersionOf(value: string | undefined): string | undefined {
  if (value === undefined || isPhpVersion(value)) return value;
  throw new UsageError(`--php-version expects a version like 8.2, got "${value}".`);
}

function ruleSettingsOf(entries: readonly string[]): Record<string, RuleSetting> {
  const rules: Record<string, RuleSetting> = {};
  for (const entry of entries) {
    const match = /^\s*([^=\s]+)\s*=\s*(\S+)\s*$/.exec(entry);
    if (!match) throw new UsageError(`--rule expects <rule-id>=<level>, got "${entry}".`);
    const [, id, setting] = match as unknown as [string, string, string];
    if (!RULE_IDS.includes(id)) throw new UsageError(`Unknown rule "${id}" in --rule (known: ${RULE_IDS.join(', ')}).`);
    if (!isRuleSetting(setting)) throw new UsageError(`--rule ${id}: "${setting}" is not one of off, hint, info, warn, error.`);
    rules[id] = setting;
  }
  return rules;
}

/** --color and --no-color: the later one wins, as with most CLIs. */
function lastColorChoice(tokens: readonly { kind: string; name?: string }[]): boolean | undefined {
  let choice: boolean | undefined;
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    if (token.name === 'color') choice = true;
    else if (token.name === 'no-color') choice = false;
  }
  return choice;
}
