// Finding and reading `.phpsocketlintrc.json` from disk, for the CLI and the language server alike:
// the config of a file is the nearest one in its directory or above (as the editor finds it for a
// document), so a repository with one config per package lints the same in CI and in the editor.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { CONFIG_FILE_NAME, ConfigError, defaultConfig, validateConfig, type ProjectConfig } from '../core/config';

/** Where the config of a directory's files comes from. */
export interface ConfigSource {
  /**
   * The config for the files of `directory`; throws ConfigError for a bad file. `hasOwn` is
   * whether the directory holds a config file, when a listing of it already told.
   */
  configIn(directory: string, hasOwn?: boolean): ProjectConfig;
  /** Told by a walk that `directory` holds no config file, and so has its parent's `config`. */
  inherit?(directory: string, config: ProjectConfig): void;
}

/** One config for every file: --config, --no-config, or a caller that settled it. */
export function fixedConfig(config: ProjectConfig): ConfigSource {
  return { configIn: () => config };
}

/**
 * The nearest config file of each directory, looked up once per directory (a directory asks its
 * parent, so a tree costs one existence check per directory, none where a listing told), and
 * each config file read once. Directories without one share the defaults.
 */
export class NearestConfigs implements ConfigSource {
  private readonly pathByDirectory = new Map<string, string | null>();
  private readonly configByPath = new Map<string, ProjectConfig>();
  private readonly defaults = defaultConfig();

  constructor(private readonly exists: (path: string) => boolean = existsSync) {}

  inherit(directory: string, config: ProjectConfig): void {
    this.pathByDirectory.set(directory, config.path ?? null);
  }

  /** The nearest config file's path, or undefined. */
  configPathIn(directory: string): string | undefined {
    return this.pathIn(directory) ?? undefined;
  }

  configIn(directory: string, hasOwn?: boolean): ProjectConfig {
    const path = this.pathIn(directory, hasOwn);
    if (path === null) return this.defaults;
    let config = this.configByPath.get(path);
    if (config === undefined) {
      config = readConfigFile(path);
      this.configByPath.set(path, config);
    }
    return config;
  }

  private pathIn(directory: string, hasOwn?: boolean): string | null {
    const known = this.pathByDirectory.get(directory);
    if (known !== undefined) return known;
    let path: string | null;
    if (hasOwn ?? this.exists(join(directory, CONFIG_FILE_NAME))) path = join(directory, CONFIG_FILE_NAME);
    else {
      // The walk told of the parent first: for it, this is one lookup and no join() per directory.
      const parent = dirname(directory);
      path = parent === directory ? null : this.pathIn(parent);
    }
    this.pathByDirectory.set(directory, path);
    return path;
  }
}

/** Reads one config file (JSON with comments and trailing commas). Throws ConfigError for unreadable files, bad JSON and bad values. */
export function readConfigFile(path: string): ProjectConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(path, `cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  const errors: ParseError[] = [];
  const raw: unknown = parse(text, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: false });
  if (errors.length > 0) throw new ConfigError(path, `invalid JSON: ${describe(text, errors[0]!)}`);
  return validateConfig(path, raw);
}

/** The nearest `.phpsocketlintrc.json` in `directory` or above it, or undefined. */
export function findConfigFile(directory: string, exists: (path: string) => boolean): string | undefined {
  return new NearestConfigs(exists).configPathIn(directory);
}

/** "InvalidSymbol at 3:7": the parser's error code and a 1-based line and column. */
function describe(text: string, error: ParseError): string {
  const before = text.slice(0, error.offset);
  const line = before.split(/\r\n|\r|\n/).length;
  const column = error.offset - Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r'));
  return `${printParseErrorCode(error.error)} at ${line}:${column}`;
}
