// Paths and globs → the files to lint, for the CLI and for the server's "Lint Workspace"
// alike, so both lint the same files. Directories are walked by hand (readdir with file
// types: no stat per entry), globs go to tinyglobby, and every candidate passes the same
// ignore rules.
import { readdirSync, statSync } from 'node:fs';
import { lstat, stat } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import type { ProjectConfig } from '../core/config';
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
   */
  config: Pick<ProjectConfig, 'include' | 'exclude' | 'path'>;
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

/** The layers a walk applies, built once from the options. */
interface WalkScope {
  cwd: string;
  include: PatternLayer | undefined;
  /** The include patterns that name vendor/: the walk enters vendor/ for them, and takes only their files there. */
  dependencyInclude: PatternLayer | undefined;
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
  /** The walk entered a vendor/ directory below its root because the include names it. */
  inDependencies: boolean;
}
const GLOB_IGNORE = [...ALWAYS_IGNORED_DIRECTORIES].map((name) => `**/${name}/**`);
const DEPENDENCY_GLOB_IGNORE = `**/${DEPENDENCY_DIRECTORY}/**`;

/** The ignore rules a walk applies after .gitignore files: --ignore-pattern, then the config's exclude. */
function trailingRules(options: Omit<DiscoveryOptions, 'patterns'>): IgnoreRules {
  const configDirectory = options.config.path ? dirname(options.config.path) : options.cwd;
  const trailing = [patternLayer(options.cwd, options.ignorePatterns ?? []), patternLayer(configDirectory, options.config.exclude)];
  return new IgnoreRules(trailing.filter((layer) => layer !== undefined));
}

/** Whether a file named on the command line (or as --stdin-filename) is ignored; it need not exist. */
export function isNamedFileIgnored(options: Omit<DiscoveryOptions, 'patterns'>, path: string): Promise<boolean> {
  return trailingRules(options).isFileIgnored(resolve(options.cwd, path), options.cwd);
}

export async function discoverFiles(options: DiscoveryOptions): Promise<Discovery> {
  const { cwd, config } = options;
  const configDirectory = config.path ? dirname(config.path) : cwd;
  const scope: WalkScope = {
    cwd,
    include: patternLayer(configDirectory, config.include),
    dependencyInclude: patternLayer(configDirectory, config.include.filter(namesDependencyDirectory)),
  };
  const walker = new Walker(scope, trailingRules(options), options.lister ?? READDIR);
  for (const pattern of options.patterns) await walker.add(pattern);
  return walker.discovery();
}

class Walker {
  private readonly files = new Set<string>();
  private readonly ignoredFiles = new Set<string>();
  private readonly unreadableDirectories: Discovery['unreadableDirectories'] = [];

  constructor(
    private readonly options: WalkScope,
    private readonly rules: IgnoreRules,
    private readonly lister: DirectoryLister,
  ) {}

  discovery(): Discovery {
    return {
      files: [...this.files].sort(),
      ignoredFiles: [...this.ignoredFiles].filter((file) => !this.files.has(file)).sort(),
      unreadableDirectories: this.unreadableDirectories,
    };
  }

  async add(pattern: string): Promise<void> {
    const path = resolve(this.options.cwd, pattern);
    const stats = await stat(path).catch(() => undefined);
    if (stats?.isDirectory()) return this.addDirectory(pattern, path);
    // A dangling symlink or a link loop is still a file the user named: the reader warns of it.
    if (stats || (await lstat(path).catch(() => undefined))) return this.addNamedFile(path);
    if (isDynamicPattern(pattern)) return this.addGlob(pattern);
    throw new NoFilesError(`No files matching the pattern "${pattern}" were found.`);
  }

  private async addNamedFile(path: string): Promise<void> {
    if (await this.rules.isFileIgnored(path, this.options.cwd)) this.ignoredFiles.add(path);
    else this.files.add(path);
  }

  private async addGlob(pattern: string): Promise<void> {
    const { cwd } = this.options;
    const ignore = namesDependencyDirectory(pattern) ? GLOB_IGNORE : [...GLOB_IGNORE, DEPENDENCY_GLOB_IGNORE];
    const matches = await glob(pattern, { cwd, absolute: true, dot: false, expandDirectories: false, followSymbolicLinks: false, ignore });
    if (matches.length === 0) throw new NoFilesError(`No files matching the pattern "${pattern}" were found.`);
    const kept = await Promise.all(matches.map(async (match) => ((await this.rules.isFileIgnored(resolve(match), cwd)) ? undefined : resolve(match))));
    const files = kept.filter((file) => file !== undefined);
    if (files.length === 0) throw new NoFilesError(`All files matched by "${pattern}" are ignored.`);
    for (const file of files) this.files.add(file);
  }

  private async addDirectory(pattern: string, directory: string): Promise<void> {
    const root = this.rules.gitScopeRoot(directory, this.options.cwd);
    const above = directory === root ? [] : await this.rules.gitignoreLayers(root, dirname(directory));
    const found: string[] = [];
    await this.walk(directory, above, found);
    for (const file of found) this.files.add(file);
    if (found.length === 0) {
      throw new NoFilesError(`No files matching the pattern "${pattern}" were found (no *.php files that are not ignored).`);
    }
  }

  /**
   * Depth first with synchronous readdir: on two cores the plain system calls beat libuv's
   * thread pool (ten MediaWiki copies, 9,000 directories), and nothing is allocated per entry
   * but its path. The event loop gets a turn every few milliseconds, for the language server.
   */
  private async walk(root: string, layersAbove: readonly PatternLayer[], found: string[]): Promise<void> {
    const pending: PendingDirectory[] = [{ path: root, layers: layersAbove, inDependencies: false }];
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
  private walkDirectory({ path: directory, layers: layersAbove, inDependencies }: PendingDirectory, pending: PendingDirectory[], found: string[]): void {
    const candidateByName = !inDependencies && !this.includeAppliesIn(directory);
    let entries: readonly DirectoryEntry[];
    try {
      entries = this.lister.list(directory, candidateByName);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      this.unreadableDirectories.push({ path: directory, message: `Cannot read directory: ${code}.` });
      return;
    }
    const layers = entries.some((entry) => entry.name === '.gitignore' && !entry.isDirectory())
      ? this.withGitignoreOf(directory, layersAbove)
      : layersAbove;
    // Names are joined by hand: `directory` is already normalised and a name holds no separator.
    const prefix = directory.endsWith(sep) ? directory : directory + sep;
    const ignoresAny = layers.length > 0 || this.rules.hasTrailing;
    for (const entry of entries) {
      const name = entry.name;
      if (entry.isDirectory()) {
        const path = prefix + name;
        if (!this.isSkippedDirectory(name, path, layers)) pending.push({ path, layers, inDependencies: inDependencies || name === DEPENDENCY_DIRECTORY });
        continue;
      }
      if (candidateByName ? !PHP_FILE.test(name) : !this.isCandidate(prefix + name, inDependencies)) continue;
      const path = prefix + name;
      if (ignoresAny && this.rules.isIgnored(layers, path, false)) continue;
      if (this.isFileLike(entry, path)) found.push(path);
    }
  }

  /** Whether the config's include decides for the files of `directory` (it is inside the config's directory). */
  private includeAppliesIn(directory: string): boolean {
    const { include } = this.options;
    return include !== undefined && (directory === include.base || isBelow(include.base, directory));
  }

  /** A directory the walk does not enter; the walk's own root is never asked about. */
  private isSkippedDirectory(name: string, path: string, layers: readonly PatternLayer[]): boolean {
    if (ALWAYS_IGNORED_DIRECTORIES.has(name)) return true;
    if (name === DEPENDENCY_DIRECTORY && !this.includesDependenciesAt(path)) return true;
    return this.rules.isIgnored(layers, path, true);
  }

  private includesDependenciesAt(path: string): boolean {
    const { dependencyInclude } = this.options;
    return dependencyInclude !== undefined && isBelow(dependencyInclude.base, path);
  }

  private withGitignoreOf(directory: string, layersAbove: readonly PatternLayer[]): readonly PatternLayer[] {
    const own = this.rules.gitignoreInSync(directory);
    return own ? [...layersAbove, own] : layersAbove;
  }

  /**
   * The config's include decides inside the config's directory; elsewhere, and without it,
   * `*.php`. In a vendor/ the walk entered for the include, only the patterns naming vendor/ do.
   */
  private isCandidate(path: string, inDependencies: boolean): boolean {
    if (inDependencies) return this.options.dependencyInclude !== undefined && isIgnoredBy([this.options.dependencyInclude], path, false);
    const { include } = this.options;
    if (!include || !isBelow(include.base, path)) return PHP_FILE.test(path);
    return isIgnoredBy([include], path, false);
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
