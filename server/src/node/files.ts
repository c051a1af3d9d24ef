// Paths and globs → the files to lint, for the CLI and for the server's "Lint Workspace"
// alike, so both lint the same files. Directories are walked by hand (readdir with file
// types: no stat per entry), globs go to tinyglobby, and every candidate passes the same
// ignore rules.
import { readdirSync, statSync } from 'node:fs';
import { lstat, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { CONFIG_FILE_NAME, type ProjectConfig } from '../core/config';
import { fixedConfig, type ConfigSource } from './config-file';
import {
  ALWAYS_IGNORED_DIRECTORIES,
  DEPENDENCY_DIRECTORY,
  IgnoreRules,
  isBelow,
  isIgnoredBy,
  namesDependencyDirectory,
  patternLayer,
  type PatternLayer,
} from './ignore-rules';

export interface DiscoveryOptions {
  cwd: string;
  /** Paths, directories or globs as typed; relative to cwd. */
  patterns: readonly string[];
  /** --ignore-pattern, relative to cwd. */
  ignorePatterns?: readonly string[];
  /**
   * The project's `.phpsocketlintrc.json`: `include` (which files a directory walk takes;
   * `*.php` when empty) and `exclude`, relative to the file's directory, or to cwd without one.
   * One config for every file, or a source that gives each directory its nearest one.
   */
  config: Pick<ProjectConfig, 'include' | 'exclude' | 'path'> | ConfigSource;
  /** Lists a directory as readdir with file types does (the default); the CLI's --cache keeps listings. */
  lister?: DirectoryLister;
}

/** What the walk asks of a directory's entry: a Dirent answers, and so does a kept listing. */
export interface DirectoryEntry {
  readonly name: string;
  isDirectory(): boolean;
  isSymbolicLink(): boolean;
}

export interface DirectoryLister {
  /**
   * The entries of `directory`; throws as readdir does when it cannot be listed. With
   * `phpOnly`, the files not named *.php may be left out (no include applies there).
   */
  list(directory: string, phpOnly: boolean): readonly DirectoryEntry[];
}

/** Files that a walk takes where no include applies. */
export const PHP_FILE = /\.php$/i;

const READDIR: DirectoryLister = { list: (directory) => readdirSync(directory, { withFileTypes: true }) };

/** The layers of one config, built once per config file. */
interface ConfigScope {
  config: Pick<ProjectConfig, 'include' | 'exclude' | 'path'>;
  include: PatternLayer | undefined;
  /** The include patterns that name vendor/: the walk enters vendor/ for them, and takes only their files there. */
  dependencyInclude: PatternLayer | undefined;
  exclude: PatternLayer | undefined;
}

export interface Discovery {
  /** Absolute, unique, sorted. */
  files: string[];
  /** Files named on the command line that an ignore pattern matches: reported, not linted. */
  ignoredFiles: string[];
  /** Directories the walk could not list, with why. */
  unreadableDirectories: { path: string; message: string }[];
}

/** ESLint's NoFilesFoundError / AllFilesIgnoredError: a usage error, exit code 2. */
export class NoFilesError extends Error {
  override name = 'NoFilesError';
}

/** How long the walk runs before the event loop gets a turn, in milliseconds. */
const TURN_MS = 10;

interface PendingDirectory {
  path: string;
  /** The .gitignore layers that apply to its entries. */
  layers: readonly PatternLayer[];
  /** Its parent's config scope: its own, if it holds a config file. */
  scope: ConfigScope;
  /** The walk entered a vendor/ directory below its root because the include names it. */
  inDependencies: boolean;
}
const GLOB_IGNORE = [...ALWAYS_IGNORED_DIRECTORIES].map((name) => `**/${name}/**`);
const DEPENDENCY_GLOB_IGNORE = `**/${DEPENDENCY_DIRECTORY}/**`;

function configSourceOf(config: DiscoveryOptions['config']): ConfigSource {
  return 'configIn' in config ? config : fixedConfig(config as ProjectConfig);
}

/** The config's include and exclude as layers, relative to its file's directory (cwd without one). */
function scopeOf(config: Pick<ProjectConfig, 'include' | 'exclude' | 'path'>, cwd: string): ConfigScope {
  const directory = config.path ? dirname(config.path) : cwd;
  return {
    config,
    include: patternLayer(directory, config.include),
    dependencyInclude: patternLayer(directory, config.include.filter(namesDependencyDirectory)),
    exclude: patternLayer(directory, config.exclude),
  };
}

/** Whether a file named on the command line (or as --stdin-filename) is ignored; it need not exist. */
export function isNamedFileIgnored(options: Omit<DiscoveryOptions, 'patterns'>, path: string): Promise<boolean> {
  const file = resolve(options.cwd, path);
  const scope = scopeOf(configSourceOf(options.config).configIn(dirname(file)), options.cwd);
  return new IgnoreRules(patternLayer(options.cwd, options.ignorePatterns ?? [])).isFileIgnored(file, options.cwd, scope.exclude);
}

export async function discoverFiles(options: DiscoveryOptions): Promise<Discovery> {
  const rules = new IgnoreRules(patternLayer(options.cwd, options.ignorePatterns ?? []));
  const walker = new Walker(options.cwd, configSourceOf(options.config), rules, options.lister ?? READDIR);
  for (const pattern of options.patterns) await walker.add(pattern);
  return walker.discovery();
}

class Walker {
  private readonly files = new Set<string>();
  private readonly ignoredFiles = new Set<string>();
  private readonly unreadableDirectories: Discovery['unreadableDirectories'] = [];
  /** The first vendor/ directory the current directory's walk skipped, for its no-files message. */
  private skippedDependencies: string | undefined;
  private readonly scopes = new Map<Pick<ProjectConfig, 'include' | 'exclude' | 'path'>, ConfigScope>();

  constructor(
    private readonly cwd: string,
    private readonly configs: ConfigSource,
    private readonly rules: IgnoreRules,
    private readonly lister: DirectoryLister,
  ) {}

  /** The scope of the config for the files of `directory` (see ConfigSource.configIn). */
  private scopeIn(directory: string, hasOwnConfig?: boolean): ConfigScope {
    const config = this.configs.configIn(directory, hasOwnConfig);
    let scope = this.scopes.get(config);
    if (scope === undefined) {
      scope = scopeOf(config, this.cwd);
      this.scopes.set(config, scope);
    }
    return scope;
  }

  discovery(): Discovery {
    return {
      files: [...this.files].sort(),
      ignoredFiles: [...this.ignoredFiles].filter((file) => !this.files.has(file)).sort(),
      unreadableDirectories: this.unreadableDirectories,
    };
  }

  async add(pattern: string): Promise<void> {
    const path = resolve(this.cwd, pattern);
    const stats = await stat(path).catch(() => undefined);
    if (stats?.isDirectory()) return this.addDirectory(pattern, path);
    // A dangling symlink or a link loop is still a file the user named: the reader warns of it.
    if (stats || (await lstat(path).catch(() => undefined))) return this.addNamedFile(path);
    if (isDynamicPattern(pattern)) return this.addGlob(pattern);
    throw new NoFilesError(`No files matching the pattern "${pattern}" were found.`);
  }

  private isFileIgnored(path: string): Promise<boolean> {
    return this.rules.isFileIgnored(path, this.cwd, this.scopeIn(dirname(path)).exclude);
  }

  private async addNamedFile(path: string): Promise<void> {
    if (await this.isFileIgnored(path)) this.ignoredFiles.add(path);
    else this.files.add(path);
  }

  private async addGlob(pattern: string): Promise<void> {
    const { cwd } = this;
    const ignore = namesDependencyDirectory(pattern) ? GLOB_IGNORE : [...GLOB_IGNORE, DEPENDENCY_GLOB_IGNORE];
    const options = { cwd, absolute: true, dot: false, expandDirectories: false, followSymbolicLinks: false };
    const matches = await glob(pattern, { ...options, ignore });
    if (matches.length === 0) {
      // Matches only under vendor/: say so, and how to name them (as the directory walk does).
      const inDependencies = ignore.length > GLOB_IGNORE.length && (await glob(pattern, { ...options, ignore: GLOB_IGNORE })).length > 0;
      const named = pattern.includes('**/') ? pattern.replace('**/', `**/${DEPENDENCY_DIRECTORY}/**/`) : `**/${DEPENDENCY_DIRECTORY}/**/*.php`;
      const vendor = inDependencies ? ` (its matches are all under ${DEPENDENCY_DIRECTORY}/, which is skipped unless the pattern names it, e.g. '${named}')` : '';
      throw new NoFilesError(`No files matching the pattern "${pattern}" were found${vendor}.`);
    }
    const kept = await Promise.all(matches.map(async (match) => ((await this.isFileIgnored(resolve(match))) ? undefined : resolve(match))));
    const files = kept.filter((file) => file !== undefined);
    if (files.length === 0) throw new NoFilesError(`All files matched by "${pattern}" are ignored.`);
    for (const file of files) this.files.add(file);
  }

  private async addDirectory(pattern: string, directory: string): Promise<void> {
    const root = this.rules.gitScopeRoot(directory, this.cwd);
    const above = directory === root ? [] : await this.rules.gitignoreLayers(root, dirname(directory));
    const found: string[] = [];
    this.skippedDependencies = undefined;
    await this.walk(directory, above, this.scopeIn(dirname(directory)), found);
    for (const file of found) this.files.add(file);
    if (found.length === 0) {
      // A tree whose PHP is all under vendor/ finds nothing: say why, and how to lint it anyway.
      const vendor = this.skippedDependencies ? `; ${DEPENDENCY_DIRECTORY}/ directories such as ${relative(this.cwd, this.skippedDependencies) || '.'} are skipped unless named, e.g. '${join(relative(this.cwd, this.skippedDependencies) || '.', '**', '*.php')}'` : '';
      throw new NoFilesError(`No files matching the pattern "${pattern}" were found (no *.php files that are not ignored${vendor}).`);
    }
  }

  /**
   * Depth first with synchronous readdir: on two cores the plain system calls beat libuv's
   * thread pool (ten MediaWiki copies, 9,000 directories), and nothing is allocated per entry
   * but its path. The event loop gets a turn every few milliseconds, for the language server.
   */
  private async walk(root: string, layersAbove: readonly PatternLayer[], scopeAbove: ConfigScope, found: string[]): Promise<void> {
    const pending: PendingDirectory[] = [{ path: root, layers: layersAbove, scope: scopeAbove, inDependencies: false }];
    let turnEnds = performance.now() + TURN_MS;
    for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
      this.walkDirectory(next, pending, found);
      if (performance.now() > turnEnds) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        turnEnds = performance.now() + TURN_MS;
      }
    }
  }

  /** One directory's entries: its files into `found`, its subdirectories onto `pending`. */
  private walkDirectory(next: PendingDirectory, pending: PendingDirectory[], found: string[]): void {
    const { path: directory, layers: layersAbove, inDependencies } = next;
    let scope = next.scope;
    let candidateByName = !inDependencies && !includeAppliesIn(scope, directory);
    let entries = this.list(directory, candidateByName);
    if (entries === undefined) return;
    if (entries.some(isConfigFile)) {
      scope = this.scopeIn(directory, true);
      // Its own config's include decides here: the listing must hold every name.
      if (candidateByName && includeAppliesIn(scope, directory)) {
        candidateByName = false;
        entries = this.list(directory, false);
        if (entries === undefined) return;
      }
    } else {
      // Told now, the source answers each file's later lookup (its lint settings) without a check of its own.
      this.configs.inherit?.(directory, scope.config as ProjectConfig);
    }
    const layers = entries.some((entry) => entry.name === '.gitignore' && !entry.isDirectory())
      ? this.withGitignoreOf(directory, layersAbove)
      : layersAbove;
    // Names are joined by hand: `directory` is already normalised and a name holds no separator.
    const prefix = directory.endsWith(sep) ? directory : directory + sep;
    const ignoresAny = layers.length > 0 || this.rules.hasIgnorePatterns || scope.exclude !== undefined;
    for (const entry of entries) {
      const name = entry.name;
      if (entry.isDirectory()) {
        const path = prefix + name;
        if (!this.isSkippedDirectory(name, path, layers, scope)) pending.push({ path, layers, scope, inDependencies: inDependencies || name === DEPENDENCY_DIRECTORY });
        continue;
      }
      if (candidateByName ? !PHP_FILE.test(name) : !isCandidate(scope, prefix + name, inDependencies)) continue;
      const path = prefix + name;
      if (ignoresAny && this.rules.isIgnored(layers, path, false, scope.exclude)) continue;
      if (this.isFileLike(entry, path)) found.push(path);
    }
  }

  /** A directory's entries, or undefined (and the directory reported) when it cannot be listed. */
  private list(directory: string, phpOnly: boolean): readonly DirectoryEntry[] | undefined {
    try {
      return this.lister.list(directory, phpOnly);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      this.unreadableDirectories.push({ path: directory, message: `Cannot read directory: ${code}.` });
      return undefined;
    }
  }

  /** A directory the walk does not enter; the walk's own root is never asked about. */
  private isSkippedDirectory(name: string, path: string, layers: readonly PatternLayer[], scope: ConfigScope): boolean {
    if (ALWAYS_IGNORED_DIRECTORIES.has(name)) return true;
    if (name === DEPENDENCY_DIRECTORY && !includesDependenciesAt(scope, path)) {
      this.skippedDependencies ??= path;
      return true;
    }
    return this.rules.isIgnored(layers, path, true, scope.exclude);
  }

  private withGitignoreOf(directory: string, layersAbove: readonly PatternLayer[]): readonly PatternLayer[] {
    const own = this.rules.gitignoreInSync(directory);
    return own ? [...layersAbove, own] : layersAbove;
  }


  /**
   * Symlinked directories are not followed (no cycles, no file linted twice). A link to a
   * file counts as a file, and so does a dangling link or a loop: the reader warns of those.
   */
  private isFileLike(entry: { isSymbolicLink(): boolean }, path: string): boolean {
    if (!entry.isSymbolicLink()) return true;
    try {
      return !statSync(path).isDirectory();
    } catch {
      return true;
    }
  }
}

function isConfigFile(entry: DirectoryEntry): boolean {
  return entry.name === CONFIG_FILE_NAME && !entry.isDirectory();
}

/** Whether the config's include decides for the files of `directory` (it is inside the config's directory). */
function includeAppliesIn({ include }: ConfigScope, directory: string): boolean {
  return include !== undefined && (directory === include.base || isBelow(include.base, directory));
}

function includesDependenciesAt({ dependencyInclude }: ConfigScope, path: string): boolean {
  return dependencyInclude !== undefined && isBelow(dependencyInclude.base, path);
}

/**
 * The config's include decides inside the config's directory; elsewhere, and without it,
 * `*.php`. In a vendor/ the walk entered for the include, only the patterns naming vendor/ do.
 */
function isCandidate({ include, dependencyInclude }: ConfigScope, path: string, inDependencies: boolean): boolean {
  if (inDependencies) return dependencyInclude !== undefined && isIgnoredBy([dependencyInclude], path, false);
  if (!include || !isBelow(include.base, path)) return PHP_FILE.test(path);
  return isIgnoredBy([include], path, false);
}
